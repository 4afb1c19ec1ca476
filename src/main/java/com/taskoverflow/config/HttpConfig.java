package com.taskoverflow.config;

import io.vertx.core.json.JsonObject;

public record HttpConfig(int port, String host, int instances, int statusCacheSize, String adminToken) {

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
