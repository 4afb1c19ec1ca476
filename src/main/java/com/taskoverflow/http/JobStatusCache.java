package com.taskoverflow.http;

import com.taskoverflow.bus.Addresses;
import com.taskoverflow.bus.JobStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The statuses of finished jobs, which never change again, so status polls of a finished job cost
 * no database read. Filled from the completion events the workers publish and from store reads;
 * least recently used entries go first. Shared by the HTTP verticle instances of one JVM.
 */
public final class JobStatusCache {

  private final Map<String, JsonObject> finished;

  public JobStatusCache(int capacity) {
    this.finished = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, JsonObject> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Subscribes to completion events; the cache fills itself from then on. */
  public Future<Void> listen(Vertx vertx) {
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(Addresses.JOBS_FINISHED,
        event -> remember(event.body()));
    return consumer.completion();
  }

  synchronized JsonObject get(String taskId) {
    return finished.get(taskId);
  }

  synchronized void remember(JsonObject status) {
    if (JobStatus.isFinal(status)) {
      finished.put(status.getString(JobStatus.TASK_ID), status);
    }
  }
}
