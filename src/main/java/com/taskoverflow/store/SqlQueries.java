package com.taskoverflow.store;

import com.taskoverflow.bus.Todo;

/** Every SQL statement of the store, in one place. All but the migrations run as prepared statements. */
final class SqlQueries {

  static final long MIGRATION_LOCK_KEY = 0x7461736b6f76L; // "taskov"
  static final String MIGRATION_LOCK = "SELECT pg_advisory_xact_lock($1)";
  static final String MIGRATION_TABLE_EXISTS = "SELECT to_regclass('schema_migrations') IS NOT NULL";
  static final String CREATE_MIGRATION_TABLE = """
      CREATE TABLE schema_migrations (
        script     TEXT PRIMARY KEY,
        applied_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'utc'))""";
  static final String APPLIED_MIGRATIONS = "SELECT script FROM schema_migrations";
  static final String RECORD_MIGRATION = "INSERT INTO schema_migrations (script) VALUES ($1)";

  /** The cheapest statement: is the database there? */
  static final String PING = "SELECT 1";
  static final String DATABASE_EXISTS = "SELECT 1 FROM pg_database WHERE datname = $1";

  /** The current UTC time at the API's precision (whole seconds). */
  private static final String NOW = "date_trunc('second', now() AT TIME ZONE 'utc')";

  private static final String TODO_COLUMNS =
      "id, title, description, completed, deadline_at, created_at, updated_at";

  /** A page of the list: after id $4, at most $5, by the primary key (keyset pagination). */
  static final String LIST_TODOS = "SELECT " + TODO_COLUMNS + " FROM todos"
      + " WHERE ($1::boolean IS NULL OR completed = $1)"
      + " AND ($2::timestamp IS NULL OR deadline_at BETWEEN $2 AND $3::timestamp)"
      + " AND id > $4 ORDER BY id LIMIT $5";
  static final String GET_TODO = "SELECT " + TODO_COLUMNS + " FROM todos WHERE id = $1";
  static final String INSERT_TODO = "INSERT INTO todos (title, description, completed, deadline_at, created_at, updated_at)"
      + " VALUES ($1, $2, $3, $4, " + NOW + ", " + NOW + ") RETURNING " + TODO_COLUMNS;
  /** A partial update in one statement: each field has a flag saying whether to set it. */
  static final String UPDATE_TODO = "UPDATE todos SET"
      + " title = CASE WHEN $2 THEN $3::text ELSE title END,"
      + " description = CASE WHEN $4 THEN $5::text ELSE description END,"
      + " completed = CASE WHEN $6 THEN $7::boolean ELSE completed END,"
      + " deadline_at = CASE WHEN $8 THEN $9::timestamp ELSE deadline_at END,"
      + " updated_at = " + NOW
      + " WHERE id = $1 RETURNING " + TODO_COLUMNS;
  static final String DELETE_TODO = "DELETE FROM todos WHERE id = $1 RETURNING " + TODO_COLUMNS;

  private static final String JOB_STATUS_COLUMNS = "id, status, attempts, worker, error, created_at,"
      + " started_at, finished_at, next_attempt_at, dead_lettered_at";
  /** Unfinished, or finished within the retention ($2), or dead-lettered within theirs ($3). */
  private static final String LIVE = "(finished_at IS NULL OR finished_at > $2 OR dead_lettered_at > $3)";
  private static final String UNFINISHED = "status IN ('PENDING', 'RETRY', 'STARTED')";

