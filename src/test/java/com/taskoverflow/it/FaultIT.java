package com.taskoverflow.it;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.ApiClient.Reply;
import com.taskoverflow.support.Fleet;
import com.taskoverflow.support.JarProcess;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.Outcomes;
import com.taskoverflow.support.PrivatePostgres;
import com.taskoverflow.support.PrivateRedis;
import com.taskoverflow.support.SubmitLoad;
import com.taskoverflow.support.TestServices;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Faults injected into a running service (the jar, in its own JVM): Redis restarted, Redis
 * flushed, PostgreSQL stopped, a job that always fails. Services that a test breaks are private
 * instances on free loopback ports, never the machine's own. Each test prints its figures.
 */
class FaultIT {

  private static final Duration LIMIT = Duration.ofSeconds(120);
  /** Jobs take a little while, so some are always in flight when the fault strikes. */
  private static final Map<String, String> SLOW_JOBS = Map.of(
      "TASKOVERFLOW_WORKER_SIMULATED_WORK_MS", "30",
      "TASKOVERFLOW_REQUEST_TIMEOUT_MS", "3000");

  private static JarProcess startService(Fleet fleet) throws Exception {
    JarProcess service = fleet.start("service", Map.of(), "--roles", "http,store,worker");
    service.awaitStarted();
    return service;
  }

