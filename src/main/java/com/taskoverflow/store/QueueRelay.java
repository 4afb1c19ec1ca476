package com.taskoverflow.store;

import com.taskoverflow.queue.JobBroker;
import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submissions outlive the broker: a job the broker does not take is held in PostgreSQL (its row
 * marked with its place in the order of acceptance), and this relay queues held jobs, oldest
 * first, as soon as the broker answers again (after refilling it, if it lost its data). While
 * this store holds jobs, its new submissions are held behind them rather than sent ahead. Held
 * jobs of another store (or of one that died) are relayed too. Used on the store verticle's
 * event loop only.
 */
final class QueueRelay {

  private static final Logger LOG = LoggerFactory.getLogger(QueueRelay.class);
  /** How often the relay looks: a broker that comes back gets the held jobs within this and a round trip. */
  static final long EVERY_MS = 250;
  private static final int PAGE = 500;

  private final StoreAccess store;
  private final JobBroker queue;
  private boolean holding;
  private boolean running;

  QueueRelay(StoreAccess store, JobBroker queue) {
    this.store = store;
    this.queue = queue;
  }

  /** Whether new submissions must wait behind jobs this store holds. */
  boolean holding() {
    return holding;
  }

  /** The broker did not take these jobs: they are held (and later submissions with them). */
  Future<Void> hold(JobRepository jobs, List<UUID> ids, Throwable failure) {
    if (!holding) {
      LOG.warn("The {} job queue did not take {} job(s) ({}): holding jobs in PostgreSQL until it answers",
          queue.label(), ids.size(), failure.getMessage());
      holding = true;
    }
    return jobs.hold(ids);
  }

  /** One look: if any job is held, and the broker answers, queues every held job. */
  Future<Void> relay() {
    if (running) {
      return Future.succeededFuture();
    }
    running = true;
    Future<Boolean> due = holding ? Future.succeededFuture(true) : store.call("jobs.any-held", s -> s.jobs().anyHeld());
    return due.compose(any -> any ? queueWhole().compose(whole -> whole ? drain(0) : Future.succeededFuture())
            : Future.succeededFuture())
        .onFailure(failure -> LOG.debug("Held jobs wait: {}", failure.getMessage()))
        .otherwiseEmpty()
        .onComplete(done -> running = false)
        .mapEmpty();
  }

  /**
   * Whether the broker answers and holds what it was given. One that lost its data is refilled
   * first (every unfinished job not held), so no job is queued both by that and by the relay.
   */
  private Future<Boolean> queueWhole() {
    return queue.intact().compose(intact -> intact ? Future.succeededFuture(true)
        : store.call("jobs.repair", s -> new QueueReconciler(s.housekeeping(), queue).repairDataLoss())
            .compose(repaired -> queue.intact()));
  }

  private Future<Void> drain(int sofar) {
    return store.call("jobs.relay", s -> s.jobs().relayHeld(PAGE, this::enqueue)).compose(count -> {
      if (count == PAGE) {
        return drain(sofar + count);
      }
      if (holding) {
        // New submissions go straight to the broker again; one more page takes any held meanwhile.
        holding = false;
        return drain(sofar + count);
      }
      if (sofar + count > 0) {
        LOG.info("Queued {} held job(s) on the {} job queue", sofar + count, queue.label());
      }
      return Future.succeededFuture();
    });
  }

  private Future<Void> enqueue(List<UUID> ids) {
    return queue.enqueueAll(ids.stream().map(UUID::toString).toList());
  }
}
