package com.taskoverflow.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a worker measures of the jobs it runs, per broker: how long a job waited in the queue,
 * how long an attempt ran, and how each attempt ended.
 */
public final class JobMetrics {

  /** How an attempt ended. */
  public enum Outcome { SUCCESS, RETRY, FAILURE }

  static final String WAITED = "taskoverflow.jobs.queue.wait";
  static final String RUN = "taskoverflow.jobs.run";
  static final String OUTCOMES = "taskoverflow.jobs.outcomes";
  static final String OUTCOME_TAG = "outcome";
  /** The outcome the store counts: a client or an operator cancelled the job. */
  static final String CANCELLED = "cancelled";

  private final Timer waited;
  /** Registered once, not looked up per job: this is on every job's path. */
  private final Map<Outcome, Timer> runs = new EnumMap<>(Outcome.class);
  private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);

  public JobMetrics(MeterRegistry registry, String broker) {
    this.waited = Timer.builder(WAITED)
        .description("Time from a job's queueing (or its retry falling due) to a worker taking it")
        .tag("broker", broker).publishPercentileHistogram().register(registry);
    for (Outcome outcome : Outcome.values()) {
      String tag = outcome.name().toLowerCase(Locale.ROOT);
      runs.put(outcome, Timer.builder(RUN).description("Time an attempt took, from its start to its outcome")
          .tag("broker", broker).tag(OUTCOME_TAG, tag).publishPercentileHistogram().register(registry));
      outcomes.put(outcome, outcomeCounter(registry, broker, tag));
    }
  }

  /** Jobs cancelled, counted by the store as one more outcome beside the workers' ones. */
  public static Counter cancelled(MeterRegistry registry, String broker) {
    return outcomeCounter(registry, broker, CANCELLED);
  }

  private static Counter outcomeCounter(MeterRegistry registry, String broker, String outcome) {
    return Counter.builder(OUTCOMES).description("Attempts by how they ended (and jobs cancelled)")
        .tag("broker", broker).tag(OUTCOME_TAG, outcome).register(registry);
  }

  public void waited(Duration time) {
    if (!time.isNegative()) {
      waited.record(time);
    }
  }

  /** An attempt ended after {@code time}. */
  public void ran(Outcome outcome, Duration time) {
    runs.get(outcome).record(time);
    outcomes.get(outcome).increment();
  }
}
