package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;

/** A stored todo; its JSON is the API's todo object. */
@DataObject
public final class Todo extends BusValue {

  public static final String ID = "id";
  public static final String TITLE = "title";
  public static final String DESCRIPTION = "description";
  public static final String COMPLETED = "completed";
  public static final String DEADLINE_AT = "deadline_at";
  public static final String CREATED_AT = "created_at";
  public static final String UPDATED_AT = "updated_at";

  private final long id;
  private final String title;
  private final String description;
  private final boolean completed;
  private final LocalDateTime deadlineAt;
  private final LocalDateTime createdAt;
  private final LocalDateTime updatedAt;

  public Todo(
      long id, String title, String description, boolean completed, LocalDateTime deadlineAt,
      LocalDateTime createdAt, LocalDateTime updatedAt) {
    this.id = id;
    this.title = title;
    this.description = description;
    this.completed = completed;
    this.deadlineAt = deadlineAt;
    this.createdAt = createdAt;
    this.updatedAt = updatedAt;
  }

  public Todo(JsonObject json) {
    this(json.getLong(ID), json.getString(TITLE), json.getString(DESCRIPTION), json.getBoolean(COMPLETED),
        Timestamps.parse(json.getString(DEADLINE_AT)), Timestamps.parse(json.getString(CREATED_AT)),
        Timestamps.parse(json.getString(UPDATED_AT)));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put(ID, id)
        .put(TITLE, title)
        .put(DESCRIPTION, description)
        .put(COMPLETED, completed)
        .put(DEADLINE_AT, Timestamps.format(deadlineAt))
        .put(CREATED_AT, Timestamps.format(createdAt))
        .put(UPDATED_AT, Timestamps.format(updatedAt));
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

  public boolean completed() {
    return completed;
  }

  public LocalDateTime deadlineAt() {
    return deadlineAt;
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }

  public LocalDateTime updatedAt() {
    return updatedAt;
  }
}
