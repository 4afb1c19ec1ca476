package com.taskoverflow.store;

import com.taskoverflow.bus.StoreHealth;
import com.taskoverflow.bus.StoreStatus;
import com.taskoverflow.queue.JobBroker;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;

/** {@link StoreHealth}: one quick query to PostgreSQL and one call to the job broker, each bounded in time. */
final class HealthService implements StoreHealth {

  private static final long TIMEOUT_MS = 2_000;

  private final StoreAccess store;
  private final JobBroker queue;

  HealthService(StoreAccess store, JobBroker queue) {
    this.store = store;
    this.queue = queue;
  }

  @Override
  public Future<StoreStatus> check() {
    Pool pool = store.pool();
    Future<Boolean> postgres = pool == null ? Future.succeededFuture(false)
        : pool.query(SqlQueries.PING).execute().timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).map(true).otherwise(false);
    Future<Boolean> broker = queue.ping().map(true).otherwise(false);
    return Future.all(postgres, broker).map(both -> new StoreStatus.Value(postgres.result(), queue.label(), broker.result()));
  }
}
