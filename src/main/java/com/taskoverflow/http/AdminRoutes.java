package com.taskoverflow.http;

import static com.taskoverflow.http.ApiServerVerticle.API;

import com.taskoverflow.bus.JobStatusView;
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
 * are open only on a server that listens on loopback, and closed (403) on one that listens beyond.
 */
final class AdminRoutes {

  private static final int MAX_LIMIT = 1000;

  /** Why the admin calls are closed, and how to open them. */
  static final String CLOSED = "Admin calls are closed: this server listens beyond loopback and has no admin token."
      + " Set TASKOVERFLOW_ADMIN_TOKEN (http.admin-token) and send Authorization: Bearer <token>";

  private final JobStore jobs;
  private final String token;
  private final boolean openWithoutToken;

  AdminRoutes(JobStore jobs, HttpConfig config) {
    this.jobs = jobs;
    this.token = config.adminToken();
    this.openWithoutToken = config.loopbackOnly();
  }

  void mount(Router router) {
    router.route(API + "/admin/*").handler(this::authorize);
    router.get(API + "/admin/dead-letters").handler(this::list);
    router.post(API + "/admin/dead-letters/:taskId/requeue").handler(this::requeue);
  }

  private void authorize(RoutingContext ctx) {
    if (token == null || token.isEmpty()) {
      if (!openWithoutToken) {
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
    int limit = limit(ctx.queryParams().get("limit"));
    jobs.deadLetters(limit).onSuccess(letters -> Responses.json(ctx, 200, new JsonObject()
            .put("dead_letters", new JsonArray(letters.stream().map(letter -> withUrls(ctx, letter)).toList()))))
        .onFailure(ctx::fail);
  }

  private void requeue(RoutingContext ctx) {
    jobs.requeue(CalendarRoutes.taskId(ctx))
        .onSuccess(status -> Responses.json(ctx, 202, withUrls(ctx, status)))
        .onFailure(ctx::fail);
  }

  private static JsonObject withUrls(RoutingContext ctx, JobStatusView status) {
    return status.toJson().put("task_url", RequestUrls.absolute(ctx, CalendarRoutes.statusPath(status.taskId())));
  }

  private static int limit(String value) {
    if (value == null) {
      return 100;
    }
    if (!value.matches("[0-9]{1,4}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_LIMIT) {
      throw ApiError.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
    }
    return Integer.parseInt(value);
  }
}
