package com.taskoverflow.queue.redis;

import static com.taskoverflow.queue.redis.RedisJobStream.GROUP;
import static com.taskoverflow.queue.redis.RedisJobStream.timed;

import com.taskoverflow.config.RedisConfig;
import com.taskoverflow.config.WorkerConfig;
import com.taskoverflow.queue.Delivery;
import com.taskoverflow.queue.WorkerQueue;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's side of the Redis job queue, as one consumer of the group: new entries read with a
 * blocking XREADGROUP, claims renewed with XCLAIM, idle ones of dead workers taken over with
 * XAUTOCLAIM, retries parked in a sorted set until due, and what it holds handed back on stop.
 */
public final class RedisWorkerQueue implements WorkerQueue {

  private static final Logger LOG = LoggerFactory.getLogger(RedisWorkerQueue.class);
  private static final long READ_BLOCK_MS = 2000;
  /** A blocked read that has not answered this long after its BLOCK time is a dead connection. */
  private static final long READ_GRACE_MS = 5000;
  /** Pending entries read per page while recovering, beyond the ones in hand. */
  private static final int PENDING_PAGE = 100;
  /** Retries made deliverable in one step. */
  private static final int RELEASE_BATCH = 100;
  /** The most entries one hand-back moves. */
  private static final int HAND_BACK_MAX = 10_000;

  private final RedisJobStream queue;
  private final StreamReader reader;
  private final String consumer;
  private final long claimMs;
  private final long heartbeatMs;
  private final long deadAfterMs;
  /** After a failed read: entries delivered to us over the broken connection are read first. */
  private boolean recoverDelivered;

  private RedisWorkerQueue(RedisJobStream queue, String consumer, WorkerConfig settings) {
    this.queue = queue;
    this.reader = queue.reader(consumer);
    this.consumer = consumer;
    this.claimMs = settings.visibilityTimeoutMs();
    this.heartbeatMs = settings.heartbeatMs();
    this.deadAfterMs = settings.deadAfterMs();
  }

  public static Future<RedisWorkerQueue> open(Vertx vertx, RedisConfig config, WorkerConfig settings, String worker) {
    return RedisJobStream.open(vertx, config).map(queue -> new RedisWorkerQueue(queue, worker, settings));
  }

  @Override
  public String source() {
    return queue.stream;
  }

  @Override
  public Future<Void> prepare() {
    return renew(List.of()).transform(beat -> queue.ensureGroup());
  }

  /**
   * New entries; after a failed read, first the entries already delivered to this consumer, since
   * a reply lost with its connection leaves entries that are ours in the group but unseen.
   */
  @Override
  public Future<List<Delivery>> take(int room, Set<String> inHand) {
    int page = inHand.size() + room + PENDING_PAGE;
    Future<List<Delivery>> read = recoverDelivered
        ? reader.readPending(page).map(pending -> notInHand(pending, room, inHand, page))
        : reader.readNew(room, READ_BLOCK_MS);
    return read.timeout(READ_BLOCK_MS + READ_GRACE_MS, TimeUnit.MILLISECONDS)
        .recover(failure -> {
          reader.reset(); // a read that failed or hung leaves its connection in doubt
          recoverDelivered = true;
          Future<Void> repair = RedisJobStream.answered(failure, "NOGROUP")
              ? queue.ensureGroup() // the stream was lost (Redis restarted without data)
              : Future.succeededFuture();
          return repair.transform(repaired -> Future.failedFuture(failure));
        });
  }

  /** Delivered entries not yet in hand, at most {@code room}; recovery ends when none are left over. */
  private List<Delivery> notInHand(List<Delivery> pending, int room, Set<String> inHand, int page) {
    List<Delivery> unseen = pending.stream().filter(entry -> !inHand.contains(entry.id())).toList();
    if (unseen.size() <= room && pending.size() < page) {
      recoverDelivered = false;
    }
    if (!unseen.isEmpty()) {
      LOG.info("Recovered {} job(s) delivered over a connection that broke", Math.min(unseen.size(), room));
    }
    return unseen.subList(0, Math.min(unseen.size(), room));
  }

  /** Every heartbeat: a live worker's entries are never idle long enough to be taken. */
  @Override
  public long renewEveryMs() {
    return heartbeatMs;
  }

