package com.taskoverflow.bus;

import io.vertx.core.eventbus.ReplyException;

/**
 * Failure codes carried by event-bus replies. They are HTTP status codes on purpose, so the HTTP
 * role can pass a store's verdict through unchanged.
 */
public final class Failures {

  public static final int INVALID = 400;
  public static final int NOT_FOUND = 404;
  public static final int CONFLICT = 409;
  public static final int UNPROCESSABLE = 422;
  public static final int UNAVAILABLE = 503;

  private Failures() {
  }

  /** A failure to send back to the requester, with its code. */
  public static ReplyException of(int code, String message) {
    return new ReplyException(io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE, code, message);
  }

  public static boolean is(Throwable failure, int code) {
    return failure instanceof ReplyException reply
        && reply.failureType() == io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE
        && reply.failureCode() == code;
  }
}
