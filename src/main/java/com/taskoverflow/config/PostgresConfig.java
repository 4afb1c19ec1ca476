package com.taskoverflow.config;

import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Where PostgreSQL is: {@code postgresql://user[:password]@host:port/db}. {@code url} is what was
 * configured (empty: nothing was); {@code defaultUrl} is where to look otherwise.
 */
public record PostgresConfig(String url, String defaultUrl, int poolSize, String embeddedDataDir) {

  static PostgresConfig from(JsonObject json) {
    PostgresConfig config = new PostgresConfig(json.getString("url", ""), json.getString("default-url"),
        json.getInteger("pool-size"), json.getString("embedded-data-dir"));
    parse(config.effectiveUrl()); // fail at start-up, not at first use
    return config;
  }

  public boolean configured() {
    return url != null && !url.isBlank();
  }

  public String effectiveUrl() {
    return configured() ? url : defaultUrl;
  }

  public PostgresConfig withUrl(String resolved) {
    return new PostgresConfig(resolved, defaultUrl, poolSize, embeddedDataDir);
  }

  public PostgresConfig withPoolSize(int size) {
    return new PostgresConfig(url, defaultUrl, size, embeddedDataDir);
  }

  public PgConnectOptions connectOptions() {
    return parse(effectiveUrl());
  }

  private static PgConnectOptions parse(String url) {
    try {
      return PgConnectOptions.fromUri(url);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "bad PostgreSQL URL '" + url + "'; expected postgresql://user[:password]@host:port/db", e);
    }
  }
}
