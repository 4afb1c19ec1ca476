package com.taskoverflow.config;

import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;

/** Where PostgreSQL is: {@code postgresql://user[:password]@host:port/db}. */
public record PostgresConfig(String url, int poolSize) {

  static PostgresConfig from(JsonObject json) {
    String url = json.getString("url");
    parse(url); // fail at start-up, not at first use
    return new PostgresConfig(url, json.getInteger("pool-size"));
  }

  public PgConnectOptions connectOptions() {
    return parse(url);
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
