package com.taskoverflow.http;

import static com.taskoverflow.http.ApiServerVerticle.API;

import com.taskoverflow.bus.JobProgress;
import com.taskoverflow.bus.JobResult;
import com.taskoverflow.bus.JobState;
import com.taskoverflow.bus.JobStatusView;
import com.taskoverflow.bus.JobStore;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /todos/ical}: submit a calendar job, poll its status, download its calendar, cancel it. */
final class CalendarRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(CalendarRoutes.class);

  private final JobStore jobs;
  private final JobStatusCache cache;
  private final SubmitRate submitRate;
  private final PublicOrigin callers;
  private final SignIn signIn;
  private final JobWatchers watchers;

  CalendarRoutes(JobStore jobs, JobStatusCache cache, JobWatchers watchers, SubmitRate submitRate,
      PublicOrigin callers, SignIn signIn) {
    this.jobs = jobs;
    this.cache = cache;
    this.watchers = watchers;
    this.submitRate = submitRate;
    this.callers = callers;
    this.signIn = signIn;
  }

  void mount(Router router) {
    router.post(API + "/todos/ical").handler(this::submit);
    ReadRoute.on(router, API + "/todos/ical/:taskId/status").handler(this::status);
    ReadRoute.on(router, API + "/todos/ical/:taskId/result").handler(this::result);
    router.delete(API + "/todos/ical/:taskId").handler(this::cancel);
  }

  private void cancel(RoutingContext ctx) {
    jobs.cancel(signIn.owner(ctx), JobLinks.taskId(ctx))
        .onSuccess(cancelled -> Responses.json(ctx, 202, JobLinks.withResultUrl(ctx, cancelled)))
        .onFailure(ctx::fail);
  }

  private void submit(RoutingContext ctx) {
    if (submitRate.limited() && !callers.callerOnThisHost(ctx.request())) {
      String caller = callers.caller(ctx.request());
      long wait = submitRate.take(caller == null ? "unknown" : caller);
      if (wait > 0) {
        ctx.response().putHeader("Retry-After", Long.toString(wait));
        throw new ApiError(429, "Too many calendar submissions from this client (http.submit-rate): try again in "
            + wait + " s");
      }
    }
    jobs.submit(signIn.owner(ctx), Idempotency.key(ctx, "calendar export")).onSuccess(submitted -> {
      Idempotency.markReplay(ctx, submitted.replayed());
      String taskId = submitted.status().taskId();
      String statusUrl = JobLinks.statusUrl(ctx, taskId);
      ctx.response().putHeader("Location", statusUrl);
      Responses.json(ctx, 202, new JsonObject().put(JobStatusView.TASK_ID, taskId).put("task_url", statusUrl));
    }).onFailure(ctx::fail);
  }

  private void status(RoutingContext ctx) {
    String owner = signIn.owner(ctx);
    String taskId = JobLinks.taskId(ctx);
    JobStatusView cached = cache.get(owner, taskId);
    Future<JobStatusView> status = cached != null ? Future.succeededFuture(cached)
        : jobs.status(owner, taskId).onSuccess(cache::remember);
    status.onSuccess(found -> {
      Responses.json(ctx, 200, watchers.withProgress(found, JobLinks.withResultUrl(ctx, found)));
    }).onFailure(ctx::fail);
  }

  private void result(RoutingContext ctx) {
    String owner = signIn.owner(ctx);
    String taskId = JobLinks.taskId(ctx);
    jobs.result(owner, taskId).onSuccess(job -> {
      switch (job.status().state()) {
        case SUCCESS -> sendCalendar(ctx, owner, taskId, job);
        case FAILURE -> Responses.error(ctx, 404, "Task failed: " + job.status().error());
        case CANCELLED -> Responses.error(ctx, 404, "Task cancelled");
        default -> Responses.error(ctx, 404, "Task not finished");
      }
    }).onFailure(ctx::fail);
  }

  /**
   * The calendar as it is stored, part after part: a one-part calendar in one answer, a larger
   * one chunked, each part fetched once the one before is written, so a large calendar is never
   * held whole and a slow client slows the reading down.
   */
  private void sendCalendar(RoutingContext ctx, String owner, String taskId, JobResult job) {
    HttpServerResponse response = ctx.response()
        .putHeader("Content-Type", "text/calendar; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"taskoverflow.ics\"");
    if (job.parts() <= 1) {
      response.end(job.firstPart());
      return;
    }
    response.setChunked(true).write(job.firstPart())
        .compose(written -> sendParts(response, owner, taskId, 1, job.parts()))
        .onFailure(failure -> {
          LOG.warn("Calendar of task {} cut short: {}", taskId, failure.getMessage());
          response.reset();
        });
  }

  private Future<Void> sendParts(HttpServerResponse response, String owner, String taskId, int seq, int parts) {
    if (seq == parts) {
      return response.end();
    }
    return jobs.resultPart(owner, taskId, seq).compose(response::write)
        .compose(written -> sendParts(response, owner, taskId, seq + 1, parts));
  }
}
