package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;

/** A todo to create: every writable field, validated, the deadline in UTC. */
@DataObject
public interface TodoDraft extends TodoFields {

  boolean completed();

  JsonObject toJson();

  static TodoDraft fromJson(JsonObject json) {
    return new Value(json.getString(Todo.TITLE), json.getString(Todo.DESCRIPTION), json.getBoolean(Todo.COMPLETED),
        Timestamps.parse(json.getString(Todo.DEADLINE_AT)));
  }

  record Value(String title, String description, boolean completed, LocalDateTime deadlineAt) implements TodoDraft {

    @Override
    public JsonObject toJson() {
      return putFields(new JsonObject(), this);
    }

    /** Puts the draft's fields of any todo into {@code json}, in the API's order. */
    static JsonObject putFields(JsonObject json, TodoDraft todo) {
      return json.put(Todo.TITLE, todo.title()).put(Todo.DESCRIPTION, todo.description())
          .put(Todo.COMPLETED, todo.completed()).put(Todo.DEADLINE_AT, Timestamps.format(todo.deadlineAt()));
    }
  }
}
