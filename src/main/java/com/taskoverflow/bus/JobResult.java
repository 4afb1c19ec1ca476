package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/** A job's status and, once it succeeded, its calendar (else null). */
@DataObject
public final class JobResult extends BusValue {

  private static final String CALENDAR = "calendar";

  private final JobStatusView status;
  private final String calendar;

  public JobResult(JobStatusView status, String calendar) {
    this.status = status;
    this.calendar = calendar;
  }

  public JobResult(JsonObject json) {
    this(new JobStatusView(json.getJsonObject(JobStatusView.NESTED)), json.getString(CALENDAR));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put(JobStatusView.NESTED, status.toJson()).put(CALENDAR, calendar);
  }

  public JobStatusView status() {
    return status;
  }

  public String calendar() {
    return calendar;
  }
}
