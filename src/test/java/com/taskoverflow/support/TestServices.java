package com.taskoverflow.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real PostgreSQL and Redis the tests run against, and the means to stay out of each other's
 * way (and out of a live instance's): a database and a Redis key prefix of their own per test class.
 */
public final class TestServices {

  /**
   * A server URL without a database; the tests add their own database name. The machine's
   * servers when they answer (as in CI), else embedded ones started for this test JVM.
   */
  public static final String PG_SERVER = env("TASKOVERFLOW_TEST_PG_SERVER", answers(5432)
      ? "postgresql://postgres@127.0.0.1:5432" : EmbeddedForTests.postgres());
  public static final String REDIS_URL = env("TASKOVERFLOW_TEST_REDIS_URL", answers(6379)
      ? "redis://127.0.0.1:6379/0" : EmbeddedForTests.redis());

  private TestServices() {
  }

  public static String uniqueName(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  public static String pgUrl(String database) {
    return PG_SERVER + "/" + database;
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A direct connection pool to a test database, for setting up states the API cannot make. */
  public static Pool pool(Vertx vertx, String database) {
    return PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(pgUrl(database))).using(vertx).build();
  }

  /** The one number {@code sql} selects from a test database, waiting for it. */
  public static long count(Vertx vertx, String database, String sql) throws Exception {
    Pool pool = pool(vertx, database);
    try {
      return pool.query(sql).execute().map(rows -> rows.iterator().next().getLong(0))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      pool.close();
    }
  }

  /** Drops a test database, ending any connection still open to it. */
  public static Future<Void> dropDatabase(Vertx vertx, String database) {
    Pool admin = PgBuilder.pool()
        .connectingTo(PgConnectOptions.fromUri(pgUrl("postgres")))
        .using(vertx)
        .build();
    return admin.query("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)").execute()
        .<Void>mapEmpty()
        .eventually(admin::close);
  }

  /**
   * Writes a PENDING job that also sees the given todos straight to PostgreSQL and queues it in
   * Redis, for states no API input can make (a todo no calendar can be written from).
   */
  public static void plantJob(String database, String redisPrefix, UUID id, String snapshotJson) throws Exception {
    plantJobRow(database, id, snapshotJson);
    Resp.command(REDIS_URL, "XADD", redisPrefix + "calendar-jobs", "*", "task_id", id.toString());
  }

  /** A todo with a deadline past the year 9999, which iCalendar cannot write: no API input can make one. */
  public static final String POISON_SNAPSHOT = "[{\"id\": 1, \"title\": \"t\", \"deadline_at\": \"10000-01-01T00:00:00\"}]";

  /** What a poison job's error says. */
  public static final String POISON_REASON = "outside the years 1 to 9999";

  /** Planted todos get ids from here on, clear of the todos the API makes. */
  private static final long PLANTED_IDS = 1_000_000_000_000_000L;

  /** What an operator would do for a poison job: give the todo it reads a deadline a calendar can hold. */
  public static void repairSnapshot(String database, UUID id) throws Exception {
    onDatabase(database, pool -> pool.preparedQuery("UPDATE todo_versions SET deadline_at = '2030-01-01'"
        + " WHERE todo_id >= $1 AND deadline_at > '9999-12-31'").execute(Tuple.of(PLANTED_IDS)).mapEmpty());
  }

  /**
   * Writes a PENDING job straight to PostgreSQL, leaving its queueing to the test. It sees the
   * todos as they stand, and the given ones (a JSON array of calendar entries) too: those are
   * written as versions that end right after the job is accepted, so no later job sees them.
   */
  public static void plantJobRow(String database, UUID id, String snapshotJson) throws Exception {
    onDatabase(database, pool -> pool.preparedQuery("INSERT INTO todo_versions"
            + " (todo_id, owner, title, description, deadline_at, valid_from) SELECT $1 + (todo->>'id')::bigint, '',"
            + " todo->>'title', todo->>'description', (todo->>'deadline_at')::timestamp, pg_current_xact_id()"
            + " FROM json_array_elements(($2::text)::json) AS todo").execute(Tuple.of(PLANTED_IDS, snapshotJson))
        .compose(planted -> pool.preparedQuery("INSERT INTO calendar_jobs (id, owner, status, as_of, created_at, updated_at)"
            + " VALUES ($1, '', 'PENDING', pg_current_snapshot(), now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc')")
            .execute(Tuple.of(id)))
        .compose(job -> pool.preparedQuery("UPDATE todo_versions SET valid_to = pg_current_xact_id()"
            + " WHERE todo_id >= $1 AND valid_to IS NULL").execute(Tuple.of(PLANTED_IDS)))
        .mapEmpty());
  }

  /** Runs one statement on the database (bulk rows the API would take a while to make, say). */
  public static void execute(String database, String sql) throws Exception {
    onDatabase(database, pool -> pool.query(sql).execute().mapEmpty());
  }

  private static void onDatabase(String database, java.util.function.Function<Pool, Future<Void>> work)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    Pool pool = pool(vertx, database);
    try {
      // bulk rows go through the todos' version trigger: a hundred thousand take seconds
      work.apply(pool).toCompletionStage().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      vertx.close();
    }
  }

  /** Deletes every Redis key under a test's prefix. */
  public static Future<Void> deleteKeys(Vertx vertx, String prefix) {
    Redis client = Redis.createClient(vertx, REDIS_URL);
    RedisAPI api = RedisAPI.api(client);
    return api.keys(prefix + "*")
        .compose(keys -> {
          List<String> names = keys.stream().map(Object::toString).toList();
          return names.isEmpty() ? Future.<Void>succeededFuture() : api.del(names).<Void>mapEmpty();
        })
        .eventually(client::close);
  }

  /** Entries left in a prefix's job queue (stream and retry set): 0 when nothing will run again. */
  public static long queued(String redisUrl, String prefix) throws Exception {
    return Long.parseLong(Resp.command(redisUrl, "XLEN", prefix + "calendar-jobs"))
        + Long.parseLong(Resp.command(redisUrl, "ZCARD", prefix + "calendar-jobs:delayed"));
  }

  /** What the queue still holds, and who holds it: for the message of a failed test. */
  public static String queueContents(String redisUrl, String prefix) {
    String stream = prefix + "calendar-jobs";
    try {
      return "stream " + Resp.command(redisUrl, "XRANGE", stream, "-", "+")
          + "; pending " + Resp.command(redisUrl, "XPENDING", stream, "calendar-workers", "-", "+", "100")
          + "; delayed " + Resp.command(redisUrl, "ZRANGE", stream + ":delayed", "0", "-1", "WITHSCORES");
    } catch (IOException e) {
      return "queue unreadable: " + e.getMessage();
    }
  }

  private static boolean answers(int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
