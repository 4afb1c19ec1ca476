package com.taskoverflow.http;

import com.taskoverflow.bus.JobEvents;
import com.taskoverflow.bus.JobProgress;
import com.taskoverflow.bus.JobState;
import com.taskoverflow.bus.JobStatusView;
import io.vertx.core.Context;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who watches which job in this JVM (the event streams that are open), fed by the job events every
 * node receives. Shared by the HTTP server instances; each watcher hears of a change on its own
 * context (its server's event loop), in the order the events came. It also keeps the latest
 * progress of running attempts (up to {@link #PROGRESS_KEPT}), for the status call.
 */
final class JobWatchers {

  static final int PROGRESS_KEPT = 10_000;

  /** One open stream's interest in one job; cancel it when the stream ends. */
  interface Watch {
    void cancel();
  }

  /** What a watcher hears: the job's changes of state, and its progress while it runs. */
  interface Listener {
    void onChange(JobStatusView status);

    void onProgress(JobProgress progress);
  }

  private record Watcher(Context context, Listener listener) {
  }

  /** The latest progress of each running attempt told of; the least recently told go first. */
  private final Map<String, JobProgress> progress = new LinkedHashMap<>(256, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, JobProgress> eldest) {
      return size() > PROGRESS_KEPT;
    }
  };

  private final Map<String, Set<Watcher>> byTask = new ConcurrentHashMap<>();
  private final AtomicInteger watching = new AtomicInteger();
  private final RecentJobs recent = new RecentJobs();
  private final int maxWatches;

  /** {@code maxWatches}: the most streams this JVM keeps open at once. */
  JobWatchers(int maxWatches) {
    this.maxWatches = maxWatches;
  }

  /** Starts dispatching the job events; unregister the consumers to stop. */
  List<MessageConsumer<JsonObject>> listen(EventBus bus) {
    List<MessageConsumer<JsonObject>> consumers = new ArrayList<>(JobEvents.onAnyChange(bus, this::dispatch));
    consumers.add(JobEvents.onProgress(bus, this::dispatchProgress));
    return consumers;
  }

  /** The jobs that changed most recently, as heard here. */
  RecentJobs recent() {
    return recent;
  }

  /** {@code json} (the job's status), with how far it is if it runs and its attempt has told. */
  JsonObject withProgress(JobStatusView status, JsonObject json) {
    if (status.state() == JobState.STARTED) {
      progress(status.taskId(), status.attempts()).ifPresent(told -> json.put(JobProgress.FIELD, told.asStatusField()));
    }
    return json;
  }

  /** How far the attempt is, if it is running and has told. */
  synchronized Optional<JobProgress> progress(String taskId, int attempt) {
    return Optional.ofNullable(progress.get(taskId)).filter(told -> told.attempt() == attempt);
  }

  /** A watch of the job's changes; empty when this JVM already keeps as many streams open as it may. */
  Optional<Watch> watch(String taskId, Context context, Listener listener) {
    if (watching.incrementAndGet() > maxWatches) {
      watching.decrementAndGet();
      return Optional.empty();
    }
    Watcher watcher = new Watcher(context, listener);
    byTask.computeIfAbsent(taskId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
    AtomicBoolean cancelled = new AtomicBoolean();
    return Optional.of(() -> {
      if (cancelled.compareAndSet(false, true)) {
        watching.decrementAndGet();
        byTask.computeIfPresent(taskId, (id, watchers) -> {
          watchers.remove(watcher);
          return watchers.isEmpty() ? null : watchers;
        });
      }
    });
  }

  private void dispatch(JobStatusView status) {
    synchronized (this) {
      progress.remove(status.taskId()); // a new state: what an attempt told no longer holds
    }
    recent.changed(status, System.currentTimeMillis());
    Set<Watcher> watchers = byTask.get(status.taskId());
    if (watchers != null) {
      watchers.forEach(watcher -> watcher.context().runOnContext(now -> watcher.listener().onChange(status)));
    }
  }

  private void dispatchProgress(JobProgress told) {
    synchronized (this) {
      progress.put(told.taskId(), told);
    }
    Set<Watcher> watchers = byTask.get(told.taskId());
    if (watchers != null) {
      watchers.forEach(watcher -> watcher.context().runOnContext(now -> watcher.listener().onProgress(told)));
    }
  }
}
