package com.taskoverflow.config;

import io.vertx.core.json.JsonObject;

/**
 * One worker JVM's settings. {@code heartbeatMs}: how often a worker says it is alive and renews its
 * claims (on Redis); {@code deadAfterMs}: a worker silent this long on the Redis clock is dead, and
 * its jobs are taken over at once; {@code visibilityTimeoutMs}: a claim nobody renews for this long
 * is given to another worker whatever its worker's heartbeat (on SQS, the only bound there is).
 */
public record WorkerConfig(int concurrency, int builderThreads, long visibilityTimeoutMs, long heartbeatMs,
    long deadAfterMs, long simulatedWorkMs, long shutdownGraceMs) {

  static WorkerConfig from(JsonObject json) {
    int concurrency = json.getInteger("concurrency");
    if (concurrency < 1) {
      throw new IllegalArgumentException("worker.concurrency must be at least 1");
    }
    long heartbeat = json.getLong("heartbeat-ms");
    long deadAfter = json.getLong("dead-after-ms");
    if (heartbeat < 100 || deadAfter < 2 * heartbeat) {
      throw new IllegalArgumentException("worker.heartbeat-ms must be at least 100, and worker.dead-after-ms"
          + " at least twice worker.heartbeat-ms (a live worker must never look dead between two heartbeats)");
    }
    int threads = json.getInteger("builder-threads");
    return new WorkerConfig(
        concurrency,
        threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
        json.getLong("visibility-timeout-ms"),
        heartbeat,
        deadAfter,
        json.getLong("simulated-work-ms"),
        json.getLong("shutdown-grace-ms"));
  }
}
