package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.config.Role;
import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.EventStream;
import com.taskoverflow.support.EventStream.Event;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.RunningService;
import com.taskoverflow.support.TestServices;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /todos/ical/{id}/events}: a job's states pushed as they happen, as Server-Sent Events. */
class JobEventsApiTest {

  private static final Duration LIMIT = Duration.ofSeconds(20);
  private RunningService service;
  private ApiClient api;

  /** No worker at first: the test decides when the job may run. */
  @BeforeEach
  void start() throws Exception {
    service = RunningService.start(new JsonObject().put("roles", "http,store"))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    api = service.client();
  }

  @AfterEach
  void stop() throws Exception {
    service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private String eventsUrl(JsonObject job) {
    return job.getString("task_url").replace("/status", "/events");
  }

  private static List<Event> untilEnd(EventStream stream) throws InterruptedException {
    List<Event> events = new ArrayList<>();
    for (Optional<Event> event = stream.next(LIMIT); event.isPresent(); event = stream.next(LIMIT)) {
      events.add(event.get());
    }
    return events;
  }

  @Test
  void theStreamStartsWithTheCurrentStateAndEndsAfterTheFinalOne() throws Exception {
    JsonObject job = Jobs.submit(api);
    try (EventStream stream = EventStream.open(eventsUrl(job), Optional.empty())) {
      assertEquals(200, stream.status);
      assertTrue(stream.contentType.startsWith("text/event-stream"), stream.contentType);
      Event pending = stream.next(LIMIT).orElseThrow();
      assertEquals("PENDING", pending.type());
      assertEquals(0, pending.id());
      JsonObject status = api.get(job.getString("task_url")).json();
      assertEquals(status, pending.data(), "an event carries what the status call answers");

      service.deploy(Role.WORKER).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      List<Event> rest = untilEnd(stream);
      assertEquals(List.of("STARTED", "SUCCESS"), rest.stream().map(Event::type).toList());
      assertEquals(List.of(1L, 2L), rest.stream().map(Event::id).toList());
      assertEquals("SUCCESS", rest.get(1).data().getString("task_status"));
      assertEquals(status.getString("result_url"), rest.get(1).data().getString("result_url"));
    }
  }

  @Test
  void aClientThatReconnectsGetsOnlyWhatItHasNotSeen() throws Exception {
    service.deploy(Role.WORKER).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    JsonObject job = Jobs.submit(api);
    Jobs.awaitFinal(api, job.getString("task_url"), LIMIT);

    try (EventStream fresh = EventStream.open(eventsUrl(job), Optional.empty())) {
      assertEquals(List.of("SUCCESS"), untilEnd(fresh).stream().map(Event::type).toList(),
          "a finished job's stream is its final state");
    }
    try (EventStream resumed = EventStream.open(eventsUrl(job), Optional.of(1L))) {
      assertEquals(List.of(2L), untilEnd(resumed).stream().map(Event::id).toList());
    }
    try (EventStream caughtUp = EventStream.open(eventsUrl(job), Optional.of(2L))) {
      assertEquals(List.of(), untilEnd(caughtUp), "nothing new: the stream ends at once");
    }
  }

  /** A client that says it has seen past the final event gets nothing more, and its stream ends with the job. */
  @Test
  void aLastEventIdPastTheEndStillEndsTheStreamWhenTheJobEnds() throws Exception {
    JsonObject job = Jobs.submit(api);
    try (EventStream ahead = EventStream.open(eventsUrl(job), Optional.of(JobEventStream.IDS_PER_LIFE * 5))) {
      assertEquals(200, ahead.status);
      service.deploy(Role.WORKER).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertEquals(List.of(), untilEnd(ahead), "nothing it has not seen; the end comes with the job's");
    }
  }

  /** A dead letter put back runs a new life: its events go on from where the old ones ended. */
  @Test
  void aClientResumingAcrossARequeueGetsTheNewLife() throws Exception {
    service.deploy(Role.WORKER).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    UUID id = UUID.randomUUID();
    TestServices.plantJobRow(service.database, id, TestServices.POISON_SNAPSHOT);
    service.queueJob(id).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    String statusUrl = "http://127.0.0.1:" + service.port + "/api/v1/todos/ical/" + id + "/status";
    assertEquals("FAILURE", Jobs.awaitFinal(api, statusUrl, LIMIT).getString("task_status"));
    long failed;
    try (EventStream ended = EventStream.open(statusUrl.replace("/status", "/events"), Optional.empty())) {
      failed = untilEnd(ended).get(0).id();
    }

    TestServices.repairSnapshot(service.database, id);
    assertEquals(202, api.post("/api/v1/admin/dead-letters/" + id + "/requeue", "").status());
    try (EventStream resumed = EventStream.open(statusUrl.replace("/status", "/events"), Optional.of(failed))) {
      List<Event> events = untilEnd(resumed);
      assertFalse(events.isEmpty(), "the new life's states reach a client that saw the old one end");
      assertTrue(events.stream().allMatch(event -> event.id() > failed), events::toString);
      assertEquals("SUCCESS", events.get(events.size() - 1).type());
      assertEquals(1, events.get(events.size() - 1).data().getInteger("requeues"));
    }
  }

  @Test
  void anUnknownJobIs404() throws Exception {
    try (EventStream stream = EventStream.open("http://127.0.0.1:" + service.port + "/api/v1/todos/ical/"
        + UUID.randomUUID() + "/events", Optional.empty())) {
      assertEquals(404, stream.status);
      assertTrue(stream.contentType.startsWith("application/json"), stream.contentType);
    }
  }
}
