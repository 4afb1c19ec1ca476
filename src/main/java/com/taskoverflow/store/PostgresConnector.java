package com.taskoverflow.store;

import com.taskoverflow.common.Backoff;
import com.taskoverflow.config.PostgresConfig;
import io.vertx.core.Future;
import java.util.function.Function;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one connection pool: opened (and the schema migrated, if asked) as soon as
 * PostgreSQL answers, retried with backoff for as long as it takes, closed on stop. Once open,
 * the pool reconnects on its own.
 */
final class PostgresConnector {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresConnector.class);
  private static final Backoff RECONNECT = new Backoff(200, 10_000);

  private final Vertx vertx;
  private final PostgresConfig config;
  /** The schema's migrations, for the pool that applies them; null for one that does not. */
  private final Migrations migrations;
  private Function<Pool, Future<?>> ready;
  private Pool pool;
  private long retryTimer = -1;
  private boolean closed;

  PostgresConnector(Vertx vertx, PostgresConfig config, Migrations migrations) {
    this.vertx = vertx;
    this.config = config;
    this.migrations = migrations;
  }

  /**
   * Starts connecting; {@code ready} gets the pool once it is open (and what it starts is part of
   * the try). Completes when the first try is over, whatever its outcome: the tries go on in the
   * background.
   */
  Future<Void> connect(Function<Pool, Future<?>> onReady) {
    this.ready = onReady;
    return attempt(0).otherwiseEmpty().mapEmpty();
  }

  private Future<Pool> attempt(int failures) {
    return Database.open(vertx, config, migrations != null ? "store" : "maintenance")
        .compose(opened -> migrations != null
            ? migrations.apply(vertx, opened).map(opened).onFailure(failure -> opened.close())
            : Future.succeededFuture(opened))
        .compose(this::opened)
        .onFailure(failure -> {
          if (closed) {
            return;
          }
          long delay = RECONNECT.delayMs(failures + 1);
          LOG.warn("PostgreSQL at {}:{} not ready ({}); retrying in {} ms", config.connectOptions().getHost(),
              config.connectOptions().getPort(), failure.getMessage(), delay);
          retryTimer = vertx.setTimer(delay, t -> attempt(failures + 1));
        });
  }

  private Future<Pool> opened(Pool opened) {
    if (closed) {
      opened.close();
      return Future.succeededFuture(opened);
    }
    pool = opened;
    return ready.apply(opened).otherwiseEmpty().map(opened);
  }

  Future<Void> close() {
    closed = true;
    vertx.cancelTimer(retryTimer);
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
