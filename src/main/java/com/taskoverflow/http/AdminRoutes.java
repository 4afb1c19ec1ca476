package com.taskoverflow.http;

import static com.taskoverflow.http.ApiServerVerticle.API;

import com.taskoverflow.bus.JobStore;
import com.taskoverflow.config.HttpConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Operator calls: the dead letters (jobs that failed for good) and their requeue. When an admin
 * token is configured, these calls need {@code Authorization: Bearer <token>}; without one they
 * are open only to callers on this host (decided by who calls, never by the listen address), and
 * closed (403) to the rest.
 */
final class AdminRoutes {

  private static final int MAX_LIMIT = 1000;

  /** Why the admin calls are closed to this caller, and how to open them. */
  static final String CLOSED = "Admin calls are closed: without an admin token they are open only to callers on this"
      + " host. Set TASKOVERFLOW_ADMIN_TOKEN (http.admin-token) and send Authorization: Bearer <token>";

  private final JobStore jobs;
  private final String token;
  private final PublicOrigin callers;

  private final SignIn signIn;

  AdminRoutes(JobStore jobs, HttpConfig config, SignIn signIn) {
    this.jobs = jobs;
    this.signIn = signIn;
    this.token = config.adminToken();
    this.callers = new PublicOrigin(config);
  }

  void mount(Router router) {
    router.route(API + "/admin/*").handler(this::authorize);
    ReadRoute.on(router, API + "/admin/dead-letters").handler(this::list);
    router.post(API + "/admin/dead-letters/:taskId/requeue").handler(this::requeue);
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

  private void requeue(RoutingContext ctx) {
    jobs.requeue(JobLinks.taskId(ctx))
        .onSuccess(status -> Responses.json(ctx, 202, JobLinks.withTaskUrl(ctx, status)))
        .onFailure(ctx::fail);
  }
}
