package com.taskoverflow.metrics;

import com.taskoverflow.bus.NodeReport.WorkerLoad;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * This JVM's job figures, read from its metrics registry: the same meters {@code /metrics}
 * shows, summed over brokers. A read is a walk over a handful of meters: cheap once a second.
 */
public final class NodeFigures {

  private final MeterRegistry registry;

  public NodeFigures(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Attempts ended by outcome (success, retry, failure; cancelled from the store), since the JVM started. */
  public Map<String, Long> outcomes() {
    Map<String, Long> outcomes = new TreeMap<>();
    for (Counter counter : registry.find(JobMetrics.OUTCOMES).counters()) {
      outcomes.merge(counter.getId().getTag(JobMetrics.OUTCOME_TAG), (long) counter.count(), Long::sum);
    }
    return outcomes;
  }

  /**
   * Attempts by run time, every outcome together: each bucket's upper bound in seconds to how many
   * attempts fell in it and in no lower one (the histogram {@code /metrics} shows is cumulative),
   * with the bucket below each one that holds any, empty, so that its lower bound is known.
   */
  public Map<String, Long> runBuckets() {
    TreeMap<Double, Long> perBucket = new TreeMap<>();
    for (Timer timer : registry.find(JobMetrics.RUN).timers()) {
      long below = 0;
      HistogramSnapshot snapshot = timer.takeSnapshot();
      CountAtBucket[] buckets = snapshot.histogramCounts().clone();
      Arrays.sort(buckets, Comparator.comparingDouble(CountAtBucket::bucket));
      double lowerBound = 0;
      for (CountAtBucket bucket : buckets) {
        long cumulative = (long) bucket.count();
        if (cumulative > below) {
          perBucket.merge(bucket.bucket(TimeUnit.SECONDS), cumulative - below, Long::sum);
          perBucket.merge(lowerBound, 0L, Long::sum); // where the bucket starts: a quantile is interpolated from there
        }
        below = Math.max(below, cumulative);
        lowerBound = bucket.bucket(TimeUnit.SECONDS);
      }
      if (snapshot.count() > below) { // longer than the last bound: the +Inf bucket
        perBucket.merge(Double.POSITIVE_INFINITY, snapshot.count() - below, Long::sum);
      }
    }
    Map<String, Long> runBuckets = new TreeMap<>();
    perBucket.forEach((bound, count) -> runBuckets.put(Double.toString(bound), count));
    return runBuckets;
  }

  /** The queue's depth by state, if this JVM runs the store role (it keeps the gauges). */
  public Map<String, Long> queue() {
    Map<String, Long> queue = new TreeMap<>();
    for (Gauge gauge : registry.find(QueueGauges.DEPTH).gauges()) {
      queue.merge(gauge.getId().getTag(QueueGauges.STATE_TAG), (long) gauge.value(), Long::sum);
    }
    return queue;
  }

  /** The workers of this JVM, by name. */
  public List<WorkerLoad> workers() {
    Map<String, Long> concurrency = new TreeMap<>();
    registry.find(WorkerGauges.CONCURRENCY).gauges()
        .forEach(gauge -> concurrency.put(gauge.getId().getTag(WorkerGauges.WORKER_TAG), (long) gauge.value()));
    List<WorkerLoad> workers = new ArrayList<>();
    for (Gauge gauge : registry.find(WorkerGauges.IN_HAND).gauges()) {
      String name = gauge.getId().getTag(WorkerGauges.WORKER_TAG);
      workers.add(new WorkerLoad(name, (long) gauge.value(), concurrency.getOrDefault(name, 0L)));
    }
    workers.sort(Comparator.comparing(WorkerLoad::name));
    return workers;
  }
}
