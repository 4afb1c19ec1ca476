package com.taskoverflow.store;

import com.taskoverflow.bus.CalendarEntry;
import com.taskoverflow.bus.Failures;
import com.taskoverflow.bus.IdempotencyKey;
import com.taskoverflow.bus.JobEvents;
import com.taskoverflow.bus.JobResult;
import com.taskoverflow.bus.JobStatusView;
import com.taskoverflow.bus.JobStore;
import com.taskoverflow.bus.JobSubmitted;
import com.taskoverflow.bus.StartedJob;
import com.taskoverflow.bus.Timestamps;
import com.taskoverflow.common.GroupCommit;
import com.taskoverflow.queue.JobBroker;
import com.taskoverflow.store.JobRepository.AtOnce;
import com.taskoverflow.store.JobRepository.Retry;
import com.taskoverflow.store.JobRepository.Start;
import com.taskoverflow.store.JobRepository.Submission;
import com.taskoverflow.store.JobRepository.Success;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
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
  private final QueueRelay relay;
  /** Submissions are refused while this many jobs are unfinished (jobs.max-queued). */
  private final long maxQueued;
  /** Unfinished jobs as last counted, plus those accepted since. */
  private long unfinished;
  /** When the unfinished jobs were last counted (nanos), and how often far below the ceiling. */
  private long lastCount = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
  private static final long FAR_BELOW_COUNT_EVERY_MS = 10_000;
  /** Writes that arrive together share a statement (and, for submissions, a queue round trip). */
  private final GroupCommit<Submission, JobStatusView> submissions;
  private final GroupCommit<Start, Optional<JobRepository.Taken>> starts;
  private final GroupCommit<Start, Optional<JobRepository.Taken>> previews;
  private final GroupCommit<AtOnce, Optional<JobStatusView>> atOnce;
  private final GroupCommit<Success, Optional<JobStatusView>> successes;
  private final GroupCommit<Retry, Optional<JobStatusView>> retries;
  /** Looks at jobs read ahead of their workers. */
  private final FirstTodos firstTodos = new FirstTodos();
  /** The worker named in a look read ahead, until the worker that asks for it is named instead. */
  private static final String LOOKED_AHEAD = "";
  /** Jobs cancelled here: an outcome the workers do not see. */
  private final Counter cancels;

  JobLifecycle(StoreAccess store, JobBroker queue, EventBus bus, long maxQueued, Counter cancels) {
    this.maxQueued = maxQueued;
    this.cancels = cancels;
    this.store = store;
    this.queue = queue;
    this.bus = bus;
    this.relay = new QueueRelay(store, queue);
    this.previews = new GroupCommit<>(MAX_BATCH, requests -> call("jobs.preview", jobs -> jobs.preview(requests)));
    this.submissions = new GroupCommit<>(MAX_BATCH, batch -> call("jobs.submit", jobs -> {
      if (relay.holding()) {
        return jobs.createMany(batch, true).onSuccess(JobLifecycle::logAccepted);
      }
      return jobs.createMany(batch, false).onSuccess(JobLifecycle::logAccepted).compose(accepted -> {
        if (batch.size() == 1) { // a job accepted alone, at a quiet moment: looked at while its worker wakes
          UUID id = batch.get(0).id();
          firstTodos.readAhead(id, () -> previews.add(new Start(id, LOOKED_AHEAD, Integer.MAX_VALUE)));
        }
        return queuedOrHeld(jobs, batch.stream().map(Submission::id).toList()).map(accepted);
      });
    }));
    this.starts = new GroupCommit<>(MAX_BATCH, requests -> call("jobs.start", jobs -> jobs.start(requests)));
    this.atOnce = new GroupCommit<>(MAX_BATCH, outcomes -> call("jobs.succeed-at-once", jobs -> jobs.succeedAtOnce(outcomes)));
    this.successes = new GroupCommit<>(MAX_BATCH, outcomes -> call("jobs.succeed", jobs -> jobs.succeed(outcomes)));
    this.retries = new GroupCommit<>(MAX_BATCH, failures -> call("jobs.retry", jobs -> jobs.retry(failures)));
  }

  /** The one way in to the job records: 503 before PostgreSQL is reached, every failure given its code. */
  private <T> Future<T> call(String operation, Function<JobRepository, Future<T>> work) {
    return store.call(operation, stored -> work.apply(stored.jobs()));
  }

  /** A call about one task, its id parsed here once. */
  private <T> Future<T> onTask(String operation, String taskId, BiFunction<JobRepository, UUID, Future<T>> work) {
    return parse(taskId).compose(id -> call(operation, jobs -> work.apply(jobs, id)));
  }

  /** Task ids on the bus are UUIDs as text; the HTTP role checks them, so a bad one is a caller's bug. */
  private static Future<UUID> parse(String taskId) {
    try {
      return Future.succeededFuture(UUID.fromString(taskId));
    } catch (IllegalArgumentException | NullPointerException e) {
      return Future.failedFuture(Failures.of(Failures.INVALID, "Malformed request: task id '" + taskId + "'"));
    }
  }

  /**
   * Counts the unfinished jobs again, when it matters: every second once within a tenth of the
   * ceiling (so submissions resume as soon as jobs finish), else every tenth second. Counting
   * reads every unfinished job's index entry, which a queue of 100,000s would pay each second;
   * in between, this store's own submissions are added as they come.
   */
  Future<Void> countUnfinishedIfDue() {
    long now = System.nanoTime();
    boolean nearCeiling = unfinished >= maxQueued - maxQueued / 10;
    if (!nearCeiling && now - lastCount < TimeUnit.MILLISECONDS.toNanos(FAR_BELOW_COUNT_EVERY_MS)) {
      return Future.succeededFuture();
    }
    lastCount = now;
    return store.call("jobs.count-unfinished", stored -> stored.housekeeping().countUnfinished())
        .onSuccess(count -> unfinished = count)
        .mapEmpty();
  }

  /** Queues jobs held by no one; on a store that holds jobs, they wait behind those. */
  Future<Void> relayHeld() {
    return relay.relay();
  }

  /** Queues stored jobs; if the broker does not take them, they are held for the relay. */
  private Future<Void> queuedOrHeld(JobRepository jobs, List<UUID> ids) {
    return relay.holding() ? jobs.hold(ids)
        : queue.enqueueAll(ids.stream().map(UUID::toString).toList())
            .recover(failure -> relay.hold(jobs, ids, failure));
  }

  /**
   * The row first, then the queue entry (or, while the broker is away, a place among the held
   * jobs): a 202 needs PostgreSQL alone. Submissions without a key are written in batches; one
   * with a key in a transaction of its own.
   */
  @Override
  public Future<JobSubmitted> submit(String owner, IdempotencyKey key) {
    if (unfinished >= maxQueued) {
      return Future.failedFuture(Failures.of(Failures.UNAVAILABLE,
          "Too many jobs waiting (" + unfinished + ", jobs.max-queued " + maxQueued + "): try again shortly"));
    }
    unfinished++;
    UUID id = UUID.randomUUID();
    Submission job = new Submission(id, owner);
    return key == null
        ? submissions.add(job).map(created -> new JobSubmitted.Value(created, false))
        : call("jobs.submit", jobs -> {
          boolean held = relay.holding();
          return jobs.create(job, key, held).onSuccess(created -> {
            if (!created.replayed()) {
              JobLog.changed(created.value());
            }
          }).compose(created -> created.replayed() || held
              ? Future.succeededFuture(new JobSubmitted.Value(created.value(), created.replayed()))
              : queuedOrHeld(jobs, List.of(id)).map(new JobSubmitted.Value(created.value(), false)));
        });
  }

  /**
   * Jobs are logged as accepted once their rows are stored, before they are queued: a worker may
   * take one, and log its start, before the queue's answer is back here.
   */
  private static void logAccepted(List<JobStatusView> accepted) {
    accepted.forEach(JobLog::changed);
  }

  @Override
  public Future<JobStatusView> status(String owner, String taskId) {
    return onTask("jobs.status", taskId, (jobs, id) -> jobs.status(owner, id)
        .compose(found -> Found.orNotFound(found, TASK)));
  }

  @Override
  public Future<JobResult> result(String owner, String taskId) {
    return onTask("jobs.result", taskId, (jobs, id) -> jobs.result(owner, id)
        .compose(found -> Found.orNotFound(found, TASK)));
  }

  @Override
  public Future<String> resultPart(String owner, String taskId, int seq) {
    return onTask("jobs.result-part", taskId, (jobs, id) -> jobs.resultPart(owner, id, seq)
        .compose(found -> Found.orNotFound(found, "Calendar part")));
  }

  @Override
  public Future<JobStatusView> cancel(String owner, String taskId) {
    return onTask("jobs.cancel", taskId, (jobs, id) -> cancelled(id, jobs.cancel(owner, id), () -> jobs.status(owner, id)));
  }

  @Override
  public Future<JobStatusView> cancelAny(String taskId) {
    return onTask("jobs.cancel-any", taskId, (jobs, id) -> cancelled(id, jobs.cancelAny(id), () -> jobs.anyStatus(id)));
  }

  @Override
  public Future<JobStatusView> find(String taskId) {
    return onTask("jobs.find", taskId, (jobs, id) -> jobs.anyStatus(id).compose(found -> Found.orNotFound(found, TASK)));
  }

  /** A cancel's answer: the job cancelled, or why not (it is unknown, or already final: {@code status} says which). */
  private Future<JobStatusView> cancelled(UUID id, Future<Optional<JobStatusView>> cancel,
      Supplier<Future<Optional<JobStatusView>>> status) {
    firstTodos.forget(id);
    return cancel.compose(cancelled -> {
      if (cancelled.isPresent()) {
        cancels.increment();
        announce(cancelled.get());
        return Future.succeededFuture(cancelled.get());
      }
      return status.get().compose(found -> Found.orNotFound(found, TASK))
          .compose(finished -> Future.failedFuture(Failures.of(Failures.CONFLICT,
              "Task already " + finished.state() + ": only a PENDING, RETRY or STARTED task can be cancelled")));
    });
  }

  /** A new attempt, or, for a job out of attempts, its end: FAILURE and a dead letter. */
  @Override
  public Future<StartedJob> start(String taskId, String worker, int maxAttempts) {
    return parse(taskId).compose(id -> startOnce(id, worker, maxAttempts).compose(started -> {
      if (started.isPresent()) {
        announce(started.get().status());
        return Future.succeededFuture(started.get().job());
      }
      return call("jobs.give-up", jobs -> jobs.giveUp(id, maxAttempts)).compose(gaveUp -> {
        gaveUp.ifPresent(status -> {
          LOG.warn("Job {} failed for good: {}", taskId, status.error());
          announce(status);
        });
        return Future.failedFuture(Failures.of(Failures.CONFLICT, "Task cannot be started"));
      });
    }));
  }

  @Override
  public Future<StartedJob> preview(String taskId, String worker, int maxAttempts) {
    return parse(taskId).compose(id -> {
      Future<Optional<JobRepository.Taken>> ahead = maxAttempts > 0 ? firstTodos.take(id) : null;
      Supplier<Future<Optional<JobRepository.Taken>>> read = () -> previews.add(new Start(id, worker, maxAttempts));
      // a job not startable when accepted, or a read that failed, is read again
      return ahead == null ? read.get()
          : ahead.map(found -> found.map(taken -> lookedAtBy(taken, worker))).transform(looked ->
              looked.succeeded() && looked.result().isPresent() ? Future.succeededFuture(looked.result()) : read.get());
    }).compose(seen -> {
      if (seen.isEmpty()) {
        return Future.failedFuture(Failures.of(Failures.CONFLICT, "Task cannot be run at once"));
      }
      announce(seen.get().status());
      return Future.succeededFuture(seen.get().job());
    });
  }

  @Override
  public Future<JobStatusView> succeedAtOnce(String taskId, String worker, String startedAt, String calendar) {
    return parse(taskId).compose(id -> startedAt(startedAt).compose(started ->
            atOnce.add(new AtOnce(id, worker, started, calendar))))
        .compose(Found::orNotHeld)
        .onSuccess(this::announce);
  }

  private static Future<LocalDateTime> startedAt(String text) {
    try {
      return Future.succeededFuture(Objects.requireNonNull(Timestamps.parse(text)));
    } catch (RuntimeException e) {
      return Future.failedFuture(Failures.of(Failures.INVALID, "Malformed request: start time '" + text + "'"));
    }
  }

  /** A look read ahead, as the worker that asks for it would have read it. */
  private static JobRepository.Taken lookedAtBy(JobRepository.Taken ahead, String worker) {
    JobStatusView read = ahead.status();
    return new JobRepository.Taken(ahead.job(), new JobStatusView.Value(read.taskId(), read.owner(), read.state(),
        read.attempts(), worker, read.error(), read.createdAt(), read.startedAt(), read.finishedAt(),
        read.nextAttemptAt(), read.deadLetteredAt(), read.requeues()));
  }

  /** A job started here is no longer as it was accepted: its kept todos go. */
  private Future<Optional<JobRepository.Taken>> startOnce(UUID id, String worker, int maxAttempts) {
    firstTodos.forget(id);
    return starts.add(new Start(id, worker, maxAttempts));
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

  @Override
  public Future<List<CalendarEntry>> todos(String taskId, long afterTodoId, int limit) {
    if (limit < 1 || limit > MAX_TODOS_PAGE) {
      return Future.failedFuture(Failures.of(Failures.INVALID, "A page holds 1 to " + MAX_TODOS_PAGE + " todos"));
    }
    return onTask("jobs.todos", taskId, (jobs, id) -> jobs.todos(id, afterTodoId, limit));
  }

  @Override
  public Future<Long> countTodos(String taskId) {
    return onTask("jobs.count-todos", taskId, JobRepository::countTodos);
  }

  @Override
  public Future<Void> savePart(String taskId, int attempt, int seq, String body) {
    return onTask("jobs.save-part", taskId, (jobs, id) -> jobs.savePart(id, attempt, seq, body))
        .compose(saved -> Found.orNotHeld(Optional.of(saved).filter(Boolean::booleanValue)))
        .mapEmpty();
  }

  @Override
  public Future<JobStatusView> succeed(String taskId, int attempt, int parts, String lastPart) {
    return parse(taskId).compose(id -> successes.add(new Success(id, attempt, parts, lastPart)))
        .compose(Found::orNotHeld)
        .onSuccess(this::announce);
  }

  @Override
  public Future<JobStatusView> retry(String taskId, int attempt, String error, long delayMs) {
    return parse(taskId).compose(id -> retries.add(new Retry(id, attempt, error, delayMs)))
        .compose(Found::orNotHeld)
        .onSuccess(this::announce);
  }

  @Override
  public Future<JobStatusView> fail(String taskId, int attempt, String error) {
    return onTask("jobs.fail", taskId, (jobs, id) -> jobs.fail(id, attempt, error))
        .compose(Found::orNotHeld)
        .onSuccess(this::announce);
  }

  @Override
  public Future<List<JobStatusView>> deadLetters(int limit) {
    return call("jobs.dead-letters", jobs -> jobs.deadLetters(limit));
  }

  @Override
  public Future<JobStatusView> requeue(String taskId) {
    return onTask("jobs.requeue", taskId, (jobs, id) -> jobs.requeue(id)
        .compose(found -> Found.orNotFound(found, "Dead letter"))
        .compose(status -> queuedOrHeld(jobs, List.of(id)).map(status)))
        .onSuccess(status -> {
          JobLog.changed(status);
          JobEvents.publishRequeued(bus, status);
        });
  }
}
