package com.taskoverflow.http;

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
}
