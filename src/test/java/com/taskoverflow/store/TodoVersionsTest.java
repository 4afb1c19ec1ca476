package com.taskoverflow.store;

import static com.taskoverflow.support.Await.result;
import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.bus.CalendarEntry;
import com.taskoverflow.bus.JobStore;
import com.taskoverflow.bus.Todo;
import com.taskoverflow.bus.TodoDraft;
import com.taskoverflow.bus.TodoPatch;
import com.taskoverflow.bus.TodoStore;
import com.taskoverflow.support.RunningService;
import com.taskoverflow.support.TestServices;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The versions of todos that calendar jobs read: kept exactly as long as a job that may still
 * run can see them, and pruned after. The store role alone runs; the test plays the worker.
 */
class TodoVersionsTest {

  /** The shared owner: every call of auth.mode none. */
  private static final String OWNER = "";

  private static final LocalDateTime DEADLINE = LocalDateTime.of(2031, 5, 6, 7, 8, 9);
  private static RunningService service;
  private static Pool pool;
  private static JobHousekeeping housekeeping;
  private static TodoStore todos;
  private static JobStore jobs;

  @BeforeAll
  static void start() {
    service = result(RunningService.start(new JsonObject().put("roles", "store")));
    pool = TestServices.pool(service.vertx(), service.database);
    housekeeping = new JobHousekeeping(pool, null); // pruning needs no retention
    todos = TodoStore.proxy(service.vertx(), 10_000);
    jobs = JobStore.proxy(service.vertx(), 10_000);
  }

  @AfterAll
  static void stop() {
    result(pool.close());
    result(service.stop());
  }

  private static long versions(long todoId) {
    return result(pool.preparedQuery("SELECT count(*) FROM todo_versions WHERE todo_id = $1")
        .execute(Tuple.of(todoId))).iterator().next().getLong(0);
  }

  private static String titleSeenBy(String taskId, long todoId) {
    List<CalendarEntry> page = result(jobs.todos(taskId, todoId - 1, 1));
    assertEquals(todoId, page.get(0).id());
    return page.get(0).title();
  }

  private static void prune() {
    result(housekeeping.pruneTodoVersions());
  }

  @Test
  void aVersionStaysWhileAJobThatMayRunSeesItAndGoesAfter() {
    Todo todo = result(todos.create(OWNER, new TodoDraft.Value("first", null, false, DEADLINE), null)).todo();
    String job = result(jobs.submit(OWNER, null)).status().taskId();
    result(todos.update(OWNER, todo.id(), TodoPatch.NONE.withTitle("second")));
    assertEquals(2, versions(todo.id()));

    prune();
    assertEquals(2, versions(todo.id()), "the pending job still reads the first version");
    assertEquals("first", titleSeenBy(job, todo.id()));

    int attempt = result(jobs.start(job, "test-worker", 3)).attempt();
    result(jobs.retry(job, attempt, "failed once", 0));
    prune();
    assertEquals("first", titleSeenBy(job, todo.id()), "a job waiting for a retry still reads it");

    attempt = result(jobs.start(job, "test-worker", 3)).attempt();
    result(jobs.succeed(job, attempt, 1, "BEGIN:VCALENDAR"));
    prune();
    assertEquals(1, versions(todo.id()), "no job can see the first version any more");
    String later = result(jobs.submit(OWNER, null)).status().taskId();
    assertEquals("second", titleSeenBy(later, todo.id()));
  }

  @Test
  void aDeadLetterKeepsWhatItSawForARequeue() {
    Todo todo = result(todos.create(OWNER, new TodoDraft.Value("before", null, false, DEADLINE), null)).todo();
    String job = result(jobs.submit(OWNER, null)).status().taskId();
    result(todos.delete(OWNER, todo.id()));
    int attempt = result(jobs.start(job, "test-worker", 1)).attempt();
    result(jobs.fail(job, attempt, "failed for good"));

    prune();
    assertEquals(1, versions(todo.id()));
    result(jobs.requeue(job));
    assertEquals("before", titleSeenBy(job, todo.id()), "requeued, it builds the calendar it was asked for");
  }

  @Test
  void onlyChangesACalendarShowsMakeAVersion() {
    Todo todo = result(todos.create(OWNER, new TodoDraft.Value("steady", "same", false, DEADLINE), null)).todo();
    result(todos.update(OWNER, todo.id(), TodoPatch.NONE.withCompleted(true)));
    assertEquals(1, versions(todo.id()), "completing a todo changes nothing in a calendar");
    Todo undated = result(todos.create(OWNER, new TodoDraft.Value("no deadline", null, false, null), null)).todo();
    assertEquals(0, versions(undated.id()), "a todo without a deadline is in no calendar");
  }
}
