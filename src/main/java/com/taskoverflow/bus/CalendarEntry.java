package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;

/** A todo as a calendar job sees it: the fields of its event, as they stood when the job was accepted. */
@DataObject
public interface CalendarEntry extends TodoFields {

  long id();

  /** Characters of text the todo brings to its event (title and description). */
  default int textLength() {
    return (title() == null ? 0 : title().length()) + (description() == null ? 0 : description().length());
  }

  JsonObject toJson();

  static CalendarEntry fromJson(JsonObject json) {
    return new Value(json.getLong(Todo.ID), json.getString(Todo.TITLE), json.getString(Todo.DESCRIPTION),
        Timestamps.parse(json.getString(Todo.DEADLINE_AT)));
  }

  record Value(long id, String title, String description, LocalDateTime deadlineAt) implements CalendarEntry {

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(Todo.ID, id).put(Todo.TITLE, title).put(Todo.DESCRIPTION, description)
          .put(Todo.DEADLINE_AT, Timestamps.format(deadlineAt));
    }
  }
}
