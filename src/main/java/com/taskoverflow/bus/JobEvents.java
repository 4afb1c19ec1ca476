package com.taskoverflow.bus;

import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The job events published to every node: a job started or waits for a retry; it finished; a
 * dead letter was requeued. Together they are every change of a job's state after its 202.
 */
public final class JobEvents {

  private JobEvents() {
  }

  public static void publishChanged(EventBus bus, JobStatusView status) {
    bus.publish(Addresses.JOBS_CHANGED, status.toJson());
  }

  public static void publishFinished(EventBus bus, JobStatusView status) {
    bus.publish(Addresses.JOBS_FINISHED, status.toJson());
  }

  public static void publishRequeued(EventBus bus, JobStatusView status) {
    bus.publish(Addresses.JOBS_REQUEUED, status.toJson());
  }

  public static void publishProgress(EventBus bus, JobProgress progress) {
    bus.publish(Addresses.JOBS_PROGRESS, progress.toJson());
  }

  public static MessageConsumer<JsonObject> onProgress(EventBus bus, Handler<JobProgress> handler) {
    return bus.<JsonObject>consumer(Addresses.JOBS_PROGRESS, event -> handler.handle(JobProgress.fromJson(event.body())));
  }

  public static MessageConsumer<JsonObject> onFinished(EventBus bus, Handler<JobStatusView> handler) {
    return on(bus, Addresses.JOBS_FINISHED, handler);
  }

  public static MessageConsumer<JsonObject> onChanged(EventBus bus, Handler<JobStatusView> handler) {
    return on(bus, Addresses.JOBS_CHANGED, handler);
  }

  public static MessageConsumer<JsonObject> onRequeued(EventBus bus, Handler<JobStatusView> handler) {
    return on(bus, Addresses.JOBS_REQUEUED, handler);
  }

  /** Every change of state, from the three addresses; unregister them to stop. */
  public static List<MessageConsumer<JsonObject>> onAnyChange(EventBus bus, Handler<JobStatusView> handler) {
    return List.of(onChanged(bus, handler), onFinished(bus, handler), onRequeued(bus, handler));
  }

  private static MessageConsumer<JsonObject> on(EventBus bus, String address, Handler<JobStatusView> handler) {
    return bus.<JsonObject>consumer(address, event -> handler.handle(JobStatusView.fromJson(event.body())));
  }
}
