package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;

/**
 * A stored todo; its JSON is the API's todo object. It is a draft that was given an id and
 * timestamps, and a calendar entry as it stands now.
 */
@DataObject
public interface Todo extends CalendarEntry, TodoDraft {

  String ID = "id";
  String TITLE = "title";
  String DESCRIPTION = "description";
  String COMPLETED = "completed";
  String DEADLINE_AT = "deadline_at";
  String CREATED_AT = "created_at";
  String UPDATED_AT = "updated_at";

  LocalDateTime createdAt();

  LocalDateTime updatedAt();

  @Override
  JsonObject toJson();

  static Todo fromJson(JsonObject json) {
    return new Value(json.getLong(ID), json.getString(TITLE), json.getString(DESCRIPTION), json.getBoolean(COMPLETED),
        Timestamps.parse(json.getString(DEADLINE_AT)), Timestamps.parse(json.getString(CREATED_AT)),
        Timestamps.parse(json.getString(UPDATED_AT)));
  }

  record Value(long id, String title, String description, boolean completed, LocalDateTime deadlineAt,
      LocalDateTime createdAt, LocalDateTime updatedAt) implements Todo {

    @Override
    public JsonObject toJson() {
      return TodoDraft.Value.putFields(new JsonObject().put(ID, id), this)
          .put(CREATED_AT, Timestamps.format(createdAt)).put(UPDATED_AT, Timestamps.format(updatedAt));
    }
  }
}
