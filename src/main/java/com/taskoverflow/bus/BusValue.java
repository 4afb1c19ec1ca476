package com.taskoverflow.bus;

import io.vertx.core.json.JsonObject;

/**
 * A value the services exchange: immutable, and equal to another of its kind exactly when their
 * JSON is. (Codegen's data objects must be classes, not records: this is what a record would give.)
 */
public abstract class BusValue {

  public abstract JsonObject toJson();

  @Override
  public final boolean equals(Object other) {
    return other != null && other.getClass() == getClass() && toJson().equals(((BusValue) other).toJson());
  }

  @Override
  public final int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public final String toString() {
    return toJson().encode();
  }
}
