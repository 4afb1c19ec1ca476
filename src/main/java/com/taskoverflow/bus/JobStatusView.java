package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;

/**
 * Where a calendar job stands; its JSON is the API's status object (less the URLs), plus its
 * {@link #OWNER}, which travels on the bus and is shown to operators only.
 */
@DataObject
public interface JobStatusView {

  String TASK_ID = "task_id";
  /** Whose job it is: "<issuer>#<subject>", or the shared owner under auth.mode none. */
  String OWNER = "owner";
  /** Where a value that carries a job's status (a submission, a result) puts it. */
  String NESTED = "status";

  String taskId();

  String owner();

  JobState state();

  int attempts();

  String worker();

  String error();

  LocalDateTime createdAt();

  LocalDateTime startedAt();

  LocalDateTime finishedAt();

  LocalDateTime nextAttemptAt();

  LocalDateTime deadLetteredAt();

  /** How many times an operator put the job back after it failed for good. */
  int requeues();

  JsonObject toJson();

  default boolean isFinal() {
    return state().isFinal();
  }

  default boolean isDeadLetter() {
    return deadLetteredAt() != null;
  }

  static JobStatusView fromJson(JsonObject json) {
    return new Value(json.getString(TASK_ID), json.getString(OWNER), JobState.valueOf(json.getString(Value.TASK_STATUS)),
        json.getInteger(Value.ATTEMPTS), json.getString(Value.WORKER), json.getString(Value.ERROR),
        Timestamps.parse(json.getString(Value.CREATED_AT)), Timestamps.parse(json.getString(Value.STARTED_AT)),
        Timestamps.parse(json.getString(Value.FINISHED_AT)), Timestamps.parse(json.getString(Value.NEXT_ATTEMPT_AT)),
        Timestamps.parse(json.getString(Value.DEAD_LETTERED_AT)), json.getInteger(Value.REQUEUES, 0));
  }

  record Value(String taskId, String owner, JobState state, int attempts, String worker, String error, LocalDateTime createdAt,
      LocalDateTime startedAt, LocalDateTime finishedAt, LocalDateTime nextAttemptAt, LocalDateTime deadLetteredAt,
      int requeues) implements JobStatusView {

    private static final String TASK_STATUS = "task_status";
    private static final String ATTEMPTS = "attempts";
    private static final String WORKER = "worker";
    private static final String ERROR = "error";
    private static final String CREATED_AT = "created_at";
    private static final String STARTED_AT = "started_at";
    private static final String FINISHED_AT = "finished_at";
    private static final String NEXT_ATTEMPT_AT = "next_attempt_at";
    private static final String DEAD_LETTERED_AT = "dead_lettered_at";
    private static final String REQUEUES = "requeues";

    @Override
    public JsonObject toJson() {
      return new JsonObject()
          .put(TASK_ID, taskId)
          .put(OWNER, owner)
          .put(TASK_STATUS, state.name())
          .put(ATTEMPTS, attempts)
          .put(WORKER, worker)
          .put(ERROR, error)
          .put(CREATED_AT, Timestamps.format(createdAt))
          .put(STARTED_AT, Timestamps.format(startedAt))
          .put(FINISHED_AT, Timestamps.format(finishedAt))
          .put(NEXT_ATTEMPT_AT, Timestamps.format(nextAttemptAt))
          .put(DEAD_LETTERED_AT, Timestamps.format(deadLetteredAt))
          .put(REQUEUES, requeues);
    }
  }
}
