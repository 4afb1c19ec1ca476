package com.taskoverflow.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The store's housekeeping queries, apart from the job path: which jobs the queue must hold,
 * expired jobs purged, todo versions no job can see pruned, dead letters counted.
 */
final class JobHousekeeping {

  private final Pool pool;
  private final Retention retention;

  JobHousekeeping(Pool pool, Retention retention) {
    this.pool = pool;
    this.retention = retention;
  }

  Future<Long> countDeadLetters() {
    return pool.preparedQuery(SqlQueries.COUNT_DEAD_LETTERS).execute(Tuple.of(retention.deadLetterCutoff()))
        .map(JobHousekeeping::count);
  }

  /**
   * Jobs accepted while the broker was away that the relay has not queued yet: counted only when
   * the held index has any, so that a count never scans the table while none is held.
   */
  Future<Long> countHeld() {
    return pool.preparedQuery(SqlQueries.FIRST_HELD).execute().compose(first -> first.size() == 0
        ? Future.succeededFuture(0L)
        : pool.preparedQuery(SqlQueries.COUNT_HELD).execute().map(JobHousekeeping::count));
  }

  /** Jobs waiting or running. */
  Future<Long> countUnfinished() {
    return pool.preparedQuery(SqlQueries.COUNT_UNFINISHED).execute().map(JobHousekeeping::count);
  }

  private static long count(RowSet<Row> rows) {
    return rows.iterator().next().getLong(0);
  }

  /** One page of unfinished job ids, after {@code after} in id order. */
  Future<List<UUID>> unfinished(UUID after, int limit) {
    return pool.preparedQuery(SqlQueries.UNFINISHED_JOBS).execute(Tuple.of(after, limit)).map(JobHousekeeping::ids);
  }

  /** Unfinished jobs nothing has touched since {@code before}. */
  Future<List<UUID>> quietUnfinished(LocalDateTime before, int limit) {
    return pool.preparedQuery(SqlQueries.QUIET_UNFINISHED_JOBS).execute(Tuple.of(before, limit))
        .map(JobHousekeeping::ids);
  }

  /** Deletes a batch of todo versions no job can see any more; answers how many went. */
  Future<Integer> pruneTodoVersions() {
    return pool.withTransaction(client -> client.query(SqlQueries.HOLD_SUBMISSIONS).execute()
        .compose(held -> client.preparedQuery(SqlQueries.PRUNE_TODO_VERSIONS).execute())
        .map(RowSet::rowCount));
  }

  /** Deletes expired jobs and idempotency keys; answers how many jobs went. */
  Future<Integer> purgeExpired() {
    return pool.preparedQuery(SqlQueries.PURGE_JOBS)
        .execute(Tuple.of(retention.finishedCutoff(), retention.deadLetterCutoff()))
        .compose(jobs -> pool.preparedQuery(SqlQueries.PURGE_IDEMPOTENCY_KEYS)
            .execute(Tuple.of(retention.idempotencyCutoff()))
            .map(keys -> jobs.rowCount()));
  }

  private static List<UUID> ids(RowSet<Row> rows) {
    return Rows.all(rows, row -> row.getUUID("id"));
  }
}
