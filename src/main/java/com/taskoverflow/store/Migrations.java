package com.taskoverflow.store;

import com.taskoverflow.common.JarText;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned scripts under {@code db/migration} in order, each once. All of it runs in
 * one transaction under a transaction-scoped advisory lock, so JVMs starting together take turns
 * and a failed script leaves nothing half-applied. A script may name a setting as
 * {@code ${shared_owner}}: it becomes that value as an SQL literal.
 */
final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /** In order of application. Never edit a script once released: add a new one. */
  static final List<String> SCRIPTS = List.of(
      "V1__todos_and_calendar_jobs.sql",
      "V2__retries_dead_letters_idempotency.sql",
      "V3__todo_versions_and_calendar_parts.sql",
      "V4__requeue_count.sql",
      "V5__jobs_held_for_the_broker.sql",
      "V6__owners_and_calendar_feeds.sql",
      "V7__cancelled_jobs.sql",
      "V8__calendar_text_compressed_with_lz4.sql");

  private final String sharedOwner;

  /** @param sharedOwner the owner of the rows made before there were owners (auth.shared-owner) */
  Migrations(String sharedOwner) {
    this.sharedOwner = sharedOwner;
  }

  Future<Void> apply(Vertx vertx, Pool pool) {
    return pool.withTransaction(conn -> conn.preparedQuery(SqlQueries.MIGRATION_LOCK)
        .execute(Tuple.of(SqlQueries.MIGRATION_LOCK_KEY))
        .compose(locked -> conn.preparedQuery(SqlQueries.MIGRATION_TABLE_EXISTS).execute())
        .compose(exists -> exists.iterator().next().getBoolean(0)
            ? Future.succeededFuture()
            : conn.query(SqlQueries.CREATE_MIGRATION_TABLE).execute())
        .compose(created -> conn.query(SqlQueries.APPLIED_MIGRATIONS).execute())
        .compose(rows -> {
          Set<String> applied = new HashSet<>();
          for (Row row : rows) {
            applied.add(row.getString(0));
          }
          Future<Void> chain = Future.succeededFuture();
          for (String script : SCRIPTS) {
            if (!applied.contains(script)) {
              chain = chain.compose(done -> applyScript(vertx, conn, script));
            }
          }
          return chain;
        }));
  }

  private Future<Void> applyScript(Vertx vertx, SqlConnection conn, String script) {
    return JarText.read(vertx, "db/migration/" + script)
        .compose(sql -> conn.query(sql.replace("${shared_owner}", literal(sharedOwner))).execute())
        .compose(done -> conn.preparedQuery(SqlQueries.RECORD_MIGRATION).execute(Tuple.of(script)))
        .onSuccess(done -> LOG.info("Applied database migration {}", script))
        .mapEmpty();
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
