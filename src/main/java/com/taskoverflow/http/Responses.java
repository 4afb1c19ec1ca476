package com.taskoverflow.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How every answer is written: JSON bodies, and errors as {@code {"error": "..."}}. */
final class Responses {

  private static final Logger LOG = LoggerFactory.getLogger(Responses.class);
  static final String JSON = "application/json; charset=utf-8";

  private Responses() {
  }

  static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", JSON)
        .end(body instanceof JsonObject object ? object.encode() : Json.encode(body));
  }

  static void error(RoutingContext ctx, int status, String message) {
    if (ctx.response().ended()) {
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (status == 503 && !ctx.response().headers().contains("Retry-After")) {
      ctx.response().putHeader("Retry-After", "1"); // every 503 here passes: the client may come back
    }
    json(ctx, status, new JsonObject().put("error", message));
  }

  /**
   * Requests the HTTP codec could not even parse (request line or headers too long, garbage):
   * answered here because they never reach the router.
   */
  static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = cause instanceof TooLongHttpLineException ? 414
        : cause instanceof TooLongHttpHeaderException ? 431 : 400;
    String message = switch (status) {
      case 414 -> "Request URL too long";
      case 431 -> "Request headers too large";
      default -> "Malformed HTTP request";
    };
    errorAndClose(request, status, message);
  }

  /** A request line naming a version other than HTTP/1.0 or HTTP/1.1: malformed here, so 400, and closed. */
  static void unsupportedVersion(HttpServerRequest request) {
    errorAndClose(request, 400, "Unsupported HTTP version: send HTTP/1.1");
  }

  /** A connection beyond http.max-connections: told to come back, and closed. */
  static void overCapacity(HttpServerRequest request) {
    request.response().putHeader("Retry-After", "1");
    errorAndClose(request, 503, "Too many connections to this server (http.max-connections): try again shortly");
  }

  /** An answer outside the router: a JSON error, and the connection closed after it. */
  private static void errorAndClose(HttpServerRequest request, int status, String message) {
    request.response().setStatusCode(status).putHeader("Content-Type", JSON).putHeader("Connection", "close")
        .end(new JsonObject().put("error", message).encode());
  }

  /** Anything that threw outside the router's handlers: a JSON 400 and the connection closed. */
  static void lastResort(HttpServerRequest request, RuntimeException failure) {
    LOG.warn("Request {} {} could not be routed: {}", request.method(), request.path(), failure.toString());
    if (!request.response().ended() && !request.response().headWritten()) {
      errorAndClose(request, 400, "Malformed request");
    } else {
      request.connection().close();
    }
  }

  /** The router's last word on any failure: a JSON error, never an HTML page. */
  static void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (ctx.response().closed()) {
      // the client left, e.g. in the middle of sending its body: no one to answer, nothing broke here
      LOG.debug("Client left before its answer: {} {} ({})", ctx.request().method(), ctx.request().path(),
          failure == null ? ctx.statusCode() : failure.toString());
      return;
    }
    ApiError api = failure instanceof ApiError known ? known
        : failure instanceof ReplyException reply ? ApiError.fromBus(reply) : null;
    if (api != null) {
      error(ctx, api.status(), api.getMessage());
      return;
    }
    int status = ctx.statusCode();
    if (status == -1 && failure == null) {
      status = 400; // how the router reports a path it cannot decode (bad %-escapes)
    }
    switch (status) {
      case 400 -> error(ctx, 400, "Bad request");
      case 404 -> error(ctx, 404, "Not found");
      case 405 -> error(ctx, 405, "Method not allowed");
      case 413 -> error(ctx, 413, "Request body too large (limit 1 MiB)");
      case 415 -> error(ctx, 415, "Unsupported media type");
      case 403 -> error(ctx, 403, "Cross-origin request refused: that origin is not allowed (http.cors-origins)");
      default -> {
        LOG.error("Unexpected failure ({}) on {} {}", status, ctx.request().method(), ctx.request().path(), failure);
        error(ctx, 500, "Internal server error");
      }
    }
  }
}
