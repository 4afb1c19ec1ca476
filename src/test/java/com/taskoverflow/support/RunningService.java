package com.taskoverflow.support;

import com.taskoverflow.TaskOverflow;
import com.taskoverflow.config.AppConfig;
import com.taskoverflow.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import com.taskoverflow.config.Role;
import com.taskoverflow.queue.Brokers;
import java.util.Set;

/**
 * The whole service in a Vert.x instance of its own (as if in its own JVM: its own event bus), on
 * a free port, with a private database and Redis key prefix, on the real PostgreSQL and Redis.
 */
public final class RunningService {

  public final String database = TestServices.uniqueName("taskoverflow_test_");
  public final String redisPrefix = TestServices.uniqueName("test-") + ":";
  public final int port = TestServices.freePort();
  private final Vertx vertx;
  private AppConfig config;

  private RunningService(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Deploys every role, with {@code overrides} merged over the normal configuration. */
  public static Future<RunningService> start(JsonObject overrides) {
    return startOn(Vertx.vertx(), overrides);
  }

  /** The same in a given Vert.x (e.g. a cluster member); it is closed when the service stops. */
  public static Future<RunningService> startOn(Vertx vertx, JsonObject overrides) {
    RunningService service = new RunningService(vertx);
    return ConfigLoader.load(vertx, null)
        .map(config -> AppConfig.from(config.mergeIn(service.settings().mergeIn(overrides, true), true)))
        .compose(config -> {
          service.config = config;
          return TaskOverflow.deploy(vertx, config).mapEmpty();
        })
        .map(service)
        .onFailure(failure -> vertx.close());
  }

  /** Every role with these {@code http.*} settings over the normal ones; waits for it to start. */
  public static RunningService startedWithHttp(JsonObject http) throws Exception {
    return start(new JsonObject().put("http", http)).toCompletionStage().toCompletableFuture()
        .get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** {@link #stop()}, waiting for it. */
  /** What a test does with a service of its own. */
  @FunctionalInterface
  public interface Use {
    void with(RunningService service) throws Exception;
  }

  /** A service of its own with these settings merged over the normal ones, for {@code use}, then stopped. */
  public static void during(JsonObject overrides, Use use) throws Exception {
    RunningService own = start(overrides).toCompletionStage().toCompletableFuture()
        .get(30, java.util.concurrent.TimeUnit.SECONDS);
    try {
      use.with(own);
    } finally {
      own.stopNow();
    }
  }

  public void stopNow() throws Exception {
    stop().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  public static Future<RunningService> start() {
    return start(new JsonObject());
  }

  private JsonObject settings() {
    return new JsonObject()
        .put("roles", "http,store,worker")
        .put("http", new JsonObject().put("port", port).put("host", "127.0.0.1").put("instances", 2))
        .put("postgres", new JsonObject().put("url", TestServices.pgUrl(database)))
        .put("redis", new JsonObject().put("url", TestServices.REDIS_URL).put("key-prefix", redisPrefix))
        // a queue of its own, for when SQS is the broker
        .put("sqs", new JsonObject().put("queue", sqsQueue()).put("dead-letter-queue", sqsQueue() + "-dlq"))
        // failing jobs retry at once: the tests wait for outcomes, not for production backoff
        .put("jobs", new JsonObject().put("retry-base-ms", 20).put("retry-max-ms", 100));
  }

  private String sqsQueue() {
    return redisPrefix.replace(":", "");
  }

  /** Queues a job the way the service's own broker does, for rows a test wrote itself. */
  public Future<Void> queueJob(java.util.UUID id) {
    return Brokers.open(vertx, config.queue()).compose(broker -> broker.enqueue(id.toString()).eventually(broker::close));
  }

  /** Adds roles to the running service, e.g. a worker after jobs were accepted without one. */
  public Future<Void> deploy(Role... roles) {
    return TaskOverflow.deploy(vertx, config.withRoles(Set.of(roles))).mapEmpty();
  }

  /** The service's own Vert.x: its event bus is where the roles' services answer. */
  public Vertx vertx() {
    return vertx;
  }

  public AppConfig config() {
    return config;
  }

  public ApiClient client() {
    return new ApiClient("http://127.0.0.1:" + port);
  }

  /** Stops the service, then removes its private database and keys. */
  public Future<Void> stop() {
    Vertx cleaner = Vertx.vertx();
    return vertx.close()
        .transform(closed -> Future.join(
            TestServices.dropDatabase(cleaner, database),
            TestServices.deleteKeys(cleaner, redisPrefix)))
        .eventually(cleaner::close)
        .mapEmpty();
  }
}
