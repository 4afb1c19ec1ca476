package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** Whether the store reaches its PostgreSQL and its Redis. */
@DataObject
public final class StoreStatus extends BusValue {

  private static final String POSTGRES = "postgres";
  private static final String REDIS = "redis";

  private final boolean postgresUp;
  private final boolean redisUp;

  public StoreStatus(boolean postgresUp, boolean redisUp) {
    this.postgresUp = postgresUp;
    this.redisUp = redisUp;
  }

  public StoreStatus(JsonObject json) {
    this(json.getBoolean(POSTGRES), json.getBoolean(REDIS));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put(POSTGRES, postgresUp).put(REDIS, redisUp);
  }

  public boolean postgresUp() {
    return postgresUp;
  }

  public boolean redisUp() {
    return redisUp;
  }
}
