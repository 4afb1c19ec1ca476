package com.taskoverflow.config;

import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * Where Redis is ({@code redis://host:port/db}) and the prefix of every key the service owns.
 * {@code url} is what was configured (empty: nothing was); {@code defaultUrl} is where to look otherwise.
 */
public record RedisConfig(String url, String defaultUrl, String keyPrefix) {

  static RedisConfig from(JsonObject json) {
    RedisConfig config = new RedisConfig(json.getString("url", ""), json.getString("default-url"),
        json.getString("key-prefix"));
    address(config.effectiveUrl());
    return config;
  }

  public boolean configured() {
    return url != null && !url.isBlank();
  }

  public String effectiveUrl() {
    return configured() ? url : defaultUrl;
  }

  public RedisConfig withUrl(String resolved) {
    return new RedisConfig(resolved, defaultUrl, keyPrefix);
  }

  /** The host and port of a Redis URL. */
  public static URI address(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad Redis URL '" + url + "'; expected redis://host:port/db", e);
    }
    if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("bad Redis URL '" + url + "'; expected redis://host:port/db");
    }
    return uri;
  }
}
