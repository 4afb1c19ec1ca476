package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;

/** A todo as a calendar job sees it: the fields of its event, as they stood when the job was accepted. */
@DataObject
public final class CalendarEntry extends BusValue {

  private final long id;
  private final String title;
  private final String description;
  private final LocalDateTime deadlineAt;

  public CalendarEntry(long id, String title, String description, LocalDateTime deadlineAt) {
    this.id = id;
    this.title = title;
    this.description = description;
    this.deadlineAt = deadlineAt;
  }

  public CalendarEntry(JsonObject json) {
    this(json.getLong(Todo.ID), json.getString(Todo.TITLE), json.getString(Todo.DESCRIPTION),
        Timestamps.parse(json.getString(Todo.DEADLINE_AT)));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put(Todo.ID, id)
        .put(Todo.TITLE, title)
        .put(Todo.DESCRIPTION, description)
        .put(Todo.DEADLINE_AT, Timestamps.format(deadlineAt));
  }

  public long id() {
    return id;
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }

  public LocalDateTime deadlineAt() {
    return deadlineAt;
  }
}
