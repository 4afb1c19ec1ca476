package com.taskoverflow.http;

import com.taskoverflow.bus.JobEvents;
import com.taskoverflow.bus.JobStatusView;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
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
 * context (its server's event loop), in the order the events came.
 */
final class JobWatchers {

  /** One open stream's interest in one job; cancel it when the stream ends. */
  interface Watch {
    void cancel();
  }

  private record Watcher(Context context, Handler<JobStatusView> onChange) {
  }

  private final Map<String, Set<Watcher>> byTask = new ConcurrentHashMap<>();
  private final AtomicInteger watching = new AtomicInteger();
  private final int maxWatches;

  /** {@code maxWatches}: the most streams this JVM keeps open at once. */
  JobWatchers(int maxWatches) {
    this.maxWatches = maxWatches;
  }

  /** Starts dispatching the job events; unregister the consumers to stop. */
  List<MessageConsumer<JsonObject>> listen(EventBus bus) {
    return JobEvents.onAnyChange(bus, this::dispatch);
  }

  /** A watch of the job's changes; empty when this JVM already keeps as many streams open as it may. */
  Optional<Watch> watch(String taskId, Context context, Handler<JobStatusView> onChange) {
    if (watching.incrementAndGet() > maxWatches) {
      watching.decrementAndGet();
      return Optional.empty();
    }
    Watcher watcher = new Watcher(context, onChange);
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
    Set<Watcher> watchers = byTask.get(status.taskId());
    if (watchers != null) {
      watchers.forEach(watcher -> watcher.context().runOnContext(now -> watcher.onChange().handle(status)));
    }
  }
}
