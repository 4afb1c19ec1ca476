package com.taskoverflow.http;

import static com.taskoverflow.http.ApiServerVerticle.API;

import com.taskoverflow.bus.JobStatusView;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.regex.Pattern;

/** A calendar job as the API names it: its task id in a path, and the URLs of its status and result. */
final class JobLinks {

  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private JobLinks() {
  }

  /** The {@code :taskId} of the path: task ids are UUIDs, and a malformed one names no task. */
  static String taskId(RoutingContext ctx) {
    String id = ctx.pathParam("taskId");
    if (id == null || !UUID.matcher(id).matches()) {
      throw ApiError.notFound("Task not found");
    }
    return id.toLowerCase(Locale.ROOT);
  }

  static String statusUrl(RoutingContext ctx, String taskId) {
    return RequestUrls.absolute(ctx, API + "/todos/ical/" + taskId + "/status");
  }

  static String resultUrl(RoutingContext ctx, String taskId) {
    return RequestUrls.absolute(ctx, API + "/todos/ical/" + taskId + "/result");
  }

  /** What a status call answers (and each job event carries): the status and where its result will be. */
  static JsonObject withResultUrl(RoutingContext ctx, JobStatusView status) {
    JsonObject json = status.toJson();
    json.remove(JobStatusView.OWNER); // the caller's own: nothing to tell
    return json.put("result_url", resultUrl(ctx, status.taskId()));
  }

  /** A job as the operator's calls list it: the status and where to follow it. */
  static JsonObject withTaskUrl(RoutingContext ctx, JobStatusView status) {
    return status.toJson().put("task_url", statusUrl(ctx, status.taskId()));
  }
}
