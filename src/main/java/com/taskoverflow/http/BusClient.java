package com.taskoverflow.http;

import com.taskoverflow.bus.Failures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

/** Requests to the other roles; every failure comes back as an {@link ApiError}. */
final class BusClient {

  private final Vertx vertx;
  private final DeliveryOptions options;

  BusClient(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.options = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  Future<JsonObject> request(String address, JsonObject body) {
    return requestMessage(address, body).map(Message::body);
  }

  /** The whole reply, headers included (they say whether an answer is a replay). */
  Future<Message<JsonObject>> requestMessage(String address, JsonObject body) {
    return vertx.eventBus().<JsonObject>request(address, body, options)
        .recover(failure -> Future.failedFuture(toApiError(address, failure)));
  }

  private static ApiError toApiError(String address, Throwable failure) {
    if (failure instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case RECIPIENT_FAILURE -> new ApiError(reply.failureCode(), reply.getMessage());
        case NO_HANDLERS -> new ApiError(Failures.UNAVAILABLE,
            "Service unavailable: no node runs the role that answers " + address);
        case TIMEOUT -> new ApiError(Failures.UNAVAILABLE, "Service unavailable: " + address + " timed out");
        default -> new ApiError(Failures.UNAVAILABLE, "Service unavailable: " + reply.getMessage());
      };
    }
    return new ApiError(Failures.UNAVAILABLE, "Service unavailable: " + failure.getMessage());
  }
}
