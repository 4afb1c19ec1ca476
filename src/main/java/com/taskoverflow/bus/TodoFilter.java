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
public interface TodoFilter {

  TodoFilter ALL = new Value(null, null, null);

  Boolean completed();

  LocalDateTime deadlineFrom();

  LocalDateTime deadlineTo();

  JsonObject toJson();

  static TodoFilter fromJson(JsonObject json) {
    return new Value(json.getBoolean(Value.COMPLETED), Timestamps.parse(json.getString(Value.DEADLINE_FROM)),
        Timestamps.parse(json.getString(Value.DEADLINE_TO)));
  }

  record Value(Boolean completed, LocalDateTime deadlineFrom, LocalDateTime deadlineTo) implements TodoFilter {

    private static final String COMPLETED = "completed";
    private static final String DEADLINE_FROM = "deadline_from";
    private static final String DEADLINE_TO = "deadline_to";

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(COMPLETED, completed).put(DEADLINE_FROM, Timestamps.format(deadlineFrom))
          .put(DEADLINE_TO, Timestamps.format(deadlineTo));
    }
  }
}
