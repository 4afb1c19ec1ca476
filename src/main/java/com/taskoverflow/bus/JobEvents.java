package com.taskoverflow.bus;

import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

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

  public static MessageConsumer<JsonObject> onFinished(EventBus bus, Handler<JobStatusView> handler) {
    return bus.<JsonObject>consumer(Addresses.JOBS_FINISHED, event -> handler.handle(JobStatusView.fromJson(event.body())));
  }

  public static MessageConsumer<JsonObject> onChanged(EventBus bus, Handler<JobStatusView> handler) {
    return bus.<JsonObject>consumer(Addresses.JOBS_CHANGED, event -> handler.handle(JobStatusView.fromJson(event.body())));
  }

  /** Every change of state, from the three addresses; unregister them to stop. */
  public static java.util.List<MessageConsumer<JsonObject>> onAnyChange(EventBus bus, Handler<JobStatusView> handler) {
    return java.util.List.of(onChanged(bus, handler), onFinished(bus, handler), onRequeued(bus, handler));
  }

  public static MessageConsumer<JsonObject> onRequeued(EventBus bus, Handler<JobStatusView> handler) {
    return bus.<JsonObject>consumer(Addresses.JOBS_REQUEUED, event -> handler.handle(JobStatusView.fromJson(event.body())));
  }
}
