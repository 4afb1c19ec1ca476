package com.taskoverflow.queue.redis;

import com.taskoverflow.queue.Delivery;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import java.util.List;

/**
 * Blocking reads for one consumer of the group. A blocked XREADGROUP holds its connection, so the
 * consumer keeps one to itself; a broken connection is replaced on the next read.
 */
final class StreamReader {

  private final Redis client;
  private final String stream;
  private final String group;
  private final String name;
  private RedisConnection connection;

  StreamReader(Vertx vertx, RedisOptions options, String stream, String group, String name) {
    this.client = Redis.createClient(vertx, options);
    this.stream = stream;
    this.group = group;
    this.name = name;
  }

  /** Up to {@code count} new entries, waiting at most {@code blockMs} for the first. */
  Future<List<Delivery>> readNew(int count, long blockMs) {
    return read(List.of("GROUP", group, name, "COUNT", Integer.toString(count),
        "BLOCK", Long.toString(blockMs), "STREAMS", stream, ">"), true);
  }

  /**
   * Up to {@code count} entries already delivered to this consumer and not yet acknowledged,
   * oldest first. A delivery whose reply was lost with a broken connection is among them: Redis
   * counts it as ours although we never saw it.
   */
  Future<List<Delivery>> readPending(int count) {
    return read(List.of("GROUP", group, name, "COUNT", Integer.toString(count), "STREAMS", stream, "0"), false);
  }

  /** {@code first}: the read takes new entries (">"), delivered for the first time. */
  private Future<List<Delivery>> read(List<String> args, boolean first) {
    return connection()
        .compose(api -> api.xreadgroup(args))
        .map(reply -> StreamReplies.fromRead(reply, first))
        .onFailure(failure -> dropConnection());
  }

  private Future<RedisAPI> connection() {
    if (connection != null) {
      return Future.succeededFuture(RedisAPI.api(connection));
    }
    return client.connect().map(conn -> {
      connection = conn;
      conn.exceptionHandler(failure -> dropConnection());
      conn.endHandler(end -> dropConnection());
      return RedisAPI.api(conn);
    });
  }

  /** Drops the connection, so the next read starts on a new one. */
  void reset() {
    dropConnection();
  }

  private void dropConnection() {
    if (connection != null) {
      RedisConnection broken = connection;
      connection = null;
      broken.close();
    }
  }

  Future<Void> close() {
    dropConnection();
    return client.close();
  }
}
