package com.taskoverflow.it;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.queue.sqs.LocalSqs;
import com.taskoverflow.queue.sqs.SqsAccess;
import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.Fleet;
import com.taskoverflow.support.JarProcess;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.Outcomes;
import com.taskoverflow.support.SubmitLoad;
import com.taskoverflow.support.TestServices;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SQS as the broker, with no Redis anywhere: the jar in JVMs of its own (clustered workers), a
 * private ElasticMQ on a free loopback port (restarted by one test), faults as with Redis. Each
 * test prints its figures.
 */
class SqsIT {

  private static final Duration LIMIT = Duration.ofSeconds(120);
  private int sqsPort;
  private LocalSqs sqs;
  private String queue;

  @BeforeEach
  void startSqs() {
    sqsPort = TestServices.freePort();
    sqs = LocalSqs.start(SqsAccess.LOCAL_HOST, sqsPort);
    queue = TestServices.uniqueName("it-jobs-");
  }

  @AfterEach
  void stopSqs() {
    if (sqs != null) {
      sqs.close();
    }
  }

  private Fleet fleet(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of(
        "TASKOVERFLOW_BROKER", "sqs",
        "TASKOVERFLOW_SQS_ENDPOINT", "http://127.0.0.1:" + sqsPort,
        "TASKOVERFLOW_SQS_QUEUE", queue,
        "TASKOVERFLOW_SQS_DEAD_LETTER_QUEUE", queue + "-dlq",
        // nothing may need Redis: its address leads nowhere
        "TASKOVERFLOW_REDIS_URL", "redis://127.0.0.1:" + TestServices.freePort() + "/0",
        "AWS_ACCESS_KEY_ID", SqsAccess.LOCAL_KEY,
        "AWS_SECRET_ACCESS_KEY", SqsAccess.LOCAL_KEY,
        "AWS_REGION", SqsAccess.DEFAULT_REGION,
        "TASKOVERFLOW_REQUEST_TIMEOUT_MS", "5000"));
    env.putAll(extra);
    return new Fleet(env);
  }

  /** Messages the job queue still holds (waiting, in flight or delayed), once things settle. */
  private long queueLeft() {
    try (SqsAccess access = SqsAccess.local(sqs.endpoint(), line -> { })) {
      String url = access.queueUrl(queue);
      long left = 0;
      for (int i = 0; i < 50; i++) {
        left = access.client().getQueueAttributes(request -> request.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
            .attributes().values().stream().mapToLong(Long::parseLong).sum();
        if (left == 0) {
          break;
        }
        Jobs.sleep(100);
      }
      return left;
    }
  }

  @Test
  void aJobOnAnotherJvmTellsItsProgressAndIsCancelledThere() throws Exception {
    try (Fleet fleet = fleet(Fleet.clustered("it-sqs-control-", 24000, Map.of("TASKOVERFLOW_WORKER_CONCURRENCY", "1")))) {
      JobControlClusterIT.watchAndCancelOnAnotherJvm(fleet);
    }
  }

  @Test
  void clusteredWorkersShareTheJobsAndOneKilledMidRunLosesNothing() throws Exception {
    int clusterPort = 24000 + ThreadLocalRandom.current().nextInt(300) * 50;
    try (Fleet fleet = fleet(Map.of(
        "TASKOVERFLOW_CLUSTER_NAME", TestServices.uniqueName("it-sqs-cluster-"),
        "TASKOVERFLOW_CLUSTER_PORT", Integer.toString(clusterPort),
        "TASKOVERFLOW_WORKER_SIMULATED_WORK_MS", "300",
        "TASKOVERFLOW_WORKER_CONCURRENCY", "4"))) { // the default visibility timeout: the bound under test
      fleet.start("api", Map.of(), "-cluster", "--roles", "http,store").awaitStarted();
      JarProcess worker1 = fleet.start("worker1", Map.of(), "-cluster", "--roles", "worker");
      JarProcess worker2 = fleet.start("worker2", Map.of(), "-cluster", "--roles", "worker");
      worker1.awaitStarted();
      worker2.awaitStarted();
      ApiClient api = fleet.api();
      JsonObject health = api.get("/api/v1/health").json();
      assertEquals("ok", health.getString("status"), health::encode);
      assertEquals("up", health.getString("sqs"));
      assertEquals("not used", health.getString("redis"));

      List<String> urls = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        urls.add(Jobs.submit(api).getString("task_url"));
      }
      // As soon as the second worker has finished a job, it is busy with more: it dies holding them.
      long deadline = System.nanoTime() + LIMIT.toNanos();
      String second = "-" + worker2.pid() + "-";
      while (urls.subList(0, 40).stream().noneMatch(url -> String.valueOf(api.get(url).json().getValue("worker"))
          .contains(second) && "SUCCESS".equals(api.get(url).json().getString("task_status")))) {
        assertTrue(System.nanoTime() < deadline, "the second worker never finished a job");
        Jobs.sleep(20);
      }
      worker2.kill();
      // the rest of the run on one worker (15 s at most) and the killed worker's jobs back within
      // the default visibility timeout (10 s), with room to spare; the old default, 60 s, fails it
      int[] outcome = Outcomes.awaitAllSucceededWithin(api, urls, Duration.ofSeconds(40));
      Set<String> workers = new HashSet<>();
      urls.forEach(url -> workers.add(api.get(url).json().getString("worker").replaceAll("-[0-9a-f]{8}$", "")));
      long left = queueLeft();
      System.out.println("SQS, SIGKILL mid-run: " + Outcomes.figures(urls, outcome, left) + "; worker JVMs that ran jobs "
          + workers.size());
      assertEquals(200, outcome[0]);
      assertTrue(outcome[1] > 0, "the killed worker held jobs");
      assertTrue(workers.size() >= 2, "both worker JVMs took jobs: " + workers);
      assertEquals(0, left);

      // A worker stopped with jobs longer than its grace hands them back at once (visibility 0).
      JarProcess slow = fleet.start("slow-worker", Map.of("TASKOVERFLOW_WORKER_SIMULATED_WORK_MS", "5000",
          "TASKOVERFLOW_WORKER_SHUTDOWN_GRACE_MS", "200", "TASKOVERFLOW_WORKER_VISIBILITY_TIMEOUT_MS", "60000"),
          "-cluster", "--roles", "worker");
      slow.awaitStarted();
      List<String> more = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        more.add(Jobs.submit(api).getString("task_url"));
      }
      String slowName = "-" + slow.pid() + "-";
      while (more.stream().noneMatch(url -> String.valueOf(api.get(url).json().getValue("worker")).contains(slowName))) {
        assertTrue(System.nanoTime() < deadline, "the slow worker never took a job");
        Jobs.sleep(20);
      }
      assertEquals(0, slow.terminate(Duration.ofSeconds(30)));
      String leave = slow.output().lines().filter(line -> line.contains("left:")).findFirst().orElseThrow();
      assertFalse(leave.contains("left: 0 job(s)"), leave);
      int[] handedBack = Outcomes.awaitAllSucceeded(api, more, LIMIT);
      for (String url : more) {
        assertFalse(String.valueOf(api.get(url).json().getValue("worker")).contains(slowName),
            "a job finished by the worker that left");
      }
      System.out.println("SQS, SIGTERM with jobs longer than the grace: exit 0, " + leave.replaceAll(".*left: ", "")
          + "; jobs accepted 20, succeeded " + handedBack[0]);
    }
  }

  @Test
  void theSqsServerStoppedForFiveSecondsMidLoadRefusesNoSubmissionAndLosesNoJob() throws Exception {
    try (Fleet fleet = fleet(Map.of("TASKOVERFLOW_WORKER_SIMULATED_WORK_MS", "30"))) {
      JarProcess service = fleet.start("service", Map.of(), "--roles", "http,store,worker");
      service.awaitStarted();
      ApiClient api = fleet.api();
      List<String> accepted;
      SubmitLoad load = new SubmitLoad(api, 4);
      int acceptedWhileDown;
      try {
        Jobs.sleep(1500);
        sqs.close(); // ElasticMQ keeps messages in memory: they are gone
        int before = load.answered(202);
        Jobs.sleep(5000);
        acceptedWhileDown = load.answered(202) - before;
        sqs = LocalSqs.start(SqsAccess.LOCAL_HOST, sqsPort);
        Jobs.sleep(2500);
      } finally {
        accepted = load.stop();
      }
      int[] outcome = Outcomes.awaitAllSucceeded(api, accepted, LIMIT);
      long left = queueLeft();
      System.out.println("SQS stopped 5 s: " + Outcomes.figures(accepted, outcome, left) + "; accepted while down "
          + acceptedWhileDown + ", refused " + load.refused());
      assertEquals(0, load.refused(), () -> "every submission 202: " + load.answers());
      assertTrue(acceptedWhileDown > 0, "submissions went on while SQS was down");
      assertTrue(service.output().contains("holding jobs in PostgreSQL"), "the outage was seen and jobs held");
      assertEquals(0, left);
      assertTrue(service.output().contains("held job(s) on the sqs job queue"), "the relay logs what it queued");
    }
  }

  @Test
  void aJobThatAlwaysFailsIsRetriedThenDeadLetteredThenRequeued() throws Exception {
    try (Fleet fleet = fleet(Map.of("TASKOVERFLOW_JOBS_MAX_ATTEMPTS", "3", "TASKOVERFLOW_JOBS_RETRY_BASE_MS", "300",
        "TASKOVERFLOW_JOBS_RETRY_MAX_MS", "1000"))) {
      fleet.start("service", Map.of(), "--roles", "http,store,worker").awaitStarted();
      ApiClient api = fleet.api();
      assertEquals("up", api.get("/api/v1/health").json().getString("sqs"), "the store made its queue");
      UUID id = UUID.randomUUID();
      TestServices.plantJobRow(fleet.database, id, TestServices.POISON_SNAPSHOT);
      try (SqsAccess access = SqsAccess.local(sqs.endpoint(), line -> { })) {
        String url = access.queueUrl(queue);
        access.client().sendMessage(request -> request.queueUrl(url).messageBody(id.toString()));
      }
      String statusUrl = "/api/v1/todos/ical/" + id + "/status";
      Jobs.Failed failed = Jobs.awaitFailure(api, statusUrl, LIMIT, retry -> { });
      assertEquals(2, failed.retriesSeen(), "RETRY after attempts 1 and 2");
      assertEquals(3, failed.status().getInteger("attempts"));
      assertEquals(id.toString(), api.get("/api/v1/admin/dead-letters").json().getJsonArray("dead_letters")
          .getJsonObject(0).getString("task_id"));

      TestServices.repairSnapshot(fleet.database, id);
      assertEquals(202, api.post("/api/v1/admin/dead-letters/" + id + "/requeue", "").status());
      JsonObject after = Jobs.awaitFinal(api, statusUrl, LIMIT);
      assertEquals("SUCCESS", after.getString("task_status"), after::encode);
      assertEquals(1, after.getInteger("attempts"));
      assertEquals(0, queueLeft());
      System.out.println("SQS poison job: RETRY seen after attempts 1 and 2, FAILURE after attempt 3, dead-lettered,"
          + " requeued after repair, then SUCCESS on attempt " + after.getInteger("attempts"));
    }
  }
}
