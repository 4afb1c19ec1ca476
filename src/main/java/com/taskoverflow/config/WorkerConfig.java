package com.taskoverflow.config;

import io.vertx.core.json.JsonObject;

public record WorkerConfig(
    int concurrency, int builderThreads, long visibilityTimeoutMs, long simulatedWorkMs, long shutdownGraceMs) {

  static WorkerConfig from(JsonObject json) {
    int concurrency = json.getInteger("concurrency");
    if (concurrency < 1) {
      throw new IllegalArgumentException("worker.concurrency must be at least 1");
    }
    int threads = json.getInteger("builder-threads");
    return new WorkerConfig(
        concurrency,
        threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
        json.getLong("visibility-timeout-ms"),
        json.getLong("simulated-work-ms"),
        json.getLong("shutdown-grace-ms"));
  }
}
