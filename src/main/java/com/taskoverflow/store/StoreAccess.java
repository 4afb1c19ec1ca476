package com.taskoverflow.store;

import com.taskoverflow.bus.Failures;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.serviceproxy.ServiceException;
import io.vertx.sqlclient.Pool;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repositories, once PostgreSQL has been reached, and the one way a store call fails: with a
 * {@link Failures} code the caller can act on. Used on the store verticle's event loop only.
 */
final class StoreAccess {

  /** Everything a store call works with. */
  record Repositories(Pool pool, TodoRepository todos, JobRepository jobs, JobHousekeeping housekeeping,
      FeedRepository feeds) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(StoreAccess.class);
  private static final ServiceException NOT_READY =
      Failures.of(Failures.UNAVAILABLE, "Storage unavailable: PostgreSQL is not reachable yet");

  private final Retention retention;
  private final String feedKey;
  private Repositories repositories;

  /** @param feedKey auth.feed-secret: empty to use the key kept in the database */
  StoreAccess(Retention retention, String feedKey) {
    this.retention = retention;
    this.feedKey = feedKey;
  }

  /** @param keyed the pool for statements planned once ({@link Database#keyed}) */
  void open(Pool pool, Pool keyed) {
    repositories = new Repositories(pool, new TodoRepository(pool, retention), new JobRepository(pool, keyed, retention),
        new JobHousekeeping(pool, retention), new FeedRepository(pool, feedKey));
  }

  /** The pool, or null before PostgreSQL was first reached. */
  Pool pool() {
    return repositories == null ? null : repositories.pool();
  }

  /** Runs one store call: 503 before the database is reached, and every failure given its code. */
  <T> Future<T> call(String operation, Function<Repositories, Future<T>> work) {
    if (repositories == null) {
      return Future.failedFuture(NOT_READY);
    }
    Future<T> result;
    try {
      result = work.apply(repositories);
    } catch (IllegalArgumentException e) {
      result = Future.failedFuture(Failures.of(Failures.INVALID, "Malformed request: " + e.getMessage()));
    }
    return result.recover(failure -> Future.failedFuture(coded(operation, failure)));
  }

  private static ServiceException coded(String operation, Throwable failure) {
    if (failure instanceof ServiceException coded) {
      return coded;
    }
    if (failure instanceof PgException pg && isBadData(pg.getSqlState())) {
      return Failures.of(Failures.INVALID, "Rejected by the database: " + pg.getErrorMessage());
    }
    LOG.warn("{} failed: {}", operation, failure.toString());
    return Failures.of(Failures.UNAVAILABLE, "Storage unavailable, try again later");
  }

  /** SQLSTATE classes 22 (data exception) and 23 (integrity constraint): the input's fault. */
  private static boolean isBadData(String sqlState) {
    return sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23"));
  }
}
