package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** An accepted job (stored and queued), and whether it replays an earlier submit with the same key. */
@DataObject
public interface JobSubmitted {

  JobStatusView status();

  boolean replayed();

  JsonObject toJson();

  static JobSubmitted fromJson(JsonObject json) {
    return new Value(JobStatusView.fromJson(json.getJsonObject(JobStatusView.NESTED)),
        json.getBoolean(IdempotencyKey.REPLAYED));
  }

  record Value(JobStatusView status, boolean replayed) implements JobSubmitted {

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(JobStatusView.NESTED, status.toJson()).put(IdempotencyKey.REPLAYED, replayed);
    }
  }
}
