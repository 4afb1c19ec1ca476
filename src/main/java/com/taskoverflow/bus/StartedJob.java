package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A job taken for an attempt: the attempt's number (which fences its outcome), the moment the job
 * was accepted (the calendar's DTSTAMP), and its first {@link #FIRST_TODOS} todos as they stood
 * then, in id order. A job with more has the rest read page by page from {@link JobStore#todos}.
 */
@DataObject
public interface StartedJob {

  /** How many todos come with the start: a calendar this small needs no other read. */
  int FIRST_TODOS = 100;

  int attempt();

  LocalDateTime acceptedAt();

  /** When the attempt started (the store's clock). */
  LocalDateTime startedAt();

  List<CalendarEntry> todos();

  JsonObject toJson();

  /** Whether todos may follow the first ones. */
  default boolean mayHaveMoreTodos() {
    return todos().size() == FIRST_TODOS;
  }

  static StartedJob fromJson(JsonObject json) {
    return new Value(json.getInteger(Value.ATTEMPT), Timestamps.parse(json.getString(Value.ACCEPTED_AT)),
        Timestamps.parse(json.getString(Value.STARTED_AT)),
        json.getJsonArray(Value.TODOS).stream().map(todo -> CalendarEntry.fromJson((JsonObject) todo)).toList());
  }

  record Value(int attempt, LocalDateTime acceptedAt, LocalDateTime startedAt, List<CalendarEntry> todos)
      implements StartedJob {

    private static final String ATTEMPT = "attempt";
    private static final String ACCEPTED_AT = "accepted_at";
    private static final String STARTED_AT = "started_at";
    private static final String TODOS = "todos";

    public Value {
      todos = List.copyOf(todos);
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(ATTEMPT, attempt).put(ACCEPTED_AT, Timestamps.format(acceptedAt))
          .put(STARTED_AT, Timestamps.format(startedAt))
          .put(TODOS, new JsonArray(todos.stream().map(CalendarEntry::toJson).toList()));
    }
  }
}
