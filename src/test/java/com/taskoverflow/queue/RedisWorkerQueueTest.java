package com.taskoverflow.queue;

import static com.taskoverflow.support.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.taskoverflow.config.Broker;
import com.taskoverflow.config.BrokerConfig;
import com.taskoverflow.config.RedisConfig;
import com.taskoverflow.support.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker side's contract on the real Redis, under a key prefix of each test's own. */
class RedisWorkerQueueTest extends WorkerQueueContract {

  /** A claim that outlasts the test: only the heartbeat can say its worker is gone. */
  private static final long LONG_CLAIM_MS = 600_000;

  @Override
  BrokerConfig freshQueue() {
    RedisConfig redis = new RedisConfig(TestServices.REDIS_URL, TestServices.REDIS_URL,
        TestServices.uniqueName("contract") + ":");
    return new BrokerConfig(Broker.REDIS, redis, null);
  }

  @Override
  Future<Void> cleanUp(Vertx vertx, BrokerConfig config) {
    return TestServices.deleteKeys(vertx, config.redis().keyPrefix());
  }

  @Test
  void aLiveWorkerKeepsItsJobsAndADeadOnesAreTakenOverLongBeforeTheirClaimEnds() {
    String job = enqueue(1).get(0);
    WorkerQueue holder = worker(LONG_CLAIM_MS);
    Delivery held = takeAll(holder, 1).get(0);
    WorkerQueue other = worker(LONG_CLAIM_MS);

    // alive: heartbeats and renewals, as a working worker sends them
    long beating = vertx.setPeriodic(HEARTBEAT_MS, tick -> holder.renew(List.of(held.id())));
    try {
      long lookUntil = System.currentTimeMillis() + 3 * DEAD_AFTER_MS + 1_000;
      while (System.currentTimeMillis() < lookUntil) {
        assertTrue(result(other.takeAbandoned(8)).isEmpty(), "a live worker's job was taken over");
        result(vertx.timer(HEARTBEAT_MS / 2));
      }
    } finally {
      vertx.cancelTimer(beating);
    }

    // dead: its silence alone gives the job to the other worker, well inside the claim
    Delivery taken = firstOf(job, () -> other.takeAbandoned(8));
    assertEquals(held.id(), taken.id(), "the same delivery, now the other worker's");
    result(other.acknowledge(List.of(taken.id())));
  }

  @Test
  void aWorkerJudgedDeadThatComesBackNeitherClaimsBackNorLetsGoWhatWasTakenOver() {
    String job = enqueue(1).get(0);
    WorkerQueue cutOff = worker(LONG_CLAIM_MS);
    Delivery held = takeAll(cutOff, 1).get(0);
    WorkerQueue other = worker(LONG_CLAIM_MS);
    // silent (cut off): its job goes to the other worker
    Delivery taken = firstOf(job, () -> other.takeAbandoned(8));

    // back again, it renews what it thinks it holds, and lets the job go (found taken over)
    result(cutOff.renew(List.of(held.id())));
    result(cutOff.acknowledgeIfHeld(List.of(held.id())));
    assertEquals(1, result(store().depth()).inFlight(), "the entry is still in flight, the other worker's");
    assertTrue(result(store().mayHold()).test(job));
    assertTrue(result(cutOff.takeAbandoned(8)).isEmpty(), "the other worker is alive: nothing to take from it");

    result(other.acknowledgeIfHeld(List.of(taken.id())));
    assertEquals(0, result(store().depth()).inFlight(), "its holder lets it go");
  }
}
