package com.taskoverflow.http;

import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What HTTP/1.1 says of a request's framing and expectations, beyond what the codec checks. */
final class RequestFraming {

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
      ctx.addEndHandler(ended -> ctx.request().connection().close());
      List<String> codings = values.stream().flatMap(value -> Arrays.stream(value.split(",")))
          .map(coding -> coding.trim().toLowerCase(Locale.ROOT)).filter(coding -> !coding.isEmpty()).toList();
      if (codings.isEmpty() || !codings.get(codings.size() - 1).equals("chunked")
          || codings.stream().filter("chunked"::equals).count() > 1) {
        throw ApiError.badRequest("Transfer-Encoding must name chunked once, as the last coding");
      }
    }
    ctx.next();
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
