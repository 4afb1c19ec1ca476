package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** An accepted job (stored and queued), and whether it replays an earlier submit with the same key. */
@DataObject
public final class JobSubmitted extends BusValue {


  private final JobStatusView status;
  private final boolean replayed;

  public JobSubmitted(JobStatusView status, boolean replayed) {
    this.status = status;
    this.replayed = replayed;
  }

  public JobSubmitted(JsonObject json) {
    this(new JobStatusView(json.getJsonObject(JobStatusView.NESTED)), json.getBoolean(IdempotencyKey.REPLAYED));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put(JobStatusView.NESTED, status.toJson()).put(IdempotencyKey.REPLAYED, replayed);
  }

  public JobStatusView status() {
    return status;
  }

  public boolean replayed() {
    return replayed;
  }
}
