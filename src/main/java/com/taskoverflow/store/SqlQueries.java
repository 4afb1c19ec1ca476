package com.taskoverflow.store;

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

  static final String DATABASE_EXISTS = "SELECT 1 FROM pg_database WHERE datname = $1";

  /** The current UTC time at the API's precision (whole seconds). */
  private static final String NOW = "date_trunc('second', now() AT TIME ZONE 'utc')";

  private static final String TODO_COLUMNS =
      "id, title, description, completed, deadline_at, created_at, updated_at";

  static final String LIST_TODOS = "SELECT " + TODO_COLUMNS + " FROM todos"
      + " WHERE ($1::boolean IS NULL OR completed = $1)"
      + " AND ($2::timestamp IS NULL OR deadline_at BETWEEN $2 AND $3::timestamp)"
      + " ORDER BY id";
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

  private static final String JOB_STATUS_COLUMNS =
      "id, status, attempts, worker, error, created_at, started_at, finished_at";

  /**
   * Creates the job and its snapshot in one statement: one consistent read of the todos, aggregated
   * inside PostgreSQL, so the 202 costs one round trip however many todos there are.
   */
  static final String INSERT_JOB = "INSERT INTO calendar_jobs (id, status, snapshot, created_at, updated_at)"
      + " SELECT $1, 'PENDING', COALESCE(json_agg(json_build_object("
      + "'id', id, 'title', title, 'description', description,"
      + " 'deadline_at', to_char(deadline_at, 'YYYY-MM-DD\"T\"HH24:MI:SS')) ORDER BY id), '[]'::json),"
      + " " + NOW + ", " + NOW
      + " FROM todos WHERE deadline_at IS NOT NULL"
      + " RETURNING " + JOB_STATUS_COLUMNS;
  /** Removes a job that could not be queued (and so was never accepted). */
  static final String DELETE_UNQUEUED_JOB = "DELETE FROM calendar_jobs WHERE id = $1 AND status = 'PENDING'";
  static final String JOB_STATUS = "SELECT " + JOB_STATUS_COLUMNS + " FROM calendar_jobs WHERE id = $1";
  static final String JOB_RESULT = "SELECT status, result, error FROM calendar_jobs WHERE id = $1";
  /**
   * Takes a job for one attempt. STARTED is allowed because a job is only redelivered when its
   * last holder stopped acknowledging it; the attempt number fences off that earlier holder.
   */
  static final String START_JOB = "UPDATE calendar_jobs SET status = 'STARTED', attempts = attempts + 1,"
      + " worker = $2, started_at = " + NOW + ", updated_at = " + NOW
      + " WHERE id = $1 AND status IN ('PENDING', 'RETRY', 'STARTED')"
      + " RETURNING attempts, snapshot::text AS snapshot, created_at";
  /** Records an outcome, only for the attempt that currently holds the job. */
  static final String FINISH_JOB = "UPDATE calendar_jobs SET status = $3, result = $4, error = $5,"
      + " finished_at = " + NOW + ", updated_at = " + NOW
      + " WHERE id = $1 AND attempts = $2 AND status = 'STARTED'"
      + " RETURNING " + JOB_STATUS_COLUMNS;

  private SqlQueries() {
  }
}
