package com.taskoverflow.store;

import com.taskoverflow.queue.JobBroker;
import io.vertx.core.Future;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the job queue holding every job PostgreSQL says is unfinished. The broker may lose its
 * data (Redis restarted without persistence or flushed; an SQS server restarted): then every
 * unfinished job is queued again. And a job can miss its entry in rarer ways (its queueing and its
 * undo both failed): those are found by comparing the two stores. Duplicates are harmless:
 * starting a job is a conditional update fenced by the attempt.
 */
final class QueueReconciler {

  private static final Logger LOG = LoggerFactory.getLogger(QueueReconciler.class);
  private static final int PAGE = 500;
  /** How long an unfinished job must sit untouched before a missing entry counts as lost. */
  private static final long QUIET_SECONDS = 30;
  private static final UUID FIRST = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);

  private final JobHousekeeping jobs;
  private final JobBroker queue;
  private final String holder = UUID.randomUUID().toString();

  QueueReconciler(JobHousekeeping jobs, JobBroker queue) {
    this.jobs = jobs;
    this.queue = queue;
  }

  /** If Redis lost its data, queues every unfinished job again, then marks the queue whole. */
  Future<Void> repairDataLoss() {
    return queue.intact().compose(intact -> intact ? Future.succeededFuture()
        : queue.lease("rebuild", holder, 30_000).compose(leased -> !leased ? Future.succeededFuture()
            : queue.ensureReady()
                .compose(ready -> requeueAll(FIRST, 0))
                .compose(count -> {
                  if (count > 0) {
                    LOG.warn("The {} job queue had lost its data: queued {} unfinished job(s) again from PostgreSQL",
                        queue.label(), count);
                  }
                  return queue.markIntact();
                })));
  }

  private Future<Integer> requeueAll(UUID after, int sofar) {
    return jobs.unfinished(after, PAGE).compose(page -> enqueue(page).compose(done ->
        page.size() < PAGE ? Future.succeededFuture(sofar + page.size())
            : requeueAll(page.get(page.size() - 1), sofar + page.size())));
  }

  /** Queues unfinished jobs that have sat quiet for a while and that the queue does not hold. */
  Future<Void> sweepOrphans() {
    LocalDateTime quietSince = Retention.now().minusSeconds(QUIET_SECONDS);
    return jobs.quietUnfinished(quietSince, 10_000).compose(quiet -> quiet.isEmpty() ? Future.succeededFuture()
        : queue.mayHold().compose(held -> {
          List<UUID> orphans = quiet.stream().filter(id -> !held.test(id.toString())).toList();
          if (orphans.isEmpty()) {
            return Future.succeededFuture();
          }
          LOG.warn("Queued {} unfinished job(s) that the job queue did not hold", orphans.size());
          return enqueue(orphans);
        }));
  }

  private Future<Void> enqueue(List<UUID> ids) {
    return queue.enqueueAll(ids.stream().map(UUID::toString).toList());
  }
}
