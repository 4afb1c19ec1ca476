package com.taskoverflow.http;

import io.vertx.ext.web.RoutingContext;

/** Absolute URLs as the client reached us: the origin {@link PublicOrigin} worked out, and a path. */
final class RequestUrls {

  private RequestUrls() {
  }

  static String absolute(RoutingContext ctx, String path) {
    return PublicOrigin.of(ctx) + path;
  }
}
