package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.ApiClient.Reply;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.Outcomes;
import com.taskoverflow.support.PrivateRedis;
import com.taskoverflow.support.RunningService;
import com.taskoverflow.support.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Idempotent submission, health, admin access, job time limit, retention: each with its own service. */
@ExtendWith(VertxExtension.class)
class ReliabilityApiTest {

  private RunningService service;

  private ApiClient start(JsonObject overrides) throws Exception {
    service = RunningService.start(overrides).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return service.client();
  }

  @AfterEach
  void stop() throws Exception {
    if (service != null) {
      service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static Reply post(ApiClient api, String path, String body, String key) {
    return api.send("POST", path, body, Map.of("Content-Type", "application/json", "Idempotency-Key", key));
  }

  private long count(Vertx vertx, String sql) throws Exception {
    return TestServices.count(vertx, service.database, sql);
  }

  @Test
  void aRetriedCreateWithTheSameKeyReturnsTheFirstAnswerAndCreatesNothing(Vertx vertx) throws Exception {
    ApiClient api = start(new JsonObject());
    String body = new JsonObject().put("title", "once only").encode();
    Reply first = post(api, "/api/v1/todos", body, "create-1");
    Reply retry = post(api, "/api/v1/todos", body, "create-1");
    assertEquals(201, first.status());
    assertEquals(201, retry.status());
    assertEquals(first.json(), retry.json());
    assertNull(first.header("Idempotent-Replayed"));
    assertEquals("true", retry.header("Idempotent-Replayed"));
    assertEquals(1, count(vertx, "SELECT count(*) FROM todos"));

    assertEquals(201, post(api, "/api/v1/todos", body, "create-2").status(), "another key, another todo");
    assertEquals(2, count(vertx, "SELECT count(*) FROM todos"));

    Reply reused = post(api, "/api/v1/todos", new JsonObject().put("title", "something else").encode(), "create-1");
    assertEquals(422, reused.status(), reused::toString);
    assertEquals(400, post(api, "/api/v1/todos", body, "x".repeat(256)).status());
    assertEquals(400, post(api, "/api/v1/todos", body, "tab\tkey").status());
  }

  @Test
  void aRetriedSubmitWithTheSameKeyReturnsTheSameJob(Vertx vertx) throws Exception {
    ApiClient api = start(new JsonObject());
    Reply first = post(api, "/api/v1/todos/ical", "", "export-1");
    Reply retry = post(api, "/api/v1/todos/ical", "", "export-1");
    assertEquals(202, first.status());
    assertEquals(202, retry.status());
    assertEquals(first.json().getString("task_id"), retry.json().getString("task_id"));
    assertEquals("true", retry.header("Idempotent-Replayed"));
    assertEquals("SUCCESS", Jobs.awaitFinal(api, retry.json().getString("task_url"), Duration.ofSeconds(30))
        .getString("task_status"));
    assertEquals(1, count(vertx, "SELECT count(*) FROM calendar_jobs"));
  }

  @Test
  void healthReportsWhatTheNodeDependsOn() throws Exception {
    ApiClient api = start(new JsonObject());
    JsonObject health = api.get("/api/v1/health").json();
    assertEquals("ok", health.getString("status"));
    assertEquals("up", health.getString("postgres"));
    assertEquals("up", health.getString("redis"));
    assertEquals(false, health.getJsonObject("cluster").getBoolean("enabled"));
  }

  @Test
  void whileRedisIsAwayJobsAreAcceptedHeldAndQueuedInOrderOnceItAnswers(Vertx vertx) throws Exception {
    try (PrivateRedis redis = new PrivateRedis()) { // not started yet: Redis is away
      // No worker yet: what the relay queues stays in the stream, in its order, to be read.
      ApiClient api = start(new JsonObject().put("roles", "http,store")
          .put("redis", new JsonObject().put("url", redis.url())));
      // Each answer comes quickly: a request not answered within the limit fails the test.
      ApiClient quick = api.within(Duration.ofSeconds(5));
      List<String> accepted = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Reply submit = quick.post("/api/v1/todos/ical", "");
        assertEquals(202, submit.status(), submit::toString);
        accepted.add(submit.json().getString("task_id"));
      }
      Reply keyed = post(quick, "/api/v1/todos/ical", "", "while-away");
      Reply replayed = post(quick, "/api/v1/todos/ical", "", "while-away");
      assertEquals(202, keyed.status(), keyed::toString);
      assertEquals(keyed.json().getString("task_id"), replayed.json().getString("task_id"));
      assertEquals("true", replayed.header("Idempotent-Replayed"));
      accepted.add(keyed.json().getString("task_id"));
      assertEquals(201, api.post("/api/v1/todos", "{\"title\": \"todos still work\"}").status());

      assertEquals(6, count(vertx, "SELECT count(*) FROM calendar_jobs WHERE held IS NOT NULL"), "held in PostgreSQL");
      assertEquals("PENDING", api.get(keyed.json().getString("task_url")).json().getString("task_status"));
      Reply health = api.get("/api/v1/health");
      assertEquals(200, health.status(), "the node still serves");
      assertEquals("degraded", health.json().getString("status"));
      assertEquals("down", health.json().getString("redis"));
      assertEquals("up", health.json().getString("postgres"));

      redis.start();
      String stream = service.redisPrefix + "calendar-jobs";
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (!"6".equals(redis.cli("XLEN", stream)) && System.nanoTime() < deadline) {
        Jobs.sleep(50);
      }
      assertEquals(accepted, taskIds(redis.cli("XRANGE", stream, "-", "+")), "queued once each, in order of acceptance");
      assertEquals(0, count(vertx, "SELECT count(*) FROM calendar_jobs WHERE held IS NOT NULL"));
      assertEquals("ok", api.get("/api/v1/health").json().getString("status"));

      service.deploy(com.taskoverflow.config.Role.WORKER).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      List<String> urls = accepted.stream().map(id -> "/api/v1/todos/ical/" + id + "/status").toList();
      assertEquals(6, Outcomes.awaitAllSucceeded(api, urls, Duration.ofSeconds(30))[0]);
      Reply after = quick.post("/api/v1/todos/ical", "");
      assertEquals("SUCCESS", Jobs.awaitFinal(api, after.json().getString("task_url"), Duration.ofSeconds(20))
          .getString("task_status"), "and straight to the queue again");
    }
  }

  /** The task ids in a reply, in its order. */
  private static List<String> taskIds(String reply) {
    java.util.regex.Matcher uuids = java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f-]{27}").matcher(reply);
    List<String> ids = new ArrayList<>();
    while (uuids.find()) {
      ids.add(uuids.group());
    }
    return ids;
  }

