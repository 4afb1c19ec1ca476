package com.taskoverflow.store;

import com.taskoverflow.bus.Addresses;
import com.taskoverflow.bus.CalendarFeeds;
import com.taskoverflow.bus.JobStore;
import com.taskoverflow.bus.StoreHealth;
import com.taskoverflow.bus.TodoStore;
import com.taskoverflow.metrics.JobMetrics;
import com.taskoverflow.metrics.ServiceMetrics;
import com.taskoverflow.config.StoreRoleConfig;
import com.taskoverflow.queue.Brokers;
import com.taskoverflow.queue.JobBroker;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store role: binds {@link TodoStore}, {@link JobStore}, {@link CalendarFeeds} and {@link StoreHealth} to their
 * addresses and owns the PostgreSQL pool behind them. It answers from the moment it is deployed:
 * with 503s until PostgreSQL is reached, which it keeps trying in the background. Jobs accepted
 * while the broker was away are relayed to it from here.
 */
public class StoreVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(StoreVerticle.class);

  private final StoreRoleConfig config;
  private final List<MessageConsumer<JsonObject>> bindings = new ArrayList<>();
  private PostgresConnector postgres;
  private Pool keyed;
  private JobBroker queue;
  private long relayTimer = -1;
  private long countTimer = -1;
  /** How often the count behind jobs.max-queued may be refreshed (JobLifecycle decides whether). */
  private static final long COUNT_EVERY_MS = 1_000;

  public StoreVerticle(StoreRoleConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    Retention retention = new Retention(config.jobs());
    StoreAccess access = new StoreAccess(retention, config.auth().feedSecret());
    postgres = new PostgresConnector(vertx, config.postgres(), new Migrations(config.auth().sharedOwner()));
    keyed = Database.keyed(vertx, config.postgres());
    return Brokers.open(vertx, config.queue())
        .compose(opened -> {
          queue = opened;
          ServiceBinder binder = new ServiceBinder(vertx);
          JobLifecycle jobs = new JobLifecycle(access, queue, vertx.eventBus(), config.jobs().maxQueued(),
              JobMetrics.cancelled(ServiceMetrics.registry(vertx), queue.label()));
          relayTimer = vertx.setPeriodic(QueueRelay.EVERY_MS, t -> jobs.relayHeld());
          countTimer = vertx.setPeriodic(COUNT_EVERY_MS, t -> jobs.countUnfinishedIfDue());
          bindings.add(binder.setAddress(Addresses.TODO_STORE).register(TodoStore.class, new TodoService(access)));
          bindings.add(binder.setAddress(Addresses.JOB_STORE).register(JobStore.class, jobs));
          bindings.add(binder.setAddress(Addresses.CALENDAR_FEEDS)
              .register(CalendarFeeds.class, new FeedService(access)));
          bindings.add(binder.setAddress(Addresses.STORE_HEALTH)
              .register(StoreHealth.class, new HealthService(access, queue)));
          return Future.all(bindings.stream().map(MessageConsumer::completion).toList());
        })
        .compose(bound -> postgres.connect(pool -> firstRepair(new JobHousekeeping(pool, retention)).onComplete(repaired -> {
          access.open(pool, keyed);
          LOG.info("Store ready on PostgreSQL {}", config.postgres().connectOptions().getDatabase());
        })));
  }

  /**
   * A queue that lost its data (or was just created) is filled from PostgreSQL before the first
   * submission is taken, so no job accepted now is queued twice by that rebuild. (Maintenance
   * goes on checking; if the queue is out of reach now, the store opens anyway.)
   */
  private Future<Void> firstRepair(JobHousekeeping housekeeping) {
    return new QueueReconciler(housekeeping, queue).repairDataLoss()
        .onFailure(failure -> LOG.warn("Job queue check failed: {}", failure.getMessage()));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(relayTimer);
    vertx.cancelTimer(countTimer);
    List<Future<?>> closing = new ArrayList<>();
    bindings.forEach(binding -> closing.add(binding.unregister()));
    closing.add(postgres.close());
    closing.add(keyed.close());
    if (queue != null) {
      closing.add(queue.close());
    }
    return Future.join(closing);
  }
}
