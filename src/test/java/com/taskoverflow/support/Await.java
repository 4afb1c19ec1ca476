package com.taskoverflow.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A test thread waiting for a future: its value, or the code its service failed it with. */
public final class Await {

  private static final long LIMIT_SECONDS = 30;

  private Await() {
  }

  public static <T> T result(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(LIMIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("no answer within " + LIMIT_SECONDS + " s", e);
    }
  }

  /** Asserts that the service answered with a failure of this code; answers its message. */
  public static String failure(int expectedCode, Future<?> future) {
    try {
      Object value = future.toCompletionStage().toCompletableFuture().get(LIMIT_SECONDS, TimeUnit.SECONDS);
      return fail("expected failure " + expectedCode + ", got " + value);
    } catch (ExecutionException e) {
      ReplyException reply = assertInstanceOf(ReplyException.class, e.getCause());
      assertEquals(ReplyFailure.RECIPIENT_FAILURE, reply.failureType(), reply::toString);
      assertEquals(expectedCode, reply.failureCode(), reply::getMessage);
      return reply.getMessage();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("no answer within " + LIMIT_SECONDS + " s", e);
    }
  }
}
