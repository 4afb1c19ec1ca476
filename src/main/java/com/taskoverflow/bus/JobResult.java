package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A job's status and, once it succeeded, how many parts its calendar has and the first of them
 * (else 0 and null); the others come from {@link JobStore#resultPart}.
 */
@DataObject
public interface JobResult {

  JobStatusView status();

  int parts();

  String firstPart();

  JsonObject toJson();

  static JobResult fromJson(JsonObject json) {
    return new Value(JobStatusView.fromJson(json.getJsonObject(JobStatusView.NESTED)), json.getInteger(Value.PARTS),
        json.getString(Value.FIRST_PART));
  }

  record Value(JobStatusView status, int parts, String firstPart) implements JobResult {

    private static final String PARTS = "parts";
    private static final String FIRST_PART = "first_part";

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(JobStatusView.NESTED, status.toJson()).put(PARTS, parts).put(FIRST_PART, firstPart);
    }
  }
}
