package com.taskoverflow.config;

import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Set;

/** The whole configuration of one JVM, read once at start-up. */
public record AppConfig(
    Set<Role> roles, long requestTimeoutMs, int eventLoops, HttpConfig http, PostgresConfig postgres, BrokerConfig queue,
    WorkerConfig worker, JobsConfig jobs, EmbeddedConfig embedded, ClusterConfig cluster, AuthConfig auth) {

  public static AppConfig from(JsonObject json) {
    return new AppConfig(
        roles(json.getValue("roles")),
        json.getLong("request-timeout-ms"),
        eventLoops(json.getInteger("event-loops")),
        HttpConfig.from(json.getJsonObject("http")),
        PostgresConfig.from(json.getJsonObject("postgres")),
        new BrokerConfig(Broker.parse(json.getString("broker", "redis")), RedisConfig.from(json.getJsonObject("redis")),
            SqsConfig.from(json.getJsonObject("sqs"))),
        WorkerConfig.from(json.getJsonObject("worker")),
        JobsConfig.from(json.getJsonObject("jobs")),
        new EmbeddedConfig(Boolean.parseBoolean(String.valueOf(json.getJsonObject("embedded").getValue("enabled")))),
        ClusterConfig.from(json.getJsonObject("cluster")),
        AuthConfig.from(json.getJsonObject("auth")));
  }

  /** The Vert.x threads: {@code event-loops} of them, or Vert.x's own number (two per core) for 0. */
  public VertxOptions vertxOptions() {
    VertxOptions options = new VertxOptions();
    return eventLoops > 0 ? options.setEventLoopPoolSize(eventLoops) : options;
  }

  public RedisConfig redis() {
    return queue.redis();
  }

  public StoreRoleConfig storeRole() {
    return new StoreRoleConfig(postgres, queue, jobs, Math.max(worker.visibilityTimeoutMs(), worker.deadAfterMs()), auth);
  }

  public WorkerRoleConfig workerRole() {
    return new WorkerRoleConfig(worker, queue, jobs, requestTimeoutMs);
  }

  public HttpRoleConfig httpRole() {
    return new HttpRoleConfig(http, requestTimeoutMs, jobs, auth);
  }

  public boolean runs(Role role) {
    return roles.contains(role);
  }

  public AppConfig withRoles(Set<Role> newRoles) {
    return new AppConfig(EnumSet.copyOf(newRoles), requestTimeoutMs, eventLoops, http, postgres, queue, worker, jobs, embedded, cluster, auth);
  }

  public AppConfig clustered() {
    return new AppConfig(roles, requestTimeoutMs, eventLoops, http, postgres, queue, worker, jobs, embedded, cluster.enable(), auth);
  }

  /** The same configuration with PostgreSQL and Redis where they were found or started. */
  public AppConfig withServers(PostgresConfig resolvedPostgres, RedisConfig resolvedRedis) {
    return new AppConfig(roles, requestTimeoutMs, eventLoops, http, resolvedPostgres,
        new BrokerConfig(queue.broker(), resolvedRedis, queue.sqs()), worker, jobs, embedded, cluster, auth);
  }

  private static int eventLoops(int value) {
    if (value < 0) {
      throw new IllegalArgumentException("event-loops must be 0 (Vert.x's default) or more, got " + value);
    }
    return value;
  }

  private static Set<Role> roles(Object value) {
    if (value instanceof JsonArray array) {
      return Role.parseList(String.join(",", array.stream().map(String::valueOf).toList()));
    }
    return Role.parseList(String.valueOf(value));
  }
}
