package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** Which todos a list shows: null means no filter on that field. */
@DataObject
public final class TodoFilter extends BusValue {

  public static final TodoFilter ALL = new TodoFilter(null, null);
  private static final String COMPLETED = "completed";
  private static final String WINDOW_DAYS = "window_days";

  private final Boolean completed;
  private final Long windowDays;

  public TodoFilter(Boolean completed, Long windowDays) {
    this.completed = completed;
    this.windowDays = windowDays;
  }

  public TodoFilter(JsonObject json) {
    this(json.getBoolean(COMPLETED), json.getLong(WINDOW_DAYS));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put(COMPLETED, completed).put(WINDOW_DAYS, windowDays);
  }

  public Boolean completed() {
    return completed;
  }

  public Long windowDays() {
    return windowDays;
  }
}
