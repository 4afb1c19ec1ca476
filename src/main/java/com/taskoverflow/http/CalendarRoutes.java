package com.taskoverflow.http;

import static com.taskoverflow.http.HttpVerticle.API;

import com.taskoverflow.bus.Addresses;
import com.taskoverflow.bus.JobStatus;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.regex.Pattern;

/** {@code /todos/ical}: submit a calendar job, poll its status, download its calendar. */
final class CalendarRoutes {

  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final BusClient bus;
  private final JobStatusCache cache;

  CalendarRoutes(BusClient bus, JobStatusCache cache) {
    this.bus = bus;
    this.cache = cache;
  }

  void mount(Router router) {
    router.post(API + "/todos/ical").handler(this::submit);
    router.get(API + "/todos/ical/:taskId/status").handler(this::status);
    router.get(API + "/todos/ical/:taskId/result").handler(this::result);
  }

  private void submit(RoutingContext ctx) {
    JsonObject request = Idempotency.attach(ctx, new JsonObject(), "calendar export");
    bus.requestMessage(Addresses.JOBS_SUBMIT, request).onSuccess(reply -> {
      Idempotency.markReplay(ctx, reply);
      String taskId = reply.body().getString(JobStatus.TASK_ID);
      String statusUrl = RequestUrls.absolute(ctx.request(), statusPath(taskId));
      ctx.response().putHeader("Location", statusUrl);
      Responses.json(ctx, 202, new JsonObject().put("task_id", taskId).put("task_url", statusUrl));
    }).onFailure(ctx::fail);
  }

  private void status(RoutingContext ctx) {
    String taskId = taskId(ctx);
    JsonObject cached = cache.get(taskId);
    Future<JsonObject> status = cached != null ? Future.succeededFuture(cached)
        : bus.request(Addresses.JOBS_STATUS, new JsonObject().put(JobStatus.TASK_ID, taskId))
            .onSuccess(cache::remember);
    status.onSuccess(found -> Responses.json(ctx, 200, found.copy()
            .put("result_url", RequestUrls.absolute(ctx.request(), API + "/todos/ical/" + taskId + "/result"))))
        .onFailure(ctx::fail);
  }

  private void result(RoutingContext ctx) {
    String taskId = taskId(ctx);
    bus.request(Addresses.JOBS_RESULT, new JsonObject().put(JobStatus.TASK_ID, taskId)).onSuccess(job -> {
      switch (job.getString(JobStatus.TASK_STATUS)) {
        case JobStatus.SUCCESS -> ctx.response()
            .putHeader("Content-Type", "text/calendar; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"taskoverflow.ics\"")
            .end(job.getString("calendar"));
        case JobStatus.FAILURE -> Responses.error(ctx, 404, "Task failed: " + job.getString("error"));
        default -> Responses.error(ctx, 404, "Task not finished");
      }
    }).onFailure(ctx::fail);
  }

  static String statusPath(String taskId) {
    return API + "/todos/ical/" + taskId + "/status";
  }

  /** Task ids are UUIDs; a malformed one names no task. */
  static String taskId(RoutingContext ctx) {
    String id = ctx.pathParam("taskId");
    if (id == null || !UUID.matcher(id).matches()) {
      throw ApiError.notFound("Task not found");
    }
    return id.toLowerCase(Locale.ROOT);
  }
}