  /**
   * The heartbeat (on the Redis clock), and the idle time of the entries in hand reset, so nobody
   * claims them: one script. Entries another worker took over meanwhile stay that worker's.
   */
  @Override
  public Future<Void> renew(List<String> inHand) {
    return queue.script(queue.scripts.heartbeat(), List.of(queue.workers, queue.stream), withCaller(inHand)).mapEmpty();
  }

  /** A script's arguments: the group, this consumer, then the entry ids. */
  private List<String> withCaller(List<String> deliveryIds) {
    List<String> args = new ArrayList<>(deliveryIds.size() + 2);
    args.add(consumer);
    args.add(GROUP);
    args.addAll(deliveryIds);
    return args;
  }

  /**
   * The entries of workers whose heartbeat stopped (dead, or cut off from Redis) for
   * {@code dead-after-ms}, at once; then, with room left, any entry nobody renewed for a
   * visibility timeout (a worker that beats but does not renew).
   */
  @Override
  public Future<List<Delivery>> takeAbandoned(int room) {
    return queue.script(queue.scripts.takeFromDead(), List.of(queue.stream, queue.workers), GROUP, consumer,
            Long.toString(deadAfterMs), Integer.toString(room))
        .map(StreamReplies::entries)
        .compose(fromDead -> fromDead.size() >= room ? Future.succeededFuture(fromDead)
            : timed(queue.api.xautoclaim(List.of(queue.stream, GROUP, consumer, Long.toString(claimMs), "0-0",
                    "COUNT", Integer.toString(room - fromDead.size()))))
                .map(StreamReplies::fromAutoClaim)
                .map(idle -> {
                  List<Delivery> taken = new ArrayList<>(fromDead);
                  taken.addAll(idle);
                  return taken;
                }));
  }

  /** Any worker may: the move from the delayed set to the stream is atomic. */
  @Override
  public Future<Void> releaseDueRetries() {
    return queue.script(queue.scripts.promoteDue(), List.of(queue.stream, queue.delayed),
        Integer.toString(RELEASE_BATCH)).mapEmpty();
  }

  /** Marks entries done and removes them, so the stream holds only unfinished work: one round trip. */
  @Override
  public Future<Void> acknowledge(List<String> deliveryIds) {
    Request ack = Request.cmd(Command.XACK).arg(queue.stream).arg(GROUP);
    Request delete = Request.cmd(Command.XDEL).arg(queue.stream);
    deliveryIds.forEach(id -> {
      ack.arg(id);
      delete.arg(id);
    });
    return timed(queue.client.batch(List.of(ack, delete))).mapEmpty();
  }

  /** Only the entries still this consumer's: one another worker took over stays with it. */
  @Override
  public Future<Void> acknowledgeIfHeld(List<String> deliveryIds) {
    return queue.script(queue.scripts.acknowledgeHeld(), List.of(queue.stream), withCaller(deliveryIds)).mapEmpty();
  }

  @Override
  public int acknowledgeBatch() {
    return 500;
  }

  /** Takes the entry off the stream into the delayed set until its backoff is over (one atomic step). */
  @Override
  public Future<Void> defer(Delivery delivery, long delayMs) {
    return queue.script(queue.scripts.deferRetry(), List.of(queue.stream, queue.delayed), GROUP, delivery.id(),
        delivery.taskId(), Long.toString(delayMs)).mapEmpty();
  }

  /** Closes the reader's connection, ending a blocked read; completes back on the caller's context. */
  @Override
  public Future<Void> stopTaking() {
    Context caller = queue.vertx.getOrCreateContext();
    Promise<Void> closed = Promise.promise();
    reader.close().onComplete(done -> caller.runOnContext(back -> closed.complete()));
    return closed.future();
  }

  /**
   * Every entry this consumer still holds in the group (whether or not it was seen) goes back as a
   * fresh entry any worker can take, and the consumer leaves the group: one atomic script.
   */
  @Override
  public Future<Integer> handBack(List<String> inHand) {
    return queue.script(queue.scripts.handBack(), List.of(queue.stream), GROUP, consumer,
        Integer.toString(HAND_BACK_MAX)).map(Response::toInteger);
  }

  @Override
  public Future<Void> close() {
    return queue.close();
  }
}
