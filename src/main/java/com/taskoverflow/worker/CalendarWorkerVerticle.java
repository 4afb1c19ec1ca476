package com.taskoverflow.worker;

import com.taskoverflow.common.Backoff;
import com.taskoverflow.config.WorkerConfig;
import com.taskoverflow.config.WorkerRoleConfig;
import com.taskoverflow.queue.JobQueue;
import com.taskoverflow.queue.QueueConsumer;
import com.taskoverflow.queue.QueueEntry;
import com.taskoverflow.worker.JobRunner.Disposition;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker role: takes calendar jobs from the Redis queue, builds each calendar on a worker
 * thread, records the outcome through the store role and only then acknowledges the entry, so a
 * worker that dies mid-job leaves the entry pending for another worker to claim.
 */
public class CalendarWorkerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CalendarWorkerVerticle.class);
  private static final long READ_BLOCK_MS = 2000;
  /** A blocked read that has not answered this long after its BLOCK time is a dead connection. */
  private static final long READ_GRACE_MS = 5000;
  private static final long PROMOTE_EVERY_MS = 250;
  /** Pending entries read per page while recovering, beyond the ones in hand. */
  private static final int PENDING_PAGE = 100;
  /** Done entries acknowledged in one pipelined round trip. */
  private static final int ACK_BATCH = 500;
  private static final Backoff RECONNECT = new Backoff(100, 5_000);

  private final WorkerRoleConfig config;
  private final WorkerConfig settings;
  private final Set<String> inFlight = new LinkedHashSet<>();
  private String name;
  private JobQueue queue;
  private QueueConsumer consumer;
  private WorkerExecutor builders;
  private JobRunner runner;
  private Acknowledgements acknowledgements;
  private boolean reading;
  private boolean recoverDelivered;
  private boolean stopping;
  private int readFailures;
  private long maintenanceTimer = -1;
  private long promotionTimer = -1;
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
          return JobQueue.open(vertx, config.queue().redis());
        })
        .onSuccess(this::startReading);
  }

  private void startReading(JobQueue opened) {
    queue = opened;
    consumer = queue.consumer(name);
    acknowledgements = new Acknowledgements(vertx, ACK_BATCH, queue::acknowledgeAll, () -> stopping);
    runner = new JobRunner(vertx, config, (entry, delay) -> queue.deferRetry(entry.entryId(), entry.taskId(), delay),
        builders, name, () -> stopping);
    LOG.info("Calendar worker {} taking jobs from {} (concurrency {})", name, queue.stream(),
        settings.concurrency());
    // A third of the visibility timeout: claims are renewed well before anyone may take them.
    maintenanceTimer = vertx.setPeriodic(Math.max(100, settings.visibilityTimeoutMs() / 3), tick -> maintain());
    promotionTimer = vertx.setPeriodic(PROMOTE_EVERY_MS, tick -> promoteDue());
    // Reading starts with the group in place; if Redis is down, the read loop keeps trying.
    queue.heartbeat(name)
        .transform(beat -> queue.ensureGroup())
        .onComplete(ready -> readMore());
  }

  /**
   * Reads as many entries as there is room for; called again whenever room appears. After a
   * failed read it first goes through the entries already delivered to it, since a reply lost
   * with its connection leaves entries that are ours in the group but unseen.
   */
  private void readMore() {
    int room = settings.concurrency() - inFlight.size();
    if (stopping || reading || room <= 0) {
      return;
    }
    reading = true;
    Future<List<QueueEntry>> read = recoverDelivered
        ? consumer.readPending(pendingPage()).map(pending -> notInFlight(pending, room))
        : consumer.readNew(room, READ_BLOCK_MS);
    read.timeout(READ_BLOCK_MS + READ_GRACE_MS, TimeUnit.MILLISECONDS)
        .onComplete(done -> {
          reading = false;
          if (stopping) {
            return; // anything just read is still ours in the group: the stop hands it back
          }
          if (done.succeeded()) {
            if (readFailures > 0) {
              LOG.info("Job queue reachable again");
              readFailures = 0;
            }
            done.result().forEach(this::process);
            readMore();
          } else {
            onReadFailure(done.cause());
          }
        });
  }

  /** Delivered entries not yet in hand, at most {@code room}; recovery ends when none are left over. */
  private List<QueueEntry> notInFlight(List<QueueEntry> pending, int room) {
    List<QueueEntry> unseen = pending.stream().filter(entry -> !inFlight.contains(entry.entryId())).toList();
    if (unseen.size() <= room && pending.size() < pendingPage()) {
      recoverDelivered = false;
    }
    if (!unseen.isEmpty()) {
      LOG.info("Recovered {} job(s) delivered over a connection that broke", Math.min(unseen.size(), room));
    }
    return unseen.subList(0, Math.min(unseen.size(), room));
  }

  /** A page of delivered entries: every one this worker can hold, and more besides. */
  private int pendingPage() {
    return settings.concurrency() + PENDING_PAGE;
  }

  /** Reconnects with backoff: a consumer never stays silently dead. */
  private void onReadFailure(Throwable failure) {
    if (stopping) {
      return;
    }
    consumer.reset(); // a read that failed or hung leaves its connection in doubt
    recoverDelivered = true;
    readFailures++;
    long delay = RECONNECT.delayMs(readFailures);
    LOG.warn("Reading the job queue failed ({}); retrying in {} ms", failure.getMessage(), delay);
    Future<Void> repair = String.valueOf(failure.getMessage()).startsWith("NOGROUP")
        ? queue.ensureGroup() // the stream was lost (Redis restarted without data)
        : Future.succeededFuture();
    repair.onComplete(done -> vertx.setTimer(delay, t -> readMore()));
  }

  /** Puts jobs whose retry backoff is over back on the queue. Any worker may: it is atomic. */
  private void promoteDue() {
    if (!stopping) {
      queue.promoteDue(100).onFailure(failure -> LOG.debug("Promoting due retries failed: {}", failure.getMessage()));
    }
  }

  /**
   * Says this worker is alive, renews the claim on entries in progress and takes over entries
   * abandoned by other workers.
   */
  private void maintain() {
    if (stopping) {
      return;
    }
    queue.heartbeat(name).onFailure(failure -> LOG.debug("Heartbeat failed: {}", failure.getMessage()));
    queue.renew(name, new ArrayList<>(inFlight))
        .onFailure(failure -> LOG.warn("Renewing job claims failed: {}", failure.getMessage()));
    int room = settings.concurrency() - inFlight.size();
    if (room > 0) {
      queue.claimIdle(name, settings.visibilityTimeoutMs(), room)
          .onSuccess(claimed -> claimed.forEach(entry -> {
            LOG.info("Took over abandoned job {}", entry.taskId());
            process(entry);
          }))
          .onFailure(failure -> LOG.warn("Claiming abandoned jobs failed: {}", failure.getMessage()));
    }
  }

  private void process(QueueEntry entry) {
    if (!inFlight.add(entry.entryId())) {
      return; // already working on it
    }
    Future<Disposition> outcome = entry.taskId() == null
        ? Future.succeededFuture(Disposition.ACKNOWLEDGE) // deleted while pending: nothing to do
        : runner.run(entry);
    outcome
        .compose(disposition -> disposition == Disposition.ACKNOWLEDGE
            ? acknowledgements.add(entry.entryId())
            : Future.succeededFuture())
        .onFailure(failure -> LOG.warn("Job {} left for redelivery: {}", entry.taskId(), failure.getMessage()))
        .onComplete(done -> {
          inFlight.remove(entry.entryId());
          if (stopping && inFlight.isEmpty()) {
            drained.tryComplete();
          }
          readMore();
        });
  }

  /**
   * Leaves cleanly: stops reading, lets the jobs in hand finish for up to the grace period, then
   * hands back whatever this worker still holds so another worker takes it at once.
   */
  @Override
  public Future<?> stop() {
    stopping = true;
    drained = Promise.promise();
    vertx.cancelTimer(maintenanceTimer);
    vertx.cancelTimer(promotionTimer);
    // The reader's close completes off this verticle's thread; come back before touching state.
    Promise<Void> readerClosed = Promise.promise();
    consumer.close().onComplete(closed -> context.runOnContext(back -> readerClosed.complete()));
    return readerClosed.future()
        .compose(closed -> drain(settings.shutdownGraceMs()))
        .compose(drained -> queue.handBack(name))
        .onSuccess(handedBack -> LOG.info("Calendar worker {} left: {} job(s) still in progress handed back",
            name, handedBack))
        .onFailure(failure -> LOG.warn("Calendar worker {} could not hand back its jobs ({}); "
            + "they will be reclaimed after the visibility timeout", name, failure.getMessage()))
        .transform(done -> Future.join(queue.close(), builders.close()));
  }

  /** Completes when no job is in progress, or when the grace period is over. */
  private Future<Void> drain(long graceMs) {
    if (inFlight.isEmpty()) {
      drained.tryComplete();
    }
    long grace = vertx.setTimer(graceMs, t -> drained.tryComplete());
    return drained.future().onComplete(done -> vertx.cancelTimer(grace));
  }
}
