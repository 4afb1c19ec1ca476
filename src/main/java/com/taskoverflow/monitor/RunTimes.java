package com.taskoverflow.monitor;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Quantiles of run times from histogram buckets, as Prometheus' {@code histogram_quantile} reads
 * them from {@code /metrics}: linear within the bucket the rank falls in.
 */
final class RunTimes {

  static final String COUNT = "count";
  static final String P50_MS = "p50_ms";
  static final String P99_MS = "p99_ms";

  private RunTimes() {
  }

  /** {@code {"count": n, "p50_ms": x, "p99_ms": y}}; the quantiles null when nothing ran. */
  static JsonObject summary(NavigableMap<Double, Long> buckets) {
    long count = buckets.values().stream().mapToLong(Long::longValue).sum();
    return new JsonObject().put(COUNT, count)
        .put(P50_MS, count == 0 ? null : quantile(buckets, count, 0.5) * 1000)
        .put(P99_MS, count == 0 ? null : quantile(buckets, count, 0.99) * 1000);
  }

  /** The {@code q} quantile, in seconds, of {@code count} values in buckets of upper bounds (seconds). */
  static double quantile(NavigableMap<Double, Long> buckets, long count, double q) {
    double rank = q * count;
    double lower = 0;
    long below = 0;
    for (Map.Entry<Double, Long> bucket : buckets.entrySet()) {
      double upper = bucket.getKey();
      long inside = bucket.getValue();
      if (below + inside >= rank) {
        return Double.isInfinite(upper) ? lower : lower + (upper - lower) * (rank - below) / inside;
      }
      below += inside;
      lower = upper;
    }
    return lower;
  }
}
