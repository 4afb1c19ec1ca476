package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A job's status and, once it succeeded, how many parts its calendar has and the first of them
 * (else 0 and null); the others come from {@link JobStore#resultPart}.
 */
@DataObject
public final class JobResult extends BusValue {

  private static final String PARTS = "parts";
  private static final String FIRST_PART = "first_part";

  private final JobStatusView status;
  private final int parts;
  private final String firstPart;

  public JobResult(JobStatusView status, int parts, String firstPart) {
    this.status = status;
    this.parts = parts;
    this.firstPart = firstPart;
  }

  public JobResult(JsonObject json) {
    this(new JobStatusView(json.getJsonObject(JobStatusView.NESTED)), json.getInteger(PARTS),
        json.getString(FIRST_PART));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put(JobStatusView.NESTED, status.toJson()).put(PARTS, parts).put(FIRST_PART, firstPart);
  }

  public JobStatusView status() {
    return status;
  }

  public int parts() {
    return parts;
  }

  public String firstPart() {
    return firstPart;
  }
}
