package com.taskoverflow.worker;

import com.taskoverflow.common.Backoff;
import com.taskoverflow.config.WorkerConfig;
import com.taskoverflow.config.WorkerRoleConfig;
import com.taskoverflow.metrics.ServiceMetrics;
import com.taskoverflow.metrics.WorkerGauges;
import com.taskoverflow.queue.Brokers;
import com.taskoverflow.queue.Delivery;
import com.taskoverflow.queue.WorkerQueue;
import com.taskoverflow.worker.JobRunner.Disposition;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker role, on either broker ({@link WorkerQueue}): takes calendar jobs, builds each
 * calendar on a worker thread, records the outcome through the store role and only then
 * acknowledges the delivery, so a worker that dies mid-job leaves it for another worker. While it
 * works it renews its claims; when it stops it lets the jobs in hand finish for a grace period and
 * hands back the rest.
 */
public class CalendarWorkerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CalendarWorkerVerticle.class);
  private static final long RELEASE_RETRIES_EVERY_MS = 250;
  private static final Backoff RECONNECT = new Backoff(100, 5_000);

  private final WorkerRoleConfig config;
  private final WorkerConfig settings;
  /** Jobs in hand, by delivery id. */
  private final Map<String, Delivery> inHand = new LinkedHashMap<>();
  /** Deliveries a take brought while stopping: never started, handed back with the rest. */
  private final List<String> setAside = new ArrayList<>();
  private String name;
  private WorkerQueue queue;
  private WorkerExecutor builders;
  private JobRunner runner;
  private Acknowledgements acknowledgements;
  private WorkerGauges gauges;
  private boolean taking;
  private boolean stopping;
  /** A renewal found no room to look for dead workers' jobs: the next take looks for them first. */
  private boolean abandonedFirst;
  private int takeFailures;
  private int renewFailures;
  private long renewTimer = -1;
  private long releaseTimer = -1;
  /** The take under way, done once what it brought is in hand (or set aside). */
  private Future<Void> lastTake = Future.succeededFuture();
  /** Completed once no job is in hand, when stopping. */
  private Promise<Void> drained;

  public CalendarWorkerVerticle(WorkerRoleConfig config) {
    this.config = config;
    this.settings = config.worker();
  }

  @Override
  public Future<?> start() {
    builders = vertx.createSharedWorkerExecutor("calendar-builder", settings.builderThreads());
    // The host name may need a DNS lookup: resolved on a worker thread.
    return vertx.executeBlocking(WorkerName::next, false)
        .compose(workerName -> {
          name = workerName;
          return Brokers.forWorker(vertx, config.queue(), settings, workerName);
        })
        .onSuccess(this::startTaking);
  }

  private void startTaking(WorkerQueue opened) {
    queue = opened;
    acknowledgements = new Acknowledgements(vertx, queue.acknowledgeBatch(), queue::acknowledge, () -> stopping);
    runner = new JobRunner(vertx, config, queue::defer, builders, name, () -> stopping);
    gauges = new WorkerGauges(ServiceMetrics.registry(vertx), name, inHand::size, settings.concurrency());
    LOG.info("Calendar worker {} taking jobs from {} (concurrency {})", name, queue.source(), settings.concurrency());
    // Claims renewed well before anyone may take them; dead workers' jobs taken over as often.
    renewTimer = vertx.setPeriodic(queue.renewEveryMs(), tick -> renew());
    releaseTimer = vertx.setPeriodic(RELEASE_RETRIES_EVERY_MS, tick -> releaseDueRetries());
    // If the broker is away, taking keeps trying.
    queue.prepare().onComplete(ready -> takeMore());
  }

  /** Takes as many jobs as there is room for; called again whenever room appears. */
  private void takeMore() {
    int room = settings.concurrency() - inHand.size();
    if (stopping || taking || room <= 0) {
      return;
    }
    taking = true;
    Promise<Void> settled = Promise.promise();
    lastTake = settled.future();
    takeNext(room).onComplete(done -> {
      taking = false;
      if (stopping) {
        if (done.succeeded()) {
          done.result().forEach(delivery -> setAside.add(delivery.id()));
        }
        settled.complete();
        return;
      }
      settled.complete();
      if (done.succeeded()) {
        if (takeFailures > 0) {
          LOG.info("Job queue reachable again");
          takeFailures = 0;
        }
        done.result().forEach(this::process);
        takeMore();
      } else {
        long delay = RECONNECT.delayMs(++takeFailures);
        LOG.warn("Taking jobs from the queue failed ({}); retrying in {} ms", done.cause().getMessage(), delay);
        vertx.setTimer(delay, t -> takeMore());
      }
    });
  }

  /**
   * New deliveries; or first, when a renewal had no room to look, the jobs of workers that died,
   * so that a busy worker takes those over before the backlog rather than after it.
   */
  private Future<List<Delivery>> takeNext(int room) {
    if (!abandonedFirst) {
      return queue.take(room, inHand.keySet());
    }
    abandonedFirst = false;
    return queue.takeAbandoned(room).map(CalendarWorkerVerticle::tookOver).compose(abandoned -> {
      abandonedFirst = abandoned.size() == room; // there may be more
      return abandoned.isEmpty() ? queue.take(room, inHand.keySet()) : Future.succeededFuture(abandoned);
    });
  }

  private static List<Delivery> tookOver(List<Delivery> abandoned) {
    abandoned.forEach(delivery -> LOG.info("Took over abandoned job {}", delivery.taskId()));
    return abandoned;
  }

  /** Makes due retries deliverable. Any worker may. */
  private void releaseDueRetries() {
    if (!stopping) {
      queue.releaseDueRetries().onFailure(failure -> LOG.debug("Releasing due retries failed: {}", failure.getMessage()));
    }
  }

  /** Renews the claims on the jobs in hand, and takes over jobs abandoned by workers that died. */
  private void renew() {
    if (stopping) {
      return;
    }
    queue.renew(new ArrayList<>(inHand.keySet())).onComplete(renewed -> {
      // Once per outage, not once a heartbeat: a worker cut off for minutes would log little else.
      if (renewed.failed() && renewFailures++ == 0) {
        LOG.warn("Renewing job claims failed: {}; the worker's jobs go to others if this lasts", renewed.cause().getMessage());
      } else if (renewed.succeeded() && renewFailures > 0) {
        LOG.info("Renewing job claims works again, after {} failed heartbeat(s)", renewFailures);
        renewFailures = 0;
      }
    });
    int room = settings.concurrency() - inHand.size();
    if (room <= 0) {
      abandonedFirst = true;
      return;
    }
    queue.takeAbandoned(room)
        .onSuccess(taken -> tookOver(taken).forEach(this::process))
        .onFailure(failure -> LOG.warn("Taking over abandoned jobs failed: {}", failure.getMessage()));
  }

  private void process(Delivery delivery) {
    if (inHand.putIfAbsent(delivery.id(), delivery) != null) {
      return; // already working on it
    }
    Future<Disposition> outcome = delivery.taskId() == null
        ? Future.succeededFuture(Disposition.ACKNOWLEDGE) // deleted while pending: nothing to do
        : runner.run(delivery);
    outcome
        .compose(disposition -> switch (disposition) {
          case ACKNOWLEDGE -> acknowledgements.add(delivery.id());
          case LET_GO -> queue.acknowledgeIfHeld(List.of(delivery.id()));
          case DEFERRED -> Future.succeededFuture();
        })
        .onFailure(failure -> LOG.warn("Job {} left for redelivery: {}", delivery.taskId(), failure.getMessage()))
        .onComplete(done -> {
          inHand.remove(delivery.id());
          if (stopping && inHand.isEmpty()) {
            drained.tryComplete();
          }
          takeMore();
        });
  }

  /**
   * Leaves cleanly: stops taking, lets the jobs in hand finish for up to the grace period, then
   * hands back whatever this worker still holds so another worker takes it at once.
   */
  @Override
  public Future<?> stop() {
    stopping = true;
    drained = Promise.promise();
    vertx.cancelTimer(renewTimer);
    vertx.cancelTimer(releaseTimer);
    return queue.stopTaking()
        .compose(stopped -> Future.join(lastTake, drain(settings.shutdownGraceMs())))
        .compose(drained -> {
          List<String> left = new ArrayList<>(inHand.keySet());
          left.addAll(setAside);
          return queue.handBack(left);
        })
        .onSuccess(handedBack -> LOG.info("Calendar worker {} left: {} job(s) still in progress handed back",
            name, handedBack))
        .onFailure(failure -> LOG.warn("Calendar worker {} could not hand back its jobs ({}); "
            + "they will be taken again after the visibility timeout", name, failure.getMessage()))
        .transform(done -> {
          if (gauges != null) {
            gauges.remove();
          }
          return Future.join(queue.close(), builders.close());
        });
  }

  /** Completes when no job is in progress, or when the grace period is over. */
  private Future<Void> drain(long graceMs) {
    if (inHand.isEmpty()) {
      drained.tryComplete();
    }
    long grace = vertx.setTimer(graceMs, t -> drained.tryComplete());
    return drained.future().onComplete(done -> vertx.cancelTimer(grace));
  }
}
