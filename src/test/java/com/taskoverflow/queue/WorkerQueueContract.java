package com.taskoverflow.queue;

import static com.taskoverflow.support.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.taskoverflow.config.BrokerConfig;
import com.taskoverflow.config.WorkerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every broker's worker side must do, checked on the real broker: jobs put on the queue by
 * the store's side are taken, kept while renewed, gone once acknowledged, kept away while deferred,
 * given to another worker at once when handed back, and given again when their worker goes quiet.
 * Each test has a queue of its own. Waits are bounded, and only outcomes are asserted.
 */
abstract class WorkerQueueContract {

  /** Short, so a quiet worker's jobs come back within the test; whole seconds for SQS. */
  static final long CLAIM_MS = 1_000;
  /** How often a worker heartbeats, and how long its silence means it is dead (Redis). */
  static final long HEARTBEAT_MS = 250;
  static final long DEAD_AFTER_MS = 1_000;
  /** How long to look for an outcome that should come. */
  private static final long PATIENCE_MS = 20_000;

  private final List<WorkerQueue> workers = new ArrayList<>();
  Vertx vertx;
  private JobBroker store;
  private BrokerConfig config;

  /** A queue of the test's own on the broker under test. */
  abstract BrokerConfig freshQueue();

  /** Removes what the test left on the broker. */
  abstract Future<Void> cleanUp(Vertx vertx, BrokerConfig config);

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    config = freshQueue();
    store = result(Brokers.open(vertx, config));
    result(store.ensureReady());
  }

  @AfterEach
  void close() {
    try {
      workers.forEach(worker -> result(worker.close()));
      result(store.close());
      result(cleanUp(vertx, config));
    } finally {
      result(vertx.close());
    }
  }

  WorkerQueue worker() {
    return worker(CLAIM_MS);
  }

  /** The store's side of the test's queue. */
  JobBroker store() {
    return store;
  }

  WorkerQueue worker(long claimMs) {
    WorkerQueue worker = result(Brokers.forWorker(vertx, config,
        new WorkerConfig(8, 1, 2, claimMs, HEARTBEAT_MS, DEAD_AFTER_MS, 0, 1_000), "contract-" + UUID.randomUUID()));
    result(worker.prepare());
    workers.add(worker);
    return worker;
  }

  List<String> enqueue(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(UUID.randomUUID().toString());
    }
    result(store.enqueueAll(ids));
    return ids;
  }

  /** Takes until {@code count} deliveries came (or patience runs out). */
  static List<Delivery> takeAll(WorkerQueue worker, int count) {
    List<Delivery> taken = new ArrayList<>();
    long giveUpAt = System.currentTimeMillis() + PATIENCE_MS;
    while (taken.size() < count && System.currentTimeMillis() < giveUpAt) {
      Set<String> inHand = taken.stream().map(Delivery::id).collect(Collectors.toSet());
      taken.addAll(result(worker.take(count - taken.size(), inHand)));
    }
    return taken;
  }

  /** The first delivery of the job that {@code attempt} brings, or none within patience. */
  static Delivery firstOf(String taskId, Supplier<Future<List<Delivery>>> attempt) {
    long giveUpAt = System.currentTimeMillis() + PATIENCE_MS;
    while (System.currentTimeMillis() < giveUpAt) {
      for (Delivery delivery : result(attempt.get())) {
        if (taskId.equals(delivery.taskId())) {
          return delivery;
        }
      }
    }
    return fail("job " + taskId + " was not delivered again");
  }

  /** A take or a take-over, whichever way this broker gives back a quiet worker's jobs. */
  private static Future<List<Delivery>> anyWay(WorkerQueue worker) {
    return worker.takeAbandoned(8).compose(abandoned -> abandoned.isEmpty() ? worker.take(8, Set.of())
        : Future.succeededFuture(abandoned));
  }

  @Test
  void takesEveryQueuedJobOnce() {
    List<String> queued = enqueue(5);
    List<Delivery> taken = takeAll(worker(600_000), 5); // a claim that outlasts the test
    assertEquals(new HashSet<>(queued), taken.stream().map(Delivery::taskId).collect(Collectors.toSet()));
    assertEquals(5, taken.stream().map(Delivery::id).distinct().count(), "each delivery has its own id");
    assertTrue(taken.stream().allMatch(delivery -> delivery.queuedAtMs() > 0), "each says when it was queued");
    assertTrue(taken.stream().allMatch(Delivery::first), "each is a first delivery");
    assertTrue(result(worker().take(8, Set.of())).isEmpty(), "a job in hand goes to nobody else");
  }

  @Test
  void anAcknowledgedJobIsGoneForGood() {
    enqueue(3);
    WorkerQueue first = worker();
    List<Delivery> taken = takeAll(first, 3);
    assertEquals(3, taken.size());
    result(first.acknowledge(taken.stream().map(Delivery::id).toList()));

    WorkerQueue second = worker();
    long lookUntil = System.currentTimeMillis() + 3 * CLAIM_MS + 2_000; // well past any claim
    while (System.currentTimeMillis() < lookUntil) {
      assertTrue(result(anyWay(second)).isEmpty(), "an acknowledged job came back");
    }
    QueueDepth depth = result(store.depth());
    assertEquals(0, depth.ready() + depth.inFlight() + depth.delayed(), depth.toString());
  }

  @Test
  void aRenewedJobStaysWithItsWorker() {
    String job = enqueue(1).get(0);
    WorkerQueue holder = worker();
    Delivery held = takeAll(holder, 1).get(0);
    // renewed in the background, as a working worker does, four times a claim
    long renewing = vertx.setPeriodic(CLAIM_MS / 4, tick -> holder.renew(List.of(held.id())));
    try {
      WorkerQueue other = worker();
      long lookUntil = System.currentTimeMillis() + 3 * CLAIM_MS + 2_000; // three claims and more
      while (System.currentTimeMillis() < lookUntil) {
        assertTrue(result(anyWay(other)).isEmpty(), "a renewed job went to another worker");
      }
    } finally {
      vertx.cancelTimer(renewing);
    }
    result(holder.acknowledge(List.of(held.id())));
    assertEquals(job, held.taskId());
  }

  @Test
  void anUnacknowledgedJobIsDeliveredAgainWhenItsWorkerGoesQuiet() {
    String job = enqueue(1).get(0);
    Delivery first = takeAll(worker(), 1).get(0); // and that worker is never heard from again
    WorkerQueue other = worker();
    Delivery again = firstOf(job, () -> anyWay(other));
    result(other.acknowledge(List.of(again.id())));
    assertEquals(first.taskId(), again.taskId());
    assertTrue(first.first());
    assertFalse(again.first(), "an attempt may have died with the first delivery");
  }

  @Test
  void aDeferredJobStaysAwayForItsBackoff() {
    String job = enqueue(1).get(0);
    WorkerQueue worker = worker();
    Delivery taken = takeAll(worker, 1).get(0);
    result(worker.defer(taken, 600_000));
    result(worker.releaseDueRetries());
    assertTrue(result(anyWay(worker())).isEmpty(), "a job deferred for ten minutes came back");
    assertTrue(result(store.mayHold()).test(job), "the queue still holds the deferred job");
  }

  @Test
  void aDeferredJobComesBackOnceItsBackoffIsOver() {
    String job = enqueue(1).get(0);
    WorkerQueue worker = worker();
    Delivery taken = takeAll(worker, 1).get(0);
    result(worker.defer(taken, 1_000));
    WorkerQueue other = worker();
    Delivery again = firstOf(job, () -> other.releaseDueRetries().compose(released -> other.take(8, Set.of())));
    assertNotEquals(taken.id(), again.id(), "a new delivery");
  }

  @Test
  void aHandedBackJobGoesToAnotherWorkerAtOnce() {
    List<String> queued = enqueue(2);
    WorkerQueue leaving = worker(600_000); // a claim that outlasts the test: only a hand-back frees its jobs
    List<Delivery> held = takeAll(leaving, 2);
    assertEquals(2, held.size());
    assertEquals(2, result(leaving.handBack(held.stream().map(Delivery::id).toList())));
    result(leaving.stopTaking());

    // by plain takes, never a take-over: the jobs were handed back, not abandoned
    List<Delivery> taken = takeAll(worker(), 2);
    assertEquals(new HashSet<>(queued), taken.stream().map(Delivery::taskId).collect(Collectors.toSet()));
  }
}
