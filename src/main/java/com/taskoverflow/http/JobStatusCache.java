package com.taskoverflow.http;

import com.taskoverflow.bus.Addresses;
import com.taskoverflow.bus.JobStatus;
import com.taskoverflow.bus.Timestamps;
import com.taskoverflow.config.JobsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The statuses of finished jobs, which never change again, so status polls of a finished job cost
 * no database read. Filled from the completion events the workers publish and from store reads;
 * least recently used entries go first. Shared by the HTTP verticle instances of one JVM.
 */
public final class JobStatusCache {

  private final Map<String, JsonObject> finished;
  private final JobsConfig jobs;

  public JobStatusCache(int capacity, JobsConfig jobs) {
    this.jobs = jobs;
    this.finished = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, JsonObject> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Subscribes to completion and requeue events; the cache keeps itself current from then on. */
  public Future<Void> listen(Vertx vertx) {
    MessageConsumer<JsonObject> finishedEvents = vertx.eventBus().consumer(Addresses.JOBS_FINISHED,
        event -> remember(event.body()));
    MessageConsumer<JsonObject> requeuedEvents = vertx.eventBus().consumer(Addresses.JOBS_REQUEUED,
        event -> forget(event.body().getString(JobStatus.TASK_ID)));
    return Future.all(finishedEvents.completion(), requeuedEvents.completion()).mapEmpty();
  }

  /** The status of a finished job, unless it is unknown here or past its retention. */
  synchronized JsonObject get(String taskId) {
    JsonObject status = finished.get(taskId);
    if (status != null && expired(status)) {
      finished.remove(taskId);
      return null;
    }
    return status;
  }

  synchronized void forget(String taskId) {
    finished.remove(taskId);
  }

  private boolean expired(JsonObject status) {
    boolean deadLetter = status.getString("dead_lettered_at") != null;
    LocalDateTime finishedAt = Timestamps.parse(deadLetter ? status.getString("dead_lettered_at")
        : status.getString("finished_at"));
    long keptMs = deadLetter ? jobs.deadLetterRetentionMs() : jobs.retentionMs();
    return finishedAt == null || finishedAt.plusNanos(keptMs * 1_000_000).isBefore(LocalDateTime.now(ZoneOffset.UTC));
  }

  synchronized void remember(JsonObject status) {
    if (JobStatus.isFinal(status)) {
      finished.put(status.getString(JobStatus.TASK_ID), status);
    }
  }
}
