package com.taskoverflow.store;

import static com.taskoverflow.support.Await.result;
import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.config.PostgresConfig;
import com.taskoverflow.support.RunningService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job statements stay index lookups whatever the planner knows of the tables: on a new
 * database (no statistics yet) and after the table grew under a plan made while it was small.
 * A sequential scan here costs every job, or every relay tick, the whole table.
 */
class QueryPlansTest {

  private static final int JOBS = 20_000;
  private static RunningService service;
  private static Pool pool;
  private static Pool keyed;

  @BeforeAll
  static void start() {
    service = result(RunningService.start(new JsonObject().put("roles", "store")));
    PostgresConfig config = new PostgresConfig("postgresql://postgres@127.0.0.1:5432/" + service.database, "", 1, "");
    pool = result(Database.open(service.vertx(), config, "query-plans-test"));
    keyed = Database.keyed(service.vertx(), config);
  }

  @AfterAll
  static void stop() {
    result(pool.close());
    result(keyed.close());
    result(service.stop());
  }

  private static Future<String> plan(SqlConnection connection, String statement) {
    return connection.query("EXPLAIN " + statement).execute()
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(row -> row.getString(0))
            .collect(Collectors.joining("\n")));
  }

  private static Future<Void> run(SqlConnection connection, String sql) {
    return connection.query(sql).execute().mapEmpty();
  }

  /** This PostgreSQL (15, Debian's, built with lz4) compresses calendar text the cheap way (migration V8). */
  @Test
  void calendarTextIsCompressedWithLz4() {
    Row body = result(pool.query("SELECT attcompression FROM pg_attribute"
        + " WHERE attrelid = 'calendar_parts'::regclass AND attname = 'body'").execute()).iterator().next();
    assertEquals("l", body.getValue(0).toString());
  }

  private static final String START = "EXECUTE start_jobs(ARRAY[gen_random_uuid()], ARRAY['w'], ARRAY[3], 20)";

  @Test
  void theJobStartAndTheHeldLookupUseTheirIndexesAsTheTableGrows() {
    List<String> plans = result(pool.withConnection(connection -> run(connection, "PREPARE start_jobs(uuid[], text[], int[], int) AS "
            + SqlQueries.START_JOBS)
        // planned while the table is nearly empty, as on a new database
        .compose(prepared -> run(connection, START)).compose(done -> run(connection, START))
        .compose(done -> run(connection, START)).compose(done -> run(connection, START))
        .compose(done -> run(connection, START)).compose(done -> run(connection, START))
        .compose(done -> run(connection, "INSERT INTO calendar_jobs (id, owner, status, as_of, created_at, updated_at)"
            + " SELECT gen_random_uuid(), '', 'PENDING', pg_current_snapshot(), now(), now()"
            + " FROM generate_series(1, " + JOBS + ")"))
        .compose(grown -> plan(connection, START).compose(start -> plan(connection, SqlQueries.FIRST_HELD)
            .map(first -> List.of(start, first))))));
    assertFalse(plans.get(0).contains("Seq Scan on calendar_jobs"), plans.get(0));
    assertTrue(plans.get(0).contains("calendar_jobs_pkey"), plans.get(0));
    assertFalse(plans.get(1).contains("Seq Scan"), plans.get(1));
    Row settings = result(pool.query("SELECT current_setting('plan_cache_mode')").execute()).iterator().next();
    assertEquals("force_custom_plan", settings.getString(0));
  }

  private static final String LOOK = "EXECUTE preview_job(gen_random_uuid(), 'w', 3, 100)";
  private static final String AT_ONCE = "EXECUTE succeed_job_at_once(gen_random_uuid(), 'w', now()::timestamp, 'BEGIN:VCALENDAR')";

  /** A job alone's look and outcome are planned once per connection: on a near-empty table, and kept as it grows. */
  @Test
  void aJobAlonesLookAndOutcomeArePlannedOnceAsKeyLookups() {
    List<String> plans = result(keyed.withConnection(connection -> run(connection,
            "PREPARE preview_job(uuid, text, int, int) AS " + SqlQueries.PREVIEW_JOB)
        .compose(prepared -> run(connection, "PREPARE succeed_job_at_once(uuid, text, timestamp, text) AS "
            + SqlQueries.SUCCEED_JOB_AT_ONCE))
        // each planned at its first run, while the tables are, as far as the planner knows, empty
        .compose(prepared -> run(connection, "ANALYZE calendar_jobs, calendar_parts, todo_versions"))
        .compose(analyzed -> run(connection, LOOK)).compose(done -> run(connection, AT_ONCE))
        .compose(done -> run(connection, "INSERT INTO calendar_jobs (id, owner, status, as_of, created_at, updated_at)"
            + " SELECT gen_random_uuid(), '', 'SUCCESS', pg_current_snapshot(), now(), now()"
            + " FROM generate_series(1, " + JOBS + ")"))
        .compose(grown -> plan(connection, LOOK).compose(look -> plan(connection, AT_ONCE)
            .map(atOnce -> List.of(look, atOnce))))
        .compose(found -> connection.query("SELECT current_setting('plan_cache_mode')").execute()
            .map(rows -> List.of(found.get(0), found.get(1), rows.iterator().next().getString(0))))));
    for (String plan : plans.subList(0, 2)) {
      assertFalse(plan.contains("Seq Scan"), plan);
      assertTrue(plan.contains("calendar_jobs_pkey"), plan);
    }
    assertEquals("force_generic_plan", plans.get(2));
  }
}
