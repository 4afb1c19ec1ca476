package com.taskoverflow.store;

import com.taskoverflow.bus.CalendarEntry;
import com.taskoverflow.bus.IdempotencyKey;
import com.taskoverflow.bus.JobResult;
import com.taskoverflow.bus.JobState;
import com.taskoverflow.bus.JobStatusView;
import com.taskoverflow.bus.StartedJob;
import com.taskoverflow.bus.Todo;
import com.taskoverflow.store.IdempotencyKeys.Key;
import com.taskoverflow.store.IdempotencyKeys.Replay;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.List;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.UUID;

/** Calendar-job records: the source of truth for a job's status and result. */
final class JobRepository {

  private static final String SUBMIT_SCOPE = "jobs.submit";
  private static final Replay<JobStatusView> REPLAY = new Replay<>(JobStatusView::toJson, JobStatusView::fromJson);

  private final Pool pool;
  /** For the statements planned once (a job alone's look and outcome): see {@link Database#keyed}. */
  private final Pool keyed;
  private final Retention retention;

  JobRepository(Pool pool, Pool keyed, Retention retention) {
    this.pool = pool;
    this.keyed = keyed;
    this.retention = retention;
  }

  /**
   * A new PENDING job with this id, which will see the todos as they stand now (held for the relay
   * if {@code held}); or the job an earlier try with the key made.
   */
  Future<Replayable<JobStatusView>> create(Submission job, IdempotencyKey key, boolean held) {
    return IdempotencyKeys.createOnce(pool, Key.of(job.owner(), SUBMIT_SCOPE, key), retention.idempotencyCutoff(),
        client -> insert(client, List.of(job), held).map(created -> created.get(0)), REPLAY);
  }

  /** A job to create: its id, and whose todos it will export. */
  record Submission(UUID id, String owner) {
  }

  /**
   * New PENDING jobs, in one statement, sharing one snapshot of the todos; in the given order.
   * Held ones wait for the relay, which queues them in this order.
   */
  Future<List<JobStatusView>> createMany(List<Submission> jobs, boolean held) {
    return insert(pool, jobs, held);
  }

  private static Future<List<JobStatusView>> insert(SqlClient client, List<Submission> jobs, boolean held) {
    Tuple values = idArray(jobs.stream().map(Submission::id).toList()).addBoolean(held)
        .addArrayOfString(jobs.stream().map(Submission::owner).toArray(String[]::new));
    return client.preparedQuery(SqlQueries.INSERT_JOBS).execute(values)
        .map(rows -> inOrder(jobs, Submission::id, rows, JobRepository::toStatus).stream()
            .map(Optional::orElseThrow).toList());
  }

