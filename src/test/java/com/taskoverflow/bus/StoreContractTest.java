package com.taskoverflow.bus;

import static com.taskoverflow.support.Await.failure;
import static com.taskoverflow.support.Await.result;
import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.RunningService;
import com.taskoverflow.support.TestServices;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every method of the store's services, called through their proxies over a real event bus, with
 * the store role alone answering (no worker: the tests play the worker's part) on the real
 * PostgreSQL and Redis.
 */
class StoreContractTest {

  /** The shared owner: every call of auth.mode none. */
  private static final String OWNER = "";

  private static final LocalDateTime DEADLINE = LocalDateTime.of(2030, 1, 2, 3, 4, 5);
  private static RunningService service;
  private static TodoStore todos;
  private static JobStore jobs;
  private static final BlockingQueue<JobStatusView> finished = new LinkedBlockingQueue<>();
  private static final BlockingQueue<JobStatusView> requeued = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() {
    service = result(RunningService.start(new JsonObject().put("roles", "store")));
    todos = TodoStore.proxy(service.vertx(), 10_000);
    jobs = JobStore.proxy(service.vertx(), 10_000);
    result(JobEvents.onFinished(service.vertx().eventBus(), finished::add).completion());
    result(JobEvents.onRequeued(service.vertx().eventBus(), requeued::add).completion());
  }

  @AfterAll
  static void stop() {
    result(service.stop());
  }

  private static TodoDraft draft(String title) {
    return new TodoDraft.Value(title, "about " + title, false, DEADLINE);
  }

  /** The next event about job {@code taskId}: other tests' jobs publish too. */
  private static JobStatusView next(BlockingQueue<JobStatusView> events, String taskId) throws InterruptedException {
    long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (long left = giveUpAt - System.nanoTime(); left > 0; left = giveUpAt - System.nanoTime()) {
      JobStatusView event = events.poll(left, TimeUnit.NANOSECONDS);
      if (event != null && event.taskId().equals(taskId)) {
        return event;
      }
    }
    return fail("no event published about job " + taskId);
  }

  @Test
  void createGetUpdateDelete() {
    TodoCreated created = result(todos.create(OWNER, draft("contract"), null));
    assertFalse(created.replayed());
    Todo todo = created.todo();
    assertEquals("contract", todo.title());
    assertEquals("about contract", todo.description());
    assertEquals(DEADLINE, todo.deadlineAt());
    assertNotNull(todo.createdAt());
    assertEquals(todo, result(todos.get(OWNER, todo.id())));

    Todo edited = result(todos.update(OWNER, todo.id(), TodoPatch.NONE.withCompleted(true).withDescription(null)));
    assertTrue(edited.completed());
    assertNull(edited.description());
    assertEquals("contract", edited.title(), "a field the patch does not set stays");
    assertEquals(DEADLINE, edited.deadlineAt());

    assertEquals(edited, result(todos.delete(OWNER, todo.id())));
    failure(Failures.NOT_FOUND, todos.get(OWNER, todo.id()));
    failure(Failures.NOT_FOUND, todos.update(OWNER, todo.id(), TodoPatch.NONE.withTitle("gone")));
    failure(Failures.NOT_FOUND, todos.delete(OWNER, todo.id()));
  }

  @Test
  void listFiltersByCompletionAndWindow() {
    Todo open = result(todos.create(OWNER, new TodoDraft.Value("open soon", null, false, LocalDateTime.now(java.time.ZoneOffset.UTC).plusDays(1)), null)).todo();
    Todo done = result(todos.create(OWNER, new TodoDraft.Value("done later", null, true, LocalDateTime.now(java.time.ZoneOffset.UTC).plusDays(30)), null)).todo();
    List<Long> all = result(todos.list(OWNER, TodoFilter.ALL, 0, 1000)).stream().map(Todo::id).toList();
    assertTrue(all.containsAll(List.of(open.id(), done.id())), all::toString);
    List<Long> completed = result(todos.list(OWNER, new TodoFilter.Value(true, null, null), 0, 1000)).stream().map(Todo::id).toList();
    assertTrue(completed.contains(done.id()) && !completed.contains(open.id()), completed::toString);
    LocalDateTime now = LocalDateTime.now(java.time.ZoneOffset.UTC);
    List<Long> nextWeek = result(todos.list(OWNER, new TodoFilter.Value(null, now, now.plusDays(7)), 0, 1000)).stream()
        .map(Todo::id).toList();
    assertTrue(nextWeek.contains(open.id()) && !nextWeek.contains(done.id()), nextWeek::toString);
    List<Todo> afterOpen = result(todos.list(OWNER, TodoFilter.ALL, open.id(), 1));
    assertEquals(List.of(done.id()), afterOpen.stream().map(Todo::id).toList(), "a page starts after the given id");
  }

  @Test
  void aCreateWithAKeyIsReplayedAndTheKeyCannotBeReusedForAnotherRequest() {
    IdempotencyKey key = new IdempotencyKey.Value(UUID.randomUUID().toString(), "hash-a");
    TodoCreated first = result(todos.create(OWNER, draft("keyed"), key));
    TodoCreated retry = result(todos.create(OWNER, draft("keyed"), key));
    assertFalse(first.replayed());
    assertTrue(retry.replayed());
    assertEquals(first.todo(), retry.todo());
    failure(Failures.UNPROCESSABLE, todos.create(OWNER, draft("other"), new IdempotencyKey.Value(key.key(), "hash-b")));
  }

  @Test
  void dataTheDatabaseRefusesIsABadRequest() {
    String message = failure(Failures.INVALID, todos.create(OWNER, draft("nul \0 inside"), null));
    assertTrue(message.startsWith("Rejected by the database"), message);
  }

  @Test
  void aJobGoesFromSubmitThroughARetryToSuccess() throws Exception {
    Todo todo = result(todos.create(OWNER, draft("in the calendar"), null)).todo();
    JobSubmitted submitted = result(jobs.submit(OWNER, null));
    assertFalse(submitted.replayed());
    String id = submitted.status().taskId();
    assertEquals(JobState.PENDING, submitted.status().state());
    assertTrue(TestServices.queueContents(TestServices.REDIS_URL, service.redisPrefix).contains(id),
        "a submitted job is queued");
    assertEquals(JobState.PENDING, result(jobs.result(OWNER, id)).status().state());
    assertNull(result(jobs.result(OWNER, id)).firstPart());

    StartedJob first = result(jobs.start(id, "worker-a", 3));
    assertEquals(1, first.attempt());
    assertEquals(submitted.status().createdAt(), first.acceptedAt());
    List<CalendarEntry> seen = result(jobs.todos(id, todo.id() - 1, 10));
    assertEquals(new CalendarEntry.Value(todo.id(), todo.title(), todo.description(), todo.deadlineAt()), seen.get(0));
    JobStatusView started = result(jobs.status(OWNER, id));
    assertEquals(JobState.STARTED, started.state());
    assertEquals("worker-a", started.worker());

    JobStatusView retry = result(jobs.retry(id, 1, "first try failed", 60_000));
    assertEquals(JobState.RETRY, retry.state());
    assertEquals("first try failed", retry.error());
    assertNotNull(retry.nextAttemptAt());

    StartedJob second = result(jobs.start(id, "worker-b", 3));
    assertEquals(2, second.attempt());
    failure(Failures.CONFLICT, jobs.succeed(id, 1, 1, "from a stale attempt"));
    failure(Failures.CONFLICT, jobs.savePart(id, 1, 0, "from a stale attempt"));
    result(jobs.savePart(id, 2, 0, "BEGIN:VCALENDAR\r\n"));
    result(jobs.savePart(id, 2, 1, "BEGIN:VEVENT\r\n"));
    JobStatusView success = result(jobs.succeed(id, 2, 3, "END:VCALENDAR\r\n"));
    assertEquals(JobState.SUCCESS, success.state());
    assertEquals(2, success.attempts());
    assertEquals(success, next(finished, id), "the store announces the final status");
    JobResult stored = result(jobs.result(OWNER, id));
    assertEquals(3, stored.parts());
    assertEquals("BEGIN:VCALENDAR\r\n", stored.firstPart());
    assertEquals("BEGIN:VEVENT\r\n", result(jobs.resultPart(OWNER, id, 1)));
    assertEquals("END:VCALENDAR\r\n", result(jobs.resultPart(OWNER, id, 2)));
    failure(Failures.NOT_FOUND, jobs.resultPart(OWNER, id, 3));
    failure(Failures.CONFLICT, jobs.start(id, "worker-c", 3));
    failure(Failures.CONFLICT, jobs.savePart(id, 2, 3, "after the end"));
  }

  @Test
  void aJobRunAtOnceIsRecordedWithItsOutcomeInOneWrite() throws Exception {
    Todo todo = result(todos.create(OWNER, draft("run at once"), null)).todo();
    JobSubmitted submitted = result(jobs.submit(OWNER, null));
    String id = submitted.status().taskId();

    StartedJob seen = result(jobs.preview(id, "worker-a", 3));
    assertEquals(1, seen.attempt());
    assertEquals(submitted.status().createdAt(), seen.acceptedAt());
    assertNotNull(seen.startedAt());
    assertTrue(seen.todos().contains(new CalendarEntry.Value(todo.id(), todo.title(), todo.description(),
        todo.deadlineAt())), seen.todos()::toString);
    assertEquals(JobState.PENDING, result(jobs.status(OWNER, id)).state(), "a preview records nothing");

    JobStatusView success = result(jobs.succeedAtOnce(id, "worker-a", Timestamps.format(seen.startedAt()),
        "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"));
    assertEquals(JobState.SUCCESS, success.state());
    assertEquals(1, success.attempts());
    assertEquals("worker-a", success.worker());
    assertEquals(seen.startedAt(), success.startedAt());
    assertNotNull(success.finishedAt());
    assertEquals(success, next(finished, id), "the store announces the final status");
    JobResult stored = result(jobs.result(OWNER, id));
    assertEquals(1, stored.parts());
    assertEquals("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", stored.firstPart());
    failure(Failures.CONFLICT, jobs.preview(id, "worker-b", 3));
    failure(Failures.CONFLICT, jobs.succeedAtOnce(id, "worker-a", Timestamps.format(seen.startedAt()), "again"));
  }

  @Test
  void anAttemptRunAtOnceIsRecordedOnlyWhileNoAttemptRunsAndTheJobHasNotEnded() throws Exception {
    result(todos.create(OWNER, draft("fenced at once"), null));
    String takenOver = result(jobs.submit(OWNER, null)).status().taskId();
    StartedJob seen = result(jobs.preview(takenOver, "worker-a", 3));
    assertEquals(1, result(jobs.start(takenOver, "worker-b", 3)).attempt(), "the delivery that followed a lost one");
    String startedAt = Timestamps.format(seen.startedAt());
    failure(Failures.CONFLICT, jobs.succeedAtOnce(takenOver, "worker-a", startedAt, "late"));
    JobStatusView success = result(jobs.succeed(takenOver, 1, 1, "END:VCALENDAR\r\n"));
    assertEquals("worker-b", success.worker());
    assertEquals("END:VCALENDAR\r\n", result(jobs.result(OWNER, takenOver)).firstPart());

    String cancelled = result(jobs.submit(OWNER, null)).status().taskId();
    result(jobs.preview(cancelled, "worker-a", 3));
    result(jobs.cancel(OWNER, cancelled));
    failure(Failures.CONFLICT, jobs.succeedAtOnce(cancelled, "worker-a", startedAt, "late"));
    failure(Failures.CONFLICT, jobs.preview(cancelled, "worker-a", 3));
    assertEquals(JobState.CANCELLED, result(jobs.status(OWNER, cancelled)).state());

    // a retry runs at once too, as its next attempt; the failed attempt's parts go
    String retried = result(jobs.submit(OWNER, null)).status().taskId();
    assertEquals(1, result(jobs.start(retried, "worker-a", 2)).attempt());
    result(jobs.savePart(retried, 1, 0, "from the failed attempt"));
    result(jobs.retry(retried, 1, "first try failed", 0));
    StartedJob second = result(jobs.preview(retried, "worker-b", 2));
    assertEquals(2, second.attempt());
    JobStatusView done = result(jobs.succeedAtOnce(retried, "worker-b", Timestamps.format(second.startedAt()),
        "the whole calendar"));
    assertEquals(2, done.attempts());
    assertNull(done.error());
    assertEquals("the whole calendar", result(jobs.result(OWNER, retried)).firstPart());
    assertEquals(1, result(jobs.result(OWNER, retried)).parts());

    // an attempt that started and failed since the look: the calendar is the same, recorded as the next attempt
    String failedMeanwhile = result(jobs.submit(OWNER, null)).status().taskId();
    StartedJob early = result(jobs.preview(failedMeanwhile, "worker-a", 3));
    assertEquals(1, result(jobs.start(failedMeanwhile, "worker-b", 3)).attempt());
    result(jobs.retry(failedMeanwhile, 1, "worker-b failed", 60_000));
    JobStatusView late = result(jobs.succeedAtOnce(failedMeanwhile, "worker-a", Timestamps.format(early.startedAt()),
        "the calendar"));
    assertEquals(JobState.SUCCESS, late.state());
    assertEquals(2, late.attempts());
    assertEquals("worker-a", late.worker());
    failure(Failures.CONFLICT, jobs.start(failedMeanwhile, "worker-c", 3));

    // out of attempts: only a start says what becomes of it
    String spent = result(jobs.submit(OWNER, null)).status().taskId();
    result(jobs.start(spent, "worker-a", 1));
    result(jobs.retry(spent, 1, "failed", 0));
    failure(Failures.CONFLICT, jobs.preview(spent, "worker-b", 1));
  }

  /** What the API calls the snapshot rule, as the store keeps it: the todos as they stood at the 202. */
  @Test
  void aJobSeesTheTodosAsTheyStoodWhenItWasAccepted() {
    Todo kept = result(todos.create(OWNER, draft("kept as it was"), null)).todo();
    Todo deleted = result(todos.create(OWNER, draft("deleted later"), null)).todo();
    Todo undated = result(todos.create(OWNER, new TodoDraft.Value("no deadline yet", null, false, null), null)).todo();
    String id = result(jobs.submit(OWNER, null)).status().taskId();

    result(todos.update(OWNER, kept.id(), TodoPatch.NONE.withTitle("edited after the 202")));
    result(todos.delete(OWNER, deleted.id()));
    result(todos.update(OWNER, undated.id(), TodoPatch.NONE.withDeadline(DEADLINE)));
    Todo later = result(todos.create(OWNER, draft("created after the 202"), null)).todo();

    List<CalendarEntry> seen = result(jobs.todos(id, kept.id() - 1, 10_000));
    List<Long> ids = seen.stream().map(CalendarEntry::id).toList();
    assertTrue(ids.containsAll(List.of(kept.id(), deleted.id())), ids::toString);
    assertFalse(ids.contains(undated.id()), "it had no deadline then");
    assertFalse(ids.contains(later.id()), "created after the 202");
    assertEquals("kept as it was", seen.get(ids.indexOf(kept.id())).title());

    List<CalendarEntry> page = result(jobs.todos(id, kept.id(), 1));
    assertEquals(List.of(deleted.id()), page.stream().map(CalendarEntry::id).toList(), "a page starts after the given id");
    failure(Failures.INVALID, jobs.todos(id, 0, 0));

    // a worker's look, answered from what the submission read, sees the same
    assertEquals(result(jobs.todos(id, 0, StartedJob.FIRST_TODOS)), result(jobs.preview(id, "worker", 3)).todos());
  }

  @Test
  void aLookRightAfterTheAcceptanceNeedsNoReadAndTheOutcomesWriteStillChecks() throws Exception {
    result(todos.create(OWNER, draft("looked at once"), null));
    String id = result(jobs.submit(OWNER, null)).status().taskId();
    // cancelled behind this store's back, as another node's store would
    TestServices.execute(service.database, "UPDATE calendar_jobs SET status = 'CANCELLED', finished_at = now()"
        + " WHERE id = '" + id + "'");

    StartedJob seen = result(jobs.preview(id, "worker-a", 3));
    assertEquals(1, seen.attempt(), "the look kept from the submission knows nothing of the cancel");
    failure(Failures.CONFLICT, jobs.succeedAtOnce(id, "worker-a", Timestamps.format(seen.startedAt()), "late"));
    failure(Failures.CONFLICT, jobs.preview(id, "worker-a", 3)); // a second look reads PostgreSQL
    assertEquals(JobState.CANCELLED, result(jobs.status(OWNER, id)).state());
  }

  @Test
  void aFailedJobIsADeadLetterUntilRequeued() throws Exception {
    String id = result(jobs.submit(OWNER, null)).status().taskId();
    assertEquals(1, result(jobs.start(id, "worker-a", 1)).attempt());
    JobStatusView failed = result(jobs.fail(id, 1, "cannot be built"));
    assertEquals(JobState.FAILURE, failed.state());
    assertTrue(failed.isDeadLetter());
    assertEquals(failed, next(finished, id));
    assertTrue(result(jobs.deadLetters(100)).contains(failed));
    failure(Failures.CONFLICT, jobs.fail(id, 1, "twice"));

    JobStatusView back = result(jobs.requeue(id));
    assertEquals(JobState.PENDING, back.state());
    assertEquals(0, back.attempts());
    assertEquals(id, next(requeued, id).taskId());
    assertFalse(result(jobs.deadLetters(100)).stream().anyMatch(letter -> letter.taskId().equals(id)));
    failure(Failures.NOT_FOUND, jobs.requeue(id));
  }

  @Test
  void aJobOutOfAttemptsIsGivenUpWhenStartedAgain() throws Exception {
    String id = result(jobs.submit(OWNER, null)).status().taskId();
    assertEquals(1, result(jobs.start(id, "worker-that-dies", 1)).attempt());
    failure(Failures.CONFLICT, jobs.start(id, "worker-b", 1));
    JobStatusView gaveUp = next(finished, id);
    assertEquals(id, gaveUp.taskId());
    assertEquals(JobState.FAILURE, gaveUp.state());
    assertTrue(gaveUp.error().startsWith("Gave up after 1 attempts"), gaveUp.error());
    assertEquals(gaveUp, result(jobs.status(OWNER, id)));
  }

  @Test
  void submissionsThatArriveTogetherAreEachStoredAndQueued() throws Exception {
    List<io.vertx.core.Future<JobSubmitted>> submits = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) {
      submits.add(jobs.submit(OWNER, null));
    }
    List<String> ids = submits.stream().map(submit -> result(submit).status().taskId()).toList();
    assertEquals(60, new java.util.HashSet<>(ids).size(), "one job each");
    String queued = TestServices.queueContents(TestServices.REDIS_URL, service.redisPrefix);
    for (String id : ids) {
      assertEquals(JobState.PENDING, result(jobs.status(OWNER, id)).state());
      assertTrue(queued.contains(id), "queued: " + id);
    }
  }

  @Test
  void transitionsThatArriveTogetherAreEachRecordedForTheirOwnAttempt() {
    List<String> ids = java.util.stream.IntStream.range(0, 40)
        .mapToObj(i -> result(jobs.submit(OWNER, null)).status().taskId()).toList();
    List<io.vertx.core.Future<StartedJob>> starts = ids.stream().map(id -> jobs.start(id, "batch-worker", 3)).toList();
    starts.forEach(start -> assertEquals(1, result(start).attempt()));
    List<io.vertx.core.Future<JobStatusView>> retries = new java.util.ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      // every other one from an attempt that does not hold its job
      retries.add(jobs.retry(ids.get(i), i % 2 == 0 ? 1 : 2, "failure " + i, 60_000));
    }
    for (int i = 0; i < ids.size(); i++) {
      if (i % 2 == 0) {
        JobStatusView retry = result(retries.get(i));
        assertEquals(JobState.RETRY, retry.state());
        assertEquals("failure " + i, retry.error());
      } else {
        failure(Failures.CONFLICT, retries.get(i));
        assertEquals(JobState.STARTED, result(jobs.status(OWNER, ids.get(i))).state());
      }
    }
  }

  @Test
  void looksAndAtOnceWritesThatArriveTogetherAreEachAnsweredForTheirOwnJob() {
    result(todos.create(OWNER, draft("in every look"), null));
    List<String> ids = java.util.stream.IntStream.range(0, 30)
        .mapToObj(i -> result(jobs.submit(OWNER, null)).status().taskId()).toList();
    String cancelled = ids.get(17);
    result(jobs.cancel(OWNER, cancelled));
    // the first of each burst is written alone, the rest together, in one statement
    List<io.vertx.core.Future<StartedJob>> looks = ids.stream().map(id -> jobs.preview(id, "worker-" + id, 3)).toList();
    List<io.vertx.core.Future<JobStatusView>> outcomes = new java.util.ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i).equals(cancelled)) {
        failure(Failures.CONFLICT, looks.get(i));
        outcomes.add(jobs.succeedAtOnce(cancelled, "worker-" + cancelled, "2030-01-01T00:00:00", "late"));
        continue;
      }
      StartedJob seen = result(looks.get(i));
      assertEquals(1, seen.attempt());
      assertTrue(seen.todos().stream().anyMatch(todo -> todo.title().equals("in every look")), seen.todos()::toString);
      outcomes.add(jobs.succeedAtOnce(ids.get(i), "worker-" + ids.get(i), Timestamps.format(seen.startedAt()),
          "calendar of " + ids.get(i)));
    }
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (id.equals(cancelled)) {
        failure(Failures.CONFLICT, outcomes.get(i));
        assertEquals(JobState.CANCELLED, result(jobs.status(OWNER, id)).state());
        continue;
      }
      JobStatusView done = result(outcomes.get(i));
      assertEquals(id, done.taskId());
      assertEquals(JobState.SUCCESS, done.state());
      assertEquals("worker-" + id, done.worker());
      assertEquals("calendar of " + id, result(jobs.result(OWNER, id)).firstPart());
    }
  }

  @Test
  void aSubmitWithAKeyIsReplayed() {
    IdempotencyKey key = new IdempotencyKey.Value(UUID.randomUUID().toString(), "calendar");
    JobSubmitted first = result(jobs.submit(OWNER, key));
    JobSubmitted retry = result(jobs.submit(OWNER, key));
    assertTrue(retry.replayed());
    assertEquals(first.status(), retry.status());
  }

  @Test
  void aCancelledJobIsFinalSeesNoMoreTodosAndFencesOffItsAttempt() {
    result(todos.create(OWNER, draft("in a cancelled calendar"), null));
    String id = result(jobs.submit(OWNER, null)).status().taskId();
    int attempt = result(jobs.start(id, "test-worker", 3)).attempt();
    failure(Failures.NOT_FOUND, jobs.cancel("someone else", id));
    JobStatusView cancelled = result(jobs.cancel(OWNER, id));
    assertEquals(JobState.CANCELLED, cancelled.state());
    assertNotNull(cancelled.finishedAt());
    assertEquals(List.of(), result(jobs.todos(id, 0, 10)), "the running export's next page is its end");
    failure(Failures.CONFLICT, jobs.savePart(id, attempt, 0, "BEGIN:VCALENDAR\r\n"));
    failure(Failures.CONFLICT, jobs.succeed(id, attempt, 1, "END:VCALENDAR\r\n"));
    failure(Failures.CONFLICT, jobs.start(id, "test-worker", 3));
    String already = failure(Failures.CONFLICT, jobs.cancel(OWNER, id));
    assertTrue(already.contains("CANCELLED"), already);
    assertEquals(JobState.CANCELLED, result(jobs.status(OWNER, id)).state());
    failure(Failures.NOT_FOUND, jobs.cancel(OWNER, UUID.randomUUID().toString()));
  }

  @Test
  void unknownAndMalformedJobsAreNamedAsSuch() {
    String unknown = UUID.randomUUID().toString();
    failure(Failures.NOT_FOUND, jobs.status(OWNER, unknown));
    failure(Failures.NOT_FOUND, jobs.result(OWNER, unknown));
    failure(Failures.NOT_FOUND, jobs.requeue(unknown));
    failure(Failures.CONFLICT, jobs.start(unknown, "worker", 3));
    failure(Failures.INVALID, jobs.status(OWNER, "not-a-uuid"));
    failure(Failures.INVALID, jobs.start("not-a-uuid", "worker", 3));
    failure(Failures.INVALID, jobs.succeed("not-a-uuid", 1, 1, "calendar"));
    failure(Failures.CONFLICT, jobs.preview(unknown, "worker", 3));
    failure(Failures.INVALID, jobs.preview("not-a-uuid", "worker", 3));
    failure(Failures.INVALID, jobs.succeedAtOnce(unknown, "worker", "yesterday", "calendar"));
    failure(Failures.CONFLICT, jobs.succeedAtOnce(unknown, "worker", "2030-01-01T00:00:00", "calendar"));
    failure(Failures.NOT_FOUND, jobs.resultPart(OWNER, unknown, 1));
    assertEquals(List.of(), result(jobs.todos(unknown, 0, 10)), "an unknown job sees no todos");
  }

  @Test
  void healthSeesPostgresAndRedis() {
    StoreStatus status = result(StoreHealth.proxy(service.vertx(), 10_000).check());
    assertTrue(status.postgresUp());
    assertEquals("redis", status.broker());
    assertTrue(status.brokerUp());
  }

  @Test
  void aStoreWithoutItsDatabaseAnswers503AndSaysSo() {
    String nowhere = "postgresql://postgres@127.0.0.1:" + TestServices.freePort() + "/nowhere";
    RunningService orphan = result(RunningService.start(new JsonObject().put("roles", "store")
        .put("postgres", new JsonObject().put("url", nowhere))));
    try {
      failure(Failures.UNAVAILABLE, TodoStore.proxy(orphan.vertx(), 10_000).get(OWNER, 1));
      failure(Failures.UNAVAILABLE, JobStore.proxy(orphan.vertx(), 10_000).submit(OWNER, null));
      StoreStatus status = result(StoreHealth.proxy(orphan.vertx(), 10_000).check());
      assertFalse(status.postgresUp());
      assertEquals("redis", status.broker());
    assertTrue(status.brokerUp());
    } finally {
      result(orphan.stop());
    }
  }
}
