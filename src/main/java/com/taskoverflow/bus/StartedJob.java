package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;

/**
 * A job taken for an attempt: the attempt's number (which fences its outcome) and the moment the
 * job was accepted, the calendar's DTSTAMP. The todos as they stood then come page by page from
 * {@link JobStore#todos}.
 */
@DataObject
public final class StartedJob extends BusValue {

  private static final String ATTEMPT = "attempt";
  private static final String ACCEPTED_AT = "accepted_at";

  private final int attempt;
  private final LocalDateTime acceptedAt;

  public StartedJob(int attempt, LocalDateTime acceptedAt) {
    this.attempt = attempt;
    this.acceptedAt = acceptedAt;
  }

  public StartedJob(JsonObject json) {
    this(json.getInteger(ATTEMPT), Timestamps.parse(json.getString(ACCEPTED_AT)));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put(ATTEMPT, attempt).put(ACCEPTED_AT, Timestamps.format(acceptedAt));
  }

  public int attempt() {
    return attempt;
  }

  public LocalDateTime acceptedAt() {
    return acceptedAt;
  }
}