  /** Once every job is done, the queue must empty: nothing is left to run twice. */
  private static long awaitQueueEmpty(String redisUrl, String prefix) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long left;
    while ((left = TestServices.queued(redisUrl, prefix)) > 0 && System.nanoTime() < deadline) {
      Jobs.sleep(100);
    }
    return left;
  }

  @Test
  void redisStoppedForFiveSecondsMidLoadRefusesNoSubmission() throws Exception {
    try (PrivateRedis redis = new PrivateRedis().start();
         Fleet fleet = new Fleet(Map.of("TASKOVERFLOW_REDIS_URL", redis.url()))) {
      JarProcess service = fleet.start("service", SLOW_JOBS, "--roles", "http,store,worker");
      service.awaitStarted();
      ApiClient api = fleet.api();
      List<String> accepted;
      SubmitLoad load = new SubmitLoad(api, 4);
      int acceptedWhileDown;
      try {
        Jobs.sleep(1500);
        redis.stop();
        int before = load.answered(202);
        Jobs.sleep(5000);
        acceptedWhileDown = load.answered(202) - before;
        redis.start();
        Jobs.sleep(2500);
      } finally {
        accepted = load.stop();
      }
      int[] outcome = Outcomes.awaitAllSucceeded(api, accepted, LIMIT);
      long left = awaitQueueEmpty(redis.url(), fleet.redisPrefix);
      System.out.println("Redis stopped 5 s: " + Outcomes.figures(accepted, outcome, left) + "; accepted while down "
          + acceptedWhileDown + ", refused " + load.refused());
      assertEquals(0, load.refused(), () -> "every submission 202: " + load.answers());
      assertTrue(acceptedWhileDown > 0, "submissions went on while Redis was down");
      assertTrue(service.output().contains("holding jobs in PostgreSQL"), "the outage was seen and jobs held");
      assertTrue(service.output().contains("held job(s) on the redis job queue"), "the relay logs what it queued");
      assertEquals(0, left, () -> TestServices.queueContents(redis.url(), fleet.redisPrefix));
      // and afterwards, business as usual
      assertEquals("SUCCESS", Jobs.awaitFinal(api, Jobs.submit(api).getString("task_url"), LIMIT).getString("task_status"));
    }
  }

  @Test
  void redisFlushedMidLoad() throws Exception {
    try (PrivateRedis redis = new PrivateRedis().start();
         Fleet fleet = new Fleet(Map.of("TASKOVERFLOW_REDIS_URL", redis.url()))) {
      fleet.start("service", Map.of("TASKOVERFLOW_WORKER_SIMULATED_WORK_MS", "200",
          "TASKOVERFLOW_WORKER_CONCURRENCY", "4"), "--roles", "http,store,worker").awaitStarted();
      ApiClient api = fleet.api();
      List<String> accepted;
      SubmitLoad load = new SubmitLoad(api, 4);
      long queuedAtFlush;
      try {
        Jobs.sleep(2000);
        queuedAtFlush = TestServices.queued(redis.url(), fleet.redisPrefix);
        assertEquals("OK", redis.cli("FLUSHALL"));
        Jobs.sleep(2000);
      } finally {
        accepted = load.stop();
      }
      int[] outcome = Outcomes.awaitAllSucceeded(api, accepted, LIMIT);
      long left = awaitQueueEmpty(redis.url(), fleet.redisPrefix);
      System.out.println("Redis flushed: " + Outcomes.figures(accepted, outcome, left) + "; queued when flushed " + queuedAtFlush);
      assertEquals(0, left);
      assertTrue(queuedAtFlush > 0, "the flush hit queued jobs");
      assertTrue(fleet.processes().get(0).output().contains("queued"), "the reconciler logs its repair");
    }
  }

  @Test
  void postgresStoppedMidLoad() throws Exception {
    try (PrivatePostgres postgres = new PrivatePostgres().start();
         Fleet fleet = new Fleet(Map.of("TASKOVERFLOW_PG_URL", postgres.url("taskoverflow")))) {
      fleet.start("service", SLOW_JOBS, "--roles", "http,store,worker").awaitStarted();
      ApiClient api = fleet.api();
      assertEquals(201, api.post("/api/v1/todos", "{\"title\": \"t\", \"deadline_at\": \"2030-01-01T00:00:00\"}").status());
      List<String> accepted;
      SubmitLoad load = new SubmitLoad(api, 4);
      int readsDuringOutage;
      long slowestRead = 0;
      try {
        Jobs.sleep(1500);
        postgres.stop();
        readsDuringOutage = 0;
        long outageEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < outageEnds) {
          long before = System.nanoTime();
          Reply read = api.get("/api/v1/todos");
          slowestRead = Math.max(slowestRead, System.nanoTime() - before);
          assertEquals(503, read.status(), read::toString);
          assertNotNull(read.error());
          readsDuringOutage++;
          Jobs.sleep(100);
        }
        postgres.start();
        Jobs.sleep(2500);
      } finally {
        accepted = load.stop();
      }
      assertEquals(200, api.get("/api/v1/todos").status(), "back without restarting the JVM");
      int[] outcome = Outcomes.awaitAllSucceeded(api, accepted, LIMIT);
      long left = awaitQueueEmpty(TestServices.REDIS_URL, fleet.redisPrefix);
      System.out.println("PostgreSQL stopped 3 s: " + Outcomes.figures(accepted, outcome, left) + "; refused with 503 "
          + load.answered(503) + "; reads during the outage " + readsDuringOutage + " x 503, slowest "
          + TimeUnit.NANOSECONDS.toMillis(slowestRead) + " ms");
      assertEquals(0, left);
      assertTrue(load.answered(503) > 0, "the outage was seen");
      assertEquals(load.answered(202) + load.answered(503), load.answers().values().stream().mapToInt(c -> c.get()).sum(),
          "only 202 or 503: " + load.answers());
      assertTrue(slowestRead < TimeUnit.SECONDS.toNanos(3), "503 comes quickly");
    }
  }

  @Test
  void sigtermLetsTheRequestInFlightFinishThenExitsZero() throws Exception {
    try (Fleet fleet = new Fleet(Map.of())) {
      JarProcess service = startService(fleet);
      byte[] body = "{\"title\": \"sent slowly across a shutdown\"}".getBytes(StandardCharsets.UTF_8);
      int half = body.length / 2;
      try (Socket socket = new Socket("127.0.0.1", fleet.httpPort)) {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        // The request line, the headers and half the body are written before the SIGTERM: the
        // request is in flight, and the rest of its body arrives while the service stops.
        out.write(("POST /api/v1/todos HTTP/1.1\r\nHost: 127.0.0.1:" + fleet.httpPort
            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, half);
        out.flush();
        Jobs.sleep(500);
        CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> {
          Jobs.sleep(1500);
          try {
            out.write(body, half, body.length - half);
            out.flush();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        long before = System.nanoTime();
        // The stop must wait for the request, not for the client's idle connection (15 s): a JVM
        // still running after 10 s fails the test.
        int exit = service.terminate(Duration.ofSeconds(10));
        long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
        rest.get(5, TimeUnit.SECONDS);
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        System.out.println("SIGTERM with a request in flight: answered " + answer.lines().findFirst().orElse("nothing")
            + ", exit " + exit + " after " + stopMillis + " ms");
        assertTrue(answer.startsWith("HTTP/1.1 201 "), answer);
        assertEquals("sent slowly across a shutdown",
            new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4)).getString("title"));
        assertEquals(0, exit);
      }
    }
  }

  @Test
  void aJobThatAlwaysFailsIsRetriedThenDeadLetteredThenRequeued() throws Exception {
    try (Fleet fleet = new Fleet(Map.of(
        "TASKOVERFLOW_JOBS_MAX_ATTEMPTS", "3",
        "TASKOVERFLOW_JOBS_RETRY_BASE_MS", "300",
        "TASKOVERFLOW_JOBS_RETRY_MAX_MS", "1000"))) {
      startService(fleet);
      ApiClient api = fleet.api();
      UUID id = UUID.randomUUID();
      TestServices.plantJob(fleet.database, fleet.redisPrefix, id, TestServices.POISON_SNAPSHOT);
      String statusUrl = "/api/v1/todos/ical/" + id + "/status";
      Jobs.Failed failed = Jobs.awaitFailure(api, statusUrl, LIMIT, retry -> {
        assertNotNull(retry.getString("next_attempt_at"));
        assertTrue(retry.getString("error").contains(TestServices.POISON_REASON), retry::encode);
      });
      JsonObject status = failed.status();
      assertEquals(2, failed.retriesSeen(), "RETRY after attempts 1 and 2");
      assertEquals(3, status.getInteger("attempts"));
      assertTrue(status.getString("error").contains(TestServices.POISON_REASON));

      Reply letters = api.get("/api/v1/admin/dead-letters");
      assertEquals(200, letters.status());
      JsonObject letter = letters.json().getJsonArray("dead_letters").getJsonObject(0);
      assertEquals(id.toString(), letter.getString("task_id"));

      // The operator mends the data, then requeues: the job runs again from attempt 1.
      TestServices.repairSnapshot(fleet.database, id);
      Reply requeued = api.post("/api/v1/admin/dead-letters/" + id + "/requeue", "");
      assertEquals(202, requeued.status(), requeued::toString);
      JsonObject after = Jobs.awaitFinal(api, statusUrl, LIMIT);
      assertEquals("SUCCESS", after.getString("task_status"), after::encode);
      assertEquals(1, after.getInteger("attempts"));
      assertEquals(0, api.get("/api/v1/admin/dead-letters").json().getJsonArray("dead_letters").size());
      assertEquals(404, api.post("/api/v1/admin/dead-letters/" + id + "/requeue", "").status(), "no longer a dead letter");
      System.out.println("Poison job: RETRY seen after attempts 1 and 2, FAILURE after attempt 3, dead-lettered,"
          + " requeued after repair, then SUCCESS on attempt " + after.getInteger("attempts"));
    }
  }
}