  @Test
  void withoutPostgresTheApiAnswers503UntilItComes(Vertx vertx) throws Exception {
    String nowhere = "postgresql://postgres@127.0.0.1:" + TestServices.freePort() + "/nothing";
    ApiClient api = start(new JsonObject().put("postgres", new JsonObject().put("url", nowhere)));
    ApiClient quick = api.within(Duration.ofSeconds(3)); // 503s come quickly, not after a time-out
    Reply list = quick.get("/api/v1/todos");
    assertEquals(503, list.status(), list::toString);
    assertTrue(list.error().contains("PostgreSQL"), list::toString);
    assertEquals(503, quick.post("/api/v1/todos/ical", "").status());
    Reply health = api.get("/api/v1/health");
    assertEquals(503, health.status());
    assertEquals("down", health.json().getString("postgres"));
  }

  @Test
  void aSlowButLiveWorkerKeepsItsJob() throws Exception {
    // Jobs outlast the visibility timeout several times over; a second worker stands ready to claim.
    ApiClient api = start(new JsonObject().put("worker", new JsonObject()
        .put("visibility-timeout-ms", 1000).put("simulated-work-ms", 3500)));
    service.deploy(com.taskoverflow.config.Role.WORKER).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    JsonObject status = Jobs.awaitFinal(api, Jobs.submit(api).getString("task_url"), Duration.ofSeconds(30));
    assertEquals("SUCCESS", status.getString("task_status"));
    assertEquals(1, status.getInteger("attempts"), "the claim was renewed, nobody took the job over");
  }