  /**
   * Creates jobs, one per id in $1, with their snapshot, in one statement: one consistent read of
   * the todos (in the API's JSON, as the calendar builder reads them), aggregated inside
   * PostgreSQL once for every job of the batch, so the 202s cost one round trip however many
   * todos and jobs there are.
   */
  static final String INSERT_JOBS = "INSERT INTO calendar_jobs (id, status, snapshot, created_at, updated_at)"
      + " SELECT ids.id, 'PENDING', snapshot.todos, " + NOW + ", " + NOW
      + " FROM unnest($1::uuid[]) AS ids(id), (SELECT COALESCE(json_agg(json_build_object("
      + "'" + Todo.ID + "', id, '" + Todo.TITLE + "', title, '" + Todo.DESCRIPTION + "', description,"
      + " '" + Todo.DEADLINE_AT + "', to_char(deadline_at, 'YYYY-MM-DD\"T\"HH24:MI:SS')) ORDER BY id), '[]'::json) AS todos"
      + " FROM todos WHERE deadline_at IS NOT NULL) AS snapshot"
      + " RETURNING " + JOB_STATUS_COLUMNS;
  /** Removes jobs that could not be queued (and so were never accepted). */
  static final String DELETE_UNQUEUED_JOBS = "DELETE FROM calendar_jobs WHERE id = ANY($1::uuid[]) AND status = 'PENDING'";
  static final String JOB_STATUS = "SELECT " + JOB_STATUS_COLUMNS + " FROM calendar_jobs WHERE id = $1 AND " + LIVE;
  static final String JOB_RESULT = "SELECT " + JOB_STATUS_COLUMNS + ", result FROM calendar_jobs WHERE id = $1 AND "
      + LIVE;
  /**
   * Takes a job for one more attempt, if it has attempts left. STARTED is allowed because a job is
   * only redelivered when its last holder stopped acknowledging it; the attempt number fences off
   * that earlier holder.
   */
  static final String START_JOBS = "UPDATE calendar_jobs AS job SET status = 'STARTED', attempts = job.attempts + 1,"
      + " worker = taking.worker, started_at = " + NOW + ", next_attempt_at = NULL, updated_at = " + NOW
      + " FROM unnest($1::uuid[], $2::text[], $3::int[]) AS taking(id, worker, max_attempts)"
      + " WHERE job.id = taking.id AND job." + UNFINISHED + " AND job.attempts < taking.max_attempts"
      + " RETURNING job.id, job.attempts, job.snapshot::text AS snapshot, job.created_at";
  /** A job out of attempts without an outcome (its workers kept dying): failed, a dead letter. */
  static final String GIVE_UP_JOB = "UPDATE calendar_jobs SET status = 'FAILURE',"
      + " error = 'Gave up after ' || attempts || ' attempts: '"
      + " || COALESCE(error, 'no attempt finished (its worker stopped or was lost each time)'),"
      + " finished_at = " + NOW + ", dead_lettered_at = " + NOW + ", updated_at = " + NOW
      + " WHERE id = $1 AND " + UNFINISHED + " AND attempts >= $2"
      + " RETURNING " + JOB_STATUS_COLUMNS;
  /** Records the calendar, only for the attempt that currently holds the job. */
  static final String SUCCEED_JOBS = "UPDATE calendar_jobs AS job SET status = 'SUCCESS', result = done.calendar,"
      + " error = NULL, finished_at = " + NOW + ", updated_at = " + NOW
      + " FROM unnest($1::uuid[], $2::int[], $3::text[]) AS done(id, attempt, calendar)"
      + " WHERE job.id = done.id AND job.attempts = done.attempt AND job.status = 'STARTED'"
      + " RETURNING " + JOB_STATUS_COLUMNS.replaceAll("(\\w+)", "job.$1"); // each column of the job's row
  /** A failed attempt with attempts left: RETRY, due again after $4 milliseconds. */
  static final String RETRY_JOB = "UPDATE calendar_jobs SET status = 'RETRY', error = $3,"
      + " next_attempt_at = " + NOW + " + $4 * interval '1 millisecond', updated_at = " + NOW
      + " WHERE id = $1 AND attempts = $2 AND status = 'STARTED'"
      + " RETURNING " + JOB_STATUS_COLUMNS;
  /** The last attempt failed: FAILURE with its reason, and a dead letter. */
  static final String FAIL_JOB = "UPDATE calendar_jobs SET status = 'FAILURE', error = $3,"
      + " finished_at = " + NOW + ", dead_lettered_at = " + NOW + ", updated_at = " + NOW
      + " WHERE id = $1 AND attempts = $2 AND status = 'STARTED'"
      + " RETURNING " + JOB_STATUS_COLUMNS;

  static final String LIST_DEAD_LETTERS = "SELECT " + JOB_STATUS_COLUMNS + " FROM calendar_jobs"
      + " WHERE dead_lettered_at > $1 ORDER BY dead_lettered_at DESC, id LIMIT $2";
  /** Back to the start: PENDING with every attempt available again. */
  static final String REQUEUE_DEAD_LETTER = "UPDATE calendar_jobs SET status = 'PENDING', attempts = 0,"
      + " error = NULL, result = NULL, worker = NULL, started_at = NULL, finished_at = NULL,"
      + " next_attempt_at = NULL, dead_lettered_at = NULL, updated_at = " + NOW
      + " WHERE id = $1 AND dead_lettered_at > $2"
      + " RETURNING " + JOB_STATUS_COLUMNS;

  /** Unfinished jobs in id order, a page after $1: what the queue must hold. */
  static final String UNFINISHED_JOBS = "SELECT id FROM calendar_jobs WHERE " + UNFINISHED
      + " AND id > $1 ORDER BY id LIMIT $2";
  /** Unfinished jobs untouched since $1: if the queue holds none of them, they were lost there. */
  static final String QUIET_UNFINISHED_JOBS = "SELECT id FROM calendar_jobs WHERE " + UNFINISHED
      + " AND updated_at < $1 ORDER BY updated_at LIMIT $2";
  /** Finished jobs past the retention ($1), dead letters past theirs ($2), a batch at a time. */
  static final int PURGE_BATCH = 1000;
  static final String PURGE_JOBS = "DELETE FROM calendar_jobs WHERE id IN (SELECT id FROM calendar_jobs"
      + " WHERE (dead_lettered_at IS NULL AND finished_at < $1) OR dead_lettered_at < $2"
      + " LIMIT " + PURGE_BATCH + ")";
  static final String PURGE_IDEMPOTENCY_KEYS = "DELETE FROM idempotency_keys WHERE created_at < $1";

  /**
   * Claims an idempotency key for this request; an expired claim ($4: the cutoff) is taken over.
   * Answers a row if the key is ours now, none if another request holds it.
   */
  static final String CLAIM_IDEMPOTENCY_KEY = "INSERT INTO idempotency_keys (scope, key, request_hash, created_at)"
      + " VALUES ($1, $2, $3, " + NOW + ")"
      + " ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, response = NULL,"
      + " created_at = EXCLUDED.created_at WHERE idempotency_keys.created_at < $4"
      + " RETURNING key";
  static final String IDEMPOTENT_RESPONSE = "SELECT request_hash, response FROM idempotency_keys"
      + " WHERE scope = $1 AND key = $2";
  static final String SAVE_IDEMPOTENT_RESPONSE = "UPDATE idempotency_keys SET response = $3"
      + " WHERE scope = $1 AND key = $2";
  static final String DELETE_IDEMPOTENCY_KEY = "DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2";

  private SqlQueries() {
  }
}
