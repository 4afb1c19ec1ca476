package com.taskoverflow.bus;

import io.vertx.codegen.annotations.Nullable;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.serviceproxy.ServiceProxyBuilder;
import java.util.List;

/**
 * Calendar jobs, kept by the store role: what clients submit and read, and the transitions
 * workers ask for. Every transition is fenced by the attempt that asks for it; one that no longer
 * holds the job fails with 409. Unknown or expired jobs are 404; 503 while PostgreSQL (or, for a
 * submit, the job queue) is out of reach. A job's final status is published on
 * {@link Addresses#JOBS_FINISHED} by the store, whichever way the job ended. The calls a client
 * makes name its {@code owner} (see {@link JobStatusView#OWNER}): another owner's job answers 404,
 * as an unknown one does. A worker's calls and an operator's name jobs by id alone.
 */
@VertxGen
@ProxyGen
public interface JobStore {

  /**
   * Stores a new job, which will see the owner's todos as they stand now, and queues it; answers
   * only once both are done.
   */
  Future<JobSubmitted> submit(String owner, @Nullable IdempotencyKey key);

  Future<JobStatusView> status(String owner, String taskId);

  Future<JobResult> result(String owner, String taskId);

  /** Part {@code seq} (from 1; {@link #result} carries part 0) of a succeeded job's calendar; 404 if none. */
  Future<String> resultPart(String owner, String taskId, int seq);

  /**
   * Cancels a PENDING, RETRY or STARTED job: CANCELLED at once, its calendar parts dropped (a
   * running attempt stops at its next page, and its outcome is fenced off). 409 for a job already
   * final.
   */
  Future<JobStatusView> cancel(String owner, String taskId);

  /** An operator's {@link #cancel}: any owner's job. */
  Future<JobStatusView> cancelAny(String taskId);

  /** An operator's look at a job, any owner's (the status carries its owner); 404 if unknown or expired. */
  Future<JobStatusView> find(String taskId);

  /**
   * Takes the job for a new attempt by {@code worker}. A job out of attempts is failed for good
   * instead (and dead-lettered); either way, a job that cannot be started answers 409.
   */
  Future<StartedJob> start(String taskId, String worker, int maxAttempts);

  /**
   * A look at a job {@code worker} is about to run at once, recording nothing: the attempt it
   * would be, with its first todos; announced as STARTED. The attempt is recorded with its
   * outcome, by {@link #succeedAtOnce}. 409 for a job that is not PENDING or RETRY with attempts
   * left (the worker then takes it with {@link #start}, which says why). A look may be a moment
   * old: the outcome's write is what checks.
   */
  Future<StartedJob> preview(String taskId, String worker, int maxAttempts);

  /**
   * Records a previewed attempt, from its start ({@link StartedJob#startedAt}, as
   * {@link Timestamps} write it) to its whole calendar, in one write, as the job's next attempt:
   * only while the job is PENDING or RETRY (no attempt recorded as running, and not ended), else
   * 409.
   */
  Future<JobStatusView> succeedAtOnce(String taskId, String worker, String startedAt, String calendar);

  /**
   * The job's todos with a deadline as they stood when it was accepted, in id order: at most
   * {@code limit} of them after todo {@code afterTodoId}. An empty page is the end (at once, for
   * a cancelled job).
   */
  Future<List<CalendarEntry>> todos(String taskId, long afterTodoId, int limit);

  /** How many todos the job's calendar holds (those {@link #todos} pages through): for its progress. */
  Future<Long> countTodos(String taskId);

  /** Stores part {@code seq} (from 0) of the attempt's calendar, the parts before the last. */
  Future<Void> savePart(String taskId, int attempt, int seq, String body);

  /** The attempt's calendar is complete: {@code parts} parts, the last one given here. */
  Future<JobStatusView> succeed(String taskId, int attempt, int parts, String lastPart);

  /** Records a failed attempt that will be tried again after {@code delayMs}. */
  Future<JobStatusView> retry(String taskId, int attempt, String error, long delayMs);

  /** Records the last attempt's failure: the job fails for good and becomes a dead letter. */
  Future<JobStatusView> fail(String taskId, int attempt, String error);

  /** Jobs that failed for good, newest first. */
  Future<List<JobStatusView>> deadLetters(int limit);

  /** Puts a dead letter back as PENDING with all its attempts, and queues it. */
  Future<JobStatusView> requeue(String taskId);

  static JobStore proxy(Vertx vertx, long timeoutMs) {
    return new ServiceProxyBuilder(vertx).setAddress(Addresses.JOB_STORE)
        .setOptions(new DeliveryOptions().setSendTimeout(timeoutMs)).build(JobStore.class);
  }
}
