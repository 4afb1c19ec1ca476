package com.taskoverflow.bus;

/** Every event-bus address of the service, in one place. */
public final class Addresses {

  /** Todo CRUD, answered by the store role. */
  public static final String TODOS_LIST = "taskoverflow.todos.list";
  public static final String TODOS_GET = "taskoverflow.todos.get";
  public static final String TODOS_CREATE = "taskoverflow.todos.create";
  public static final String TODOS_UPDATE = "taskoverflow.todos.update";
  public static final String TODOS_DELETE = "taskoverflow.todos.delete";

  /** Calendar-job records, answered by the store role. */
  public static final String JOBS_SUBMIT = "taskoverflow.jobs.submit";
  public static final String JOBS_STATUS = "taskoverflow.jobs.status";
  public static final String JOBS_RESULT = "taskoverflow.jobs.result";
  public static final String JOBS_START = "taskoverflow.jobs.start";
  public static final String JOBS_SUCCEED = "taskoverflow.jobs.succeed";
  public static final String JOBS_RETRY = "taskoverflow.jobs.retry";
  public static final String JOBS_FAIL = "taskoverflow.jobs.fail";
  public static final String DEAD_LETTERS_LIST = "taskoverflow.jobs.dead-letters.list";
  public static final String DEAD_LETTERS_REQUEUE = "taskoverflow.jobs.dead-letters.requeue";

  /** The store's view of its resources: PostgreSQL and Redis. */
  public static final String STORE_HEALTH = "taskoverflow.store.health";

  /** Published (to every node) when a job reaches a final state; the body is its status. */
  public static final String JOBS_FINISHED = "taskoverflow.jobs.finished";

  /** Published when a dead letter is requeued: its final status no longer holds. */
  public static final String JOBS_REQUEUED = "taskoverflow.jobs.requeued";

  private Addresses() {
  }
}
