package com.taskoverflow.config;

import io.vertx.core.json.JsonObject;
import java.net.URI;

/** Where Redis is ({@code redis://host:port/db}) and the prefix of every key the service owns. */
public record RedisConfig(String url, String keyPrefix) {

  static RedisConfig from(JsonObject json) {
    String url = json.getString("url");
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad Redis URL '" + url + "'; expected redis://host:port/db", e);
    }
    if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("bad Redis URL '" + url + "'; expected redis://host:port/db");
    }
    return new RedisConfig(url, json.getString("key-prefix"));
  }
}
