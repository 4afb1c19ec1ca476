package com.taskoverflow.bus;

import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/** The job events published to every node: a job finished; a dead letter was requeued. */
public final class JobEvents {

  private JobEvents() {
  }

  public static void publishFinished(EventBus bus, JobStatusView status) {
    bus.publish(Addresses.JOBS_FINISHED, status.toJson());
  }

  public static void publishRequeued(EventBus bus, JobStatusView status) {
    bus.publish(Addresses.JOBS_REQUEUED, status.toJson());
  }

  public static MessageConsumer<JsonObject> onFinished(EventBus bus, Handler<JobStatusView> handler) {
    return bus.<JsonObject>consumer(Addresses.JOBS_FINISHED, event -> handler.handle(new JobStatusView(event.body())));
  }

  public static MessageConsumer<JsonObject> onRequeued(EventBus bus, Handler<JobStatusView> handler) {
    return bus.<JsonObject>consumer(Addresses.JOBS_REQUEUED, event -> handler.handle(new JobStatusView(event.body())));
  }
}
