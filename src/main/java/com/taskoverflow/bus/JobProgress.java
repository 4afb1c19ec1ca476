package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * How far a running attempt has written its calendar: {@code done} of {@code total} todos.
 * Published by its worker at most every {@link #EVERY_MS} ms, to every node; never stored.
 */
@DataObject
public interface JobProgress {

  long EVERY_MS = 250;
  /** Where the status JSON carries it, as {@code {"done": n, "total": m}}. */
  String FIELD = "progress";

  String taskId();

  int attempt();

  long done();

  long total();

  JsonObject toJson();

  /** What the status shows: {@code {"done": n, "total": m}}. */
  default JsonObject asStatusField() {
    return new JsonObject().put(Value.DONE, done()).put(Value.TOTAL, total());
  }

  static JobProgress fromJson(JsonObject json) {
    return new Value(json.getString(JobStatusView.TASK_ID), json.getInteger(Value.ATTEMPT), json.getLong(Value.DONE),
        json.getLong(Value.TOTAL));
  }

  record Value(String taskId, int attempt, long done, long total) implements JobProgress {

    private static final String ATTEMPT = "attempt";
    private static final String DONE = "done";
    private static final String TOTAL = "total";

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(JobStatusView.TASK_ID, taskId).put(ATTEMPT, attempt).put(DONE, done)
          .put(TOTAL, total);
    }
  }
}
