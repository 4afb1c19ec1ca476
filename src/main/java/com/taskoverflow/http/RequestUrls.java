package com.taskoverflow.http;

import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Absolute URLs as the client reached us. The router is told to trust X-Forwarded-Proto and
 * X-Forwarded-Host ({@code allowForward}), so the request's scheme and authority are already the
 * ones the client used, behind a proxy or not.
 */
final class RequestUrls {

  private RequestUrls() {
  }

  static String absolute(RoutingContext ctx, String path) {
    String scheme = ctx.request().scheme();
    return (scheme == null ? "http" : scheme) + "://" + authority(ctx) + path;
  }

  /** The authority the client named; without one (HTTP/1.0, no Host), the address it reached. */
  private static String authority(RoutingContext ctx) {
    HostAndPort authority = ctx.request().authority();
    if (authority != null) {
      return authority.toString();
    }
    SocketAddress local = ctx.request().localAddress();
    if (local == null || local.hostAddress() == null) {
      return "localhost";
    }
    String address = local.hostAddress();
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + local.port();
  }
}
