package com.taskoverflow.store;

import com.taskoverflow.bus.JobStatus;
import com.taskoverflow.bus.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** Calendar-job records: the source of truth for a job's status and result. */
final class JobRepository {

  private final Pool pool;

  JobRepository(Pool pool) {
    this.pool = pool;
  }

  /** A new PENDING job holding a snapshot of the todos; answers its status. */
  Future<JsonObject> create() {
    return pool.preparedQuery(SqlQueries.INSERT_JOB).execute(Tuple.of(UUID.randomUUID()))
        .map(rows -> toStatus(rows.iterator().next()));
  }

  Future<Void> deleteUnqueued(UUID id) {
    return pool.preparedQuery(SqlQueries.DELETE_UNQUEUED_JOB).execute(Tuple.of(id)).mapEmpty();
  }

  Future<Optional<JsonObject>> status(UUID id) {
    return pool.preparedQuery(SqlQueries.JOB_STATUS).execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, JobRepository::toStatus));
  }

  /** {status, result, error} of a job, if it exists. */
  Future<Optional<JsonObject>> result(UUID id) {
    return pool.preparedQuery(SqlQueries.JOB_RESULT).execute(Tuple.of(id))
        .map(rows -> Rows.first(rows, row -> new JsonObject()
            .put(JobStatus.TASK_STATUS, row.getString("status"))
            .put("calendar", row.getString("result"))
            .put("error", row.getString("error"))));
  }

  /** Takes the job for a new attempt: {attempt, snapshot (JSON text), accepted_at}; empty if it cannot run. */
  Future<Optional<JsonObject>> start(UUID id, String worker) {
    return pool.preparedQuery(SqlQueries.START_JOB).execute(Tuple.of(id, worker))
        .map(rows -> Rows.first(rows, row -> new JsonObject()
            .put("attempt", row.getInteger("attempts"))
            .put("snapshot", row.getString("snapshot"))
            .put("accepted_at", Timestamps.format(row.getLocalDateTime("created_at")))));
  }

  /** Records the outcome of an attempt; empty if that attempt no longer holds the job. */
  Future<Optional<JsonObject>> finish(UUID id, int attempt, String status, String calendar, String error) {
    return pool.preparedQuery(SqlQueries.FINISH_JOB)
        .execute(Tuple.of(id, attempt, status, calendar, error))
        .map(rows -> Rows.first(rows, JobRepository::toStatus));
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
        .put("finished_at", Timestamps.format(row.getLocalDateTime("finished_at")));
  }
}