  private static Tuple idArray(List<UUID> ids) {
    return Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new));
  }

  /** Holds jobs the broker did not take, for the relay, after every job held before them. */
  Future<Void> hold(List<UUID> ids) {
    return pool.preparedQuery(SqlQueries.HOLD_JOBS).execute(idArray(ids)).mapEmpty();
  }

  /** Whether any job, this store's or another's, waits for the relay. */
  Future<Boolean> anyHeld() {
    return pool.preparedQuery(SqlQueries.FIRST_HELD).execute().map(rows -> rows.size() > 0);
  }

  /**
   * Hands the oldest held jobs (at most {@code limit}) to {@code queue}, in order of acceptance,
   * and releases them once it succeeds; answers how many went. They stay locked meanwhile, so
   * relays of other stores skip them, and stay held if the queue fails.
   */
  Future<Integer> relayHeld(int limit, Function<List<UUID>, Future<Void>> queue) {
    return pool.withTransaction(client -> client.preparedQuery(SqlQueries.TAKE_HELD).execute(Tuple.of(limit))
        .compose(rows -> {
          List<UUID> ids = Rows.all(rows, row -> row.getUUID("id"));
          return ids.isEmpty() ? Future.succeededFuture(0) : queue.apply(ids)
              .compose(queued -> client.preparedQuery(SqlQueries.RELEASE_HELD).execute(idArray(ids)))
              .map(ids.size());
        }));
  }

  /** The owner's job, if it exists and has not expired. */
  Future<Optional<JobStatusView>> status(String owner, UUID id) {
    return pool.preparedQuery(SqlQueries.JOB_STATUS).execute(live(id).addString(owner)).map(JobRepository::status);
  }

  /** The job's status whoever owns it (an operator's view), if it exists and has not expired. */
  Future<Optional<JobStatusView>> anyStatus(UUID id) {
    return pool.preparedQuery(SqlQueries.ANY_JOB_STATUS).execute(live(id)).map(JobRepository::status);
  }

  /** The owner's job's status and calendar, if it exists and has not expired. */
  Future<Optional<JobResult>> result(String owner, UUID id) {
    return pool.preparedQuery(SqlQueries.JOB_RESULT).execute(live(id).addString(owner))
        .map(rows -> Rows.first(rows, row -> new JobResult.Value(toStatus(row),
            Optional.ofNullable(row.getInteger("result_parts")).orElse(0), row.getString("first_part"))));
  }

  /** Part {@code seq} of a succeeded job's calendar, if it has one. */
  Future<Optional<String>> resultPart(String owner, UUID id, int seq) {
    return pool.preparedQuery(SqlQueries.RESULT_PART).execute(Tuple.of(id, seq, owner))
        .map(rows -> Rows.first(rows, row -> row.getString("body")));
  }

  /** A page of the job's todos as they stood at its acceptance, in id order. */
  Future<List<CalendarEntry>> todos(UUID id, long afterTodoId, int limit) {
    return pool.preparedQuery(SqlQueries.JOB_TODOS).execute(Tuple.of(id, afterTodoId, limit))
        .map(rows -> Rows.all(rows, Rows::calendarEntry));
  }

  Future<Long> countTodos(UUID id) {
    return pool.preparedQuery(SqlQueries.JOB_TODO_COUNT).execute(Tuple.of(id))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Stores a part of an attempt's calendar; false if that attempt no longer holds the job. */
  Future<Boolean> savePart(UUID id, int attempt, int seq, String body) {
    return pool.preparedQuery(SqlQueries.SAVE_PART).execute(Tuple.of(id, attempt, seq, body))
        .map(rows -> rows.rowCount() == 1);
  }

  private Tuple live(UUID id) {
    return Tuple.of(id, retention.finishedCutoff(), retention.deadLetterCutoff());
  }

  /** A worker's request to take a job for a new attempt. */
  record Start(UUID id, String worker, int maxAttempts) {
  }

  /** An attempt run at once, from its start to its whole calendar, to be recorded if its job is still PENDING or RETRY. */
  record AtOnce(UUID id, String worker, LocalDateTime startedAt, String calendar) {
  }

  /** An attempt's complete calendar (its last part), to be recorded if that attempt still holds the job. */
  record Success(UUID id, int attempt, int parts, String lastPart) {
  }

  /**
   * Takes jobs for a new attempt, in one statement, with each job's first todos; each answer is
   * empty if its job is finished, unknown or out of attempts (or named twice in the batch: the
   * first request takes it).
   */
  Future<List<Optional<Taken>>> start(List<Start> requests) {
    return taking(SqlQueries.START_JOBS, requests);
  }

  /**
   * A look at jobs to be run at once, each as it would be once started, with its first todos,
   * recording nothing; empty for a job that is not PENDING or RETRY with attempts left.
   */
  Future<List<Optional<Taken>>> preview(List<Start> requests) {
    if (requests.size() == 1) {
      Start one = requests.get(0);
      return keyed.preparedQuery(SqlQueries.PREVIEW_JOB)
          .execute(Tuple.of(one.id(), one.worker(), one.maxAttempts(), StartedJob.FIRST_TODOS))
          .map(rows -> answers(requests, rows));
    }
    return taking(SqlQueries.PREVIEW_JOBS, requests);
  }

  private Future<List<Optional<Taken>>> taking(String statement, List<Start> requests) {
    Tuple values = Tuple.tuple()
        .addArrayOfUUID(requests.stream().map(Start::id).toArray(UUID[]::new))
        .addArrayOfString(requests.stream().map(Start::worker).toArray(String[]::new))
        .addArrayOfInteger(requests.stream().map(Start::maxAttempts).toArray(Integer[]::new))
        .addInteger(StartedJob.FIRST_TODOS);
    return pool.preparedQuery(statement).execute(values).map(rows -> answers(requests, rows));
  }

  private static List<Optional<Taken>> answers(List<Start> requests, RowSet<Row> rows) {
    Map<UUID, Taken> started = byJob(rows);
    return requests.stream().map(request -> Optional.ofNullable(started.remove(request.id()))).toList();
  }

  /** Rows of jobs with their todos: one a todo (one with no todo for a job that sees none), by job. */
  private static Map<UUID, Taken> byJob(RowSet<Row> rows) {
    Map<UUID, Taken> jobs = new HashMap<>();
    List<CalendarEntry> todos = new ArrayList<>();
    Row previous = null;
    for (Row row : rows) {
      if (previous != null && !previous.getUUID("job_id").equals(row.getUUID("job_id"))) {
        jobs.put(previous.getUUID("job_id"), startedJob(previous, todos));
        todos = new ArrayList<>();
      }
      if (row.getLong(Todo.ID) != null) {
        todos.add(Rows.calendarEntry(row));
      }
      previous = row;
    }
    if (previous != null) {
      jobs.put(previous.getUUID("job_id"), startedJob(previous, todos));
    }
    return jobs;
  }

  /** A job taken for an attempt: what its worker needs, and its new status. */
  record Taken(StartedJob job, JobStatusView status) {
  }

  private static Taken startedJob(Row row, List<CalendarEntry> todos) {
    return new Taken(new StartedJob.Value(row.getInteger("attempts"), row.getLocalDateTime("created_at"),
        row.getLocalDateTime("started_at"), todos),
        toStatus(row, "job_id"));
  }

  /** Records calendars, each only for the attempt that holds its job, in one statement. */
  Future<List<Optional<JobStatusView>>> succeed(List<Success> outcomes) {
    Tuple values = Tuple.tuple()
        .addArrayOfUUID(outcomes.stream().map(Success::id).toArray(UUID[]::new))
        .addArrayOfInteger(outcomes.stream().map(Success::attempt).toArray(Integer[]::new))
        .addArrayOfInteger(outcomes.stream().map(Success::parts).toArray(Integer[]::new))
        .addArrayOfString(outcomes.stream().map(Success::lastPart).toArray(String[]::new));
    return pool.preparedQuery(SqlQueries.SUCCEED_JOBS).execute(values)
        .map(rows -> inOrder(outcomes, Success::id, rows, JobRepository::toStatus));
  }

  /** Records attempts run at once with their whole calendars, each only if its job is still PENDING or RETRY. */
  Future<List<Optional<JobStatusView>>> succeedAtOnce(List<AtOnce> outcomes) {
    if (outcomes.size() == 1) {
      AtOnce one = outcomes.get(0);
      return keyed.preparedQuery(SqlQueries.SUCCEED_JOB_AT_ONCE)
          .execute(Tuple.of(one.id(), one.worker(), one.startedAt(), one.calendar()))
          .map(rows -> inOrder(outcomes, AtOnce::id, rows, JobRepository::toStatus));
    }
    Tuple values = Tuple.tuple()
        .addArrayOfUUID(outcomes.stream().map(AtOnce::id).toArray(UUID[]::new))
        .addArrayOfString(outcomes.stream().map(AtOnce::worker).toArray(String[]::new))
        .addArrayOfLocalDateTime(outcomes.stream().map(AtOnce::startedAt).toArray(LocalDateTime[]::new))
        .addArrayOfString(outcomes.stream().map(AtOnce::calendar).toArray(String[]::new));
    return pool.preparedQuery(SqlQueries.SUCCEED_AT_ONCE).execute(values)
        .map(rows -> inOrder(outcomes, AtOnce::id, rows, JobRepository::toStatus));
  }

  /** The answer to each request, by its job's id; a job's row goes to the first request naming it. */
  private static <R, T> List<Optional<T>> inOrder(List<R> requests, Function<R, UUID> id, RowSet<Row> rows,
      Function<Row, T> mapper) {
    Map<UUID, T> byId = new HashMap<>();
    rows.forEach(row -> byId.put(row.getUUID("id"), mapper.apply(row)));
    List<Optional<T>> answers = new ArrayList<>(requests.size());
    for (R request : requests) {
      answers.add(Optional.ofNullable(byId.remove(id.apply(request))));
    }
    return answers;
  }

  /** Fails a job that has used up its attempts without an outcome; empty if it is not such a job. */
  Future<Optional<JobStatusView>> giveUp(UUID id, int maxAttempts) {
    return update(SqlQueries.GIVE_UP_JOB, Tuple.of(id, maxAttempts));
  }

  /** A failed attempt to be tried again after {@code delayMs}, if that attempt still holds the job. */
  record Retry(UUID id, int attempt, String error, long delayMs) {
  }

  /** Records failed attempts as RETRY, each only for the attempt that holds its job, in one statement. */
  Future<List<Optional<JobStatusView>>> retry(List<Retry> failures) {
    Tuple values = Tuple.tuple()
        .addArrayOfUUID(failures.stream().map(Retry::id).toArray(UUID[]::new))
        .addArrayOfInteger(failures.stream().map(Retry::attempt).toArray(Integer[]::new))
        .addArrayOfString(failures.stream().map(Retry::error).toArray(String[]::new))
        .addArrayOfLong(failures.stream().map(Retry::delayMs).toArray(Long[]::new));
    return pool.preparedQuery(SqlQueries.RETRY_JOBS).execute(values)
        .map(rows -> inOrder(failures, Retry::id, rows, JobRepository::toStatus));
  }

  Future<Optional<JobStatusView>> fail(UUID id, int attempt, String error) {
    return update(SqlQueries.FAIL_JOB, Tuple.of(id, attempt, error));
  }

  /** Cancels the owner's unfinished job; empty if it is finished, unknown or another owner's. */
  Future<Optional<JobStatusView>> cancel(String owner, UUID id) {
    return update(SqlQueries.CANCEL_JOB, Tuple.of(id, owner));
  }

  /** Cancels an unfinished job whoever owns it; empty if it is finished or unknown. */
  Future<Optional<JobStatusView>> cancelAny(UUID id) {
    return update(SqlQueries.CANCEL_ANY_JOB, Tuple.of(id));
  }

  Future<Optional<JobStatusView>> requeue(UUID id) {
    return update(SqlQueries.REQUEUE_DEAD_LETTER, Tuple.of(id, retention.deadLetterCutoff()));
  }

  private Future<Optional<JobStatusView>> update(String statement, Tuple values) {
    return pool.preparedQuery(statement).execute(values).map(JobRepository::status);
  }

  Future<List<JobStatusView>> deadLetters(int limit) {
    return pool.preparedQuery(SqlQueries.LIST_DEAD_LETTERS).execute(Tuple.of(retention.deadLetterCutoff(), limit))
        .map(rows -> Rows.all(rows, JobRepository::toStatus));
  }

  private static Optional<JobStatusView> status(RowSet<Row> rows) {
    return Rows.first(rows, JobRepository::toStatus);
  }

  private static JobStatusView toStatus(Row row) {
    return toStatus(row, "id");
  }

  private static JobStatusView toStatus(Row row, String idColumn) {
    return new JobStatusView.Value(row.getUUID(idColumn).toString(), row.getString("owner"),
        JobState.valueOf(row.getString("status")),
        row.getInteger("attempts"), row.getString("worker"), row.getString("error"),
        row.getLocalDateTime("created_at"), row.getLocalDateTime("started_at"), row.getLocalDateTime("finished_at"),
        row.getLocalDateTime("next_attempt_at"), row.getLocalDateTime("dead_lettered_at"), row.getInteger("requeues"));
  }
}
