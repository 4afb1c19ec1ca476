package com.taskoverflow.config;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ConfigLoaderTest {

  @Test
  void aDeploymentFileOverridesOnlyWhatItNames(Vertx vertx, VertxTestContext ctx, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("worker.yaml");
    Files.writeString(file, "roles: [worker]\nworker:\n  concurrency: 3\n");
    ConfigLoader.load(vertx, file.toString()).onComplete(ctx.succeeding(json -> ctx.verify(() -> {
      AppConfig config = AppConfig.from(json);
      assertEquals(Set.of(Role.WORKER), config.roles());
      assertEquals(3, config.worker().concurrency());
      assertTrue(config.worker().visibilityTimeoutMs() > 0, "defaults beside an override survive");
      assertEquals(6400, config.http().port());
      ctx.completeNow();
    })));
  }

  @Test
  void theShippedDeploymentFilesAreValid(Vertx vertx, VertxTestContext ctx) {
    io.vertx.core.Future.all(
            ConfigLoader.load(vertx, "conf/config.yaml"),
            ConfigLoader.load(vertx, "conf/api.yaml"),
            ConfigLoader.load(vertx, "conf/worker.yaml"))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          AppConfig allInOne = AppConfig.from(all.resultAt(0));
          assertEquals(EnumSet.allOf(Role.class), allInOne.roles());
          assertEquals(1, allInOne.vertxOptions().getEventLoopPoolSize(), "one JVM with every role: one event loop");
          AppConfig api = AppConfig.from(all.resultAt(1));
          assertEquals(EnumSet.of(Role.HTTP, Role.STORE), api.roles());
          assertTrue(api.cluster().enabled());
          AppConfig worker = AppConfig.from(all.resultAt(2));
          assertEquals(EnumSet.of(Role.WORKER), worker.roles());
          assertTrue(worker.cluster().enabled());
          assertEquals("127.0.0.1", worker.cluster().host());
          assertEquals(new io.vertx.core.VertxOptions().getEventLoopPoolSize(), worker.vertxOptions().getEventLoopPoolSize(),
              "a JVM of its own: Vert.x's default");
          ctx.completeNow();
        })));
  }

  @Test
  void aMissingExplicitFileIsAnError(Vertx vertx, VertxTestContext ctx) {
    ConfigLoader.load(vertx, "/nonexistent/taskoverflow.yaml").onComplete(ctx.failingThenComplete());
  }

  @Test
  void environmentVariablesLandInTheTreeTypedLikeTheDefaults(Vertx vertx, VertxTestContext ctx) {
    ConfigLoader.load(vertx, null).onComplete(ctx.succeeding(defaults -> ctx.verify(() -> {
      JsonObject merged = defaults.copy()
          .put("TASKOVERFLOW_HTTP_PORT", "7001")
          .put("TASKOVERFLOW_PG_URL", "postgresql://app:secret@db.internal:5433/todos")
          .put("TASKOVERFLOW_REDIS_URL", "redis://cache:6380/2")
          .put("TASKOVERFLOW_ROLES", "http, store")
          .put("TASKOVERFLOW_BROKER", "sqs")
          .put("TASKOVERFLOW_SQS_QUEUE", "jobs-prod")
          .put("TASKOVERFLOW_SQS_CREATE_QUEUES", "false")
          .put("TASKOVERFLOW_HTTP_H2C", "true")
          .put("TASKOVERFLOW_HTTP_HEADER_TIMEOUT_MS", "5000")
          .put("TASKOVERFLOW_EVENT_LOOPS", "3");
      AppConfig config = AppConfig.from(ConfigLoader.applyEnvironment(merged));
      assertEquals(Broker.SQS, config.queue().broker());
      assertEquals("jobs-prod", config.queue().sqs().queue());
      assertFalse(config.queue().sqs().createQueues());
      assertEquals(7001, config.http().port());
      assertEquals("db.internal", config.postgres().connectOptions().getHost());
      assertEquals(5433, config.postgres().connectOptions().getPort());
      assertEquals("todos", config.postgres().connectOptions().getDatabase());
      assertEquals("secret", config.postgres().connectOptions().getPassword());
      assertEquals("redis://cache:6380/2", config.redis().url());
      assertEquals(EnumSet.of(Role.HTTP, Role.STORE), config.roles());
      assertTrue(config.http().h2c());
      assertEquals(5000, config.http().headerTimeoutMs());
      assertEquals(3, config.vertxOptions().getEventLoopPoolSize());

      assertThrows(IllegalArgumentException.class,
          () -> ConfigLoader.applyEnvironment(defaults.copy().put("TASKOVERFLOW_HTTP_H2C", "yes")));
      JsonObject badPort = defaults.copy().put("TASKOVERFLOW_HTTP_PORT", "sixty-four hundred");
      assertThrows(IllegalArgumentException.class, () -> ConfigLoader.applyEnvironment(badPort));
      ctx.completeNow();
    })));
  }

  @Test
  void badValuesFailAtStartUpWithTheirName(Vertx vertx, VertxTestContext ctx) {
    ConfigLoader.load(vertx, null).onComplete(ctx.succeeding(defaults -> ctx.verify(() -> {
      assertEquals(EnumSet.allOf(Role.class), AppConfig.from(defaults).roles());
      IllegalArgumentException role = assertThrows(IllegalArgumentException.class,
          () -> AppConfig.from(defaults.copy().put("roles", "http,cook")));
      assertTrue(role.getMessage().contains("cook"));
      IllegalArgumentException redis = assertThrows(IllegalArgumentException.class,
          () -> AppConfig.from(defaults.copy().put("redis", new JsonObject().put("url", "localhost:6379"))));
      assertTrue(redis.getMessage().contains("Redis URL"));
      IllegalArgumentException broker = assertThrows(IllegalArgumentException.class,
          () -> AppConfig.from(defaults.copy().put("broker", "kafka")));
      assertTrue(broker.getMessage().contains("kafka"));
      JsonObject worker = defaults.getJsonObject("worker").copy().put("large-exports", -1);
      IllegalArgumentException exports = assertThrows(IllegalArgumentException.class,
          () -> AppConfig.from(defaults.copy().put("worker", worker)));
      assertTrue(exports.getMessage().contains("worker.large-exports"), exports.getMessage());
      IllegalArgumentException loops = assertThrows(IllegalArgumentException.class,
          () -> AppConfig.from(defaults.copy().put("event-loops", -2)));
      assertTrue(loops.getMessage().contains("event-loops"), loops.getMessage());
      assertEquals(2 * AppConfig.from(defaults).worker().builderThreads(), AppConfig.from(defaults).worker().largeExports());
      ctx.completeNow();
    })));
  }

  @Test
  void everySettingHasItsEnvironmentVariable(Vertx vertx, VertxTestContext ctx) {
    ConfigLoader.load(vertx, null).onComplete(ctx.succeeding(defaults -> ctx.verify(() -> {
      // an operator sets the deployment from the environment (compose, Terraform): no setting may be missing
      java.util.Set<String> missing = new java.util.TreeSet<>();
      collectUnmapped(defaults, "", missing);
      assertEquals(java.util.Set.of(), missing);
      ctx.completeNow();
    })));
  }

  private static void collectUnmapped(JsonObject tree, String prefix, java.util.Set<String> missing) {
    for (String name : tree.fieldNames()) {
      String path = prefix + name;
      if (tree.getValue(name) instanceof JsonObject branch) {
        collectUnmapped(branch, path + ".", missing);
      } else if (!ConfigLoader.ENVIRONMENT.containsValue(path)) {
        missing.add(path);
      }
    }
  }
}
