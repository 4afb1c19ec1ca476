package com.taskoverflow.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.serviceproxy.ServiceException;

/**
 * Failure codes of the store services. They are HTTP status codes on purpose, so the HTTP role
 * can pass a store's verdict through unchanged.
 */
public final class Failures {

  public static final int INVALID = 400;
  public static final int NOT_FOUND = 404;
  public static final int CONFLICT = 409;
  public static final int UNPROCESSABLE = 422;
  public static final int UNAVAILABLE = 503;

  private Failures() {
  }

  /** A failure to send back to the caller, with its code. */
  public static ServiceException of(int code, String message) {
    return new ServiceException(code, message);
  }

  /** Whether the service itself answered with this code (not the bus: timeouts, no handlers). */
  public static boolean is(Throwable failure, int code) {
    return failure instanceof ReplyException reply
        && reply.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && reply.failureCode() == code;
  }
}
