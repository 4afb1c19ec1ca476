package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;

/**
 * A job taken for an attempt: the attempt's number (which fences its outcome), the todos as they
 * stood at acceptance (JSON text) and that moment, the calendar's DTSTAMP.
 */
@DataObject
public final class StartedJob extends BusValue {

  private static final String ATTEMPT = "attempt";
  private static final String SNAPSHOT = "snapshot";
  private static final String ACCEPTED_AT = "accepted_at";

  private final int attempt;
  private final String snapshot;
  private final LocalDateTime acceptedAt;

  public StartedJob(int attempt, String snapshot, LocalDateTime acceptedAt) {
    this.attempt = attempt;
    this.snapshot = snapshot;
    this.acceptedAt = acceptedAt;
  }

  public StartedJob(JsonObject json) {
    this(json.getInteger(ATTEMPT), json.getString(SNAPSHOT), Timestamps.parse(json.getString(ACCEPTED_AT)));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put(ATTEMPT, attempt)
        .put(SNAPSHOT, snapshot)
        .put(ACCEPTED_AT, Timestamps.format(acceptedAt));
  }

  public int attempt() {
    return attempt;
  }

  public String snapshot() {
    return snapshot;
  }

  public LocalDateTime acceptedAt() {
    return acceptedAt;
  }
}
