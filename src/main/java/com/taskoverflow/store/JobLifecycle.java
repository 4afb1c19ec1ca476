package com.taskoverflow.store;

import com.taskoverflow.bus.CalendarEntry;
import com.taskoverflow.bus.Failures;
import com.taskoverflow.common.GroupCommit;
import com.taskoverflow.bus.IdempotencyKey;
import com.taskoverflow.bus.JobEvents;
import com.taskoverflow.bus.JobResult;
import com.taskoverflow.bus.JobStatusView;
import com.taskoverflow.bus.JobStore;
import com.taskoverflow.bus.JobSubmitted;
import com.taskoverflow.bus.StartedJob;
import com.taskoverflow.queue.JobBroker;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link JobStore}: a job's whole life, from its submission (a row, then a queue entry) through
 * its attempts to its end, and an operator's requeue. The only place that announces a job's
 * changes of state (its final one whichever way the job ended), and logs them.
 */
final class JobLifecycle implements JobStore {

  private static final Logger LOG = LoggerFactory.getLogger(JobLifecycle.class);
  private static final String TASK = "Task";
  private static final int MAX_BATCH = 500;
  /** Pages of a job's todos stay small enough for one bus message. */
  private static final int MAX_TODOS_PAGE = 10_000;

  private final StoreAccess store;
  private final JobBroker queue;
  private final EventBus bus;
  /** Writes that arrive together share a statement (and, for submissions, a queue round trip). */
  private final GroupCommit<UUID, JobStatusView> submissions;
  private final GroupCommit<JobRepository.Start, Optional<JobRepository.Taken>> starts;
  private final GroupCommit<JobRepository.Success, Optional<JobStatusView>> successes;
  private final GroupCommit<JobRepository.Retry, Optional<JobStatusView>> retries;

  JobLifecycle(StoreAccess store, JobBroker queue, EventBus bus) {
    this.store = store;
    this.queue = queue;
    this.bus = bus;
    this.submissions = new GroupCommit<>(MAX_BATCH, ids -> store.call("jobs.submit", stored -> submitAll(stored, ids)));
    this.starts = new GroupCommit<>(MAX_BATCH, requests -> store.call("jobs.start", stored -> stored.jobs().start(requests)));
    this.successes = new GroupCommit<>(MAX_BATCH,
        outcomes -> store.call("jobs.succeed", stored -> stored.jobs().succeed(outcomes)));
    this.retries = new GroupCommit<>(MAX_BATCH,
        failures -> store.call("jobs.retry", stored -> stored.jobs().retry(failures)));
  }

  /** New jobs in one INSERT, then their queue entries in one round trip; refused together if those fail. */
  private Future<List<JobStatusView>> submitAll(StoreAccess.Repositories stored, List<UUID> ids) {
    return stored.jobs().createMany(ids).compose(created -> queue.enqueueAll(ids.stream().map(UUID::toString).toList())
        .map(created)
        .onSuccess(accepted -> accepted.forEach(JobLog::changed))
        .recover(failure -> {
          LOG.warn("Could not queue {} job(s): {}", ids.size(), failure.getMessage());
          return stored.jobs().deleteUnqueued(ids, null).transform(deleted -> Future.failedFuture(
              Failures.of(Failures.UNAVAILABLE, "Job queue unavailable, try again later")));
        }));
  }

  /**
   * The row first, then the queue entry; a job that cannot be queued is removed and refused.
   * Submissions without a key are written in batches; one with a key in a transaction of its own.
   */
  @Override
  public Future<JobSubmitted> submit(IdempotencyKey key) {
    if (key == null) {
      return submissions.add(UUID.randomUUID()).map(job -> new JobSubmitted(job, false));
    }
    return store.call("jobs.submit", stored -> stored.jobs().create(key).compose(created -> {
      JobStatusView job = created.value();
      if (created.replayed()) {
        return Future.succeededFuture(new JobSubmitted(job, true));
      }
      return queue.enqueue(job.taskId())
          .map(entryId -> {
            JobLog.changed(job);
            return new JobSubmitted(job, false);
          })
          .recover(failure -> {
            LOG.warn("Could not queue job {}: {}", job.taskId(), failure.getMessage());
            return stored.jobs().deleteUnqueued(List.of(UUID.fromString(job.taskId())), key)
                .transform(deleted -> Future.failedFuture(
                    Failures.of(Failures.UNAVAILABLE, "Job queue unavailable, try again later")));
          });
    }));
  }

