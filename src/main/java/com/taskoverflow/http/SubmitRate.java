package com.taskoverflow.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calendar submissions per client, as token buckets: {@code perSecond} a second, bursts of twice
 * that. Shared by the JVM's server instances. Buckets that have filled up again are forgotten on
 * each {@link #forgetIdle()}, so the map holds only clients submitting now.
 */
final class SubmitRate {

  /** One client's tokens, refilled by the time passed. */
  private static final class Bucket {
    private double tokens;
    private long updatedNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedNanos = now;
    }
  }

  private final double perSecond;
  private final double burst;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** {@code perSecond} 0: no limit. */
  SubmitRate(int perSecond) {
    this.perSecond = perSecond;
    this.burst = 2.0 * perSecond;
  }

  boolean limited() {
    return perSecond > 0;
  }

  /** Takes a token for {@code client}; answers 0 if it had one, else the seconds until it will. */
  long take(String client) {
    long now = System.nanoTime();
    long[] wait = new long[1];
    buckets.compute(client, (key, bucket) -> {
      Bucket current = bucket == null ? new Bucket(burst, now) : refilled(bucket, now);
      if (current.tokens >= 1) {
        current.tokens -= 1;
      } else {
        wait[0] = (long) Math.ceil((1 - current.tokens) / perSecond);
      }
      return current;
    });
    return wait[0];
  }

  private Bucket refilled(Bucket bucket, long now) {
    bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedNanos) / 1e9 * perSecond);
    bucket.updatedNanos = now;
    return bucket;
  }

  /** Drops the buckets that would be full now: their clients have not submitted lately. */
  void forgetIdle() {
    long now = System.nanoTime();
    buckets.entrySet().removeIf(entry -> entry.getValue().tokens + (now - entry.getValue().updatedNanos) / 1e9 * perSecond >= burst);
  }

  int clients() {
    return buckets.size();
  }
}
