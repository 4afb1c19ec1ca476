package com.taskoverflow.http;

import static com.taskoverflow.http.ApiServerVerticle.API;

import com.taskoverflow.bus.JobStore;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code GET /todos/ical/{task_id}/events}: a job's states as Server-Sent Events, as they happen,
 * whichever JVM runs the job. Each stream is registered with the JVM's watchers before the current
 * state is read, so no change falls between the two.
 */
final class JobEventRoute {

  private final JobStore jobs;
  private final JobWatchers watchers;
  private final SignIn signIn;
  /** The streams open on this server instance (one event loop), ended when it stops. */
  private final Set<JobEventStream> open = new HashSet<>();

  JobEventRoute(JobStore jobs, JobWatchers watchers, SignIn signIn) {
    this.jobs = jobs;
    this.watchers = watchers;
    this.signIn = signIn;
  }

  void mount(Router router) {
    ReadRoute.on(router, API + "/todos/ical/:taskId/events").handler(this::events);
  }

  private void events(RoutingContext ctx) {
    String owner = signIn.owner(ctx);
    String taskId = JobLinks.taskId(ctx);
    if (ctx.request().method() == HttpMethod.HEAD) {
      // the stream's headers for a job that exists, without holding a stream open
      jobs.status(owner, taskId).onSuccess(status -> ctx.response().putHeader("Content-Type", JobEventStream.CONTENT_TYPE)
          .putHeader("Cache-Control", "no-cache").end()).onFailure(ctx::fail);
      return;
    }
    JobEventStream stream = new JobEventStream(ctx, JobEventStream.lastEventId(ctx.request()), open::remove);
    JobWatchers.Watch watch = watchers.watch(taskId, ctx.vertx().getOrCreateContext(), stream)
        .orElseThrow(() -> {
          ctx.response().putHeader("Retry-After", "5");
          return new ApiError(503, "Too many open event streams on this server (http.max-event-streams):"
              + " try again shortly, or poll the status");
        });
    stream.onEnd(watch::cancel);
    // the caller's job or none: the events that follow are the job's, by id, so this check is the one needed
    jobs.status(owner, taskId).onSuccess(status -> {
      open.add(stream);
      stream.start(status);
    }).onFailure(failure -> {
      watch.cancel();
      if (!ctx.response().closed()) {
        ctx.fail(failure);
      }
    });
  }

  /** Ends every open stream: the server is stopping, and clients reconnect elsewhere with Last-Event-ID. */
  void endAll() {
    Set.copyOf(open).forEach(JobEventStream::end);
  }
}
