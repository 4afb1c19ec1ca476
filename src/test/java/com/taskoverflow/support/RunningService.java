package com.taskoverflow.support;

import com.taskoverflow.TaskOverflow;
import com.taskoverflow.config.AppConfig;
import com.taskoverflow.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The whole service deployed in a test's Vert.x instance, on a free port, with a private database
 * and Redis key prefix, talking to the real PostgreSQL and Redis.
 */
public final class RunningService {

  public final String database = TestServices.uniqueName("taskoverflow_test_");
  public final String redisPrefix = TestServices.uniqueName("test-") + ":";
  public final int port = TestServices.freePort();
  private final Vertx vertx;

  private RunningService(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Deploys every role, with {@code overrides} merged over the normal configuration. */
  public static Future<RunningService> start(Vertx vertx, JsonObject overrides) {
    RunningService service = new RunningService(vertx);
    return ConfigLoader.load(vertx, null)
        .map(config -> AppConfig.from(config.mergeIn(service.settings().mergeIn(overrides, true), true)))
        .compose(config -> TaskOverflow.deploy(vertx, config))
        .map(service);
  }

  public static Future<RunningService> start(Vertx vertx) {
    return start(vertx, new JsonObject());
  }

  private JsonObject settings() {
    return new JsonObject()
        .put("roles", "http,store,worker")
        .put("http", new JsonObject().put("port", port).put("host", "127.0.0.1").put("instances", 2))
        .put("postgres", new JsonObject().put("url", TestServices.pgUrl(database)))
        .put("redis", new JsonObject().put("url", TestServices.REDIS_URL).put("key-prefix", redisPrefix));
  }

  public ApiClient client() {
    return new ApiClient("http://127.0.0.1:" + port);
  }

  /** Undeploys everything, then removes the private database and keys. */
  public Future<Void> stop() {
    return Future.join(vertx.deploymentIDs().stream().map(vertx::undeploy).toList())
        .transform(undeployed -> Future.join(
            TestServices.dropDatabase(vertx, database),
            TestServices.deleteKeys(vertx, redisPrefix)))
        .mapEmpty();
  }
}
