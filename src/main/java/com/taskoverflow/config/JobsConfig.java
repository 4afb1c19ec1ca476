package com.taskoverflow.config;

import io.vertx.core.json.JsonObject;

/** The life of a calendar job: attempts, retry backoff, time limit, how long results are kept. */
public record JobsConfig(
    int maxAttempts, long retryBaseMs, long retryMaxMs, long timeoutMs, long retentionMs,
    long deadLetterRetentionMs, long sweepIntervalMs) {

  static JobsConfig from(JsonObject json) {
    JobsConfig config = new JobsConfig(
        json.getInteger("max-attempts"),
        json.getLong("retry-base-ms"),
        json.getLong("retry-max-ms"),
        json.getLong("timeout-ms"),
        json.getLong("retention-ms"),
        json.getLong("dead-letter-retention-ms"),
        json.getLong("sweep-interval-ms"));
    if (config.maxAttempts < 1 || config.retryBaseMs < 0 || config.retryMaxMs < config.retryBaseMs
        || config.timeoutMs < 1 || config.retentionMs < 1 || config.deadLetterRetentionMs < 1
        || config.sweepIntervalMs < 100) {
      throw new IllegalArgumentException("jobs.*: max-attempts and times must be positive, retry-max-ms >= retry-base-ms");
    }
    return config;
  }

  /** Exponential backoff with jitter: before attempt n+1, between half and all of base * 2^(n-1). */
  public long retryDelayMs(int failedAttempt, double random) {
    double ceiling = Math.min(retryMaxMs, retryBaseMs * Math.pow(2, Math.max(0, failedAttempt - 1)));
    return (long) (ceiling / 2 + random * ceiling / 2);
  }
}
