package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;

/** A todo to create: every writable field, validated, the deadline in UTC. */
@DataObject
public final class TodoDraft extends BusValue {
  private final String title;
  private final String description;
  private final boolean completed;
  private final LocalDateTime deadlineAt;

  public TodoDraft(String title, String description, boolean completed, LocalDateTime deadlineAt) {
    this.title = title;
    this.description = description;
    this.completed = completed;
    this.deadlineAt = deadlineAt;
  }

  public TodoDraft(JsonObject json) {
    this(json.getString(Todo.TITLE), json.getString(Todo.DESCRIPTION), json.getBoolean(Todo.COMPLETED),
        Timestamps.parse(json.getString(Todo.DEADLINE_AT)));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put(Todo.TITLE, title)
        .put(Todo.DESCRIPTION, description)
        .put(Todo.COMPLETED, completed)
        .put(Todo.DEADLINE_AT, Timestamps.format(deadlineAt));
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }

  public boolean completed() {
    return completed;
  }

  public LocalDateTime deadlineAt() {
    return deadlineAt;
  }
}
