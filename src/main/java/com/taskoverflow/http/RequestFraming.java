package com.taskoverflow.http;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What HTTP/1.1 says of a request's framing and expectations, beyond what the codec checks. */
final class RequestFraming {

  /** How long the rest of an answered request's body is read, at most, before its connection is closed. */
  static final long LINGER_MS = 2_000;

  private RequestFraming() {
  }

  /**
   * A request framed by Transfer-Encoding has its connection closed after its answer: it may also
   * have carried a Content-Length, which the codec drops before it can be seen, and RFC 9112 §6.1
   * says close. One whose final coding is not chunked, or that names chunked twice, has no
   * knowable length (§6.3): 400.
   */
  static void transferEncoding(RoutingContext ctx) {
    List<String> values = ctx.request().headers().getAll("Transfer-Encoding");
    if (!values.isEmpty()) {
      ctx.addHeadersEndHandler(ignored -> ctx.response().putHeader("Connection", "close"));
      ctx.addEndHandler(ended -> closeOnceRead(ctx));
      List<String> codings = values.stream().flatMap(value -> Arrays.stream(value.split(",")))
          .map(coding -> coding.trim().toLowerCase(Locale.ROOT)).filter(coding -> !coding.isEmpty()).toList();
      if (codings.isEmpty() || !codings.get(codings.size() - 1).equals("chunked")
          || codings.stream().filter("chunked"::equals).count() > 1) {
        throw ApiError.badRequest("Transfer-Encoding must name chunked once, as the last coding");
      }
    }
    ctx.next();
  }

  /**
   * Closes the connection once the client has sent the rest of its body (read and dropped, for at
   * most {@link #LINGER_MS}): closed with bytes unread, the connection is reset, and a client
   * still sending may lose the answer already sent to it (a 413 among them).
   */
  private static void closeOnceRead(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    HttpConnection connection = request.connection();
    if (request.isEnded()) {
      connection.close();
      return;
    }
    long linger = ctx.vertx().setTimer(LINGER_MS, late -> connection.close());
    request.handler(dropped -> { }).endHandler(end -> {
      ctx.vertx().cancelTimer(linger);
      connection.close();
    });
    request.resume();
  }

  /** RFC 9110 §10.1.1: an expectation other than 100-continue cannot be met: 417. */
  static void expectations(RoutingContext ctx) {
    String expect = ctx.request().getHeader("Expect");
    if (expect != null && !expect.trim().equalsIgnoreCase("100-continue")) {
      throw new ApiError(417, "Unsupported Expect header: only 100-continue is understood");
    }
    ctx.next();
  }
}
