package com.taskoverflow.store;

import com.taskoverflow.bus.Failures;
import com.taskoverflow.bus.JobStatusView;
import com.taskoverflow.queue.JobBroker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for submissions without an idempotency key. While one batch is being written, the
 * submissions that arrive wait; the next batch takes them all: one INSERT for the rows, one round
 * trip for the queue entries. A lone submission is written at once, so batching adds no wait.
 * Each submission is answered only once its job is committed and queued; a batch the queue
 * refuses is removed and every one of its submissions refused. Used on the store's event loop.
 */
final class SubmitBatcher {

  private static final Logger LOG = LoggerFactory.getLogger(SubmitBatcher.class);
  private static final int MAX_BATCH = 500;

  private final JobBroker queue;
  private final Deque<Promise<JobStatusView>> waiting = new ArrayDeque<>();
  private boolean writing;

  SubmitBatcher(JobBroker queue) {
    this.queue = queue;
  }

  Future<JobStatusView> submit(JobRepository jobs) {
    Promise<JobStatusView> accepted = Promise.promise();
    waiting.add(accepted);
    if (!writing) {
      writeNext(jobs);
    }
    return accepted.future();
  }

  private void writeNext(JobRepository jobs) {
    if (waiting.isEmpty()) {
      writing = false;
      return;
    }
    writing = true;
    List<Promise<JobStatusView>> batch = new ArrayList<>();
    while (!waiting.isEmpty() && batch.size() < MAX_BATCH) {
      batch.add(waiting.poll());
    }
    jobs.createMany(batch.size())
        .compose(created -> queue.enqueueAll(created.stream().map(JobStatusView::taskId).toList())
            .map(created)
            .recover(failure -> {
              LOG.warn("Could not queue {} job(s): {}", created.size(), failure.getMessage());
              return jobs.deleteUnqueued(created.stream().map(job -> UUID.fromString(job.taskId())).toList(), null)
                  .transform(deleted -> Future.failedFuture(
                      Failures.of(Failures.UNAVAILABLE, "Job queue unavailable, try again later")));
            }))
        .onComplete(done -> {
          for (int i = 0; i < batch.size(); i++) {
            if (done.succeeded()) {
              batch.get(i).complete(done.result().get(i));
            } else {
              batch.get(i).fail(done.cause());
            }
          }
          writeNext(jobs);
        });
  }
}
