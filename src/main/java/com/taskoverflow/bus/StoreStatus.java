package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** Whether the store reaches its PostgreSQL and its job broker ("redis" or "sqs"). */
@DataObject
public final class StoreStatus extends BusValue {

  private static final String POSTGRES = "postgres";
  private static final String BROKER = "broker";
  private static final String BROKER_UP = "broker_up";

  private final boolean postgresUp;
  private final String broker;
  private final boolean brokerUp;

  public StoreStatus(boolean postgresUp, String broker, boolean brokerUp) {
    this.postgresUp = postgresUp;
    this.broker = broker;
    this.brokerUp = brokerUp;
  }

  public StoreStatus(JsonObject json) {
    this(json.getBoolean(POSTGRES), json.getString(BROKER), json.getBoolean(BROKER_UP));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put(POSTGRES, postgresUp).put(BROKER, broker).put(BROKER_UP, brokerUp);
  }

  public boolean postgresUp() {
    return postgresUp;
  }

  public String broker() {
    return broker;
  }

  public boolean brokerUp() {
    return brokerUp;
  }
}
