package com.taskoverflow.http;

import static com.taskoverflow.http.ApiServerVerticle.API;

import com.taskoverflow.bus.JobStatusView;
import com.taskoverflow.bus.JobStore;
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

  private final JobStore jobs;
  private final JobStatusCache cache;

  CalendarRoutes(JobStore jobs, JobStatusCache cache) {
    this.jobs = jobs;
    this.cache = cache;
  }

  void mount(Router router) {
    router.post(API + "/todos/ical").handler(this::submit);
    router.get(API + "/todos/ical/:taskId/status").handler(this::status);
    router.get(API + "/todos/ical/:taskId/result").handler(this::result);
  }

  private void submit(RoutingContext ctx) {
    jobs.submit(Idempotency.key(ctx, "calendar export")).onSuccess(submitted -> {
      Idempotency.markReplay(ctx, submitted.replayed());
      String taskId = submitted.status().taskId();
      String statusUrl = RequestUrls.absolute(ctx, statusPath(taskId));
      ctx.response().putHeader("Location", statusUrl);
      Responses.json(ctx, 202, new JsonObject().put(JobStatusView.TASK_ID, taskId).put("task_url", statusUrl));
    }).onFailure(ctx::fail);
  }

  private void status(RoutingContext ctx) {
    String taskId = taskId(ctx);
    JobStatusView cached = cache.get(taskId);
    Future<JobStatusView> status = cached != null ? Future.succeededFuture(cached)
        : jobs.status(taskId).onSuccess(cache::remember);
    status.onSuccess(found -> Responses.json(ctx, 200, found.toJson()
            .put("result_url", RequestUrls.absolute(ctx, API + "/todos/ical/" + taskId + "/result"))))
        .onFailure(ctx::fail);
  }

  private void result(RoutingContext ctx) {
    jobs.result(taskId(ctx)).onSuccess(job -> {
      switch (job.status().state()) {
        case SUCCESS -> ctx.response()
            .putHeader("Content-Type", "text/calendar; charset=utf-8")
            .putHeader("Content-Disposition", "attachment; filename=\"taskoverflow.ics\"")
            .end(job.calendar());
        case FAILURE -> Responses.error(ctx, 404, "Task failed: " + job.status().error());
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
