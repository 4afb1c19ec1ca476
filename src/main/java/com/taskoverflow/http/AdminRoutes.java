package com.taskoverflow.http;

import static com.taskoverflow.http.HttpVerticle.API;

import com.taskoverflow.bus.Addresses;
import com.taskoverflow.bus.JobStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Operator calls: the dead letters (jobs that failed for good) and their requeue. When an admin
 * token is configured, these calls need {@code Authorization: Bearer <token>}.
 */
final class AdminRoutes {

  private static final int MAX_LIMIT = 1000;

  private final BusClient bus;
  private final String token;

  AdminRoutes(BusClient bus, String token) {
    this.bus = bus;
    this.token = token;
  }

  void mount(Router router) {
    router.route(API + "/admin/*").handler(this::authorize);
    router.get(API + "/admin/dead-letters").handler(this::list);
    router.post(API + "/admin/dead-letters/:taskId/requeue").handler(this::requeue);
  }

  private void authorize(RoutingContext ctx) {
    if (token == null || token.isEmpty()) {
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
    bus.request(Addresses.DEAD_LETTERS_LIST, new JsonObject().put("limit", limit)).onSuccess(reply -> {
      JsonArray letters = new JsonArray();
      reply.getJsonArray("dead_letters").forEach(letter ->
          letters.add(withUrls(ctx, (JsonObject) letter)));
      Responses.json(ctx, 200, new JsonObject().put("dead_letters", letters));
    }).onFailure(ctx::fail);
  }

  private void requeue(RoutingContext ctx) {
    String taskId = CalendarRoutes.taskId(ctx);
    bus.request(Addresses.DEAD_LETTERS_REQUEUE, new JsonObject().put(JobStatus.TASK_ID, taskId))
        .onSuccess(status -> Responses.json(ctx, 202, withUrls(ctx, status)))
        .onFailure(ctx::fail);
  }

  private static JsonObject withUrls(RoutingContext ctx, JsonObject status) {
    return status.copy().put("task_url",
        RequestUrls.absolute(ctx.request(), CalendarRoutes.statusPath(status.getString(JobStatus.TASK_ID))));
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
