package com.taskoverflow.worker;

import com.taskoverflow.bus.Addresses;
import com.taskoverflow.bus.Failures;
import com.taskoverflow.bus.Timestamps;
import com.taskoverflow.config.AppConfig;
import com.taskoverflow.config.WorkerConfig;
import com.taskoverflow.queue.JobQueue;
import com.taskoverflow.queue.QueueConsumer;
import com.taskoverflow.queue.QueueEntry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
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
  private static final long RETRY_READ_MS = 1000;

  private final AppConfig config;
  private final WorkerConfig settings;
  private final String name;
  private final Set<String> inFlight = new LinkedHashSet<>();
  private JobQueue queue;
  private QueueConsumer consumer;
  private WorkerExecutor builders;
  private boolean reading;
  private boolean stopping;
  private long maintenanceTimer = -1;

  public CalendarWorkerVerticle(AppConfig config) {
    this.config = config;
    this.settings = config.worker();
    this.name = WorkerName.next();
  }

  @Override
  public Future<?> start() {
    builders = vertx.createSharedWorkerExecutor("calendar-builder", settings.builderThreads());
    queue = JobQueue.create(vertx, config.redis());
    consumer = queue.consumer(name);
    return queue.ensureGroup().onSuccess(ready -> {
      LOG.info("Calendar worker {} taking jobs from {} (concurrency {})", name, queue.stream(),
          settings.concurrency());
      // A third of the visibility timeout: claims are renewed well before anyone may take them.
      maintenanceTimer = vertx.setPeriodic(Math.max(100, settings.visibilityTimeoutMs() / 3), tick -> maintain());
      readMore();
    });
  }

  /** Reads as many entries as there is room for; called again whenever room appears. */
  private void readMore() {
    int room = settings.concurrency() - inFlight.size();
    if (stopping || reading || room <= 0) {
      return;
    }
    reading = true;
    consumer.readNew(room, READ_BLOCK_MS)
        .onComplete(read -> {
          reading = false;
          if (stopping) {
            return; // anything just read is still ours in the group: the stop hands it back
          }
          if (read.succeeded()) {
            read.result().forEach(this::process);
            readMore();
          } else {
            onReadFailure(read.cause());
          }
        });
  }

  private void onReadFailure(Throwable failure) {
    if (stopping) {
      return;
    }
    LOG.warn("Reading the job queue failed ({}); retrying", failure.getMessage());
    Future<Void> repair = String.valueOf(failure.getMessage()).startsWith("NOGROUP")
        ? queue.ensureGroup() // the stream was lost (Redis restarted without data)
        : Future.succeededFuture();
    repair.onComplete(done -> vertx.setTimer(RETRY_READ_MS, t -> readMore()));
  }

  /** Renews the claim on entries in progress and takes over entries abandoned by other workers. */
  private void maintain() {
    if (stopping) {
      return;
    }
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
    Future<Void> outcome = entry.taskId() == null
        ? Future.succeededFuture() // deleted while pending: nothing to do
        : run(entry.taskId());
    outcome
        .compose(done -> queue.acknowledge(entry.entryId()))
        .onFailure(failure -> LOG.warn("Job {} left for redelivery: {}", entry.taskId(), failure.getMessage()))
        .onComplete(done -> {
          inFlight.remove(entry.entryId());
          readMore();
        });
  }

  /** One attempt at a job. Succeeds when the job needs nothing more from this delivery. */
  private Future<Void> run(String taskId) {
    return request(Addresses.JOBS_START, new JsonObject().put("task_id", taskId).put("worker", name))
        .compose(start -> {
          int attempt = start.getInteger("attempt");
          return simulatedWork()
              .compose(waited -> build(start))
              .map(calendar -> new JsonObject().put("calendar", calendar))
              .transform(built -> built.succeeded()
                  ? record(Addresses.JOBS_SUCCEED, taskId, attempt, built.result())
                  : record(Addresses.JOBS_FAIL, taskId, attempt,
                      new JsonObject().put("error", "Calendar could not be built: " + built.cause().getMessage())));
        })
        .recover(failure -> Failures.is(failure, Failures.CONFLICT) || Failures.is(failure, Failures.NOT_FOUND)
            ? Future.succeededFuture() // finished, taken over by a later attempt, or gone
            : Future.failedFuture(failure));
  }

  /** The original's artificial delay, as a timer: it holds a job slot, not a thread. */
  private Future<Void> simulatedWork() {
    long delay = settings.simulatedWorkMs();
    return delay <= 0 ? Future.succeededFuture() : vertx.timer(delay).mapEmpty();
  }

  private Future<String> build(JsonObject start) {
    String snapshot = start.getString("snapshot");
    var stamp = Timestamps.parse(start.getString("accepted_at")).toInstant(ZoneOffset.UTC);
    return builders.executeBlocking(() -> CalendarBuilder.build(snapshot, stamp), false);
  }

  private Future<Void> record(String address, String taskId, int attempt, JsonObject outcome) {
    return request(address, outcome.put("task_id", taskId).put("attempt", attempt))
        .onSuccess(status -> vertx.eventBus().publish(Addresses.JOBS_FINISHED, status))
        .mapEmpty();
  }

  private Future<JsonObject> request(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body,
            new DeliveryOptions().setSendTimeout(config.requestTimeoutMs()))
        .map(reply -> reply.body());
  }

  /**
   * Leaves cleanly: stops reading, lets the jobs in hand finish for up to the grace period, then
   * hands back whatever this worker still holds so another worker takes it at once.
   */
  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(maintenanceTimer);
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
    Promise<Void> drained = Promise.promise();
    long deadline = System.currentTimeMillis() + graceMs;
    vertx.setPeriodic(0, 50, timer -> {
      if (inFlight.isEmpty() || System.currentTimeMillis() >= deadline) {
        vertx.cancelTimer(timer);
        drained.tryComplete();
      }
    });
    return drained.future();
  }

  /** Consumer names unique per JVM and verticle instance, readable in logs and job status. */
  static final class WorkerName {
    private static final String PREFIX = host() + "-" + ProcessHandle.current().pid();

    static String next() {
      return PREFIX + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String host() {
      String host = System.getenv("HOSTNAME");
      if (host != null && !host.isBlank()) {
        return host;
      }
      try {
        return InetAddress.getLocalHost().getHostName(); // once per JVM, before any event loop runs
      } catch (UnknownHostException e) {
        return "worker";
      }
    }
  }
}
