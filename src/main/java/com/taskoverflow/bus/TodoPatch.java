package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;

/**
 * Changes to a todo: only the fields it {@code sets} change, and a field set to null is cleared
 * (description, deadline). Its JSON holds exactly the fields it sets.
 */
@DataObject
public interface TodoPatch {

  TodoPatch NONE = new Value(false, null, false, null, false, null, false, null);

  boolean setsTitle();

  String title();

  boolean setsDescription();

  String description();

  boolean setsCompleted();

  Boolean completed();

  boolean setsDeadline();

  LocalDateTime deadlineAt();

  JsonObject toJson();

  default TodoPatch withTitle(String value) {
    return new Value(true, value, setsDescription(), description(), setsCompleted(), completed(), setsDeadline(),
        deadlineAt());
  }

  default TodoPatch withDescription(String value) {
    return new Value(setsTitle(), title(), true, value, setsCompleted(), completed(), setsDeadline(), deadlineAt());
  }

  default TodoPatch withCompleted(Boolean value) {
    return new Value(setsTitle(), title(), setsDescription(), description(), true, value, setsDeadline(), deadlineAt());
  }

  default TodoPatch withDeadline(LocalDateTime value) {
    return new Value(setsTitle(), title(), setsDescription(), description(), setsCompleted(), completed(), true, value);
  }

  static TodoPatch fromJson(JsonObject json) {
    return new Value(json.containsKey(Todo.TITLE), json.getString(Todo.TITLE),
        json.containsKey(Todo.DESCRIPTION), json.getString(Todo.DESCRIPTION),
        json.containsKey(Todo.COMPLETED), json.getBoolean(Todo.COMPLETED),
        json.containsKey(Todo.DEADLINE_AT), Timestamps.parse(json.getString(Todo.DEADLINE_AT)));
  }

  record Value(boolean setsTitle, String title, boolean setsDescription, String description, boolean setsCompleted,
      Boolean completed, boolean setsDeadline, LocalDateTime deadlineAt) implements TodoPatch {

    @Override
    public JsonObject toJson() {
      JsonObject json = new JsonObject();
      if (setsTitle) {
        json.put(Todo.TITLE, title);
      }
      if (setsDescription) {
        json.put(Todo.DESCRIPTION, description);
      }
      if (setsCompleted) {
        json.put(Todo.COMPLETED, completed);
      }
      if (setsDeadline) {
        json.put(Todo.DEADLINE_AT, Timestamps.format(deadlineAt));
      }
      return json;
    }
  }
}
