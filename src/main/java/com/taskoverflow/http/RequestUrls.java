package com.taskoverflow.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.regex.Pattern;

/** Absolute URLs as the client reached us: Host, or X-Forwarded-Proto/-Host behind a proxy. */
final class RequestUrls {

  /** Host names, IPv4/IPv6 literals and ports; anything else is not echoed back to clients. */
  private static final Pattern AUTHORITY = Pattern.compile("[A-Za-z0-9._\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.%a-z]+](:[0-9]{1,5})?");

  private RequestUrls() {
  }

  static String absolute(HttpServerRequest request, String path) {
    return scheme(request) + "://" + authority(request) + path;
  }

  private static String scheme(HttpServerRequest request) {
    String forwarded = first(request.getHeader("X-Forwarded-Proto"));
    if ("http".equalsIgnoreCase(forwarded) || "https".equalsIgnoreCase(forwarded)) {
      return forwarded.toLowerCase();
    }
    return request.scheme() == null ? "http" : request.scheme();
  }

  private static String authority(HttpServerRequest request) {
    String forwarded = first(request.getHeader("X-Forwarded-Host"));
    if (forwarded != null && AUTHORITY.matcher(forwarded).matches()) {
      return forwarded;
    }
    String host = request.getHeader("Host");
    if (host != null && AUTHORITY.matcher(host.trim()).matches()) {
      return host.trim();
    }
    SocketAddress local = request.localAddress();
    if (local == null || local.hostAddress() == null) {
      return "localhost";
    }
    String address = local.hostAddress();
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + local.port();
  }

  private static String first(String headerValue) {
    if (headerValue == null) {
      return null;
    }
    String first = headerValue.split(",", 2)[0].trim();
    return first.isEmpty() ? null : first;
  }
}
