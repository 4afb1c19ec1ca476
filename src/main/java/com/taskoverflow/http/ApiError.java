package com.taskoverflow.http;

import com.taskoverflow.bus.Failures;
import io.vertx.core.eventbus.ReplyException;

/** A client-facing failure: an HTTP status and the reason written as {@code {"error": "..."}}. */
final class ApiError extends RuntimeException {

  private final int status;

  ApiError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }

  static ApiError notFound(String message) {
    return new ApiError(404, message);
  }

  /**
   * What a failed call to another role means for the client: the store's own verdict (its code
   * is an HTTP status), or 503 when no node answered.
   */
  static ApiError fromBus(ReplyException reply) {
    return switch (reply.failureType()) {
      case RECIPIENT_FAILURE -> new ApiError(reply.failureCode(), reply.getMessage());
      case NO_HANDLERS -> new ApiError(Failures.UNAVAILABLE,
          "Service unavailable: no node runs the role that answers (" + reply.getMessage() + ")");
      case TIMEOUT -> new ApiError(Failures.UNAVAILABLE, "Service unavailable: the store did not answer in time");
      default -> new ApiError(Failures.UNAVAILABLE, "Service unavailable: " + reply.getMessage());
    };
  }
}
