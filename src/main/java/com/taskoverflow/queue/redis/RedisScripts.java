package com.taskoverflow.queue.redis;

import com.taskoverflow.common.JarText;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * The queue's Lua scripts, each one atomic step on Redis, read from the jar.
 */
record RedisScripts(String handBack, String deferRetry, String promoteDue, String removeDeparted, String heartbeat,
    String takeFromDead, String acknowledgeHeld) {

  static Future<RedisScripts> load(Vertx vertx) {
    Future<String> handBack = read(vertx, "hand-back.lua");
    Future<String> deferRetry = read(vertx, "defer-retry.lua");
    Future<String> promoteDue = read(vertx, "promote-due.lua");
    Future<String> removeDeparted = read(vertx, "remove-departed.lua");
    Future<String> heartbeat = read(vertx, "heartbeat.lua");
    Future<String> takeFromDead = read(vertx, "take-from-dead.lua");
    Future<String> acknowledgeHeld = read(vertx, "acknowledge-held.lua");
    return Future.all(List.of(handBack, deferRetry, promoteDue, removeDeparted, heartbeat, takeFromDead, acknowledgeHeld))
        .map(all -> new RedisScripts(handBack.result(), deferRetry.result(), promoteDue.result(),
            removeDeparted.result(), heartbeat.result(), takeFromDead.result(), acknowledgeHeld.result()));
  }

  private static Future<String> read(Vertx vertx, String name) {
    return JarText.read(vertx, "com/taskoverflow/queue/redis/" + name);
  }
}
