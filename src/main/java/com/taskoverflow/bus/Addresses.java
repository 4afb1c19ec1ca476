package com.taskoverflow.bus;

/** Every event-bus address of the service, in one place. */
public final class Addresses {

  /** {@link TodoStore}, answered by the store role. */
  public static final String TODO_STORE = "taskoverflow.todos";

  /** {@link JobStore}, answered by the store role. */
  public static final String JOB_STORE = "taskoverflow.jobs";

  /** {@link CalendarFeeds}, answered by the store role. */
  public static final String CALENDAR_FEEDS = "taskoverflow.feeds";

  /** {@link StoreHealth}: the store's view of PostgreSQL and Redis. */
  public static final String STORE_HEALTH = "taskoverflow.store.health";

  /** Published (to every node) when a job reaches a final state; the body is its status. */
  public static final String JOBS_FINISHED = "taskoverflow.jobs.finished";

  /** Published (to every node) when a job is started or waits for a retry; the body is its status. */
  public static final String JOBS_CHANGED = "taskoverflow.jobs.changed";

  /** Published (to every node) by a worker as a long attempt goes on; the body is a {@link JobProgress}. */
  public static final String JOBS_PROGRESS = "taskoverflow.jobs.progress";

  /** Published when a dead letter is requeued: its final status no longer holds. */
  public static final String JOBS_REQUEUED = "taskoverflow.jobs.requeued";

  /** Published by every JVM once a second, and as it leaves: a {@link NodeReport}. */
  public static final String NODE_REPORTS = "taskoverflow.nodes.reports";

  private Addresses() {
  }
}