  @Test
  void aJobDeliveredOverAConnectionThatBrokeIsTakenUpAtOnce() throws Exception {
    try (PrivateRedis redis = new PrivateRedis().start()) {
      ApiClient api = start(new JsonObject().put("redis", new JsonObject().put("url", redis.url())));
      String stream = service.redisPrefix + "calendar-jobs";
      // The status names the worker that ran a job: its consumer name in the group.
      String consumer = Jobs.awaitFinal(api, Jobs.submit(api).getString("task_url"), Duration.ofSeconds(20))
          .getString("worker");
      UUID id = UUID.randomUUID();
      TestServices.plantJobRow(service.database, id, "[]");
      // Redis hands the entry to the worker's consumer, but the reply never reaches the worker:
      // the entry is the worker's in the group, unseen, as when a reply is lost with its connection.
      deliverUnseen(redis, stream, id, consumer);
      redis.cli("CLIENT", "KILL", "TYPE", "normal");

      // Far sooner than the visibility timeout (60 s) after which another worker would claim it.
      JsonObject status = Jobs.awaitFinal(api, "/api/v1/todos/ical/" + id + "/status", Duration.ofSeconds(20));
      assertEquals("SUCCESS", status.getString("task_status"));
      assertEquals(1, status.getInteger("attempts"));
    }
  }

  /** Queues a job and delivers it to {@code consumer} in one step, so no reader in the group sees it. */
  private static void deliverUnseen(PrivateRedis redis, String stream, UUID id, String consumer) {
    String delivered = redis.cli("EVAL", "local id = redis.call('XADD', KEYS[1], '*', 'task_id', ARGV[1]) "
        + "redis.call('XREADGROUP', 'GROUP', ARGV[2], ARGV[3], 'COUNT', '1', 'STREAMS', KEYS[1], '>') "
        + "return id", "1", stream, id.toString(), "calendar-workers", consumer);
    assertFalse(delivered.startsWith("-"), delivered);
  }

  /** Now on the Redis clock, in milliseconds. */
  private static long redisMillis(PrivateRedis redis) {
    java.util.regex.Matcher numbers = java.util.regex.Pattern.compile("[0-9]+").matcher(redis.cli("TIME"));
    assertTrue(numbers.find());
    long seconds = Long.parseLong(numbers.group());
    assertTrue(numbers.find());
    return seconds * 1000 + Long.parseLong(numbers.group()) / 1000;
  }

  /** A worker's last heartbeat, on the Redis clock; 0 if it has none. */
  private static long heartbeat(PrivateRedis redis, String heartbeats, String worker) {
    java.util.regex.Matcher score = java.util.regex.Pattern.compile("[0-9]+").matcher(
        redis.cli("ZSCORE", heartbeats, worker));
    return score.find() ? Long.parseLong(score.group()) : 0;
  }

