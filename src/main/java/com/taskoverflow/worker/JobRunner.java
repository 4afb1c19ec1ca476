package com.taskoverflow.worker;

import com.taskoverflow.bus.Failures;
import com.taskoverflow.bus.JobEvents;
import com.taskoverflow.bus.JobStore;
import com.taskoverflow.bus.StartedJob;
import com.taskoverflow.bus.Timestamps;
import com.taskoverflow.calendar.CalendarWriter;
import com.taskoverflow.common.Backoff;
import com.taskoverflow.config.JobsConfig;
import com.taskoverflow.config.WorkerRoleConfig;
import com.taskoverflow.metrics.JobMetrics;
import com.taskoverflow.metrics.JobMetrics.Outcome;
import com.taskoverflow.metrics.ServiceMetrics;
import com.taskoverflow.queue.Delivery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one delivery of a calendar job: takes the job through the store, builds the calendar on
 * a worker thread within the time limit, and records the outcome, deciding between RETRY and
 * FAILURE when the attempt fails.
 */
final class JobRunner {

  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  private static final Backoff STORE_RETRY = new Backoff(100, 5_000);

  /**
   * What to do with a queue entry once its job needs nothing more from this delivery: acknowledge
   * it (the outcome is stored); nothing (deferred for a retry); or let it go (the job was found
   * finished or taken over by a later attempt: acknowledged only if no other worker holds it now).
   */
  enum Disposition { ACKNOWLEDGE, DEFERRED, LET_GO }

  /** How the broker keeps a failed job away until its retry is due. */
  @FunctionalInterface
  interface Deferral {
    Future<Void> defer(Delivery delivery, long delayMs);
  }

  private final Vertx vertx;
  private final WorkerRoleConfig config;
  private final JobsConfig jobs;
  private final JobStore store;
  private final Deferral deferral;
  private final WorkerExecutor builders;
  /** Exports that read beyond the todos that come with the start, at once. */
  private final Permits largeExports;
  private final String workerName;
  private final BooleanSupplier stopping;
  private final JobMetrics metrics;

  JobRunner(Vertx vertx, WorkerRoleConfig config, Deferral deferral, WorkerExecutor builders, String workerName,
      BooleanSupplier stopping) {
    this.largeExports = new Permits(config.worker().largeExports());
    this.vertx = vertx;
    this.config = config;
    this.jobs = config.jobs();
    this.store = JobStore.proxy(vertx, config.requestTimeoutMs());
    this.deferral = deferral;
    this.builders = builders;
    this.workerName = workerName;
    this.stopping = stopping;
    this.metrics = new JobMetrics(ServiceMetrics.registry(vertx), config.queue().broker().name().toLowerCase(Locale.ROOT));
  }

  /**
   * One attempt at a job. It ends with the outcome recorded (SUCCESS; RETRY, the entry deferred
   * for the backoff; FAILURE on the last attempt), or with nothing to do (the job is finished,
   * taken over by a later attempt, or unknown). It fails, leaving the entry for redelivery, only
   * when the store stays out of reach.
   */
  Future<Disposition> run(Delivery delivery) {
    recordQueueWait(delivery);
    return (mayRunAtOnce(delivery) ? atOnce(delivery) : started(delivery))
        .recover(failure -> takenOrGone(failure) ? Future.succeededFuture(Disposition.LET_GO) : Future.failedFuture(failure));
  }

  /** The job is finished, cancelled, unknown, or another attempt holds it. */
  private static boolean takenOrGone(Throwable failure) {
    return Failures.is(failure, Failures.CONFLICT) || Failures.is(failure, Failures.NOT_FOUND);
  }

  /**
   * A job's first delivery may run at once: looked at, built, and recorded in one write, its start
   * with its outcome. A worker that dies meanwhile leaves no record of that attempt, and the
   * delivery that follows (a takeover, never a first) is counted. Artificial work is not at once:
   * an attempt that long is recorded as STARTED while it runs.
   */
  private boolean mayRunAtOnce(Delivery delivery) {
    return delivery.first() && config.worker().simulatedWorkMs() <= 0;
  }

  /** At once if the calendar is one small part; otherwise, or if the job cannot be run at once, started as usual. */
  private Future<Disposition> atOnce(Delivery delivery) {
    return untilStoreAnswers(() -> store.preview(delivery.taskId(), workerName, jobs.maxAttempts()))
        .transform(seen -> {
          if (seen.succeeded() && CalendarExport.fitsOnePart(seen.result())) {
            return builtAtOnce(delivery, seen.result());
          }
          return seen.succeeded() || takenOrGone(seen.cause()) ? started(delivery) : Future.failedFuture(seen.cause());
        });
  }

  /**
   * The calendar built and recorded with its attempt. A build that fails or overruns is left to an
   * attempt started as usual, which records its failure.
   */
  private Future<Disposition> builtAtOnce(Delivery delivery, StartedJob seen) {
    String taskId = delivery.taskId();
    long begun = System.nanoTime();
    Instant stamp = seen.acceptedAt().toInstant(ZoneOffset.UTC);
    return builders.executeBlocking(() -> CalendarWriter.write(seen.todos(), stamp), false)
        .timeout(jobs.timeoutMs(), TimeUnit.MILLISECONDS)
        .transform(built -> built.failed() ? started(delivery)
            : untilStoreAnswers(() -> store.succeedAtOnce(taskId, workerName, Timestamps.format(seen.startedAt()),
                built.result()))
                .map(Disposition.ACKNOWLEDGE)
                .onSuccess(done -> metrics.ran(Outcome.SUCCESS, Duration.ofNanos(System.nanoTime() - begun))));
  }

