package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A created todo, and whether it is the replay of an earlier create with the same idempotency key. */
@DataObject
public interface TodoCreated {

  Todo todo();

  boolean replayed();

  JsonObject toJson();

  static TodoCreated fromJson(JsonObject json) {
    return new Value(Todo.fromJson(json.getJsonObject(Value.TODO)), json.getBoolean(IdempotencyKey.REPLAYED));
  }

  record Value(Todo todo, boolean replayed) implements TodoCreated {

    private static final String TODO = "todo";

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(TODO, todo.toJson()).put(IdempotencyKey.REPLAYED, replayed);
    }
  }
}
