package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;

/**
 * Which todos a list shows: by completion, and with a deadline between two moments (both given,
 * or neither). Null means no filter on that field. The moments are fixed once per request, so
 * every page of one list sees the same window.
 */
@DataObject
public final class TodoFilter extends BusValue {

  public static final TodoFilter ALL = new TodoFilter(null, null, null);
  private static final String COMPLETED = "completed";
  private static final String DEADLINE_FROM = "deadline_from";
  private static final String DEADLINE_TO = "deadline_to";

  private final Boolean completed;
  private final LocalDateTime deadlineFrom;
  private final LocalDateTime deadlineTo;

  public TodoFilter(Boolean completed, LocalDateTime deadlineFrom, LocalDateTime deadlineTo) {
    this.completed = completed;
    this.deadlineFrom = deadlineFrom;
    this.deadlineTo = deadlineTo;
  }

  public TodoFilter(JsonObject json) {
    this(json.getBoolean(COMPLETED), Timestamps.parse(json.getString(DEADLINE_FROM)),
        Timestamps.parse(json.getString(DEADLINE_TO)));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put(COMPLETED, completed).put(DEADLINE_FROM, Timestamps.format(deadlineFrom))
        .put(DEADLINE_TO, Timestamps.format(deadlineTo));
  }

  public Boolean completed() {
    return completed;
  }

  public LocalDateTime deadlineFrom() {
    return deadlineFrom;
  }

  public LocalDateTime deadlineTo() {
    return deadlineTo;
  }
}
