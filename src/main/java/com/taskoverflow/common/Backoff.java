package com.taskoverflow.common;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter, for reconnecting and retrying: between half and all of the step. */
public record Backoff(long initialMs, long maxMs) {

  /** The wait before try {@code failures + 1}, after {@code failures} failed tries. */
  public long delayMs(int failures) {
    double step = Math.min(maxMs, initialMs * Math.pow(2, Math.min(30, Math.max(0, failures - 1))));
    return (long) (step / 2 + ThreadLocalRandom.current().nextDouble() * step / 2);
  }
}
