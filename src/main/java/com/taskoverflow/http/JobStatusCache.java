package com.taskoverflow.http;

import com.taskoverflow.bus.JobEvents;
import com.taskoverflow.bus.JobStatusView;
import com.taskoverflow.config.JobsConfig;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statuses of finished jobs, which never change again, so status polls of a finished job cost
 * no database read. Filled from the store's completion events and from store reads; least
 * recently used entries go first. Shared by the HTTP server instances of one JVM. An entry answers
 * only its job's owner.
 */
final class JobStatusCache {

  private final Map<String, JobStatusView> finished;
  private final JobsConfig jobs;

  JobStatusCache(int capacity, JobsConfig jobs) {
    this.jobs = jobs;
    this.finished = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, JobStatusView> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Keeps the cache current from completion and requeue events; unregister them to stop. */
  List<MessageConsumer<JsonObject>> listen(EventBus bus) {
    return List.of(
        JobEvents.onFinished(bus, this::remember),
        JobEvents.onRequeued(bus, requeued -> forget(requeued.taskId())));
  }

  /** The status of a finished job, unless it is unknown here or past its retention. */
  synchronized JobStatusView get(String owner, String taskId) {
    JobStatusView status = finished.get(taskId);
    if (status != null && expired(status)) {
      finished.remove(taskId);
      return null;
    }
    return status != null && status.owner().equals(owner) ? status : null;
  }

  synchronized void forget(String taskId) {
    finished.remove(taskId);
  }

  private boolean expired(JobStatusView status) {
    LocalDateTime finishedAt = status.isDeadLetter() ? status.deadLetteredAt() : status.finishedAt();
    long keptMs = status.isDeadLetter() ? jobs.deadLetterRetentionMs() : jobs.retentionMs();
    return finishedAt == null || finishedAt.plusNanos(keptMs * 1_000_000).isBefore(LocalDateTime.now(ZoneOffset.UTC));
  }

  synchronized void remember(JobStatusView status) {
    if (status.isFinal()) {
      finished.put(status.taskId(), status);
    }
  }
}
