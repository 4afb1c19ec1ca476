package com.taskoverflow.worker;

import com.taskoverflow.common.Backoff;
import com.taskoverflow.config.WorkerConfig;
import com.taskoverflow.config.WorkerRoleConfig;
import com.taskoverflow.queue.QueueEntry;
import com.taskoverflow.queue.SqsJobQueue;
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
 * The worker role on SQS: receives calendar jobs (long polls), keeps each message hidden while
 * it works on it (its visibility extended every third of the timeout), records the outcome
 * through the store and only then deletes the message. A worker that dies leaves its messages to
 * reappear after the visibility timeout; one that stops hands them back at once.
 */
public class SqsWorkerVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(SqsWorkerVerticle.class);
  /** Long enough to save calls, short enough that a stopping worker is not kept waiting. */
  private static final int RECEIVE_WAIT_SECONDS = 5;
  /** Done messages deleted in one go (ten to an SQS call). */
  private static final int DELETE_BATCH = 100;
  private static final Backoff RECONNECT = new Backoff(100, 5_000);

  private final WorkerRoleConfig config;
  private final WorkerConfig settings;
  /** Jobs in hand: message receipt handle to its delivery. */
  private final Map<String, QueueEntry> inFlight = new LinkedHashMap<>();
  /** Done jobs' messages, deleted together. */
  private Acknowledgements deletions;
  private String name;
  private SqsJobQueue queue;
  private WorkerExecutor builders;
  private JobRunner runner;
  private boolean receiving;
  private boolean stopping;
  private int receiveFailures;
  private long renewTimer = -1;
  private Promise<Void> drained;
  /** The receive under way, done once what it brought is in hand (or, when stopping, handed back). */
  private Future<Void> lastReceive = Future.succeededFuture();

  public SqsWorkerVerticle(WorkerRoleConfig config) {
    this.config = config;
    this.settings = config.worker();
  }

  @Override
  public Future<?> start() {
    builders = vertx.createSharedWorkerExecutor("calendar-builder", settings.builderThreads());
    return vertx.executeBlocking(WorkerName::next, false)
        .compose(workerName -> {
          name = workerName;
          return SqsJobQueue.open(vertx, config.queue().sqs());
        })
        .onSuccess(opened -> {
          queue = opened;
          deletions = new Acknowledgements(vertx, DELETE_BATCH, queue::acknowledgeAll, () -> stopping);
          runner = new JobRunner(vertx, config, (entry, delay) -> queue.hide(List.of(entry.entryId()), seconds(delay)),
              builders, name, () -> stopping);
          LOG.info("Calendar worker {} taking jobs from SQS queue {} (concurrency {})", name,
              config.queue().sqs().queue(), settings.concurrency());
          renewTimer = vertx.setPeriodic(Math.max(100, settings.visibilityTimeoutMs() / 3), tick -> renew());
          receive();
        });
  }

  private int visibilitySeconds() {
    return seconds(settings.visibilityTimeoutMs());
  }

  /** Whole seconds, rounded up: SQS counts visibility in seconds. */
  private static int seconds(long millis) {
    return (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000);
  }

  /** Receives as many jobs as there is room for; called again whenever room appears. */
  private void receive() {
    int room = settings.concurrency() - inFlight.size();
    if (stopping || receiving || room <= 0) {
      return;
    }
    receiving = true;
    Promise<Void> settled = Promise.promise();
    lastReceive = settled.future();
    queue.receive(room, RECEIVE_WAIT_SECONDS, visibilitySeconds()).onComplete(done -> {
      receiving = false;
      if (stopping) {
        // received while stopping: back to the queue at once
        (done.succeeded() ? queue.hide(done.result().stream().map(QueueEntry::entryId).toList(), 0)
            : Future.<Void>succeededFuture()).onComplete(handedBack -> settled.complete());
        return;
      }
      settled.complete();
      if (done.succeeded()) {
        receiveFailures = 0;
        done.result().forEach(this::process);
        receive();
      } else {
        long delay = RECONNECT.delayMs(++receiveFailures);
        LOG.warn("Receiving from SQS failed ({}); retrying in {} ms", done.cause().getMessage(), delay);
        vertx.setTimer(delay, t -> receive());
      }
    });
  }

  private void process(QueueEntry entry) {
    if (inFlight.putIfAbsent(entry.entryId(), entry) != null) {
      return;
    }
    runner.run(entry)
        .compose(disposition -> disposition == Disposition.ACKNOWLEDGE
            ? deletions.add(entry.entryId())
            : Future.succeededFuture())
        .onFailure(failure -> LOG.warn("Job {} left for redelivery: {}", entry.taskId(), failure.getMessage()))
        .onComplete(done -> {
          inFlight.remove(entry.entryId());
          if (stopping && inFlight.isEmpty()) {
            drained.tryComplete();
          }
          receive();
        });
  }

  /** Keeps the jobs in hand hidden for another visibility timeout. */
  private void renew() {
    if (!stopping && !inFlight.isEmpty()) {
      queue.hide(new ArrayList<>(inFlight.keySet()), visibilitySeconds())
          .onFailure(failure -> LOG.warn("Extending job visibility failed: {}", failure.getMessage()));
    }
  }

  /** Stops receiving, lets the jobs in hand finish within the grace period, hands back the rest. */
  @Override
  public Future<?> stop() {
    stopping = true;
    drained = Promise.promise();
    vertx.cancelTimer(renewTimer);
    if (inFlight.isEmpty()) {
      drained.tryComplete();
    }
    long grace = vertx.setTimer(settings.shutdownGraceMs(), t -> drained.tryComplete());
    return drained.future()
        .compose(done -> lastReceive)
        .compose(done -> {
          vertx.cancelTimer(grace);
          List<String> left = new ArrayList<>(inFlight.keySet());
          return queue.hide(left, 0).map(left.size());
        })
        .onSuccess(handedBack -> LOG.info("Calendar worker {} left: {} job(s) still in progress handed back",
            name, handedBack))
        .onFailure(failure -> LOG.warn("Calendar worker {} could not hand back its jobs ({}); "
            + "they reappear after the visibility timeout", name, failure.getMessage()))
        .transform(done -> Future.join(queue.close(), builders.close()));
  }
}
