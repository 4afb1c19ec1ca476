package com.taskoverflow.http;

import com.taskoverflow.monitor.ClusterFigures;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/v1/admin/dashboard/events}: the cluster's figures as server-sent events, a
 * {@code history} event with the last minutes first ({@code {"seconds": [...]}}), then a {@code figures} event each second. A
 * reader that falls behind misses seconds rather than growing a queue here. Each second says how
 * far the recent jobs have moved, so that an open dashboard makes no other call while nothing
 * happens.
 */
final class DashboardStream {

  /** At most this many dashboards per JVM: each costs a write a second, and an admin may open many tabs. */
  static final int MAX_OPEN = 64;

  private final ClusterFigures figures;
  private final RecentJobs recent;
  private final AtomicInteger open = new AtomicInteger();
  private final Set<Runnable> ends = ConcurrentHashMap.newKeySet();

  /** One per JVM, shared by its servers. */
  DashboardStream(ClusterFigures figures, RecentJobs recent) {
    this.figures = figures;
    this.recent = recent;
  }

  void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    if (open.incrementAndGet() > MAX_OPEN) {
      open.decrementAndGet();
      response.putHeader("Retry-After", "5");
      throw new ApiError(503, "Too many dashboards open on this server: close one, or try again shortly");
    }
    response.setChunked(true).putHeader("Content-Type", JobEventStream.CONTENT_TYPE).putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    if (ctx.request().method() == HttpMethod.HEAD) {
      open.decrementAndGet();
      response.end();
      return;
    }
    response.write(event("history", new JsonObject().put("seconds", new JsonArray(figures.kept())).encode()));
    Runnable unsubscribe = figures.subscribe(ctx.vertx().getOrCreateContext(), second -> {
      if (!response.closed() && !response.writeQueueFull()) {
        // with the recent jobs' version: the page reads the list again only when it moved
        response.write(event("figures", second.copy().put(RecentJobs.VERSION, recent.version()).encode()));
      }
    });
    Runnable end = new Runnable() {
      private final AtomicBoolean done = new AtomicBoolean();

      @Override
      public void run() {
        if (done.compareAndSet(false, true)) {
          unsubscribe.run();
          open.decrementAndGet();
          ends.remove(this);
          if (!response.closed() && !response.ended()) {
            response.end();
          }
        }
      }
    };
    ends.add(end);
    response.closeHandler(closed -> end.run());
  }

  private static String event(String type, String data) {
    return "event: " + type + "\ndata: " + data + "\n\n";
  }

  /** The server is stopping: the dashboards reconnect to another. */
  void endAll() {
    Set.copyOf(ends).forEach(Runnable::run);
  }
}
