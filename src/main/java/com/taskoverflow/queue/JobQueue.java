package com.taskoverflow.queue;

import com.taskoverflow.config.RedisConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ProtocolVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The calendar-job queue: a Redis stream read through one consumer group, so each entry goes to
 * one worker, stays pending until that worker acknowledges it, and can be claimed by another worker
 * if it goes quiet. Non-blocking commands go through a shared connection pool; blocking reads use
 * a {@link QueueConsumer} with a connection of its own.
 */
public final class JobQueue implements JobBroker {

  static final String TASK_FIELD = "task_id";
  static final String GROUP = "calendar-workers";

  /** Redis answers fast or not at all: past this a command counts as failed. */
  private static final long COMMAND_TIMEOUT_MS = 3000;

  private final Vertx vertx;
  private final RedisConfig config;
  private final RedisScripts scripts;
  private final Redis client;
  private final RedisAPI api;
  private final String stream;
  private final String delayed;
  private final String epoch;
  private final String workers;

  private JobQueue(Vertx vertx, RedisConfig config, RedisScripts scripts) {
    this.vertx = vertx;
    this.config = config;
    this.scripts = scripts;
    this.client = Redis.createClient(vertx, options(config).setMaxPoolSize(8).setMaxPoolWaiting(1024));
    this.api = RedisAPI.api(client);
    this.stream = config.keyPrefix() + "calendar-jobs";
    this.delayed = config.keyPrefix() + "calendar-jobs:delayed";
    this.epoch = config.keyPrefix() + "calendar-jobs:epoch";
    this.workers = config.keyPrefix() + "calendar-jobs:workers";
  }

  /** The queue on the configured Redis, its scripts loaded; connections are made on first use. */
  public static Future<JobQueue> open(Vertx vertx, RedisConfig config) {
    return RedisScripts.load(vertx).map(scripts -> new JobQueue(vertx, config, scripts));
  }

  static RedisOptions options(RedisConfig config) {
    RedisOptions options = new RedisOptions()
        .setConnectionString(config.effectiveUrl())
        .setPreferredProtocolVersion(ProtocolVersion.RESP2);
    options.getNetClientOptions().setConnectTimeout(2000);
    return options;
  }

  public String stream() {
    return stream;
  }

  /**
   * Creates the stream and its consumer group if they are missing. The group starts at the
   * beginning of the stream, so jobs queued before any worker existed are delivered too.
   */
  @Override
  public Future<Void> ensureReady() {
    return ensureGroup();
  }

  public Future<Void> ensureGroup() {
    return timed(api.xgroup(List.of("CREATE", stream, GROUP, "0", "MKSTREAM")))
        .<Void>mapEmpty()
        .recover(failure -> failure.getMessage() != null && failure.getMessage().startsWith("BUSYGROUP")
            ? Future.succeededFuture()
            : Future.failedFuture(failure));
  }

  /** Appends a job to the stream. */
  @Override
  public Future<Void> enqueue(String taskId) {
    return timed(api.xadd(List.of(stream, "*", TASK_FIELD, taskId))).mapEmpty();
  }

