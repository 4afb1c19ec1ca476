package com.taskoverflow.worker;

import com.taskoverflow.bus.Addresses;
import com.taskoverflow.bus.Failures;
import com.taskoverflow.bus.JobStatus;
import com.taskoverflow.bus.Timestamps;
import com.taskoverflow.common.Backoff;
import com.taskoverflow.config.AppConfig;
import com.taskoverflow.config.JobsConfig;
import com.taskoverflow.queue.JobQueue;
import com.taskoverflow.queue.QueueEntry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
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

  /** What to do with a queue entry once its job needs nothing more from this delivery. */
  enum Disposition { ACKNOWLEDGE, DEFERRED }

  private final Vertx vertx;
  private final AppConfig config;
  private final JobsConfig jobs;
  private final JobQueue queue;
  private final WorkerExecutor builders;
  private final String workerName;
  private final BooleanSupplier stopping;

  JobRunner(Vertx vertx, AppConfig config, JobQueue queue, WorkerExecutor builders, String workerName,
      BooleanSupplier stopping) {
    this.vertx = vertx;
    this.config = config;
    this.jobs = config.jobs();
    this.queue = queue;
    this.builders = builders;
    this.workerName = workerName;
    this.stopping = stopping;
  }

  /**
   * One attempt at a job. It ends with the outcome recorded (SUCCESS; RETRY, the entry deferred
   * for the backoff; FAILURE on the last attempt), or with nothing to do (the job is finished,
   * taken over by a later attempt, or unknown). It fails, leaving the entry for redelivery, only
   * when the store stays out of reach.
   */
  Future<Disposition> run(QueueEntry entry) {
    String taskId = entry.taskId();
    JsonObject startRequest = new JsonObject().put("task_id", taskId).put("worker", workerName)
        .put("max_attempts", jobs.maxAttempts());
    return requestStore(Addresses.JOBS_START, startRequest)
        .compose(start -> {
          int attempt = start.getInteger("attempt");
          return simulatedWork()
              .compose(waited -> build(start))
              .timeout(jobs.timeoutMs(), TimeUnit.MILLISECONDS)
              .transform(built -> built.succeeded()
                  ? record(Addresses.JOBS_SUCCEED, taskId, attempt, new JsonObject().put("calendar", built.result()))
                      .map(Disposition.ACKNOWLEDGE)
                  : failedAttempt(entry, attempt, reason(built.cause())));
        })
        .recover(failure -> Failures.is(failure, Failures.CONFLICT) || Failures.is(failure, Failures.NOT_FOUND)
            ? Future.succeededFuture(Disposition.ACKNOWLEDGE)
            : Future.failedFuture(failure));
  }

  /** Retry after a backoff while attempts remain, else fail for good. */
  private Future<Disposition> failedAttempt(QueueEntry entry, int attempt, String error) {
    if (attempt >= jobs.maxAttempts()) {
      LOG.warn("Job {} failed on its last attempt ({}): {}", entry.taskId(), attempt, error);
      return record(Addresses.JOBS_FAIL, entry.taskId(), attempt, new JsonObject().put("error", error))
          .map(Disposition.ACKNOWLEDGE);
    }
    long delay = jobs.retryDelayMs(attempt, ThreadLocalRandom.current().nextDouble());
    LOG.info("Job {} attempt {} failed ({}); retrying in {} ms", entry.taskId(), attempt, error, delay);
    return record(Addresses.JOBS_RETRY, entry.taskId(), attempt,
            new JsonObject().put("error", error).put("delay_ms", delay))
        .compose(recorded -> queue.deferRetry(entry.entryId(), entry.taskId(), delay))
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

  private Future<String> build(JsonObject start) {
    String snapshot = start.getString("snapshot");
    var stamp = Timestamps.parse(start.getString("accepted_at")).toInstant(ZoneOffset.UTC);
    return builders.executeBlocking(() -> CalendarBuilder.build(snapshot, stamp), false);
  }

  /** Records an attempt's outcome; a final one is announced to every node. */
  private Future<Void> record(String address, String taskId, int attempt, JsonObject outcome) {
    return requestStore(address, outcome.put("task_id", taskId).put("attempt", attempt))
        .onSuccess(status -> {
          if (JobStatus.isFinal(status)) {
            vertx.eventBus().publish(Addresses.JOBS_FINISHED, status);
          }
        })
        .mapEmpty();
  }

  /**
   * A request to the store, tried again with backoff while the store is out of reach (restarting,
   * or its database down), for up to the job time limit: an outcome is not thrown away lightly.
   */
  private Future<JsonObject> requestStore(String address, JsonObject body) {
    return requestStore(address, body, 0, System.currentTimeMillis() + jobs.timeoutMs());
  }

  private Future<JsonObject> requestStore(String address, JsonObject body, int failures, long giveUpAt) {
    return vertx.eventBus().<JsonObject>request(address, body,
            new DeliveryOptions().setSendTimeout(config.requestTimeoutMs()))
        .map(reply -> reply.body())
        .recover(failure -> {
          boolean retryable = !(failure instanceof ReplyException reply)
              || reply.failureType() != ReplyFailure.RECIPIENT_FAILURE
              || reply.failureCode() == Failures.UNAVAILABLE;
          if (!retryable || stopping.getAsBoolean() || System.currentTimeMillis() >= giveUpAt) {
            return Future.failedFuture(failure);
          }
          long delay = STORE_RETRY.delayMs(failures + 1);
          LOG.debug("{} failed ({}); trying again in {} ms", address, failure.getMessage(), delay);
          return vertx.timer(delay).compose(waited -> requestStore(address, body, failures + 1, giveUpAt));
        });
  }
}
