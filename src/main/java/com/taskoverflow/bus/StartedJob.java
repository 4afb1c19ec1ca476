package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A job taken for an attempt: the attempt's number (which fences its outcome), the moment the job
 * was accepted (the calendar's DTSTAMP), and its first {@link #FIRST_TODOS} todos as they stood
 * then. A job with more has the rest read page by page from {@link JobStore#todos}.
 */
@DataObject
public final class StartedJob extends BusValue {

  /** How many todos come with the start: a calendar this small needs no other read. */
  public static final int FIRST_TODOS = 100;

  private static final String ATTEMPT = "attempt";
  private static final String ACCEPTED_AT = "accepted_at";
  private static final String TODOS = "todos";

  private final int attempt;
  private final LocalDateTime acceptedAt;
  private final List<CalendarEntry> todos;

  public StartedJob(int attempt, LocalDateTime acceptedAt, List<CalendarEntry> todos) {
    this.attempt = attempt;
    this.acceptedAt = acceptedAt;
    this.todos = List.copyOf(todos);
  }

  public StartedJob(JsonObject json) {
    this(json.getInteger(ATTEMPT), Timestamps.parse(json.getString(ACCEPTED_AT)),
        json.getJsonArray(TODOS).stream().map(todo -> new CalendarEntry((JsonObject) todo)).toList());
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put(ATTEMPT, attempt).put(ACCEPTED_AT, Timestamps.format(acceptedAt))
        .put(TODOS, new JsonArray(todos.stream().map(CalendarEntry::toJson).toList()));
  }

  public int attempt() {
    return attempt;
  }

  public LocalDateTime acceptedAt() {
    return acceptedAt;
  }

  /** The job's first todos, in id order. */
  public List<CalendarEntry> todos() {
    return todos;
  }

  /** Whether todos may follow the first ones. */
  public boolean mayHaveMoreTodos() {
    return todos.size() == FIRST_TODOS;
  }
}
