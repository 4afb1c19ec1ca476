package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;

/**
 * Changes to a todo: only the fields it {@code sets} change, and a field set to null is cleared
 * (description, deadline). Its JSON holds exactly the fields it sets.
 */
@DataObject
public final class TodoPatch extends BusValue {

  public static final TodoPatch NONE = new TodoPatch(false, null, false, null, false, null, false, null);

  private final boolean setsTitle;
  private final String title;
  private final boolean setsDescription;
  private final String description;
  private final boolean setsCompleted;
  private final Boolean completed;
  private final boolean setsDeadline;
  private final LocalDateTime deadlineAt;

  public TodoPatch(
      boolean setsTitle, String title, boolean setsDescription, String description, boolean setsCompleted,
      Boolean completed, boolean setsDeadline, LocalDateTime deadlineAt) {
    this.setsTitle = setsTitle;
    this.title = title;
    this.setsDescription = setsDescription;
    this.description = description;
    this.setsCompleted = setsCompleted;
    this.completed = completed;
    this.setsDeadline = setsDeadline;
    this.deadlineAt = deadlineAt;
  }

  public TodoPatch(JsonObject json) {
    this(json.containsKey(Todo.TITLE), json.getString(Todo.TITLE),
        json.containsKey(Todo.DESCRIPTION), json.getString(Todo.DESCRIPTION),
        json.containsKey(Todo.COMPLETED), json.getBoolean(Todo.COMPLETED),
        json.containsKey(Todo.DEADLINE_AT), Timestamps.parse(json.getString(Todo.DEADLINE_AT)));
  }

  public TodoPatch withTitle(String value) {
    return new TodoPatch(true, value, setsDescription, description, setsCompleted, completed, setsDeadline, deadlineAt);
  }

  public TodoPatch withDescription(String value) {
    return new TodoPatch(setsTitle, title, true, value, setsCompleted, completed, setsDeadline, deadlineAt);
  }

  public TodoPatch withCompleted(Boolean value) {
    return new TodoPatch(setsTitle, title, setsDescription, description, true, value, setsDeadline, deadlineAt);
  }

  public TodoPatch withDeadline(LocalDateTime value) {
    return new TodoPatch(setsTitle, title, setsDescription, description, setsCompleted, completed, true, value);
  }

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

  public boolean setsTitle() {
    return setsTitle;
  }

  public String title() {
    return title;
  }

  public boolean setsDescription() {
    return setsDescription;
  }

  public String description() {
    return description;
  }

  public boolean setsCompleted() {
    return setsCompleted;
  }

  public Boolean completed() {
    return completed;
  }

  public boolean setsDeadline() {
    return setsDeadline;
  }

  public LocalDateTime deadlineAt() {
    return deadlineAt;
  }
}
