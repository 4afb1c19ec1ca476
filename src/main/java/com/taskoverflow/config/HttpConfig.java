package com.taskoverflow.config;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP role's settings. {@code trustedProxies}: the peers whose forwarded headers are
 * believed. {@code allowedHosts}: the Host names served (others answered 421); empty means any,
 * and by default it is the loopback names while HTTP listens on loopback. {@code corsOrigins}:
 * other web origins allowed to call the API from a browser. {@code idleTimeoutMs}: a connection
 * that sends and receives nothing this long is closed. {@code maxConnections} and
 * {@code maxEventStreams}: what one JVM serves at once; beyond, 503 with Retry-After.
 * {@code submitRate}: calendar submissions a second per client beyond this host (0: no limit).
 * {@code h2c}: whether HTTP/2 without TLS is spoken too. {@code headerTimeoutMs}: how long a
 * connection may wait without a whole request's headers, from its opening or its last answer.
 */
public record HttpConfig(int port, String host, int instances, int statusCacheSize, String adminToken,
    List<AddressRange> trustedProxies, List<String> allowedHosts, List<String> corsOrigins, long idleTimeoutMs,
    int maxConnections, int maxEventStreams, int submitRate, boolean h2c, long headerTimeoutMs) {

  /** The names a client on this host uses for a server on loopback. */
  static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1");

  /** Whether HTTP listens on loopback only, so only this host's own users reach it. */
  public boolean loopbackOnly() {
    return Loopback.is(host);
  }

  public boolean hasAdminToken() {
    return adminToken != null && !adminToken.isEmpty();
  }

  static HttpConfig from(JsonObject json) {
    int instances = json.getInteger("instances");
    return new HttpConfig(
        json.getInteger("port"),
        json.getString("host"),
        instances > 0 ? instances : Runtime.getRuntime().availableProcessors(),
        json.getInteger("status-cache-size"),
        json.getString("admin-token", ""),
        AddressRange.parseAll(json.getString("trusted-proxies", ""), "http.trusted-proxies"),
        allowedHosts(json.getString("allowed-hosts", ""), json.getString("host")),
        origins(json.getString("cors-origins", "")),
        idleTimeout(json.getLong("idle-timeout-ms", 30_000L)),
        atLeastOne(json.getInteger("max-connections", 10_000), "http.max-connections"),
        atLeastOne(json.getInteger("max-event-streams", 5_000), "http.max-event-streams"),
        notNegative(json.getInteger("submit-rate", 100), "http.submit-rate"),
        json.getBoolean("h2c", false),
        atLeastOneSecond(json.getLong("header-timeout-ms", 20_000L), "http.header-timeout-ms"));
  }

  private static int notNegative(int value, String setting) {
    if (value < 0) {
      throw new IllegalArgumentException(setting + " must be 0 (no limit) or more, got " + value);
    }
    return value;
  }

  private static int atLeastOne(int value, String setting) {
    if (value < 1) {
      throw new IllegalArgumentException(setting + " must be at least 1, got " + value);
    }
    return value;
  }

  private static long atLeastOneSecond(long millis, String setting) {
    if (millis < 1_000) {
      throw new IllegalArgumentException(setting + " must be at least 1000, got " + millis);
    }
    return millis;
  }

  private static long idleTimeout(long millis) {
    if (millis < 1_000) {
      throw new IllegalArgumentException("http.idle-timeout-ms must be at least 1000 (event streams send a"
          + " heartbeat every 15 s: keep it above that), got " + millis);
    }
    return millis;
  }

  /** Web origins as scheme://host[:port], lower case; a malformed one is a configuration error. */
  private static List<String> origins(String text) {
    return Arrays.stream(text.split(",")).map(String::trim).filter(origin -> !origin.isEmpty())
        .map(origin -> {
          if (!origin.matches("(?i)https?://[^/\\s?#]+")) {
            throw new IllegalArgumentException("http.cors-origins: '" + origin + "' is not an origin like https://app.example");
          }
          return origin.toLowerCase(Locale.ROOT);
        }).toList();
  }

  /** "*": any; empty: the loopback names on loopback, else any; else the names listed. */
  private static List<String> allowedHosts(String configured, String host) {
    String text = configured == null ? "" : configured.trim();
    if (text.equals("*")) {
      return List.of();
    }
    if (text.isEmpty()) {
      return Loopback.is(host) ? LOOPBACK_NAMES : List.of();
    }
    return Arrays.stream(text.split(",")).map(String::trim).filter(name -> !name.isEmpty())
        .map(name -> name.replace("[", "").replace("]", "").toLowerCase(Locale.ROOT)).toList();
  }
}
