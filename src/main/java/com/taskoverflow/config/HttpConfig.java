package com.taskoverflow.config;

import io.vertx.core.json.JsonObject;

public record HttpConfig(int port, String host, int instances, int statusCacheSize, String adminToken) {

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
        json.getString("admin-token", ""));
  }
}
