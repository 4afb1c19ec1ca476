package com.taskoverflow.common;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, for reconnecting and retrying: after n failures, a random wait
 * between half and all of {@code initialMs * 2^(n-1)}, at most {@code maxMs}.
 */
public record Backoff(long initialMs, long maxMs) {

  /** The wait before try {@code failures + 1}, after {@code failures} failed tries. */
  public long delayMs(int failures) {
    return delayMs(failures, ThreadLocalRandom.current().nextDouble());
  }

  /** The same, with the random draw ({@code 0 <= random < 1}) given. */
  public long delayMs(int failures, double random) {
    double step = Math.min(maxMs, initialMs * Math.pow(2, Math.min(30, Math.max(0, failures - 1))));
    return (long) (step / 2 + random * step / 2);
  }
}
