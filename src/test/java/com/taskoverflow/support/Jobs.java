package com.taskoverflow.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.taskoverflow.support.ApiClient.Reply;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/** Calendar jobs as a client drives them: submit, then poll until a final state. */
public final class Jobs {

  public static final Set<String> FINAL = Set.of("SUCCESS", "FAILURE", "CANCELLED");

  private Jobs() {
  }

  /** Submits a job; answers the 202 body. */
  public static JsonObject submit(ApiClient api) {
    Reply reply = api.post("/api/v1/todos/ical", "");
    assertEquals(202, reply.status(), reply::toString);
    return reply.json();
  }

  /** Polls the status URL until the job is final or the time is up (then fails the test). */
  public static JsonObject awaitFinal(ApiClient api, String statusUrl, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    JsonObject status;
    do { // looked at once at least, however little time is left
      Reply reply = api.get(statusUrl);
      assertEquals(200, reply.status(), reply::toString);
      status = reply.json();
      if (FINAL.contains(status.getString("task_status"))) {
        return status;
      }
      sleep(20);
    } while (System.nanoTime() < deadline);
    return fail("job not final after " + limit + ": " + status);
  }

  /** Polls the status URL until the job is in {@code state} (failing the test when the time is up). */
  public static void awaitState(ApiClient api, String statusUrl, String state, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!state.equals(api.get(statusUrl).json().getString("task_status"))) {
      if (System.nanoTime() >= deadline) {
        fail("never " + state + " within " + limit);
      }
      sleep(20);
    }
  }

  /** How a job ended in FAILURE: its last status, and the highest attempt it was seen in RETRY after. */
  public record Failed(JsonObject status, int retriesSeen) {
  }

  /**
   * Polls until the job fails for good (failing the test when the time is up); {@code onRetry}
   * sees every RETRY status on the way.
   */
  public static Failed awaitFailure(ApiClient api, String statusUrl, Duration limit,
      java.util.function.Consumer<JsonObject> onRetry) {
    long deadline = System.nanoTime() + limit.toNanos();
    int retriesSeen = 0;
    JsonObject status;
    do {
      status = api.get(statusUrl).json();
      if ("RETRY".equals(status.getString("task_status"))) {
        retriesSeen = Math.max(retriesSeen, status.getInteger("attempts"));
        onRetry.accept(status);
      }
      if (System.nanoTime() >= deadline) {
        fail("never failed for good: " + status);
      }
      sleep(20);
    } while (!"FAILURE".equals(status.getString("task_status")));
    return new Failed(status, retriesSeen);
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