  /** Appends jobs to the stream, pipelined: one round trip. */
  @Override
  public Future<Void> enqueueAll(List<String> taskIds) {
    if (taskIds.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Request> appends = taskIds.stream()
        .map(taskId -> Request.cmd(Command.XADD).arg(stream).arg("*").arg(TASK_FIELD).arg(taskId))
        .toList();
    return timed(client.batch(appends)).mapEmpty();
  }

  @Override
  public String label() {
    return "redis";
  }

  /** The stream holds only unfinished entries: those not pending in the group are ready. */
  @Override
  public Future<QueueDepth> depth() {
    return timed(client.batch(List.of(Request.cmd(Command.XLEN).arg(stream),
            Request.cmd(Command.XPENDING).arg(stream).arg(GROUP), Request.cmd(Command.ZCARD).arg(delayed))))
        .map(replies -> {
          long length = replies.get(0).toLong();
          Response pending = replies.get(1);
          long inFlight = pending == null || pending.size() == 0 ? 0 : pending.get(0).toLong();
          return new QueueDepth(Math.max(0, length - inFlight), inFlight, replies.get(2).toLong());
        })
        .recover(failure -> failure.getMessage() != null && failure.getMessage().startsWith("NOGROUP")
            ? Future.succeededFuture(new QueueDepth(0, 0, 0))
            : Future.failedFuture(failure));
  }

  /** Marks entries done and removes them, so the stream holds only unfinished work: one round trip. */
  public Future<Void> acknowledgeAll(List<String> entryIds) {
    Request ack = Request.cmd(Command.XACK).arg(stream).arg(GROUP);
    Request delete = Request.cmd(Command.XDEL).arg(stream);
    entryIds.forEach(id -> {
      ack.arg(id);
      delete.arg(id);
    });
    return timed(client.batch(List.of(ack, delete))).mapEmpty();
  }

  /** Takes over entries that their consumer has not touched for {@code minIdleMs}. */
  public Future<List<QueueEntry>> claimIdle(String consumer, long minIdleMs, int count) {
    return timed(api.xautoclaim(List.of(stream, GROUP, consumer, Long.toString(minIdleMs), "0-0",
            "COUNT", Integer.toString(count))))
        .map(StreamReplies::fromAutoClaim);
  }

  /** Resets the idle time of entries this consumer still works on, so nobody claims them. */
  public Future<Void> renew(String consumer, List<String> entryIds) {
    if (entryIds.isEmpty()) {
      return Future.succeededFuture();
    }
    List<String> args = new ArrayList<>(List.of(stream, GROUP, consumer, "0"));
    args.addAll(entryIds);
    args.add("JUSTID");
    return timed(api.xclaim(args)).mapEmpty();
  }

  /**
   * Gives back every entry {@code consumer} still holds (as fresh entries any worker can take) and
   * removes the consumer from the group; answers how many entries went back.
   */
  public Future<Integer> handBack(String consumer) {
    return timed(api.eval(List.of(scripts.handBack(), "1", stream, GROUP, consumer, "10000")))
        .map(Response::toInteger);
  }

  /** Records that the worker reading as {@code consumer} is alive. */
  public Future<Void> heartbeat(String consumer) {
    return timed(api.eval(List.of(scripts.heartbeat(), "1", workers, consumer))).mapEmpty();
  }

  /**
   * Removes from the group the consumers whose worker has sent no heartbeat for {@code silenceMs}
   * and that hold nothing (their entries were claimed by others); answers how many went.
   */
  @Override
  public Future<Integer> removeDepartedWorkers(long silenceMs) {
    return timed(api.eval(List.of(scripts.removeDeparted(), "2", stream, workers, GROUP, Long.toString(silenceMs))))
        .map(Response::toInteger);
  }

  /** Takes a failed job off the stream until its backoff is over (one atomic step). */
  public Future<Void> deferRetry(String entryId, String taskId, long delayMs) {
    return timed(api.eval(List.of(scripts.deferRetry(), "2", stream, delayed, GROUP, entryId, taskId,
        Long.toString(delayMs)))).mapEmpty();
  }

  /** Puts jobs whose backoff is over back on the stream; answers how many. */
  public Future<Integer> promoteDue(int limit) {
    return timed(api.eval(List.of(scripts.promoteDue(), "2", stream, delayed, Integer.toString(limit))))
        .map(Response::toInteger);
  }

  /**
   * Whether Redis still holds what the service wrote to it. The epoch key is set once the queue
   * is known complete; if it is gone, Redis lost its data (a restart without persistence, a flush).
   */
  @Override
  public Future<Boolean> intact() {
    return timed(api.exists(List.of(epoch))).map(count -> count.toInteger() > 0);
  }

  @Override
  public Future<Void> markIntact() {
    return timed(api.set(List.of(epoch, Long.toString(System.currentTimeMillis())))).mapEmpty();
  }

  /** Takes a short lease so that one node at a time repairs the queue; answers whether we got it. */
  @Override
  public Future<Boolean> lease(String name, String holder, long ttlMs) {
    return timed(api.set(List.of(stream + ":lease:" + name, holder, "NX", "PX", Long.toString(ttlMs))))
        .map(reply -> reply != null);
  }

  /** The task ids the queue holds: in the stream (waiting or in progress) or waiting out a backoff. */
  @Override
  public Future<Predicate<String>> mayHold() {
    return queuedTaskIds().map(ids -> ids::contains);
  }

  private Future<Set<String>> queuedTaskIds() {
    Set<String> ids = new HashSet<>();
    return scanStream("-", ids)
        .compose(scanned -> timed(api.zrange(List.of(delayed, "0", "-1"))))
        .map(members -> {
          members.forEach(member -> ids.add(member.toString()));
          return ids;
        });
  }

  private Future<Void> scanStream(String from, Set<String> ids) {
    return timed(api.xrange(List.of(stream, from, "+", "COUNT", "1000"))).compose(page -> {
      List<QueueEntry> entries = StreamReplies.entries(page);
      entries.forEach(entry -> {
        if (entry.taskId() != null) {
          ids.add(entry.taskId());
        }
      });
      return entries.size() < 1000 ? Future.succeededFuture()
          : scanStream("(" + entries.get(entries.size() - 1).entryId(), ids);
    });
  }

  @Override
  public Future<Void> ping() {
    return timed(api.ping(List.of())).mapEmpty();
  }

  private static <T> Future<T> timed(Future<T> command) {
    return command.timeout(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  /** A reader for one consumer name, on a connection of its own. */
  public QueueConsumer consumer(String consumerName) {
    return new QueueConsumer(vertx, options(config).setMaxPoolSize(1), stream, GROUP, consumerName);
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
