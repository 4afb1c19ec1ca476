package com.taskoverflow.store;

import com.taskoverflow.config.StoreRoleConfig;
import com.taskoverflow.metrics.QueueGauges;
import com.taskoverflow.metrics.ServiceMetrics;
import com.taskoverflow.queue.Brokers;
import com.taskoverflow.queue.JobBroker;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store role's housekeeping, on timers: the queue rebuilt from PostgreSQL when Redis lost its
 * data, unfinished jobs the queue lost queued again, expired jobs purged, versions of todos no
 * job can see any more pruned, the queue's depth counted for the metrics, and departed workers
 * removed from the queue's group. Its own small pool keeps it out of the way of requests.
 */
public class MaintenanceVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceVerticle.class);
  private static final long RECONCILE_EVERY_MS = 2_000;
  /** How fresh the queue-depth gauges are. */
  private static final long DEPTH_EVERY_MS = 5_000;
  private static final int POOL_SIZE = 2;

  private final StoreRoleConfig config;
  private final List<Long> timers = new ArrayList<>();
  private PostgresConnector postgres;
  private JobBroker queue;
  private JobHousekeeping jobs;
  private QueueReconciler reconciler;

  public MaintenanceVerticle(StoreRoleConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    postgres = new PostgresConnector(vertx, config.postgres().withPoolSize(POOL_SIZE), null);
    return Brokers.open(vertx, config.queue())
        .compose(opened -> {
          queue = opened;
          return postgres.connect(this::schedule);
        });
  }

  private Future<Void> schedule(Pool pool) {
    jobs = new JobHousekeeping(pool, new Retention(config.jobs()));
    reconciler = new QueueReconciler(jobs, queue);
    QueueGauges gauges = new QueueGauges(ServiceMetrics.registry(vertx), queue.label());
    timers.add(vertx.setPeriodic(0, DEPTH_EVERY_MS, t -> Future.join(
            queue.depth().onSuccess(gauges::update),
            jobs.countDeadLetters().compose(letters -> jobs.countHeld().onSuccess(held -> gauges.update(letters, held))))
        .onFailure(failure -> LOG.debug("Could not count the job queue: {}", failure.getMessage()))));
    timers.add(vertx.setPeriodic(0, RECONCILE_EVERY_MS, t -> reconciler.repairDataLoss()
        .onFailure(failure -> LOG.warn("Job queue check failed: {}", failure.getMessage()))));
    long sweepEvery = config.jobs().sweepIntervalMs();
    timers.add(vertx.setPeriodic(sweepEvery, sweepEvery, t -> reconciler.sweepOrphans()
        .compose(swept -> inBatches(jobs::purgeExpired, SqlQueries.PURGE_BATCH, 0))
        .onSuccess(total -> {
          if (total > 0) {
            LOG.info("Purged {} expired job(s)", total);
          }
        })
        .compose(purged -> inBatches(jobs::pruneTodoVersions, SqlQueries.PRUNE_BATCH, 0))
        .onSuccess(total -> LOG.debug("Pruned {} todo version(s) no job can see", total))
        .compose(pruned -> removeDepartedWorkers())
        .onFailure(failure -> LOG.warn("Job maintenance failed: {}", failure.getMessage()))));
    return Future.succeededFuture();
  }

  /** Deletes a batch at a time until a batch comes back short; answers how many went. */
  private Future<Integer> inBatches(Supplier<Future<Integer>> deleteBatch, int batchSize, int sofar) {
    return deleteBatch.get().compose(deleted -> deleted >= batchSize
        ? inBatches(deleteBatch, batchSize, sofar + deleted)
        : Future.succeededFuture(sofar + deleted));
  }

  /**
   * A worker killed without a goodbye stays a consumer in the queue's group; once its heartbeats
   * stop for a visibility timeout (and at least its dead-after time) and others have claimed its
   * entries, its name can go.
   */
  private Future<Void> removeDepartedWorkers() {
    return queue.removeDepartedWorkers(config.departedAfterMs())
        .onSuccess(removed -> {
          if (removed > 0) {
            LOG.info("Removed {} departed worker(s) from the job queue's group", removed);
          }
        })
        .mapEmpty();
  }

  @Override
  public Future<?> stop() {
    timers.forEach(vertx::cancelTimer);
    return Future.join(postgres.close(), queue == null ? Future.succeededFuture() : queue.close());
  }
}
