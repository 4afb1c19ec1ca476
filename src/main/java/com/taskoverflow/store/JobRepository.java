package com.taskoverflow.store;

import com.taskoverflow.bus.JobStatus;
import com.taskoverflow.bus.Timestamps;
import com.taskoverflow.store.IdempotencyKeys.Key;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Calendar-job records: the source of truth for a job's status and result. */
final class JobRepository {

  static final String SUBMIT_SCOPE = "jobs.submit";

  private final Pool pool;
  private final Retention retention;

  JobRepository(Pool pool, Retention retention) {
    this.pool = pool;
    this.retention = retention;
  }

  /** A new PENDING job holding a snapshot of the todos, or the job an earlier try with the key made. */
  Future<Answer> create(Optional<Key> key) {
    if (key.isEmpty()) {
      return insert(pool).map(Answer::fresh);
    }
    return pool.withTransaction(conn -> IdempotencyKeys.claim(conn, key.get(), retention.idempotencyCutoff())
        .compose(earlier -> earlier.isPresent()
            ? Future.succeededFuture(new Answer(earlier.get(), true))
            : insert(conn).compose(status -> IdempotencyKeys.save(conn, key.get(), status).map(Answer.fresh(status)))));
  }

  private static Future<JsonObject> insert(SqlClient client) {
    return client.preparedQuery(SqlQueries.INSERT_JOB).execute(Tuple.of(UUID.randomUUID()))
        .map(rows -> toStatus(rows.iterator().next()));
  }

  /** Undoes a submission that could not be queued: the job, and the key that would replay it. */
  Future<Void> deleteUnqueued(UUID id, Optional<Key> key) {
    Future<Void> job = pool.preparedQuery(SqlQueries.DELETE_UNQUEUED_JOB).execute(Tuple.of(id)).mapEmpty();
    return key.map(k -> job.compose(deleted -> IdempotencyKeys.release(pool, k))).orElse(job);
  }

  Future<Optional<JsonObject>> status(UUID id) {
    return pool.preparedQuery(SqlQueries.JOB_STATUS).execute(live(id))
        .map(rows -> Rows.first(rows, JobRepository::toStatus));
  }

  /** {status, calendar, error} of a job, if it exists and has not expired. */
  Future<Optional<JsonObject>> result(UUID id) {
    return pool.preparedQuery(SqlQueries.JOB_RESULT).execute(live(id))
        .map(rows -> Rows.first(rows, row -> new JsonObject()
            .put(JobStatus.TASK_STATUS, row.getString("status"))
            .put("calendar", row.getString("result"))
            .put("error", row.getString("error"))));
  }

  private Tuple live(UUID id) {
    return Tuple.of(id, retention.finishedCutoff(), retention.deadLetterCutoff());
  }

  /**
   * Takes the job for a new attempt: {attempt, snapshot (JSON text), accepted_at}; empty if it is
   * finished, unknown, or out of attempts.
   */
  Future<Optional<JsonObject>> start(UUID id, String worker, int maxAttempts) {
    return pool.preparedQuery(SqlQueries.START_JOB).execute(Tuple.of(id, worker, maxAttempts))
        .map(rows -> Rows.first(rows, row -> new JsonObject()
            .put("attempt", row.getInteger("attempts"))
            .put("snapshot", row.getString("snapshot"))
            .put("accepted_at", Timestamps.format(row.getLocalDateTime("created_at")))));
  }

  /** Fails a job that has used up its attempts without an outcome; empty if it is not such a job. */
  Future<Optional<JsonObject>> giveUp(UUID id, int maxAttempts) {
    return pool.preparedQuery(SqlQueries.GIVE_UP_JOB).execute(Tuple.of(id, maxAttempts)).map(JobRepository::status);
  }

  Future<Optional<JsonObject>> succeed(UUID id, int attempt, String calendar) {
    return pool.preparedQuery(SqlQueries.SUCCEED_JOB).execute(Tuple.of(id, attempt, calendar)).map(JobRepository::status);
  }

  Future<Optional<JsonObject>> retry(UUID id, int attempt, String error, long delayMs) {
    return pool.preparedQuery(SqlQueries.RETRY_JOB).execute(Tuple.of(id, attempt, error, delayMs)).map(JobRepository::status);
  }

  Future<Optional<JsonObject>> fail(UUID id, int attempt, String error) {
    return pool.preparedQuery(SqlQueries.FAIL_JOB).execute(Tuple.of(id, attempt, error)).map(JobRepository::status);
  }

  Future<JsonArray> deadLetters(int limit) {
    return pool.preparedQuery(SqlQueries.LIST_DEAD_LETTERS).execute(Tuple.of(retention.deadLetterCutoff(), limit))
        .map(rows -> {
          JsonArray letters = new JsonArray();
          rows.forEach(row -> letters.add(toStatus(row)));
          return letters;
        });
  }

  Future<Optional<JsonObject>> requeue(UUID id) {
    return pool.preparedQuery(SqlQueries.REQUEUE_DEAD_LETTER).execute(Tuple.of(id, retention.deadLetterCutoff()))
        .map(JobRepository::status);
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
    List<UUID> ids = new ArrayList<>(rows.size());
    rows.forEach(row -> ids.add(row.getUUID("id")));
    return ids;
  }

  private static Optional<JsonObject> status(RowSet<Row> rows) {
    return Rows.first(rows, JobRepository::toStatus);
  }

  private static JsonObject toStatus(Row row) {
    return new JsonObject()
        .put(JobStatus.TASK_ID, row.getUUID("id").toString())
        .put(JobStatus.TASK_STATUS, row.getString("status"))
        .put("attempts", row.getInteger("attempts"))
        .put("worker", row.getString("worker"))
        .put("error", row.getString("error"))
        .put("created_at", Timestamps.format(row.getLocalDateTime("created_at")))
        .put("started_at", Timestamps.format(row.getLocalDateTime("started_at")))
        .put("finished_at", Timestamps.format(row.getLocalDateTime("finished_at")))
        .put("next_attempt_at", Timestamps.format(row.getLocalDateTime("next_attempt_at")))
        .put("dead_lettered_at", Timestamps.format(row.getLocalDateTime("dead_lettered_at")));
  }
}
