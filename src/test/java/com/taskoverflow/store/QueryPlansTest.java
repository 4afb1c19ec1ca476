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

  @BeforeAll
  static void start() {
    service = result(RunningService.start(new JsonObject().put("roles", "store")));
    PostgresConfig config = new PostgresConfig("postgresql://postgres@127.0.0.1:5432/" + service.database, "", 1, "");
    pool = result(Database.open(service.vertx(), config, "query-plans-test"));
  }

  @AfterAll
  static void stop() {
    result(pool.close());
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
}
