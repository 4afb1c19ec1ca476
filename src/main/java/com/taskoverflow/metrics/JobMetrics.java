package com.taskoverflow.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * What a worker measures of the jobs it runs, per broker: how long a job waited in the queue,
 * how long an attempt ran, and how each attempt ended.
 */
public final class JobMetrics {

  /** How an attempt ended. */
  public enum Outcome { SUCCESS, RETRY, FAILURE }

  private final Timer waited;
  private final MeterRegistry registry;
  private final String broker;

  public JobMetrics(MeterRegistry registry, String broker) {
    this.registry = registry;
    this.broker = broker;
    this.waited = Timer.builder("taskoverflow.jobs.queue.wait")
        .description("Time from a job's queueing (or its retry falling due) to a worker taking it")
        .tag("broker", broker).publishPercentileHistogram().register(registry);
  }

  public void waited(Duration time) {
    if (!time.isNegative()) {
      waited.record(time);
    }
  }

  /** An attempt ended after {@code time}. */
  public void ran(Outcome outcome, Duration time) {
    String tag = outcome.name().toLowerCase(java.util.Locale.ROOT);
    Timer.builder("taskoverflow.jobs.run").description("Time an attempt took, from its start to its outcome")
        .tag("broker", broker).tag("outcome", tag).publishPercentileHistogram().register(registry).record(time);
    Counter.builder("taskoverflow.jobs.outcomes").description("Attempts by how they ended")
        .tag("broker", broker).tag("outcome", tag).register(registry).increment();
  }
}
