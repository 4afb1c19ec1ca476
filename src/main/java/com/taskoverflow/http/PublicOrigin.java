package com.taskoverflow.http;

import com.taskoverflow.config.AddressRange;
import com.taskoverflow.config.HttpConfig;
import io.netty.util.NetUtil;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The scheme and authority the client used, from which every absolute URL is made, and the Host
 * names served. Forwarded headers ({@code Forwarded}, {@code X-Forwarded-Proto/-Host/-Port}) count
 * only from a peer in {@code http.trusted-proxies}, and only values that are a valid host[:port],
 * port, or http/https: anything else is ignored, never echoed. A Host outside
 * {@code http.allowed-hosts} is answered 421.
 */
final class PublicOrigin implements Handler<RoutingContext> {

  private static final String KEY = "taskoverflow.public-origin";
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

  private final List<AddressRange> trustedProxies;
  private final List<String> allowedHosts;

  PublicOrigin(HttpConfig config) {
    this.trustedProxies = config.trustedProxies();
    this.allowedHosts = config.allowedHosts();
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.headers().getAll("Host").size() > 1) {
      throw new ApiError(400, "More than one Host header"); // RFC 9112 §3.2: exactly one
    }
    HostAndPort host = request.authority();
    if (host != null && !allowedHosts.isEmpty()
        && !allowedHosts.contains(bare(host.host()).toLowerCase(Locale.ROOT))) {
      throw new ApiError(421, "This server does not serve the host '" + host.host()
          + "' (http.allowed-hosts lists the names it serves)");
    }
    String scheme = request.isSSL() ? "https" : "http";
    String authority = authority(request);
    if (fromTrustedProxy(request)) {
      scheme = forwarded(request, "proto").or(() -> first(request.getHeader("X-Forwarded-Proto")))
          .map(value -> value.toLowerCase(Locale.ROOT)).filter(value -> value.equals("http") || value.equals("https"))
          .orElse(scheme);
      String forwardedHost = forwarded(request, "host").or(() -> first(request.getHeader("X-Forwarded-Host")))
          .filter(PublicOrigin::isHostAndPort).orElse(null);
      if (forwardedHost != null) {
        authority = withPort(forwardedHost, first(request.getHeader("X-Forwarded-Port")).filter(PublicOrigin::isPort));
      }
    }
    ctx.put(KEY, scheme + "://" + authority);
    ctx.next();
  }

  /** The origin set for this request, e.g. {@code https://todo.example}. */
  static String of(RoutingContext ctx) {
    String origin = ctx.get(KEY);
    return origin != null ? origin : "http://" + authority(ctx.request());
  }

  /**
   * Whether the caller is on this host: the peer is a loopback address and no proxy stands
   * between (an untrusted peer that forwards for someone is a proxy: its caller is unknown), or a
   * trusted proxy names a loopback client.
   */
  boolean callerOnThisHost(HttpServerRequest request) {
    String caller = caller(request);
    boolean forwardsForSomeone = request.getHeader("X-Forwarded-For") != null || request.getHeader("Forwarded") != null;
    return caller != null && isLoopback(caller) && (fromTrustedProxy(request) || !forwardsForSomeone);
  }

  /**
   * The caller's address: the client a trusted proxy names, else the peer (an untrusted peer's
   * forwarded headers name nobody we can believe). Null without a peer address.
   */
  String caller(HttpServerRequest request) {
    SocketAddress peer = request.remoteAddress();
    if (peer == null || peer.hostAddress() == null) {
      return null;
    }
    if (fromTrustedProxy(request)) {
      String named = forwarded(request, "for").or(() -> first(request.getHeader("X-Forwarded-For")))
          .map(PublicOrigin::bare).filter(address -> NetUtil.isValidIpV4Address(address) || NetUtil.isValidIpV6Address(address))
          .orElse(null);
      if (named != null) {
        return named;
      }
    }
    return peer.hostAddress();
  }

  private static boolean isLoopback(String address) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
    return bytes != null && (bytes.length == 4 ? bytes[0] == 127 : java.util.Arrays.equals(bytes, LOOPBACK_V6));
  }

  private static final byte[] LOOPBACK_V6 = NetUtil.LOCALHOST6.getAddress();

  private boolean fromTrustedProxy(HttpServerRequest request) {
    SocketAddress peer = request.remoteAddress();
    if (trustedProxies.isEmpty() || peer == null || peer.hostAddress() == null) {
      return false;
    }
    byte[] address = NetUtil.createByteArrayFromIpAddressString(peer.hostAddress());
    return trustedProxies.stream().anyMatch(range -> range.contains(address));
  }

  /** The authority the client named; without one (HTTP/1.0, no Host), the address it reached. */
  private static String authority(HttpServerRequest request) {
    HostAndPort authority = request.authority();
    if (authority != null) {
      return authority.toString();
    }
    SocketAddress local = request.localAddress();
    if (local == null || local.hostAddress() == null) {
      return "localhost";
    }
    String address = local.hostAddress();
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + local.port();
  }

  /** A parameter of the first element of a {@code Forwarded} header (RFC 7239), unquoted. */
  private static Optional<String> forwarded(HttpServerRequest request, String parameter) {
    return first(request.getHeader("Forwarded")).flatMap(element -> {
      for (String pair : element.split(";")) {
        int equals = pair.indexOf('=');
        if (equals > 0 && pair.substring(0, equals).trim().equalsIgnoreCase(parameter)) {
          String value = pair.substring(equals + 1).trim();
          if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
          }
          return Optional.of(value);
        }
      }
      return Optional.empty();
    });
  }

  /** The first of a comma-separated header's values (the one nearest the client). */
  private static Optional<String> first(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String value = header.split(",", 2)[0].trim();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /** A DNS name, an IPv4 address or a bracketed IPv6 address, with an optional port. */
  static boolean isHostAndPort(String value) {
    String host = value;
    String port = null;
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      if (close < 0) {
        return false;
      }
      host = value.substring(1, close);
      String rest = value.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          return false;
        }
        port = rest.substring(1);
      }
      if (!NetUtil.isValidIpV6Address(host)) {
        return false;
      }
    } else {
      int colon = value.lastIndexOf(':');
      if (colon >= 0) {
        host = value.substring(0, colon);
        port = value.substring(colon + 1);
      }
      if (host.isEmpty() || host.length() > 253 || !host.chars().allMatch(c -> c < 128)) {
        return false;
      }
      for (String label : host.split("\\.", -1)) {
        if (!LABEL.matcher(label).matches()) {
          return false;
        }
      }
    }
    return port == null || isPort(port);
  }

  private static boolean isPort(String value) {
    return PORT.matcher(value).matches() && Integer.parseInt(value) >= 1 && Integer.parseInt(value) <= 65535;
  }

  private static String withPort(String hostAndPort, Optional<String> port) {
    boolean hasPort = hostAndPort.startsWith("[") ? hostAndPort.contains("]:") : hostAndPort.contains(":");
    return hasPort || port.isEmpty() ? hostAndPort : hostAndPort + ":" + port.get();
  }

  /** A host without its IPv6 brackets (and a Forwarded "for" without its port). */
  private static String bare(String host) {
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close > 0 ? host.substring(1, close) : host;
    }
    int colon = host.indexOf(':');
    return colon > 0 && host.indexOf(':', colon + 1) < 0 ? host.substring(0, colon) : host;
  }
}
