package com.taskoverflow.queue.redis;

import static com.taskoverflow.queue.redis.RedisJobStream.GROUP;
import static com.taskoverflow.queue.redis.RedisJobStream.TASK_FIELD;
import static com.taskoverflow.queue.redis.RedisJobStream.timed;

import com.taskoverflow.config.RedisConfig;
import com.taskoverflow.queue.Delivery;
import com.taskoverflow.queue.JobBroker;
import com.taskoverflow.queue.QueueDepth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The store's side of the Redis job queue: jobs appended to the stream, and the queue kept whole. */
public final class RedisJobBroker implements JobBroker {

  private static final int SCAN_PAGE = 1000;

  private final RedisJobStream queue;

  private RedisJobBroker(RedisJobStream queue) {
    this.queue = queue;
  }

  public static Future<RedisJobBroker> open(Vertx vertx, RedisConfig config) {
    return RedisJobStream.open(vertx, config).map(RedisJobBroker::new);
  }

  @Override
  public String label() {
    return "redis";
  }

  @Override
  public Future<Void> ensureReady() {
    return queue.ensureGroup();
  }

  /** Appends a job to the stream. */
  @Override
  public Future<Void> enqueue(String taskId) {
    return timed(queue.api.xadd(List.of(queue.stream, "*", TASK_FIELD, taskId))).mapEmpty();
  }

  /** Appends jobs to the stream, pipelined: one round trip. */
  @Override
  public Future<Void> enqueueAll(List<String> taskIds) {
    if (taskIds.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Request> appends = taskIds.stream()
        .map(taskId -> Request.cmd(Command.XADD).arg(queue.stream).arg("*").arg(TASK_FIELD).arg(taskId))
        .toList();
    return timed(queue.client.batch(appends)).mapEmpty();
  }

  /** The stream holds only unfinished entries: those not pending in the group are ready. */
  @Override
  public Future<QueueDepth> depth() {
    return timed(queue.client.batch(List.of(Request.cmd(Command.XLEN).arg(queue.stream),
            Request.cmd(Command.XPENDING).arg(queue.stream).arg(GROUP), Request.cmd(Command.ZCARD).arg(queue.delayed))))
        .map(replies -> {
          long length = replies.get(0).toLong();
          Response pending = replies.get(1);
          long inFlight = pending == null || pending.size() == 0 ? 0 : pending.get(0).toLong();
          return new QueueDepth(Math.max(0, length - inFlight), inFlight, replies.get(2).toLong());
        })
        .recover(failure -> RedisJobStream.answered(failure, "NOGROUP")
            ? Future.succeededFuture(new QueueDepth(0, 0, 0))
            : Future.failedFuture(failure));
  }

  /**
   * Removes from the group the consumers whose worker has sent no heartbeat for {@code silenceMs}
   * and that hold nothing (their entries were claimed by others); answers how many went.
   */
  @Override
  public Future<Integer> removeDepartedWorkers(long silenceMs) {
    return queue.script(queue.scripts.removeDeparted(), List.of(queue.stream, queue.workers), GROUP,
        Long.toString(silenceMs)).map(Response::toInteger);
  }

  /**
   * Whether Redis still holds what the service wrote to it. The epoch key is set once the queue
   * is known complete; if it is gone, Redis lost its data (a restart without persistence, a flush).
   */
  @Override
  public Future<Boolean> intact() {
    return timed(queue.api.exists(List.of(queue.epoch))).map(count -> count.toInteger() > 0);
  }

  @Override
  public Future<Void> markIntact() {
    return timed(queue.api.set(List.of(queue.epoch, Long.toString(System.currentTimeMillis())))).mapEmpty();
  }

  /** Takes a short lease so that one node at a time repairs the queue; answers whether we got it. */
  @Override
  public Future<Boolean> lease(String name, String holder, long ttlMs) {
    return timed(queue.api.set(List.of(queue.stream + ":lease:" + name, holder, "NX", "PX", Long.toString(ttlMs))))
        .map(reply -> reply != null);
  }

  /** The task ids the queue holds: in the stream (waiting or in progress) or waiting out a backoff. */
  @Override
  public Future<Predicate<String>> mayHold() {
    Set<String> ids = new HashSet<>();
    return scanStream("-", ids)
        .compose(scanned -> timed(queue.api.zrange(List.of(queue.delayed, "0", "-1"))))
        .map(members -> {
          members.forEach(member -> ids.add(member.toString()));
          return ids::contains;
        });
  }

  private Future<Void> scanStream(String from, Set<String> ids) {
    return timed(queue.api.xrange(List.of(queue.stream, from, "+", "COUNT", Integer.toString(SCAN_PAGE))))
        .compose(page -> {
          List<Delivery> entries = StreamReplies.entries(page);
          entries.stream().map(Delivery::taskId).filter(id -> id != null).forEach(ids::add);
          return entries.size() < SCAN_PAGE ? Future.succeededFuture()
              : scanStream("(" + entries.get(entries.size() - 1).id(), ids);
        });
  }

  @Override
  public Future<Void> ping() {
    return timed(queue.api.ping(List.of())).mapEmpty();
  }

  @Override
  public Future<Void> close() {
    return queue.close();
  }
}