  /** The attempt recorded as STARTED first, then run. */
  private Future<Disposition> started(Delivery delivery) {
    return untilStoreAnswers(() -> store.start(delivery.taskId(), workerName, jobs.maxAttempts()))
        .compose(started -> started.mayHaveMoreTodos() ? inTurn(delivery, started) : attempt(delivery, started));
  }

  /** How long the job waited in the queue, up to a worker taking it (not counting a large export's wait for its turn). */
  private void recordQueueWait(Delivery delivery) {
    if (delivery.queuedAtMs() > 0) {
      metrics.waited(Duration.ofMillis(System.currentTimeMillis() - delivery.queuedAtMs()));
    }
  }

  /** A large export's attempt, once one of the large exports' permits is its own. */
  private Future<Disposition> inTurn(Delivery delivery, StartedJob started) {
    return largeExports.acquire()
        .compose(turn -> attempt(delivery, started).onComplete(done -> largeExports.release()));
  }

  /**
   * The started attempt, within the job time limit (a large export's counted from its turn: it
   * holds only its first todos while it waits).
   */
  private Future<Disposition> attempt(Delivery delivery, StartedJob started) {
    String taskId = delivery.taskId();
    long begun = System.nanoTime();
    CalendarExport export = export(taskId, started);
    return simulatedWork()
        .compose(waited -> export.write(started, this::untilStoreAnswers))
        .timeout(jobs.timeoutMs(), TimeUnit.MILLISECONDS)
        .transform(written -> written.succeeded()
            ? export.succeed(this::untilStoreAnswers).map(Disposition.ACKNOWLEDGE)
                .onSuccess(done -> metrics.ran(Outcome.SUCCESS, Duration.ofNanos(System.nanoTime() - begun)))
            : Failures.is(written.cause(), Failures.CONFLICT)
                ? Future.failedFuture(written.cause()) // cancelled or taken over: nothing to record
                : failedAttempt(delivery, started.attempt(), reason(written.cause()), begun));
  }

  /** Retry after a backoff while attempts remain, else fail for good. */
  private Future<Disposition> failedAttempt(Delivery delivery, int attempt, String error, long begun) {
    String taskId = delivery.taskId();
    Duration took = Duration.ofNanos(System.nanoTime() - begun);
    if (attempt >= jobs.maxAttempts()) {
      LOG.warn("Job {} failed on its last attempt ({}): {}", taskId, attempt, error);
      return untilStoreAnswers(() -> store.fail(taskId, attempt, error)).map(Disposition.ACKNOWLEDGE)
          .onSuccess(done -> metrics.ran(Outcome.FAILURE, took));
    }
    long delay = jobs.retryBackoff().delayMs(attempt);
    LOG.info("Job {} attempt {} failed ({}); retrying in {} ms", taskId, attempt, error, delay);
    return untilStoreAnswers(() -> store.retry(taskId, attempt, error, delay))
        .onSuccess(done -> metrics.ran(Outcome.RETRY, took))
        .compose(recorded -> deferral.defer(delivery, delay))
        .map(Disposition.DEFERRED);
  }

  private String reason(Throwable failure) {
    if (failure instanceof TimeoutException) {
      return "Timed out after " + jobs.timeoutMs() + " ms";
    }
    return "Calendar could not be built: " + failure.getMessage();
  }

  /** The original's artificial delay, as a timer: it holds a job slot, not a thread. */
  private Future<Void> simulatedWork() {
    long delay = config.worker().simulatedWorkMs();
    return delay <= 0 ? Future.succeededFuture() : vertx.timer(delay).mapEmpty();
  }

  /** The attempt's calendar, to be written within the job time limit. */
  private CalendarExport export(String taskId, StartedJob started) {
    long deadline = System.currentTimeMillis() + jobs.timeoutMs();
    return new CalendarExport(store, builders, taskId, started.attempt(), started.acceptedAt().toInstant(ZoneOffset.UTC),
        () -> deadline - System.currentTimeMillis(), progress -> JobEvents.publishProgress(vertx.eventBus(), progress));
  }

  /**
   * A call to the store, tried again with backoff while the store is out of reach (restarting,
   * or its database down), for up to the job time limit: an outcome is not thrown away lightly.
   */
  private <T> Future<T> untilStoreAnswers(Supplier<Future<T>> call) {
    return untilStoreAnswers(call, 0, System.currentTimeMillis() + jobs.timeoutMs());
  }

  private <T> Future<T> untilStoreAnswers(Supplier<Future<T>> call, int failures, long giveUpAt) {
    return call.get().recover(failure -> {
      if (!outOfReach(failure) || stopping.getAsBoolean() || System.currentTimeMillis() >= giveUpAt) {
        return Future.failedFuture(failure);
      }
      long delay = STORE_RETRY.delayMs(failures + 1);
      LOG.debug("Store call failed ({}); trying again in {} ms", failure.getMessage(), delay);
      return vertx.timer(delay).compose(waited -> untilStoreAnswers(call, failures + 1, giveUpAt));
    });
  }

  /** No store answered, or it answered that it cannot reach its database: worth another try. */
  private static boolean outOfReach(Throwable failure) {
    return !(failure instanceof ReplyException reply)
        || reply.failureType() != ReplyFailure.RECIPIENT_FAILURE
        || reply.failureCode() == Failures.UNAVAILABLE;
  }
}