  @Test
  void workersThatDiedWithoutAGoodbyeLeaveTheGroupOnceTheyHoldNothing() throws Exception {
    try (PrivateRedis redis = new PrivateRedis().start()) {
      ApiClient api = start(new JsonObject()
          .put("redis", new JsonObject().put("url", redis.url()))
          .put("worker", new JsonObject().put("visibility-timeout-ms", 1000))
          .put("jobs", new JsonObject().put("sweep-interval-ms", 300)));
      String live = Jobs.awaitFinal(api, Jobs.submit(api).getString("task_url"), Duration.ofSeconds(20))
          .getString("worker");
      String stream = service.redisPrefix + "calendar-jobs";
      // One worker died idle, another died holding a job.
      assertEquals("1", redis.cli("XGROUP", "CREATECONSUMER", stream, "calendar-workers", "died-idle"));
      UUID held = UUID.randomUUID();
      TestServices.plantJobRow(service.database, held, "[]");
      deliverUnseen(redis, stream, held, "died-holding");

      JsonObject status = Jobs.awaitFinal(api, "/api/v1/todos/ical/" + held + "/status", Duration.ofSeconds(20));
      assertEquals("SUCCESS", status.getString("task_status"), "the live worker claimed the job");
      assertEquals(live, status.getString("worker"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      String consumers;
      while ((consumers = redis.cli("XINFO", "CONSUMERS", stream, "calendar-workers")).contains("died-")) {
        assertTrue(System.nanoTime() < deadline, "departed workers still in the group: " + consumers);
        Jobs.sleep(100);
      }
      // Sweeps go on, past the time after which a silent worker counts as departed, with the live
      // worker idle: its heartbeats, on the Redis clock, show that much time going by with it
      // alive. That time is the dead-after (3 s), not the visibility timeout of 1 s, which is no
      // longer than a heartbeat's period: one heartbeat late would make it look departed.
      long gone = redisMillis(redis);
      String heartbeats = service.redisPrefix + "calendar-jobs:workers";
      while (heartbeat(redis, heartbeats, live) < gone + 3000 + 2 * 300) {
        assertTrue(System.nanoTime() < deadline, "no heartbeat from the live worker: " + heartbeat(redis, heartbeats, live));
        Jobs.sleep(100);
      }
      consumers = redis.cli("XINFO", "CONSUMERS", stream, "calendar-workers");
      assertTrue(consumers.contains("name, " + live + ","), "a live worker, even idle, keeps its name: " + consumers);
      assertEquals("SUCCESS", Jobs.awaitFinal(api, Jobs.submit(api).getString("task_url"), Duration.ofSeconds(20))
          .getString("task_status"), "the live worker still takes jobs");
    }
  }

  @Test
  void adminCallsNeedTheTokenWhenOneIsSet() throws Exception {
    ApiClient api = start(new JsonObject().put("http", new JsonObject().put("admin-token", "s3cret")));
    assertEquals(401, api.get("/api/v1/admin/dead-letters").status());
    assertEquals(401, api.send("GET", "/api/v1/admin/dead-letters", (String) null,
        Map.of("Authorization", "Bearer wrong")).status());
    Reply allowed = api.send("GET", "/api/v1/admin/dead-letters", (String) null,
        Map.of("Authorization", "Bearer s3cret"));
    assertEquals(200, allowed.status(), allowed::toString);
    assertEquals(0, allowed.json().getJsonArray("dead_letters").size());
    assertEquals(400, api.send("GET", "/api/v1/admin/dead-letters?limit=0", (String) null,
        Map.of("Authorization", "Bearer s3cret")).status());
    assertEquals(404, api.send("POST", "/api/v1/admin/dead-letters/" + UUID.randomUUID() + "/requeue", "",
        Map.of("Authorization", "Bearer s3cret")).status());
  }

  @Test
  void aJobPastItsTimeLimitIsAbandonedAsAFailedAttempt() throws Exception {
    ApiClient api = start(new JsonObject()
        .put("worker", new JsonObject().put("simulated-work-ms", 5000))
        .put("jobs", new JsonObject().put("timeout-ms", 300).put("max-attempts", 2).put("retry-base-ms", 50)
            .put("retry-max-ms", 100)));
    JsonObject status = Jobs.awaitFinal(api, Jobs.submit(api).getString("task_url"), Duration.ofSeconds(30));
    assertEquals("FAILURE", status.getString("task_status"));
    assertEquals(2, status.getInteger("attempts"));
    assertEquals("Timed out after 300 ms", status.getString("error"));
    assertNotNull(status.getString("dead_lettered_at"));
  }

  @Test
  void finishedJobsExpireAfterTheRetentionAndArePurged(Vertx vertx) throws Exception {
    ApiClient api = start(new JsonObject()
        .put("jobs", new JsonObject().put("retention-ms", 2000).put("sweep-interval-ms", 300)));
    JsonObject job = Jobs.submit(api);
    JsonObject status = Jobs.awaitFinal(api, job.getString("task_url"), Duration.ofSeconds(30));
    assertEquals("SUCCESS", status.getString("task_status"));
    assertEquals(200, api.get(status.getString("result_url")).status());

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (api.get(job.getString("task_url")).status() != 404) {
      assertTrue(System.nanoTime() < deadline, "still readable long after its retention");
      Jobs.sleep(100);
    }
    assertEquals(404, api.get(status.getString("result_url")).status());
    while (count(vertx, "SELECT count(*) FROM calendar_jobs") > 0) {
      assertTrue(System.nanoTime() < deadline, "expired row never purged");
      Jobs.sleep(200);
    }
  }
}
