package com.taskoverflow.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.taskoverflow.support.ApiClient.Reply;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;

/** Calendar jobs as a client drives them: submit, then poll until a final state. */
public final class Jobs {

  public static final Set<String> FINAL = Set.of("SUCCESS", "FAILURE");

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
    JsonObject status = null;
    while (System.nanoTime() < deadline) {
      Reply reply = api.get(statusUrl);
      assertEquals(200, reply.status(), reply::toString);
      status = reply.json();
      if (FINAL.contains(status.getString("task_status"))) {
        return status;
      }
      sleep(20);
    }
    return fail("job not final after " + limit + ": " + status);
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
