package com.taskoverflow.queue;

import com.taskoverflow.config.RedisConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import io.vertx.redis.client.ProtocolVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * The calendar-job queue: a Redis stream read through one consumer group, so each entry goes to
 * one worker, stays pending until that worker acknowledges it, and can be claimed by another worker
 * if it goes quiet. Non-blocking commands go through a shared connection pool; blocking reads use
 * a {@link QueueConsumer} with a connection of its own.
 */
public final class JobQueue {

  static final String TASK_FIELD = "task_id";
  static final String GROUP = "calendar-workers";

  private static final String HAND_BACK_SCRIPT = resource("/redis/hand-back.lua");

  private final Vertx vertx;
  private final RedisConfig config;
  private final Redis client;
  private final RedisAPI api;
  private final String stream;

  private JobQueue(Vertx vertx, RedisConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.client = Redis.createClient(vertx, options(config).setMaxPoolSize(8).setMaxPoolWaiting(1024));
    this.api = RedisAPI.api(client);
    this.stream = config.keyPrefix() + "calendar-jobs";
  }

  public static JobQueue create(Vertx vertx, RedisConfig config) {
    return new JobQueue(vertx, config);
  }

  static RedisOptions options(RedisConfig config) {
    return new RedisOptions()
        .setConnectionString(config.url())
        .setPreferredProtocolVersion(ProtocolVersion.RESP2);
  }

  public String stream() {
    return stream;
  }

  /**
   * Creates the stream and its consumer group if they are missing. The group starts at the
   * beginning of the stream, so jobs queued before any worker existed are delivered too.
   */
  public Future<Void> ensureGroup() {
    return api.xgroup(List.of("CREATE", stream, GROUP, "0", "MKSTREAM"))
        .<Void>mapEmpty()
        .recover(failure -> failure.getMessage() != null && failure.getMessage().startsWith("BUSYGROUP")
            ? Future.succeededFuture()
            : Future.failedFuture(failure));
  }

  /** Appends a job; answers the entry id. */
  public Future<String> enqueue(String taskId) {
    return api.xadd(List.of(stream, "*", TASK_FIELD, taskId)).map(Object::toString);
  }

  /** Marks an entry done and removes it, so the stream holds only unfinished work. */
  public Future<Void> acknowledge(String entryId) {
    return api.xack(List.of(stream, GROUP, entryId))
        .compose(acked -> api.xdel(List.of(stream, entryId)))
        .mapEmpty();
  }

  /** Takes over entries that their consumer has not touched for {@code minIdleMs}. */
  public Future<List<QueueEntry>> claimIdle(String consumer, long minIdleMs, int count) {
    return api.xautoclaim(List.of(stream, GROUP, consumer, Long.toString(minIdleMs), "0-0",
            "COUNT", Integer.toString(count)))
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
    return api.xclaim(args).mapEmpty();
  }

  /**
   * Gives back every entry {@code consumer} still holds (as fresh entries any worker can take) and
   * removes the consumer from the group; answers how many entries went back.
   */
  public Future<Integer> handBack(String consumer) {
    return api.eval(List.of(HAND_BACK_SCRIPT, "1", stream, GROUP, consumer, "10000"))
        .map(Response::toInteger);
  }

  /** A reader for one consumer name, on a connection of its own. */
  public QueueConsumer consumer(String consumerName) {
    return new QueueConsumer(vertx, options(config).setMaxPoolSize(1), stream, GROUP, consumerName);
  }

  public Future<Void> close() {
    return client.close();
  }

  private static String resource(String path) {
    try (InputStream in = JobQueue.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
