package com.taskoverflow.store;

import com.taskoverflow.config.PostgresConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the connection pool, creating the database first if it is missing and the user may. */
final class Database {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final String UNKNOWN_DATABASE = "3D000";
  private static final String DUPLICATE_DATABASE = "42P04";

  private Database() {
  }

  /** @param name the pool's name in the metrics */
  static Future<Pool> open(Vertx vertx, PostgresConfig config, String name) {
    PgConnectOptions options = config.connectOptions().setCachePreparedStatements(true)
        // Each statement planned for the tables as they are, not as they were when it was first
        // prepared: a plan made on a new, near-empty table (the job updates' hash join over a
        // sequential scan) would otherwise stay while the table grows, until the next ANALYZE.
        .addProperty("plan_cache_mode", "force_custom_plan");
    Pool pool = pool(vertx, options, config.poolSize(), name);
    return pool.query(SqlQueries.PING).execute()
        .<Void>mapEmpty()
        .recover(failure -> isUnknownDatabase(failure)
            ? create(vertx, options)
            : Future.failedFuture(failure))
        .map(ready -> pool)
        .onFailure(failure -> pool.close());
  }

  /** Connections of the pool for statements that reach their rows by key alone (a job alone's look and outcome). */
  static final int KEYED_POOL_SIZE = 2;

  /**
   * A pool for statements written to reach their rows by key alone ({@code SqlQueries.PREVIEW_JOB},
   * {@code SqlQueries.SUCCEED_JOB_AT_ONCE}): each planned once per connection (planning was most of
   * their cost), with sequential scans ruled out, so a plan made on a near-empty table is still an
   * index lookup once the table has grown. It connects on first use.
   */
  static Pool keyed(Vertx vertx, PostgresConfig config) {
    PgConnectOptions options = config.connectOptions().setCachePreparedStatements(true)
        .addProperty("plan_cache_mode", "force_generic_plan")
        .addProperty("enable_seqscan", "off");
    return pool(vertx, options, KEYED_POOL_SIZE, "store-keyed");
  }

  private static Pool pool(Vertx vertx, PgConnectOptions options, int size, String name) {
    return PgBuilder.pool()
        .with(new PoolOptions().setName(name).setMaxSize(size).setConnectionTimeout(5)
            .setConnectionTimeoutUnit(TimeUnit.SECONDS))
        // a database that is down must mean a quick 503, not a hang
        .with(new NetClientOptions().setConnectTimeout(2000))
        .connectingTo(options)
        .using(vertx)
        .build();
  }

  private static boolean isUnknownDatabase(Throwable failure) {
    return failure instanceof PgException pg && UNKNOWN_DATABASE.equals(pg.getSqlState());
  }

  private static Future<Void> create(Vertx vertx, PgConnectOptions options) {
    String name = options.getDatabase();
    Pool admin = pool(vertx, new PgConnectOptions(options).setDatabase("postgres"), 1, "database-creation");
    // CREATE DATABASE takes no parameters: the name is quoted as an identifier instead.
    String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
    return admin.preparedQuery(SqlQueries.DATABASE_EXISTS).execute(Tuple.of(name))
        .compose(rows -> rows.size() > 0
            ? Future.<Void>succeededFuture()
            : admin.query("CREATE DATABASE " + quoted).execute()
                .onSuccess(done -> LOG.info("Created database {}", name))
                .<Void>mapEmpty()
                .recover(failure -> failure instanceof PgException pg && DUPLICATE_DATABASE.equals(pg.getSqlState())
                    ? Future.succeededFuture() // another JVM created it first
                    : Future.failedFuture(new IllegalStateException("database " + name
                        + " does not exist and could not be created: " + failure.getMessage(), failure))))
        .eventually(admin::close);
  }
}
