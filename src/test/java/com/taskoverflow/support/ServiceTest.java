package com.taskoverflow.support;

import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** A test class with the whole service running for it, on a private database and key prefix. */
@ExtendWith(VertxExtension.class)
public abstract class ServiceTest {

  protected static RunningService service;
  protected static ApiClient api;

  @BeforeAll
  static void startService(VertxTestContext ctx) {
    RunningService.start().onComplete(ctx.succeeding(started -> {
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
