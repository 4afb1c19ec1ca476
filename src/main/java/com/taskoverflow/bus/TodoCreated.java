package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A created todo, and whether it is the replay of an earlier create with the same idempotency key. */
@DataObject
public final class TodoCreated extends BusValue {

  private static final String TODO = "todo";

  private final Todo todo;
  private final boolean replayed;

  public TodoCreated(Todo todo, boolean replayed) {
    this.todo = todo;
    this.replayed = replayed;
  }

  public TodoCreated(JsonObject json) {
    this(new Todo(json.getJsonObject(TODO)), json.getBoolean(IdempotencyKey.REPLAYED));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put(TODO, todo.toJson()).put(IdempotencyKey.REPLAYED, replayed);
  }

  public Todo todo() {
    return todo;
  }

  public boolean replayed() {
    return replayed;
  }
}
