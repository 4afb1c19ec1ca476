package com.taskoverflow.metrics;

import com.taskoverflow.queue.QueueDepth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The depth of the job queue as the store last read it (ready, in flight, delayed, from the
 * broker; dead letters, and jobs held while the broker was away, from PostgreSQL), as gauges a
 * scrape reads without a round trip.
 */
public final class QueueGauges {

  static final String DEPTH = "taskoverflow.jobs.queue.depth";
  static final String STATE_TAG = "state";

  private final AtomicLong ready = new AtomicLong();
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong delayed = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicLong held = new AtomicLong();

  public QueueGauges(MeterRegistry registry, String broker) {
    gauge(registry, broker, "ready", ready);
    gauge(registry, broker, "in_flight", inFlight);
    gauge(registry, broker, "delayed", delayed);
    gauge(registry, broker, "dead_letter", deadLetters);
    gauge(registry, broker, "held", held);
  }

  private static void gauge(MeterRegistry registry, String broker, String state, AtomicLong value) {
    Gauge.builder(DEPTH, value, AtomicLong::doubleValue)
        .description("Jobs in the queue by state, as the store last counted them")
        .tag("broker", broker).tag(STATE_TAG, state).register(registry);
  }

  /** What the broker holds. */
  public void update(QueueDepth depth) {
    ready.set(depth.ready());
    inFlight.set(depth.inFlight());
    delayed.set(depth.delayed());
  }

  /** What PostgreSQL holds outside the broker. */
  public void update(long deadLetterCount, long heldCount) {
    deadLetters.set(deadLetterCount);
    held.set(heldCount);
  }
}
