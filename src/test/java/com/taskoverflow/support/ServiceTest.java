package com.taskoverflow.support;

import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class with the whole service running for it, on a private database and key prefix (and
 * queue), with Redis as the broker, or SQS and no Redis where the class says {@link OnSqs}.
 */
@ExtendWith(VertxExtension.class)
public abstract class ServiceTest {

  protected static RunningService service;
  protected static ApiClient api;
  /** The settings every service of this class starts with: the broker's, for one. */
  protected static JsonObject profile = new JsonObject();

  @BeforeAll
  static void startService(VertxTestContext ctx, TestInfo test) {
    profile = test.getTestClass().filter(type -> type.isAnnotationPresent(OnSqs.class)).isPresent()
        ? TestSqs.brokerSettings() : new JsonObject();
    RunningService.start(profile.copy()).onComplete(ctx.succeeding(started -> {
      service = started;
      api = started.client();
      ctx.completeNow();
    }));
  }

  @AfterAll
  static void stopService(VertxTestContext ctx) {
    service.stop().onComplete(ctx.succeedingThenComplete());
  }
}
