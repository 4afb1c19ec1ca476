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

  /** A page of owner $6's list: after id $4, at most $5, by (owner, id) (keyset pagination). */
  static final String LIST_TODOS = "SELECT " + TODO_COLUMNS + " FROM todos"
      + " WHERE owner = $6 AND ($1::boolean IS NULL OR completed = $1)"
      + " AND ($2::timestamp IS NULL OR deadline_at BETWEEN $2 AND $3::timestamp)"
      + " AND id > $4 ORDER BY id LIMIT $5";
  /** Todo $1, if owner $2 has it: another owner's todo is as unknown as a missing one. */
  static final String GET_TODO = "SELECT " + TODO_COLUMNS + " FROM todos WHERE id = $1 AND owner = $2";
  static final String INSERT_TODO = "INSERT INTO todos (title, description, completed, deadline_at, owner, created_at,"
      + " updated_at) VALUES ($1, $2, $3, $4, $5, " + NOW + ", " + NOW + ") RETURNING " + TODO_COLUMNS;
  /** A page of owner $1's todos with a deadline, as they are now: after id $2, at most $3 (the calendar feed). */
  static final String CALENDAR_TODOS = "SELECT id AS " + Todo.ID + ", title, description, deadline_at FROM todos"
      + " WHERE owner = $1 AND deadline_at IS NOT NULL AND id > $2 ORDER BY id LIMIT $3";
  /** A partial update in one statement: each field has a flag saying whether to set it. */
  static final String UPDATE_TODO = "UPDATE todos SET"
      + " title = CASE WHEN $2 THEN $3::text ELSE title END,"
      + " description = CASE WHEN $4 THEN $5::text ELSE description END,"
      + " completed = CASE WHEN $6 THEN $7::boolean ELSE completed END,"
      + " deadline_at = CASE WHEN $8 THEN $9::timestamp ELSE deadline_at END,"
      + " updated_at = " + NOW
      + " WHERE id = $1 AND owner = $10 RETURNING " + TODO_COLUMNS;
  static final String DELETE_TODO = "DELETE FROM todos WHERE id = $1 AND owner = $2 RETURNING " + TODO_COLUMNS;

  private static final String JOB_STATUS_COLUMNS = "id, owner, status, attempts, worker, error, created_at,"
      + " started_at, finished_at, next_attempt_at, dead_lettered_at, requeues";
  /** {@link #JOB_STATUS_COLUMNS} of the table named {@code job}, as statements that join it name them. */
  private static final String JOB_STATUS_OF_JOB = JOB_STATUS_COLUMNS.replaceAll("(\\w+)", "job.$1");
  /** Unfinished, or finished within the retention ($2), or dead-lettered within theirs ($3). */
  private static final String LIVE = "(finished_at IS NULL OR finished_at > $2 OR dead_lettered_at > $3)";
  private static final String UNFINISHED = "status IN ('PENDING', 'RETRY', 'STARTED')";

  /** A place in the order of acceptance, for a job held until the broker takes it. */
  private static final String NEXT_HELD = "nextval('calendar_jobs_held_order')";
  /**
   * Creates jobs, one per id in $1, each remembering this moment as a PostgreSQL snapshot: the
   * todos are read as they stood then (from todo_versions) only when the job runs, so the 202s
   * cost one short statement however many todos there are. With $2 the jobs are held for the
   * relay, in the ids' order, instead of being queued by the caller. Each job belongs to the owner
   * at its place in $3.
   */
  static final String INSERT_JOBS = "INSERT INTO calendar_jobs (id, owner, status, as_of, created_at, updated_at, held)"
      + " SELECT ids.id, ids.owner, 'PENDING', pg_current_snapshot(), " + NOW + ", " + NOW + ", CASE WHEN $2 THEN "
      + NEXT_HELD + " END FROM unnest($1::uuid[], $3::text[]) WITH ORDINALITY AS ids(id, owner, n) ORDER BY ids.n"
      + " RETURNING " + JOB_STATUS_COLUMNS;
  /** Holds jobs the broker did not take, in the ids' order, unless a worker has already started one. */
  static final String HOLD_JOBS = "UPDATE calendar_jobs AS job SET held = holding.place FROM (SELECT ids.id, "
      + NEXT_HELD + " AS place FROM unnest($1::uuid[]) WITH ORDINALITY AS ids(id, n) ORDER BY ids.n) AS holding"
      + " WHERE job.id = holding.id AND job.status = 'PENDING' AND job.held IS NULL";
  /**
   * The first held job, if any: a lookup in the held index, which is empty when all is well. Asked
   * in index order so that the index is used even before the table has statistics; as EXISTS, a
   * new table's plan scanned every job four times a second.
   */
  static final String FIRST_HELD = "SELECT held FROM calendar_jobs WHERE held IS NOT NULL ORDER BY held LIMIT 1";
  static final String COUNT_HELD = "SELECT count(*) FROM calendar_jobs WHERE held IS NOT NULL";
  /** How many jobs are waiting or running (the partial index on unfinished jobs answers it). */
  static final String COUNT_UNFINISHED = "SELECT count(*) FROM calendar_jobs WHERE " + UNFINISHED;
  /** The oldest held jobs, locked for this relay: another store's relay skips them. */
  static final String TAKE_HELD = "SELECT id FROM calendar_jobs WHERE held IS NOT NULL ORDER BY held LIMIT $1"
      + " FOR UPDATE SKIP LOCKED";
  static final String RELEASE_HELD = "UPDATE calendar_jobs SET held = NULL WHERE id = ANY($1::uuid[])";
  /** The versions of its owner's todos a job sees: written before its snapshot, and not changed or deleted for it. */
  private static String todosSeenBy(String owner, String snapshot, String afterTodoId) {
    return "SELECT version.todo_id AS " + Todo.ID + ", version.title, version.description, version.deadline_at"
        + " FROM todo_versions AS version WHERE version.owner = " + owner + " AND version.todo_id > " + afterTodoId
        + " AND pg_visible_in_snapshot(version.valid_from, " + snapshot + ")"
        + " AND (version.valid_to IS NULL OR NOT pg_visible_in_snapshot(version.valid_to, " + snapshot + "))"
        + " ORDER BY version.todo_id";
  }

  /**
   * A page of job $1's todos (those with a deadline), as they stood at its acceptance: after todo
   * $2, at most $3. None once the job is cancelled: a running export stops at its next page.
   */
  static final String JOB_TODOS = todosSeenBy("(SELECT owner FROM calendar_jobs WHERE id = $1 AND status <> 'CANCELLED')",
      "(SELECT as_of FROM calendar_jobs WHERE id = $1)", "$2") + " LIMIT $3";
  /** How many todos job $1's calendar holds. */
  static final String JOB_TODO_COUNT = "SELECT count(*) FROM (" + todosSeenBy(
      "(SELECT owner FROM calendar_jobs WHERE id = $1)", "(SELECT as_of FROM calendar_jobs WHERE id = $1)", "0")
      + ") AS seen";
  /** Job $1, if owner $4 has it: another owner's job is as unknown as a missing one. */
  static final String JOB_STATUS = "SELECT " + JOB_STATUS_COLUMNS + " FROM calendar_jobs WHERE id = $1 AND owner = $4"
      + " AND " + LIVE;
  /** Job $1 whoever owns it: for an operator. */
  static final String ANY_JOB_STATUS = "SELECT " + JOB_STATUS_COLUMNS + " FROM calendar_jobs WHERE id = $1 AND " + LIVE;
  /** A job's status, how many parts its calendar has, and the first of them. */
  static final String JOB_RESULT = "SELECT " + JOB_STATUS_COLUMNS + ", result_parts, (SELECT body FROM calendar_parts"
      + " WHERE job_id = job.id AND attempt = job.attempts AND seq = 0) AS first_part"
      + " FROM calendar_jobs AS job WHERE id = $1 AND owner = $4 AND " + LIVE;
  /** Part $2 of owner $3's succeeded job's calendar. */
  static final String RESULT_PART = "SELECT part.body FROM calendar_jobs AS job JOIN calendar_parts AS part"
      + " ON part.job_id = job.id AND part.attempt = job.attempts"
      + " WHERE job.id = $1 AND job.owner = $3 AND job.status = 'SUCCESS' AND part.seq = $2";
  /**
   * Takes jobs for one more attempt, if they have attempts left, answering with each job's first
   * todos ($4 at most: most calendars are this small, and so need no other read). STARTED is
   * allowed because a job is only redelivered when its last holder stopped acknowledging it; the
   * attempt number fences off that earlier holder.
   */
  static final String START_JOBS = "WITH taken AS (UPDATE calendar_jobs AS job SET status = 'STARTED',"
      + " attempts = job.attempts + 1, worker = taking.worker, started_at = " + NOW + ", next_attempt_at = NULL,"
      + " held = NULL, updated_at = " + NOW
      + " FROM unnest($1::uuid[], $2::text[], $3::int[]) AS taking(id, worker, max_attempts)"
      + " WHERE job.id = taking.id AND job." + UNFINISHED + " AND job.attempts < taking.max_attempts"
      + " RETURNING " + JOB_STATUS_OF_JOB + ", job.as_of)" + withFirstTodos("taken");
  /**
   * A look at jobs about to run at once (PENDING or RETRY, with attempts left), recording nothing:
   * each as the STARTED status its attempt would have, with its first todos ($4 at most), shaped
   * as {@link #START_JOBS} answers. Their attempts are recorded with their outcome, by
   * {@link #SUCCEED_AT_ONCE}.
   */
  static final String PREVIEW_JOBS = "WITH seen AS (" + lookedAt("looking.worker")
      + " FROM calendar_jobs AS job JOIN unnest($1::uuid[], $2::text[], $3::int[]) AS looking(id, worker, max_attempts)"
      + " ON job.id = looking.id WHERE job.status IN ('PENDING', 'RETRY') AND job.attempts < looking.max_attempts)"
      + withFirstTodos("seen");
  /**
   * {@link #PREVIEW_JOBS} for one job ($1, for worker $2, with fewer than $3 attempts): the look at
   * a job alone, in a quiet moment, on a statement planned once (the job read by its key, then
   * checked), so no planning sits on that job's path.
   */
  static final String PREVIEW_JOB = "WITH job AS MATERIALIZED (SELECT * FROM calendar_jobs WHERE id = $1),"
      + " seen AS (" + lookedAt("$2::text") + " FROM job WHERE job.status IN ('PENDING', 'RETRY') AND job.attempts < $3)"
      + withFirstTodos("seen");

  /** A job as it would be once started by {@code worker}: its status columns, and its snapshot. */
  private static String lookedAt(String worker) {
    return "SELECT job.id, job.owner, 'STARTED' AS status, job.attempts + 1 AS attempts, " + worker + " AS worker,"
        + " job.error, job.created_at, " + NOW + " AS started_at, job.finished_at, NULL::timestamp AS next_attempt_at,"
        + " job.dead_lettered_at, job.requeues, job.as_of";
  }

  /** A job out of attempts without an outcome (its workers kept dying): failed, a dead letter. */
  static final String GIVE_UP_JOB = droppingParts("UPDATE calendar_jobs SET status = 'FAILURE',"
      + " error = 'Gave up after ' || attempts || ' attempts: '"
      + " || COALESCE(error, 'no attempt finished (its worker stopped or was lost each time)'),"
      + " finished_at = " + NOW + ", dead_lettered_at = " + NOW + ", updated_at = " + NOW
      + " WHERE id = $1 AND " + UNFINISHED + " AND attempts >= $2");
  /** Stores part $3 of attempt $2's calendar for job $1, if that attempt still holds the job. */
  static final String SAVE_PART = "INSERT INTO calendar_parts (job_id, attempt, seq, body)"
      + " SELECT id, attempts, $3, $4 FROM calendar_jobs WHERE id = $1 AND attempts = $2 AND status = 'STARTED'"
      + " ON CONFLICT (job_id, attempt, seq) DO UPDATE SET body = EXCLUDED.body";
  /**
   * Records that each attempt's calendar is complete, with its last part, only for the attempt
   * that currently holds the job; parts of the job's other attempts go.
   */
  static final String SUCCEED_JOBS = "WITH done AS (UPDATE calendar_jobs AS job SET status = 'SUCCESS',"
      + " result_parts = done.parts, error = NULL, finished_at = " + NOW + ", updated_at = " + NOW
      + " FROM unnest($1::uuid[], $2::int[], $3::int[], $4::text[]) AS done(id, attempt, parts, last_part)"
      + " WHERE job.id = done.id AND job.attempts = done.attempt AND job.status = 'STARTED'"
      + " RETURNING " + JOB_STATUS_OF_JOB + ", done.parts, done.last_part),"
      + storingLastPart("parts - 1", "last_part");
  /**
   * Records attempts run at once, each with its start and its whole calendar, as one more attempt,
   * only while the job is PENDING or RETRY: no attempt is recorded as running (a started one holds
   * it, and fences this off) and it has not ended. Its calendar is the one any attempt would write
   * (the todos as they stood at the 202), so attempts that failed in between change nothing. Parts
   * of the job's other attempts go.
   */
  static final String SUCCEED_AT_ONCE = "WITH done AS (" + succeededAtOnce("done.worker", "done.started_at")
      + " FROM unnest($1::uuid[], $2::text[], $3::timestamp[], $4::text[]) AS done(id, worker, started_at, calendar)"
      + " WHERE job.id = done.id AND job.status IN ('PENDING', 'RETRY')"
      + " RETURNING " + JOB_STATUS_OF_JOB + ", done.calendar),"
      + storingLastPart("0", "calendar");
  /** {@link #SUCCEED_AT_ONCE} for one job ($1, by worker $2, started at $3, calendar $4), planned once as {@link #PREVIEW_JOB}. */
  static final String SUCCEED_JOB_AT_ONCE = "WITH done AS (" + succeededAtOnce("$2::text", "$3::timestamp")
      + " WHERE job.id = $1 AND job.status IN ('PENDING', 'RETRY')"
      + " RETURNING " + JOB_STATUS_OF_JOB + ", $4::text AS calendar),"
      + storingLastPart("0", "calendar");

  /** An attempt recorded whole: started by {@code worker} at {@code startedAt} (never before the job's acceptance), succeeded now. */
  private static String succeededAtOnce(String worker, String startedAt) {
    return "UPDATE calendar_jobs AS job SET status = 'SUCCESS', attempts = job.attempts + 1, worker = " + worker + ","
        + " started_at = GREATEST(job.created_at, LEAST(" + startedAt + ", " + NOW + ")), next_attempt_at = NULL,"
        + " held = NULL, result_parts = 1, error = NULL, finished_at = " + NOW + ", updated_at = " + NOW;
  }

  /**
   * The answer of a statement whose CTE {@code jobs} returns jobs' status columns and snapshots:
   * each job with its first todos ($4 at most) as it sees them, a row a todo (one with no todo for
   * a job that sees none), by job.
   */
  private static String withFirstTodos(String jobs) {
    return " SELECT " + JOB_STATUS_COLUMNS.replaceAll("(\\w+)", jobs + ".$1").replace(jobs + ".id", jobs + ".id AS job_id")
        + ", todo." + Todo.ID + ", todo.title, todo.description,"
        + " todo.deadline_at FROM " + jobs + " LEFT JOIN LATERAL (" + todosSeenBy(jobs + ".owner", jobs + ".as_of", "0")
        + " LIMIT $4) AS todo ON true ORDER BY " + jobs + ".id, todo." + Todo.ID;
  }

  /**
   * The rest of a statement whose CTE {@code done} returns succeeded jobs: each one's last part
   * stored (part {@code seq}, text {@code body}, columns of done), its other attempts' parts
   * dropped, and its status answered.
   */
  private static String storingLastPart(String seq, String body) {
    return " last AS (INSERT INTO calendar_parts (job_id, attempt, seq, body)"
        + " SELECT id, attempts, " + seq + ", " + body + " FROM done"
        + " ON CONFLICT (job_id, attempt, seq) DO UPDATE SET body = EXCLUDED.body),"
        + " stale AS (DELETE FROM calendar_parts AS part USING done WHERE part.job_id = done.id"
        + " AND part.attempt <> done.attempts)"
        + " SELECT " + JOB_STATUS_COLUMNS + " FROM done";
  }

  /** Failed attempts with attempts left: RETRY, each due again after its delay in milliseconds. */
  static final String RETRY_JOBS = "UPDATE calendar_jobs AS job SET status = 'RETRY', error = failed.error,"
      + " next_attempt_at = " + NOW + " + failed.delay_ms * interval '1 millisecond', updated_at = " + NOW
      + " FROM unnest($1::uuid[], $2::int[], $3::text[], $4::bigint[]) AS failed(id, attempt, error, delay_ms)"
      + " WHERE job.id = failed.id AND job.attempts = failed.attempt AND job.status = 'STARTED'"
      + " RETURNING " + JOB_STATUS_OF_JOB;
  /** The last attempt failed: FAILURE with its reason, and a dead letter. */
  static final String FAIL_JOB = droppingParts("UPDATE calendar_jobs SET status = 'FAILURE', error = $3,"
      + " finished_at = " + NOW + ", dead_lettered_at = " + NOW + ", updated_at = " + NOW
      + " WHERE id = $1 AND attempts = $2 AND status = 'STARTED'");

  /**
   * Owner $2's unfinished job $1 cancelled: final, out of the relay's hands, its calendar parts
   * dropped. A worker still running it is fenced off by its status, as a later attempt fences an
   * earlier one.
   */
  static final String CANCEL_JOB = cancelling("owner = $2");
  /** Unfinished job $1 cancelled by an operator, whoever owns it. */
  static final String CANCEL_ANY_JOB = cancelling("true");

  private static String cancelling(String owner) {
    return droppingParts("UPDATE calendar_jobs SET status = 'CANCELLED', held = NULL, next_attempt_at = NULL,"
        + " finished_at = " + NOW + ", updated_at = " + NOW + " WHERE id = $1 AND " + owner + " AND " + UNFINISHED);
  }

  static final String COUNT_DEAD_LETTERS = "SELECT count(*) FROM calendar_jobs WHERE dead_lettered_at > $1";
  static final String LIST_DEAD_LETTERS = "SELECT " + JOB_STATUS_COLUMNS + " FROM calendar_jobs"
      + " WHERE dead_lettered_at > $1 ORDER BY dead_lettered_at DESC, id LIMIT $2";
  /** Back to the start: PENDING with every attempt available again. */
  static final String REQUEUE_DEAD_LETTER = droppingParts("UPDATE calendar_jobs SET status = 'PENDING',"
      + " requeues = requeues + 1, attempts = 0, error = NULL, result_parts = NULL, worker = NULL, started_at = NULL, finished_at = NULL,"
      + " next_attempt_at = NULL, dead_lettered_at = NULL, updated_at = " + NOW
      + " WHERE id = $1 AND dead_lettered_at > $2");

  /** A job-ending (or restarting) UPDATE that also drops the parts of calendars its attempts wrote. */
  private static String droppingParts(String update) {
    return "WITH changed AS (" + update + " RETURNING " + JOB_STATUS_COLUMNS + "),"
        + " dropped AS (DELETE FROM calendar_parts AS part USING changed WHERE part.job_id = changed.id)"
        + " SELECT " + JOB_STATUS_COLUMNS + " FROM changed";
  }

  /**
   * Pruning todo versions runs under this lock: it waits for submissions in flight (whose
   * snapshots could be older than the pruner's) and holds new ones back until it commits.
   */
  static final String HOLD_SUBMISSIONS = "LOCK TABLE calendar_jobs IN SHARE MODE";
  /** Jobs that may still build a calendar: unfinished, or dead letters that can be requeued. */
  private static final String MAY_RUN = "(" + UNFINISHED + " OR dead_lettered_at IS NOT NULL)";
  /** Versions ended before every snapshot a job may still read (and before any new one): no job can see them. */
  static final int PRUNE_BATCH = 10_000;
  static final String PRUNE_TODO_VERSIONS = "DELETE FROM todo_versions WHERE ctid = ANY(ARRAY(SELECT ctid"
      + " FROM todo_versions WHERE valid_to < (SELECT LEAST(min(pg_snapshot_xmin(as_of)),"
      + " pg_snapshot_xmin(pg_current_snapshot())) FROM calendar_jobs WHERE " + MAY_RUN + ")"
      + " LIMIT " + PRUNE_BATCH + "))";

  /** Unfinished jobs in id order, a page after $1: what the queue must hold (held ones are the relay's). */
  static final String UNFINISHED_JOBS = "SELECT id FROM calendar_jobs WHERE " + UNFINISHED
      + " AND held IS NULL AND id > $1 ORDER BY id LIMIT $2";
  /** Unfinished jobs untouched since $1 and not held: if the queue holds none of them, they were lost there. */
  static final String QUIET_UNFINISHED_JOBS = "SELECT id FROM calendar_jobs WHERE " + UNFINISHED
      + " AND held IS NULL AND updated_at < $1 ORDER BY updated_at LIMIT $2";
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
  static final String CLAIM_IDEMPOTENCY_KEY = "INSERT INTO idempotency_keys (owner, scope, key, request_hash,"
      + " created_at) VALUES ($5, $1, $2, $3, " + NOW + ")"
      + " ON CONFLICT (owner, scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, response = NULL,"
      + " created_at = EXCLUDED.created_at WHERE idempotency_keys.created_at < $4"
      + " RETURNING key";
  static final String IDEMPOTENT_RESPONSE = "SELECT request_hash, response FROM idempotency_keys"
      + " WHERE scope = $1 AND key = $2 AND owner = $3";
  static final String SAVE_IDEMPOTENT_RESPONSE = "UPDATE idempotency_keys SET response = $3"
      + " WHERE scope = $1 AND key = $2 AND owner = $4";
  static final String DELETE_IDEMPOTENCY_KEY = "DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2"
      + " AND owner = $3";

  /** The feed key kept in the database, for when auth.feed-secret is not set. */
  static final String FEED_KEY = "SELECT secret FROM feed_key";
  /**
   * Taken before a feed is made (the migration's count_calendar_changes takes it shared): waits for
   * owner $1's changes under way; those that follow count for the feed.
   */
  static final String LOCK_OWNER_CHANGES = "SELECT pg_advisory_xact_lock(1717658999, hashtext($1))";
  /** A change for owner $1 at the making of a feed: its first validators are new, its stamp now. */
  static final String COUNT_FEED_MADE = "INSERT INTO calendar_changes (owner, slot, changes, changed_at)"
      + " VALUES ($1, pg_backend_pid() % 128, 1, clock_timestamp() AT TIME ZONE 'utc') ON CONFLICT (owner, slot)"
      + " DO UPDATE SET changes = calendar_changes.changes + 1, changed_at = EXCLUDED.changed_at";
  /** Owner $1's feed made anew: nonce $2, token hash $3 (the old token stops matching at once). */
  static final String RENEW_FEED = "INSERT INTO calendar_feeds (owner, nonce, token_hash, created_at)"
      + " VALUES ($1, $2, $3, " + NOW + ") ON CONFLICT (owner) DO UPDATE SET nonce = EXCLUDED.nonce,"
      + " token_hash = EXCLUDED.token_hash, created_at = EXCLUDED.created_at";
  static final String FEED_NONCE = "SELECT nonce FROM calendar_feeds WHERE owner = $1";
  static final String REVOKE_FEED = "DELETE FROM calendar_feeds WHERE owner = $1";
  /**
   * The feed with token hash $1 and its validators: the sum of its owner's change slots, the last
   * change (whole seconds), and whether that change is over a second old.
   */
  static final String OPEN_FEED = "SELECT feed.owner, COALESCE(sum(change.changes), 0) AS changes,"
      + " date_trunc('second', max(change.changed_at)) AS changed_at,"
      + " COALESCE(max(change.changed_at) < (clock_timestamp() AT TIME ZONE 'utc') - interval '1 second', true)"
      + " AS settled FROM calendar_feeds AS feed LEFT JOIN calendar_changes AS change ON change.owner = feed.owner"
      + " WHERE feed.token_hash = $1 GROUP BY feed.owner";

  private SqlQueries() {
  }
}
