package com.taskoverflow.store;

import com.taskoverflow.bus.StoreHealth;
import com.taskoverflow.bus.StoreStatus;
import com.taskoverflow.queue.JobQueue;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;

/** {@link StoreHealth}: one quick query to PostgreSQL and a PING to Redis, each bounded in time. */
final class HealthService implements StoreHealth {

  private static final long TIMEOUT_MS = 2_000;

  private final StoreAccess store;
  private final JobQueue queue;

  HealthService(StoreAccess store, JobQueue queue) {
    this.store = store;
    this.queue = queue;
  }

  @Override
  public Future<StoreStatus> check() {
    Pool pool = store.pool();
    Future<Boolean> postgres = pool == null ? Future.succeededFuture(false)
        : pool.query(SqlQueries.PING).execute().timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).map(true).otherwise(false);
    Future<Boolean> redis = queue.ping().map(true).otherwise(false);
    return Future.all(postgres, redis).map(both -> new StoreStatus(postgres.result(), redis.result()));
  }
}
