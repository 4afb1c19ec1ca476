package com.taskoverflow.bus;

import io.vertx.core.json.JsonObject;
import java.util.Set;

/** The states of a calendar job and the field names of its status document. */
public final class JobStatus {

  public static final String PENDING = "PENDING";
  public static final String STARTED = "STARTED";
  public static final String RETRY = "RETRY";
  public static final String SUCCESS = "SUCCESS";
  public static final String FAILURE = "FAILURE";

  public static final String TASK_ID = "task_id";
  public static final String TASK_STATUS = "task_status";

  private static final Set<String> FINAL = Set.of(SUCCESS, FAILURE);

  private JobStatus() {
  }

  public static boolean isFinal(JsonObject status) {
    return FINAL.contains(status.getString(TASK_STATUS));
  }
}
