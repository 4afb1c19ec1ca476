package com.taskoverflow.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.IntSupplier;

/** A worker's jobs in hand and how many it may hold, as gauges tagged with its name; removed when it stops. */
public final class WorkerGauges {

  static final String IN_HAND = "taskoverflow.worker.jobs.in_hand";
  static final String CONCURRENCY = "taskoverflow.worker.concurrency";
  static final String WORKER_TAG = "worker";

  private final MeterRegistry registry;
  private final List<Meter> meters;

  public WorkerGauges(MeterRegistry registry, String worker, IntSupplier inHand, int concurrency) {
    this.registry = registry;
    this.meters = List.of(
        // held strongly: a gauge keeps its object weakly, and nothing else holds this lambda
        Gauge.builder(IN_HAND, inHand, supplier -> supplier.getAsInt()).description("Jobs a worker is running now")
            .tag(WORKER_TAG, worker).strongReference(true).register(registry),
        Gauge.builder(CONCURRENCY, () -> concurrency).description("How many jobs a worker runs at once at most")
            .tag(WORKER_TAG, worker).strongReference(true).register(registry));
  }

  public void remove() {
    meters.forEach(registry::remove);
  }
}
