package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;

/** Where a calendar job stands; its JSON is the API's status object (less the URLs). */
@DataObject
public final class JobStatusView extends BusValue {

  public static final String TASK_ID = "task_id";
  /** Where a value that carries a job's status (a submission, a result) puts it. */
  static final String NESTED = "status";
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

  private final String taskId;
  private final JobState state;
  private final int attempts;
  private final String worker;
  private final String error;
  private final LocalDateTime createdAt;
  private final LocalDateTime startedAt;
  private final LocalDateTime finishedAt;
  private final LocalDateTime nextAttemptAt;
  private final LocalDateTime deadLetteredAt;
  private final int requeues;

  public JobStatusView(
      String taskId, JobState state, int attempts, String worker, String error, LocalDateTime createdAt,
      LocalDateTime startedAt, LocalDateTime finishedAt, LocalDateTime nextAttemptAt,
      LocalDateTime deadLetteredAt, int requeues) {
    this.taskId = taskId;
    this.state = state;
    this.attempts = attempts;
    this.worker = worker;
    this.error = error;
    this.createdAt = createdAt;
    this.startedAt = startedAt;
    this.finishedAt = finishedAt;
    this.nextAttemptAt = nextAttemptAt;
    this.deadLetteredAt = deadLetteredAt;
    this.requeues = requeues;
  }

  public JobStatusView(JsonObject json) {
    this(json.getString(TASK_ID), JobState.valueOf(json.getString(TASK_STATUS)), json.getInteger(ATTEMPTS),
        json.getString(WORKER), json.getString(ERROR), Timestamps.parse(json.getString(CREATED_AT)),
        Timestamps.parse(json.getString(STARTED_AT)), Timestamps.parse(json.getString(FINISHED_AT)),
        Timestamps.parse(json.getString(NEXT_ATTEMPT_AT)), Timestamps.parse(json.getString(DEAD_LETTERED_AT)),
        json.getInteger(REQUEUES, 0));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject()
        .put(TASK_ID, taskId)
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

  public boolean isFinal() {
    return state.isFinal();
  }

  public boolean isDeadLetter() {
    return deadLetteredAt != null;
  }

  public String taskId() {
    return taskId;
  }

  public JobState state() {
    return state;
  }

  public int attempts() {
    return attempts;
  }

  public String worker() {
    return worker;
  }

  public String error() {
    return error;
  }

  public LocalDateTime createdAt() {
    return createdAt;
  }

  public LocalDateTime startedAt() {
    return startedAt;
  }

  public LocalDateTime finishedAt() {
    return finishedAt;
  }

  public LocalDateTime nextAttemptAt() {
    return nextAttemptAt;
  }

  public LocalDateTime deadLetteredAt() {
    return deadLetteredAt;
  }

  /** How many times an operator put the job back after it failed for good. */
  public int requeues() {
    return requeues;
  }
}
