package com.taskoverflow.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** What became of the jobs a fault test had accepted, and the figure line it prints. */
public final class Outcomes {

  private Outcomes() {
  }

  /** Every accepted job must end in SUCCESS; answers how many did, and how many ran more than once. */
  public static int[] awaitAllSucceeded(ApiClient api, List<String> accepted, Duration limit) {
    return awaitAllSucceeded(api, accepted, () -> limit);
  }

  /** The same, with every job in SUCCESS within {@code total} from now: a bound on the whole run. */
  public static int[] awaitAllSucceededWithin(ApiClient api, List<String> accepted, Duration total) {
    long deadline = System.nanoTime() + total.toNanos();
    return awaitAllSucceeded(api, accepted, () -> Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }

  private static int[] awaitAllSucceeded(ApiClient api, List<String> accepted, Supplier<Duration> limit) {
    int succeeded = 0;
    int redelivered = 0;
    for (String url : accepted) {
      JsonObject status = Jobs.awaitFinal(api, url, limit.get());
      assertEquals("SUCCESS", status.getString("task_status"), status::encode);
      succeeded++;
      if (status.getInteger("attempts") > 1) {
        redelivered++;
      }
    }
    return new int[] {succeeded, redelivered};
  }

  public static String figures(List<String> accepted, int[] outcome, long left) {
    return "jobs accepted " + accepted.size() + ", succeeded " + outcome[0] + ", lost " + (accepted.size() - outcome[0])
        + ", ran more than once " + outcome[1] + " (one outcome each), left in queue " + left;
  }
}
