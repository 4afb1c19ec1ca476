package com.taskoverflow.config;

import io.vertx.core.json.JsonObject;

/**
 * One worker JVM's settings. {@code heartbeatMs}: how often a worker says it is alive and renews its
 * claims (on Redis); {@code deadAfterMs}: a worker silent this long on the Redis clock is dead, and
 * its jobs are taken over at once; {@code visibilityTimeoutMs}: a claim nobody renews for this long
 * is given to another worker whatever its worker's heartbeat (on SQS, the only bound there is).
 * {@code largeExports}: of the jobs at once, how many may read todos beyond the ones that come with
 * the start (the rest wait their turn, holding only those), which bounds a worker's memory.
 */
public record WorkerConfig(int concurrency, int builderThreads, int largeExports, long visibilityTimeoutMs,
    long heartbeatMs, long deadAfterMs, long simulatedWorkMs, long shutdownGraceMs) {

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
    int builders = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    int largeExports = json.getInteger("large-exports");
    if (largeExports < 0) {
      throw new IllegalArgumentException("worker.large-exports must be 0 (two per builder thread) or more, not "
          + largeExports);
    }
    return new WorkerConfig(
        concurrency,
        builders,
        largeExports > 0 ? largeExports : 2 * builders,
        json.getLong("visibility-timeout-ms"),
        heartbeat,
        deadAfter,
        json.getLong("simulated-work-ms"),
        json.getLong("shutdown-grace-ms"));
  }
}
