package com.taskoverflow.http;

import static com.taskoverflow.http.ApiServerVerticle.API;

import com.taskoverflow.bus.Failures;
import com.taskoverflow.bus.JobStatusView;
import com.taskoverflow.bus.JobStore;
import io.vertx.core.Future;
import com.taskoverflow.config.HttpConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Operator calls: the dead letters (jobs that failed for good) and their requeue; any owner's
 * jobs, recent or found by id, with their histories, and their cancel; the dashboard's stream of
 * the cluster's figures (the page at {@code /jobs} shows all of these). When an admin
 * token is configured, these calls need {@code Authorization: Bearer <token>}; without one they
 * are open only to callers on this host (decided by who calls, never by the listen address), and
 * closed (403) to the rest.
 */
final class AdminRoutes {

  private static final int MAX_LIMIT = 1000;
  private static final Pattern ID_PREFIX = Pattern.compile("[0-9a-fA-F-]{1,36}");
  private static final Pattern WHOLE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** Why the admin calls are closed to this caller, and how to open them. */
  static final String CLOSED = "Admin calls are closed: without an admin token they are open only to callers on this"
      + " host. Set TASKOVERFLOW_ADMIN_TOKEN (http.admin-token) and send Authorization: Bearer <token>";

  private final JobStore jobs;
  private final String token;
  private final PublicOrigin callers;

  private final SignIn signIn;
  private final JobWatchers watchers;
  private final DashboardStream dashboard;

  AdminRoutes(JobStore jobs, HttpConfig config, SignIn signIn, JobWatchers watchers, DashboardStream dashboard) {
    this.jobs = jobs;
    this.watchers = watchers;
    this.dashboard = dashboard;
    this.signIn = signIn;
    this.token = config.adminToken();
    this.callers = new PublicOrigin(config);
  }

  void mount(Router router) {
    router.route(API + "/admin/*").handler(this::authorize);
    ReadRoute.on(router, API + "/admin/dead-letters").handler(this::list);
    router.post(API + "/admin/dead-letters/:taskId/requeue").handler(this::requeue);
    ReadRoute.on(router, API + "/admin/jobs").handler(this::recentJobs);
    ReadRoute.on(router, API + "/admin/jobs/:taskId").handler(this::job);
    router.post(API + "/admin/jobs/:taskId/cancel").handler(this::cancel);
    ReadRoute.on(router, API + "/admin/dashboard/events").handler(dashboard::handle);
  }

  private void authorize(RoutingContext ctx) {
    if (signIn.signIn()) {
      if (!signIn.mayAdminister(ctx)) {
        throw new ApiError(403, "Admin calls need the admin role (auth.admin-role) in your token, or the admin token");
      }
      ctx.next();
      return;
    }
    if (token == null || token.isEmpty()) {
      if (!callers.callerOnThisHost(ctx.request())) {
        throw new ApiError(403, CLOSED);
      }
      ctx.next();
      return;
    }
    String given = ctx.request().getHeader("Authorization");
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    if (given == null || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      throw new ApiError(401, "Admin calls need Authorization: Bearer <admin token>");
    }
    ctx.next();
  }

  private void list(RoutingContext ctx) {
    int limit = QueryParams.wholeNumber(ctx, "limit", 1, MAX_LIMIT, 100);
    jobs.deadLetters(limit).onSuccess(letters -> Responses.json(ctx, 200, new JsonObject()
            .put("dead_letters", new JsonArray(letters.stream().map(letter -> JobLinks.withTaskUrl(ctx, letter)).toList()))))
        .onFailure(ctx::fail);
  }

  /**
   * The jobs that changed most recently, newest first; with {@code id}, those whose id starts with
   * it (a whole id is also looked up in the store, for a job that changed long ago).
   */
  private void recentJobs(RoutingContext ctx) {
    int limit = QueryParams.wholeNumber(ctx, "limit", 1, RecentJobs.KEPT, 50);
    String id = QueryParams.matching(ctx, "id", ID_PREFIX, "a task id or its beginning (hex digits and -)");
    String prefix = id == null ? null : id.toLowerCase(Locale.ROOT);
    List<JobStatusView> recent = watchers.recent().newest(limit, prefix);
    Future<List<JobStatusView>> found = recent.isEmpty() && prefix != null && WHOLE_ID.matcher(prefix).matches()
        ? jobs.find(prefix).map(List::of).recover(failure -> Failures.is(failure, Failures.NOT_FOUND)
            ? Future.succeededFuture(List.of()) : Future.failedFuture(failure))
        : Future.succeededFuture(recent);
    found.onSuccess(listed -> Responses.json(ctx, 200, new JsonObject().put("jobs",
            new JsonArray(listed.stream().map(status -> watchers.withProgress(status, JobLinks.withTaskUrl(ctx, status))).toList()))))
        .onFailure(ctx::fail);
  }

  /** A job as the store has it now, any owner's, with the changes heard of it here (or, if none, what its record tells). */
  private void job(RoutingContext ctx) {
    String taskId = JobLinks.taskId(ctx);
    jobs.find(taskId).onSuccess(status -> Responses.json(ctx, 200, watchers.withProgress(status, JobLinks.withTaskUrl(ctx, status))
            .put(RecentJobs.EVENTS, watchers.recent().events(taskId).orElseGet(() -> RecentJobs.eventsOf(status)))))
        .onFailure(ctx::fail);
  }

  private void cancel(RoutingContext ctx) {
    jobs.cancelAny(JobLinks.taskId(ctx))
        .onSuccess(status -> Responses.json(ctx, 202, JobLinks.withTaskUrl(ctx, status)))
        .onFailure(ctx::fail);
  }

  private void requeue(RoutingContext ctx) {
    jobs.requeue(JobLinks.taskId(ctx))
        .onSuccess(status -> Responses.json(ctx, 202, JobLinks.withTaskUrl(ctx, status)))
        .onFailure(ctx::fail);
  }
}
