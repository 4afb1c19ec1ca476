package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.ApiClient.Reply;
import com.taskoverflow.support.EventStream;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.RunningService;
import com.taskoverflow.support.ServiceTest;
import com.taskoverflow.support.TestServices;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxTestContext;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/** The asynchronous calendar export end to end: HTTP → store → broker → worker → store → HTTP. */
class CalendarJobApiTest extends ServiceTest {

  private static final Duration LIMIT = Duration.ofSeconds(30);
  private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";


  private static JsonObject createTodo(ApiClient client, JsonObject todo) {
    Reply reply = client.post("/api/v1/todos", todo.encode());
    assertEquals(201, reply.status(), reply::toString);
    return reply.json();
  }

  private static Calendar download(ApiClient client, String resultUrl) throws Exception {
    Reply reply = client.get(resultUrl);
    assertEquals(200, reply.status(), reply::toString);
    assertEquals("text/calendar; charset=utf-8", reply.header("Content-Type"));
    assertTrue(reply.body().startsWith("BEGIN:VCALENDAR\r\n"));
    return new CalendarBuilder().build(new StringReader(reply.body()));
  }

  private static Set<String> uids(Calendar calendar) {
    Set<String> uids = new HashSet<>();
    for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
      uids.add(event.getUid().orElseThrow().getValue());
    }
    return uids;
  }

  private static String summaryOf(Calendar calendar, String uid) {
    return calendar.<VEvent>getComponents(Component.VEVENT).stream()
        .filter(event -> event.getUid().orElseThrow().getValue().equals(uid))
        .findFirst().orElseThrow().getSummary().getValue();
  }

  @Test
  void theSeedSessionWorks() throws Exception {
    JsonObject todo = createTodo(api, new JsonObject().put("title", "Project Proposal")
        .put("description", "CSSE6400 Project Proposal Due").put("deadline_at", "2023-04-03T14:00:00"));

    Reply accepted = api.post("/api/v1/todos/ical", "");
    assertEquals(202, accepted.status());
    JsonObject job = accepted.json();
    String taskId = job.getString("task_id");
    assertTrue(taskId.matches(UUID_PATTERN), taskId);
    String base = "http://127.0.0.1:" + service.port + "/api/v1/todos/ical/" + taskId;
    assertEquals(base + "/status", job.getString("task_url"));
    assertEquals(job.getString("task_url"), accepted.header("Location"));

    JsonObject status = Jobs.awaitFinal(api, job.getString("task_url"), LIMIT);
    assertEquals("SUCCESS", status.getString("task_status"));
    assertEquals(taskId, status.getString("task_id"));
    assertEquals(base + "/result", status.getString("result_url"));

    Calendar calendar = download(api, status.getString("result_url"));
    String uid = "todo-" + todo.getLong("id") + "@taskoverflow";
    assertTrue(uids(calendar).contains(uid));
    assertEquals("Project Proposal", summaryOf(calendar, uid));
  }

  @Test
  void todosWithoutADeadlineAreLeftOutNotAFailure() throws Exception {
    JsonObject undated = createTodo(api, new JsonObject().put("title", "someday"));
    JsonObject dated = createTodo(api, new JsonObject().put("title", "dated").put("deadline_at", "2031-01-01T00:00:00"));
    JsonObject status = Jobs.awaitFinal(api, Jobs.submit(api).getString("task_url"), LIMIT);
    assertEquals("SUCCESS", status.getString("task_status"));
    Set<String> uids = uids(download(api, status.getString("result_url")));
    assertTrue(uids.contains("todo-" + dated.getLong("id") + "@taskoverflow"));
    assertFalse(uids.contains("todo-" + undated.getLong("id") + "@taskoverflow"));
  }

  @Test
  void fiftyConcurrentJobsAllSucceed() throws Exception {
    createTodo(api, new JsonObject().put("title", "for the crowd").put("deadline_at", "2030-06-01T12:00:00"));
    ExecutorService clients = Executors.newFixedThreadPool(16);
    try {
      List<Future<JsonObject>> jobs = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        jobs.add(clients.submit(() -> Jobs.submit(api)));
      }
      Set<String> ids = new HashSet<>();
      for (Future<JsonObject> job : jobs) {
        JsonObject accepted = job.get(30, TimeUnit.SECONDS);
        ids.add(accepted.getString("task_id"));
        JsonObject status = Jobs.awaitFinal(api, accepted.getString("task_url"), LIMIT);
        assertEquals("SUCCESS", status.getString("task_status"), status::encode);
        assertEquals(1, status.getInteger("attempts"));
      }
      assertEquals(50, ids.size());
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void unknownAndMalformedTaskIdsAre404() {
    String unknown = UUID.randomUUID().toString();
    for (String id : List.of(unknown, "not-a-uuid", "12345", unknown.toUpperCase() + "0")) {
      for (String what : List.of("status", "result")) {
        Reply reply = api.get("/api/v1/todos/ical/" + id + "/" + what);
        assertEquals(404, reply.status(), reply::toString);
        assertNotNull(reply.error());
      }
    }
  }

  /** Only a trusted proxy's forwarded headers count (none is configured here): ForwardedHeadersTest. */
  @Test
  void urlsIgnoreForwardedHeadersFromAnUntrustedPeer() {
    Reply accepted = api.send("POST", "/api/v1/todos/ical", "",
        Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "todo.example.org"));
    assertEquals(202, accepted.status());
    String taskUrl = accepted.json().getString("task_url");
    assertTrue(taskUrl.startsWith("http://127.0.0.1:"), taskUrl);
    assertEquals(taskUrl, accepted.header("Location"));
  }

  @Test
  void aJobThatCannotBeBuiltEndsInFailureWithItsReason(VertxTestContext ctx) throws Exception {
    // A todo iCalendar cannot hold, written straight to PostgreSQL: no API input can make one.
    UUID id = UUID.randomUUID();
    TestServices.plantJobRow(service.database, id, TestServices.POISON_SNAPSHOT);
    service.queueJob(id).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

    JsonObject status = Jobs.awaitFinal(api, "/api/v1/todos/ical/" + id + "/status", LIMIT);
    assertEquals("FAILURE", status.getString("task_status"));
    assertTrue(status.getString("error").contains(TestServices.POISON_REASON), status::encode);
    Reply result = api.get("/api/v1/todos/ical/" + id + "/result");
    assertEquals(404, result.status());
    assertTrue(result.error().startsWith("Task failed"), result::toString);
    ctx.completeNow();
  }

  /** DELETE on a job: 202 CANCELLED; then 409, the result "Task cancelled", the events ending with it. */
  private static void cancel(ApiClient client, JsonObject job) {
    String taskId = job.getString("task_id");
    Reply cancelled = client.delete("/api/v1/todos/ical/" + taskId);
    assertEquals(202, cancelled.status(), cancelled::toString);
    assertEquals("CANCELLED", cancelled.json().getString("task_status"), cancelled::toString);
    Reply again = client.delete("/api/v1/todos/ical/" + taskId);
    assertEquals(409, again.status(), again::toString);
    assertTrue(again.error().contains("CANCELLED"), again::toString);
    Reply result = client.get("/api/v1/todos/ical/" + taskId + "/result");
    assertEquals(404, result.status());
    assertEquals("Task cancelled", result.error());
    Reply events = client.get("/api/v1/todos/ical/" + taskId + "/events");
    assertTrue(events.body().contains("event: CANCELLED"), events::toString);
  }

  /** The job is still CANCELLED, with no more attempts, once whatever was under way is over. */
  private static void staysCancelled(ApiClient client, JsonObject job, int attempts) {
    JsonObject status = client.get(job.getString("task_url")).json();
    assertEquals("CANCELLED", status.getString("task_status"), status::encode);
    assertEquals(attempts, status.getInteger("attempts"), status::encode);
  }

  @Test
  void aPendingJobIsCancelledAtOnceAndNoWorkerRunsIt(VertxTestContext ctx) throws Exception {
    RunningService.during(profile.copy().put("roles", "http,store"), noWorker -> {
      ApiClient client = noWorker.client();
      createTodo(client, new JsonObject().put("title", "never exported").put("deadline_at", "2030-01-01T09:00:00"));
      JsonObject job = Jobs.submit(client);
      cancel(client, job);
      noWorker.deploy(com.taskoverflow.config.Role.WORKER).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      JsonObject later = Jobs.submit(client); // queued behind the cancelled one
      assertEquals("SUCCESS", Jobs.awaitFinal(client, later.getString("task_url"), LIMIT).getString("task_status"));
      staysCancelled(client, job, 0);
    });
    ctx.completeNow();
  }

  @Test
  void aRetryingJobIsCancelledAndItsRetryNeverRuns(VertxTestContext ctx) throws Exception {
    RunningService.during(profile.copy()
        .put("jobs", new JsonObject().put("retry-base-ms", 1500).put("retry-max-ms", 1500)), slowRetries -> {
      ApiClient client = slowRetries.client();
      UUID id = UUID.randomUUID();
      TestServices.plantJobRow(slowRetries.database, id, TestServices.POISON_SNAPSHOT);
      slowRetries.queueJob(id).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      JsonObject job = new JsonObject().put("task_id", id.toString())
          .put("task_url", "/api/v1/todos/ical/" + id + "/status");
      Jobs.awaitState(client, job.getString("task_url"), "RETRY", LIMIT);
      cancel(client, job);
      Jobs.sleep(2_500); // past the retry's due time
      staysCancelled(client, job, 1);
    });
    ctx.completeNow();
  }

  @Test
  void aRunningJobIsCancelledAndItsLateOutcomeIsFencedOff(VertxTestContext ctx) throws Exception {
    RunningService.during(profile.copy()
        .put("worker", new JsonObject().put("simulated-work-ms", 1500)), slowWork -> {
      ApiClient client = slowWork.client();
      createTodo(client, new JsonObject().put("title", "half exported").put("deadline_at", "2030-01-01T09:00:00"));
      JsonObject job = Jobs.submit(client);
      Jobs.awaitState(client, job.getString("task_url"), "STARTED", LIMIT);
      cancel(client, job);
      Jobs.sleep(2_500); // the attempt's work is over: its SUCCESS came too late
      staysCancelled(client, job, 1);
      assertEquals(0, TestServices.count(slowWork.vertx(), slowWork.database,
          "SELECT count(*) FROM calendar_parts WHERE job_id = '" + job.getString("task_id") + "'"));
      JsonObject finished = Jobs.submit(client);
      String done = Jobs.awaitFinal(client, finished.getString("task_url"), LIMIT).getString("task_status");
      assertEquals("SUCCESS", done);
      Reply finishedAlready = client.delete("/api/v1/todos/ical/" + finished.getString("task_id"));
      assertEquals(409, finishedAlready.status(), finishedAlready::toString);
      assertEquals(404, client.delete("/api/v1/todos/ical/" + UUID.randomUUID()).status());
    });
    ctx.completeNow();
  }

  /**
   * A long job tells how far it is: PROGRESS events (the status with {@code progress}, done
   * growing to the total), and the same in its status while it runs.
   */
  @Test
  void aLongJobTellsItsProgressInItsEventsAndItsStatus(VertxTestContext ctx) throws Exception {
    RunningService.during(profile.copy(), own -> {
      int todos = 100_000;
      TestServices.execute(own.database, "INSERT INTO todos (owner, title, completed, deadline_at, created_at,"
          + " updated_at) SELECT '', 'todo ' || n, false, timestamp '2031-01-01' + n * interval '1 minute',"
          + " now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc' FROM generate_series(1, " + todos + ") AS n");
      ApiClient client = own.client();
      JsonObject job = Jobs.submit(client);
      List<JsonObject> told = new ArrayList<>();
      List<JsonObject> statusesWithProgress = new ArrayList<>();
      String last;
      try (EventStream stream = EventStream.open(job.getString("task_url").replace("/status", "/events"),
          java.util.Optional.empty())) {
        EventStream.Event event;
        do {
          event = stream.next(LIMIT).orElseThrow(() -> new AssertionError("the stream ended before the job"));
          if (event.type().equals("PROGRESS")) {
            assertEquals("STARTED", event.data().getString("task_status"), event.data()::encode);
            told.add(event.data().getJsonObject("progress"));
            JsonObject status = client.get(job.getString("task_url")).json();
            if (status.containsKey("progress")) {
              statusesWithProgress.add(status);
            }
          }
        } while (!Jobs.FINAL.contains(event.type()));
        last = event.type();
      }
      assertEquals("SUCCESS", last);
      assertFalse(told.isEmpty(), "a job of " + todos + " todos told no progress");
      long previous = 0;
      for (JsonObject progress : told) {
        assertEquals(todos, progress.getLong("total"), progress::encode);
        assertTrue(progress.getLong("done") > previous && progress.getLong("done") <= todos, told::toString);
        previous = progress.getLong("done");
      }
      assertFalse(statusesWithProgress.isEmpty(), "no status call saw the progress: " + told);
      statusesWithProgress.forEach(status -> assertEquals("STARTED", status.getString("task_status")));
      assertFalse(client.get(job.getString("task_url")).json().containsKey("progress"), "none once finished");
    });
    ctx.completeNow();
  }

  /**
   * Without a worker, jobs wait as PENDING (and their result is "not finished"); the calendar is
   * the snapshot taken at the 202, whatever happens to the todos afterwards; and a worker that
   * starts later does the waiting jobs.
   */
  @Test
  void jobsWaitForAWorkerAndKeepTheirSnapshot(VertxTestContext ctx) throws Exception {
    RunningService.during(profile.copy().put("roles", "http,store"), noWorker -> {
      ApiClient client = noWorker.client();
      JsonObject edited = createTodo(client, new JsonObject().put("title", "as accepted")
          .put("deadline_at", "2030-01-01T09:00:00"));
      JsonObject deleted = createTodo(client, new JsonObject().put("title", "deleted later")
          .put("deadline_at", "2030-01-02T09:00:00"));
      JsonObject job = Jobs.submit(client);

      JsonObject created = createTodo(client, new JsonObject().put("title", "created later")
          .put("deadline_at", "2030-01-03T09:00:00"));
      assertEquals(200, client.put("/api/v1/todos/" + edited.getLong("id"), "{\"title\": \"edited later\"}").status());
      assertEquals(200, client.delete("/api/v1/todos/" + deleted.getLong("id")).status());

      JsonObject pending = client.get(job.getString("task_url")).json();
      assertEquals("PENDING", pending.getString("task_status"));
      Reply notFinished = client.get(pending.getString("result_url"));
      assertEquals(404, notFinished.status());
      assertEquals("Task not finished", notFinished.error());

      noWorker.deploy(com.taskoverflow.config.Role.WORKER)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      JsonObject status = Jobs.awaitFinal(client, job.getString("task_url"), LIMIT);
      assertEquals("SUCCESS", status.getString("task_status"));
      Calendar calendar = download(client, status.getString("result_url"));
      String editedUid = "todo-" + edited.getLong("id") + "@taskoverflow";
      assertEquals(Set.of(editedUid, "todo-" + deleted.getLong("id") + "@taskoverflow"), uids(calendar));
      assertEquals("as accepted", summaryOf(calendar, editedUid));
      assertFalse(uids(calendar).contains("todo-" + created.getLong("id") + "@taskoverflow"));
    });
    ctx.completeNow();
  }
}
