package com.taskoverflow.queue.redis;

import com.taskoverflow.config.RedisConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The calendar-job queue on Redis, as both sides share it: a stream read through one consumer
 * group (each entry goes to one worker and stays pending until acknowledged), a sorted set of jobs
 * waiting out a retry backoff, the workers' heartbeats, and the keys the store uses to know Redis
 * kept its data. Non-blocking commands go through one pooled client; blocking reads get a
 * {@link StreamReader} with a connection of its own.
 */
final class RedisJobStream {

  static final String TASK_FIELD = "task_id";
  static final String GROUP = "calendar-workers";

  /** Redis answers fast or not at all: past this a command counts as failed. */
  private static final long COMMAND_TIMEOUT_MS = 3000;

  final Vertx vertx;
  final RedisConfig config;
  final RedisScripts scripts;
  final Redis client;
  final RedisAPI api;
  final String stream;
  final String delayed;
  final String epoch;
  final String workers;

  private RedisJobStream(Vertx vertx, RedisConfig config, RedisScripts scripts) {
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
  static Future<RedisJobStream> open(Vertx vertx, RedisConfig config) {
    return RedisScripts.load(vertx).map(scripts -> new RedisJobStream(vertx, config, scripts));
  }

  private static RedisOptions options(RedisConfig config) {
    RedisOptions options = new RedisOptions()
        .setConnectionString(config.effectiveUrl())
        .setPreferredProtocolVersion(ProtocolVersion.RESP2);
    options.getNetClientOptions().setConnectTimeout(2000);
    return options;
  }

  /**
   * Creates the stream and its consumer group if they are missing. The group starts at the
   * beginning of the stream, so jobs queued before any worker existed are delivered too.
   */
  Future<Void> ensureGroup() {
    return timed(api.xgroup(List.of("CREATE", stream, GROUP, "0", "MKSTREAM")))
        .<Void>mapEmpty()
        .recover(failure -> answered(failure, "BUSYGROUP") ? Future.succeededFuture() : Future.failedFuture(failure));
  }

  /** Runs one of the queue's Lua scripts (an atomic step) on these keys and arguments. */
  Future<Response> script(String script, List<String> keys, String... args) {
    return script(script, keys, List.of(args));
  }

  Future<Response> script(String script, List<String> keys, List<String> args) {
    List<String> call = new ArrayList<>(List.of(script, Integer.toString(keys.size())));
    call.addAll(keys);
    call.addAll(args);
    return timed(api.eval(call));
  }

  /** A reader for one consumer name, on a connection of its own. */
  StreamReader reader(String consumer) {
    return new StreamReader(vertx, options(config).setMaxPoolSize(1), stream, GROUP, consumer);
  }

  /** Whether Redis answered with this error (its message starts with the code). */
  static boolean answered(Throwable failure, String code) {
    return failure.getMessage() != null && failure.getMessage().startsWith(code);
  }

  static <T> Future<T> timed(Future<T> command) {
    return command.timeout(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  Future<Void> close() {
    return client.close();
  }
}
