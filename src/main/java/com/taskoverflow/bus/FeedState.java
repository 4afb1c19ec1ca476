package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;

/**
 * A calendar feed as its token opens it: whose todos it shows, and how often and when (UTC, whole
 * seconds) what it shows last changed. {@code settled} says the last change is over a second old,
 * so no later change can fall in the same second: only then is its time a safe validator.
 */
@DataObject
public interface FeedState {

  String owner();

  long changes();

  /** Null while the owner's calendar has never changed. */
  LocalDateTime changedAt();

  boolean settled();

  JsonObject toJson();

  static FeedState fromJson(JsonObject json) {
    return new Value(json.getString(Value.OWNER), json.getLong(Value.CHANGES),
        Timestamps.parse(json.getString(Value.CHANGED_AT)), json.getBoolean(Value.SETTLED));
  }

  record Value(String owner, long changes, LocalDateTime changedAt, boolean settled) implements FeedState {

    private static final String OWNER = "owner";
    private static final String CHANGES = "changes";
    private static final String CHANGED_AT = "changed_at";
    private static final String SETTLED = "settled";

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(OWNER, owner).put(CHANGES, changes).put(CHANGED_AT, Timestamps.format(changedAt))
          .put(SETTLED, settled);
    }
  }
}
