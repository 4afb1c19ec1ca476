package com.taskoverflow.store;

import com.taskoverflow.bus.IdempotencyKey;
import com.taskoverflow.bus.JobResult;
import com.taskoverflow.bus.JobState;
import com.taskoverflow.bus.JobStatusView;
import com.taskoverflow.bus.StartedJob;
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
import java.util.Optional;
import java.util.UUID;

/** Calendar-job records: the source of truth for a job's status and result. */
final class JobRepository {

  private static final String SUBMIT_SCOPE = "jobs.submit";
  private static final Replay<JobStatusView> REPLAY = new Replay<>(JobStatusView::toJson, JobStatusView::new);

  private final Pool pool;
  private final Retention retention;

  JobRepository(Pool pool, Retention retention) {
    this.pool = pool;
    this.retention = retention;
  }

  /** A new PENDING job holding a snapshot of the todos, or the job an earlier try with the key made. */
  Future<Replayable<JobStatusView>> create(IdempotencyKey key) {
    return IdempotencyKeys.createOnce(pool, Key.of(SUBMIT_SCOPE, key), retention.idempotencyCutoff(),
        client -> insert(client, 1).map(created -> created.get(0)), REPLAY);
  }

  /** {@code count} new PENDING jobs in one statement, sharing one snapshot of the todos. */
  Future<List<JobStatusView>> createMany(int count) {
    return insert(pool, count);
  }

  private static Future<List<JobStatusView>> insert(SqlClient client, int count) {
    UUID[] ids = new UUID[count];
    for (int i = 0; i < count; i++) {
      ids[i] = UUID.randomUUID();
    }
    return client.preparedQuery(SqlQueries.INSERT_JOBS).execute(Tuple.tuple().addArrayOfUUID(ids))
        .map(rows -> Rows.all(rows, JobRepository::toStatus));
  }

  /** Undoes submissions that could not be queued: the jobs, and the key that would replay one. */
  Future<Void> deleteUnqueued(List<UUID> ids, IdempotencyKey key) {
    Future<Void> jobs = pool.preparedQuery(SqlQueries.DELETE_UNQUEUED_JOBS)
        .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new))).mapEmpty();
    return Key.of(SUBMIT_SCOPE, key).map(k -> jobs.compose(deleted -> IdempotencyKeys.release(pool, k))).orElse(jobs);
  }

  Future<Optional<JobStatusView>> status(UUID id) {
    return pool.preparedQuery(SqlQueries.JOB_STATUS).execute(live(id)).map(JobRepository::status);
  }

  /** A job's status and calendar, if it exists and has not expired. */
  Future<Optional<JobResult>> result(UUID id) {
    return pool.preparedQuery(SqlQueries.JOB_RESULT).execute(live(id))
        .map(rows -> Rows.first(rows, row -> new JobResult(toStatus(row), row.getString("result"))));
  }

  private Tuple live(UUID id) {
    return Tuple.of(id, retention.finishedCutoff(), retention.deadLetterCutoff());
  }

  /** Takes the job for a new attempt; empty if it is finished, unknown, or out of attempts. */
  Future<Optional<StartedJob>> start(UUID id, String worker, int maxAttempts) {
    return pool.preparedQuery(SqlQueries.START_JOB).execute(Tuple.of(id, worker, maxAttempts))
        .map(rows -> Rows.first(rows, row -> new StartedJob(row.getInteger("attempts"), row.getString("snapshot"),
            row.getLocalDateTime("created_at"))));
  }

  /** Fails a job that has used up its attempts without an outcome; empty if it is not such a job. */
  Future<Optional<JobStatusView>> giveUp(UUID id, int maxAttempts) {
    return update(SqlQueries.GIVE_UP_JOB, Tuple.of(id, maxAttempts));
  }

  Future<Optional<JobStatusView>> succeed(UUID id, int attempt, String calendar) {
    return update(SqlQueries.SUCCEED_JOB, Tuple.of(id, attempt, calendar));
  }

  Future<Optional<JobStatusView>> retry(UUID id, int attempt, String error, long delayMs) {
    return update(SqlQueries.RETRY_JOB, Tuple.of(id, attempt, error, delayMs));
  }

  Future<Optional<JobStatusView>> fail(UUID id, int attempt, String error) {
    return update(SqlQueries.FAIL_JOB, Tuple.of(id, attempt, error));
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

  /** One page of unfinished job ids, after {@code after} in id order. */
  Future<List<UUID>> unfinished(UUID after, int limit) {
    return pool.preparedQuery(SqlQueries.UNFINISHED_JOBS).execute(Tuple.of(after, limit)).map(JobRepository::ids);
  }

  /** Unfinished jobs nothing has touched since {@code before}. */
  Future<List<UUID>> quietUnfinished(LocalDateTime before, int limit) {
    return pool.preparedQuery(SqlQueries.QUIET_UNFINISHED_JOBS).execute(Tuple.of(before, limit)).map(JobRepository::ids);
  }

  /** Deletes expired jobs and idempotency keys; answers how many jobs went. */
  Future<Integer> purgeExpired() {
    return pool.preparedQuery(SqlQueries.PURGE_JOBS)
        .execute(Tuple.of(retention.finishedCutoff(), retention.deadLetterCutoff()))
        .compose(jobs -> pool.preparedQuery(SqlQueries.PURGE_IDEMPOTENCY_KEYS)
            .execute(Tuple.of(retention.idempotencyCutoff()))
            .map(keys -> jobs.rowCount()));
  }

  private static List<UUID> ids(RowSet<Row> rows) {
    return Rows.all(rows, row -> row.getUUID("id"));
  }

  private static Optional<JobStatusView> status(RowSet<Row> rows) {
    return Rows.first(rows, JobRepository::toStatus);
  }

  private static JobStatusView toStatus(Row row) {
    return new JobStatusView(row.getUUID("id").toString(), JobState.valueOf(row.getString("status")),
        row.getInteger("attempts"), row.getString("worker"), row.getString("error"),
        row.getLocalDateTime("created_at"), row.getLocalDateTime("started_at"), row.getLocalDateTime("finished_at"),
        row.getLocalDateTime("next_attempt_at"), row.getLocalDateTime("dead_lettered_at"));
  }
}