  @Override
  public Future<JobStatusView> status(String taskId) {
    return store.call("jobs.status", stored -> stored.jobs().status(UUID.fromString(taskId))
        .compose(found -> Found.orNotFound(found, TASK)));
  }

  @Override
  public Future<JobResult> result(String taskId) {
    return store.call("jobs.result", stored -> stored.jobs().result(UUID.fromString(taskId))
        .compose(found -> Found.orNotFound(found, TASK)));
  }

  @Override
  public Future<String> resultPart(String taskId, int seq) {
    return store.call("jobs.result-part", stored -> stored.jobs().resultPart(UUID.fromString(taskId), seq)
        .compose(found -> Found.orNotFound(found, "Calendar part")));
  }

  /** A new attempt, or, for a job out of attempts, its end: FAILURE and a dead letter. */
  @Override
  public Future<StartedJob> start(String taskId, String worker, int maxAttempts) {
    return store.call("jobs.start", stored -> {
      UUID id = UUID.fromString(taskId);
      return starts.add(new JobRepository.Start(id, worker, maxAttempts)).compose(started -> started.isPresent()
          ? Future.succeededFuture(announced(started.get().status(), started.get().job()))
          : stored.jobs().giveUp(id, maxAttempts).compose(gaveUp -> {
            gaveUp.ifPresent(status -> {
              LOG.warn("Job {} failed for good: {}", taskId, status.error());
              announce(status);
            });
            return Future.failedFuture(Failures.of(Failures.CONFLICT, "Task cannot be started"));
          }));
    });
  }

  /** A change of state after the 202: logged, and told to every node (for caches and those who watch the job). */
  private void announce(JobStatusView status) {
    JobLog.changed(status);
    if (status.isFinal()) {
      JobEvents.publishFinished(bus, status);
    } else {
      JobEvents.publishChanged(bus, status);
    }
  }

  /** Tells every node the job started (for those who watch it), then answers its worker. */
  private StartedJob announced(JobStatusView status, StartedJob job) {
    announce(status);
    return job;
  }

  @Override
  public Future<List<CalendarEntry>> todos(String taskId, long afterTodoId, int limit) {
    if (limit < 1 || limit > MAX_TODOS_PAGE) {
      return Future.failedFuture(Failures.of(Failures.INVALID, "A page holds 1 to " + MAX_TODOS_PAGE + " todos"));
    }
    return store.call("jobs.todos", stored -> stored.jobs().todos(UUID.fromString(taskId), afterTodoId, limit));
  }

  @Override
  public Future<Void> savePart(String taskId, int attempt, int seq, String body) {
    return store.call("jobs.save-part", stored -> stored.jobs().savePart(UUID.fromString(taskId), attempt, seq, body)
        .compose(saved -> Found.orNotHeld(Optional.of(saved).filter(Boolean::booleanValue))))
        .mapEmpty();
  }

  @Override
  public Future<JobStatusView> succeed(String taskId, int attempt, int parts, String lastPart) {
    return store.call("jobs.succeed", stored -> successes.add(new JobRepository.Success(UUID.fromString(taskId), attempt,
            parts, lastPart))
        .compose(Found::orNotHeld)
        .onSuccess(this::announce));
  }

  @Override
  public Future<JobStatusView> retry(String taskId, int attempt, String error, long delayMs) {
    return store.call("jobs.retry", stored -> retries.add(new JobRepository.Retry(UUID.fromString(taskId), attempt,
            error, delayMs))
        .compose(Found::orNotHeld)
        .onSuccess(this::announce));
  }

  @Override
  public Future<JobStatusView> fail(String taskId, int attempt, String error) {
    return store.call("jobs.fail", stored -> stored.jobs().fail(UUID.fromString(taskId), attempt, error)
        .compose(Found::orNotHeld)
        .onSuccess(this::announce));
  }

  @Override
  public Future<List<JobStatusView>> deadLetters(int limit) {
    return store.call("jobs.dead-letters", stored -> stored.jobs().deadLetters(limit));
  }

  @Override
  public Future<JobStatusView> requeue(String taskId) {
    return store.call("jobs.requeue", stored -> stored.jobs().requeue(UUID.fromString(taskId))
        .compose(found -> Found.orNotFound(found, "Dead letter"))
        .compose(status -> {
          JobLog.changed(status);
          JobEvents.publishRequeued(bus, status);
          return queue.enqueue(taskId).map(status).recover(failure -> Future.failedFuture(
              Failures.of(Failures.UNAVAILABLE, "Requeued as PENDING, but the job queue is unavailable: "
                  + "it will be queued when Redis is back")));
        }));
  }
}
