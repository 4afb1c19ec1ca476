package com.taskoverflow.config;

import com.taskoverflow.common.Backoff;
import io.vertx.core.json.JsonObject;

/** The life of a calendar job: attempts, retry backoff, time limit, how long results are kept. */
public record JobsConfig(
    int maxAttempts, long retryBaseMs, long retryMaxMs, long timeoutMs, long retentionMs,
    long deadLetterRetentionMs, long sweepIntervalMs, long maxQueued) {

  static JobsConfig from(JsonObject json) {
    JobsConfig config = new JobsConfig(
        json.getInteger("max-attempts"),
        json.getLong("retry-base-ms"),
        json.getLong("retry-max-ms"),
        json.getLong("timeout-ms"),
        json.getLong("retention-ms"),
        json.getLong("dead-letter-retention-ms"),
        json.getLong("sweep-interval-ms"),
        json.getLong("max-queued", 1_000_000L));
    if (config.maxAttempts < 1 || config.retryBaseMs < 0 || config.retryMaxMs < config.retryBaseMs
        || config.timeoutMs < 1 || config.retentionMs < 1 || config.deadLetterRetentionMs < 1
        || config.sweepIntervalMs < 100 || config.maxQueued < 1) {
      throw new IllegalArgumentException("jobs.*: max-attempts, max-queued and times must be positive,"
          + " retry-max-ms >= retry-base-ms");
    }
    return config;
  }

  /** The wait before attempt n+1: between half and all of base * 2^(n-1), at most max. */
  public Backoff retryBackoff() {
    return new Backoff(retryBaseMs, retryMaxMs);
  }
}
