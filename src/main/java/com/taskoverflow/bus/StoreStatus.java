package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** Whether the store reaches its PostgreSQL and its job broker ("redis" or "sqs"). */
@DataObject
public interface StoreStatus {

  boolean postgresUp();

  String broker();

  boolean brokerUp();

  JsonObject toJson();

  static StoreStatus fromJson(JsonObject json) {
    return new Value(json.getBoolean(Value.POSTGRES), json.getString(Value.BROKER), json.getBoolean(Value.BROKER_UP));
  }

  record Value(boolean postgresUp, String broker, boolean brokerUp) implements StoreStatus {

    private static final String POSTGRES = "postgres";
    private static final String BROKER = "broker";
    private static final String BROKER_UP = "broker_up";

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(POSTGRES, postgresUp).put(BROKER, broker).put(BROKER_UP, brokerUp);
    }
  }
}
