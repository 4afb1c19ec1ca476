package com.taskoverflow.http;

import com.taskoverflow.bus.CalendarFeeds;
import com.taskoverflow.bus.JobStore;
import com.taskoverflow.bus.StoreHealth;
import com.taskoverflow.bus.TodoStore;
import com.taskoverflow.cluster.Membership;
import com.taskoverflow.config.HttpConfig;
import com.taskoverflow.metrics.ServiceMetrics;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.regex.Pattern;

/**
 * Every route a server instance answers, mounted on its router: the API (todos, calendar jobs and
 * their events, admin, health), the API's description, the metrics, and the web page. The
 * OpenAPI document names each of them; {@code OpenApiContractTest} holds the two together.
 */
final class ApiRoutes {

  static final long BODY_LIMIT = 1024 * 1024;
  /** application/json, with parameters (a charset) or none. */
  private static final Pattern JSON_TYPE = Pattern.compile("\\s*application/json\\s*(;.*)?", Pattern.CASE_INSENSITIVE);

  private final JobEventRoute events;
  private final DashboardStream dashboard;

  private ApiRoutes(JobEventRoute events, DashboardStream dashboard) {
    this.events = events;
    this.dashboard = dashboard;
  }

  static ApiRoutes mount(Router router, Vertx vertx, HttpConfig config, long requestTimeoutMs, JobStatusCache cache,
      JobWatchers watchers, SubmitRate submitRate, Membership membership, SignIn signIn, DashboardStream dashboard) {
    JobStore jobs = JobStore.proxy(vertx, requestTimeoutMs);
    Handler<RoutingContext> body = jsonBody(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));

    signIn.mount(router); // before every other API route
    new HealthRoute(StoreHealth.proxy(vertx, requestTimeoutMs), membership).mount(router);
    new AdminRoutes(jobs, config, signIn, watchers, dashboard).mount(router);
    new CalendarRoutes(jobs, cache, watchers, submitRate, new PublicOrigin(config), signIn).mount(router);
    JobEventRoute events = new JobEventRoute(jobs, watchers, signIn);
    events.mount(router);
    new TodoRoutes(TodoStore.proxy(vertx, requestTimeoutMs), signIn).mount(router, body);
    new FeedRoutes(CalendarFeeds.proxy(vertx, requestTimeoutMs), signIn).mount(router);
    new ApiDescription().mount(router);
    Handler<RoutingContext> metrics = ServiceMetrics.scraper(vertx);
    if (metrics != null) {
      ReadRoute.on(router, "/metrics").handler(metrics);
    }
    new WebPage(signIn).mount(router);
    return new ApiRoutes(events, dashboard);
  }

  /** Ends the open event streams: the server is stopping. */
  void endStreams() {
    events.endAll();
    dashboard.endAll();
  }

  /** Bodies are JSON, and say so: any other Content-Type (a form a page could post) is 415. */
  private static Handler<RoutingContext> jsonBody(BodyHandler bodyHandler) {
    return ctx -> {
      String type = ctx.request().getHeader("Content-Type");
      if (type == null || !JSON_TYPE.matcher(type).matches()) {
        Responses.error(ctx, 415, "Content-Type must be application/json");
      } else {
        bodyHandler.handle(ctx);
      }
    };
  }
}
