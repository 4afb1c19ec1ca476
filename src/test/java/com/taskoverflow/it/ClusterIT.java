package com.taskoverflow.it;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.bus.Addresses;
import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.ApiClient.Reply;
import com.taskoverflow.support.JarProcess;
import com.taskoverflow.support.EventStream;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.Listeners;
import com.taskoverflow.support.Fleet;
import com.taskoverflow.support.TestServices;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real JVMs in one cluster on loopback: roles in separate JVMs, work spread over worker JVMs,
 * a worker killed or stopped mid-run. The steps build on each other and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static final Duration JOB_LIMIT = Duration.ofSeconds(90);
  private static final String CLUSTER = TestServices.uniqueName("it-cluster-");
  /** A port range of our own, away from a live instance's 5701. */
  private static final int CLUSTER_PORT = 20000 + ThreadLocalRandom.current().nextInt(400) * 50;
  private static final Fleet fleet = new Fleet(Map.of(
      "TASKOVERFLOW_CLUSTER_NAME", CLUSTER,
      "TASKOVERFLOW_CLUSTER_PORT", Integer.toString(CLUSTER_PORT),
      "TASKOVERFLOW_REQUEST_TIMEOUT_MS", "5000",
      // slow enough, and few enough at once, that both workers get a share and die mid-run
      "TASKOVERFLOW_WORKER_SIMULATED_WORK_MS", "100",
      "TASKOVERFLOW_WORKER_CONCURRENCY", "4",
      // a claim far longer than the bound below: only the heartbeats can free a killed worker's jobs
      "TASKOVERFLOW_WORKER_VISIBILITY_TIMEOUT_MS", "60000"));
  /** A killed worker's jobs run elsewhere within 5 s; the rest of the run takes a few seconds more. */
  private static final Duration AFTER_A_KILL = Duration.ofSeconds(20);
  private static final ApiClient api = fleet.api();
  private static final int SLOW_RUN_JOBS = 200;
  private static JarProcess worker1;
  private static JarProcess worker2;

  private static JarProcess start(String name, String roles) throws Exception {
    return start(name, roles, Map.of());
  }

  private static JarProcess start(String name, String roles, Map<String, String> extra) throws Exception {
    return fleet.start(name, extra, "-cluster", "--roles", roles);
  }

  private static JarProcess started(JarProcess process) throws Exception {
    process.awaitStarted();
    return process;
  }

  @BeforeAll
  static void startApi() throws Exception {
    started(start("api", "http"));
  }

  @AfterAll
  static void stopAll() throws Exception {
    fleet.close();
  }

  @Test
  @Order(1)
  void aRoleRunningNowhereIs503ThenWorksOnceAJvmRunsIt() throws Exception {
    // The 503 must come fast, not after a time-out: a request not answered in 3 s fails the test.
    Reply noStore = api.within(Duration.ofSeconds(3)).get("/api/v1/todos");
    assertEquals(503, noStore.status(), noStore::toString);
    assertTrue(noStore.error().contains(Addresses.TODO_STORE), noStore::toString);

    started(start("store", "store"));
    Reply list = api.get("/api/v1/todos");
    assertEquals(200, list.status(), list::toString);
    assertEquals(201, api.post("/api/v1/todos",
        new JsonObject().put("title", "clustered").put("deadline_at", "2030-01-01T00:00:00").encode()).status());
  }

  @Test
  @Order(2)
  void jobsSpreadOverTwoWorkerJvms() throws Exception {
    worker1 = start("worker1", "worker");
    worker2 = start("worker2", "worker");
    worker1.awaitStarted();
    worker2.awaitStarted();

    List<String> urls = submit(200);
    Map<String, Integer> perWorker = new TreeMap<>();
    for (String url : urls) {
      JsonObject status = Jobs.awaitFinal(api, url, JOB_LIMIT);
      assertEquals("SUCCESS", status.getString("task_status"), status::encode);
      perWorker.merge(status.getString("worker"), 1, Integer::sum);
    }
    System.out.println("jobs 200, succeeded 200, per worker " + perWorker);
    assertEquals(2, perWorker.size(), perWorker::toString);
    assertTrue(perWorker.keySet().stream().anyMatch(name -> name.contains("-" + worker1.pid() + "-")));
    assertTrue(perWorker.keySet().stream().anyMatch(name -> name.contains("-" + worker2.pid() + "-")));

    // The job's events reach the API's JVM from the store's, about a worker in a third JVM.
    String taskUrl = submit(1).get(0);
    List<EventStream.Event> events = new java.util.ArrayList<>();
    try (EventStream stream = EventStream.open(taskUrl.replace("/status", "/events"), java.util.Optional.empty())) {
      for (var event = stream.next(JOB_LIMIT); event.isPresent(); event = stream.next(JOB_LIMIT)) {
        events.add(event.get());
      }
    }
    EventStream.Event last = events.get(events.size() - 1);
    assertEquals("SUCCESS", last.type(), events::toString);
    assertTrue(last.data().getString("worker").matches(".*-(" + worker1.pid() + "|" + worker2.pid() + ")-.*"),
        last.data()::encode);
    System.out.println("job events across the cluster: " + events.stream().map(EventStream.Event::type).toList());
  }

  @Test
  @Order(3)
  void nothingListensBeyondLoopback() throws Exception {
    for (JarProcess process : fleet.processes()) {
      List<String> listening = Listeners.of(process.pid());
      assertFalse(listening.isEmpty());
      listening.forEach(socket -> assertTrue(Listeners.isLoopback(socket), socket + " of pid " + process.pid()));
    }
  }

  @Test
  @Order(4)
  void aWorkerKilledMidRunLosesNothing() throws Exception {
    List<String> urls = submit(200);
    awaitSucceeded(urls, 30);
    worker2.kill();
    long killed = System.nanoTime();
    Map<String, Integer> outcome = awaitAll(urls, AFTER_A_KILL);
    double allDone = (System.nanoTime() - killed) / 1e9;
    long left = queueLeft();
    System.out.println("SIGKILL mid-run: jobs accepted 200, succeeded " + outcome.get("SUCCESS")
        + ", lost " + (200 - outcome.get("SUCCESS")) + ", ran more than once " + outcome.get("redelivered")
        + " (one outcome each), left in queue " + left + String.format("; all done %.1f s after the kill", allDone));
    assertEquals(200, outcome.get("SUCCESS"));
    assertTrue(outcome.get("redelivered") > 0, "the killed worker held jobs");
    assertEquals(0, left);
  }

  @Test
  @Order(5)
  void aWorkerStoppedMidRunExitsZeroAndHandsBackItsJobs() throws Exception {
    JarProcess worker3 = started(start("worker3", "worker"));
    // three workers run 120 jobs a second: 500 last long enough to stop one of them mid-run
    List<String> urls = submit(500);
    awaitSucceeded(urls, 30);
    int exit = worker1.terminate(Duration.ofSeconds(30));
    assertEquals(0, exit, "exit code after SIGTERM");
    assertTrue(worker1.output().contains("left:"), "the worker logs its leave");
    Map<String, Integer> outcome = awaitAll(urls);
    System.out.println("SIGTERM mid-run: exit " + exit + ", jobs accepted " + urls.size() + ", succeeded "
        + outcome.get("SUCCESS") + ", lost " + (urls.size() - outcome.get("SUCCESS")));
    assertEquals(urls.size(), outcome.get("SUCCESS"));
    assertTrue(worker3.output().contains("TaskOverflow started"));
  }

  @Test
  @Order(6)
  void aWorkerStoppedWithJobsLongerThanItsGraceHandsThemBack() throws Exception {
    JarProcess slow = started(start("slow-worker", "worker", Map.of(
        "TASKOVERFLOW_WORKER_SIMULATED_WORK_MS", "3000",
        "TASKOVERFLOW_WORKER_SHUTDOWN_GRACE_MS", "200")));
    // Enough that the other worker cannot run them all before the slow one reads, however busy the machine.
    List<String> urls = submit(SLOW_RUN_JOBS);
    long deadline = System.nanoTime() + JOB_LIMIT.toNanos();
    while (urls.stream().noneMatch(url -> ranOn(slow, api.get(url).json()))) {
      assertTrue(System.nanoTime() < deadline, "the slow worker never took a job");
      Jobs.sleep(20);
    }
    assertEquals(0, slow.terminate(Duration.ofSeconds(30)));
    String leave = slow.output().lines().filter(line -> line.contains("left:")).findFirst().orElseThrow();
    assertFalse(leave.contains("left: 0 job(s)"), leave);
    Map<String, Integer> outcome = awaitAll(urls);
    System.out.println("SIGTERM with jobs longer than the grace: exit 0, " + leave.replaceAll(".*left: ", "")
        + "; jobs accepted " + SLOW_RUN_JOBS + ", succeeded " + outcome.get("SUCCESS"));
    assertEquals(SLOW_RUN_JOBS, outcome.get("SUCCESS"));
    for (String url : urls) {
      assertFalse(ranOn(slow, api.get(url).json()), "a job finished by the worker that left");
    }
  }

  /** Entries still queued once all is done; waits a little for the last acknowledgements. */
  private static long queueLeft() throws Exception {
    long left = TestServices.queued(TestServices.REDIS_URL, fleet.redisPrefix);
    for (int i = 0; i < 50 && left > 0; i++) {
      Jobs.sleep(100);
      left = TestServices.queued(TestServices.REDIS_URL, fleet.redisPrefix);
    }
    return left;
  }

  private static boolean ranOn(JarProcess worker, JsonObject status) {
    return String.valueOf(status.getValue("worker")).contains("-" + worker.pid() + "-");
  }

  private static List<String> submit(int count) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(16);
    try {
      List<Future<JsonObject>> jobs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        jobs.add(clients.submit(() -> Jobs.submit(api)));
      }
      List<String> urls = new ArrayList<>();
      for (Future<JsonObject> job : jobs) {
        urls.add(job.get(60, TimeUnit.SECONDS).getString("task_url"));
      }
      return urls;
    } finally {
      clients.shutdownNow();
    }
  }

  /** Waits until at least {@code count} of the jobs succeeded: the run is under way. */
  private static void awaitSucceeded(List<String> urls, int count) {
    long deadline = System.nanoTime() + JOB_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      // Counting stops at the target, so a pass is quick however fast the run goes.
      long done = 0;
      for (int i = 0; i < urls.size() && done < count; i++) {
        if (succeeded(urls.get(i))) {
          done++;
        }
      }
      if (done >= count) {
        // The latest jobs are the likeliest to be still waiting: look from the end.
        boolean unfinished = false;
        for (int i = urls.size() - 1; i >= 0 && !unfinished; i--) {
          unfinished = !succeeded(urls.get(i));
        }
        assertTrue(unfinished, "the run finished before the fault could be injected");
        return;
      }
      Jobs.sleep(50);
    }
    fail("fewer than " + count + " jobs done in time");
  }

  private static boolean succeeded(String url) {
    return "SUCCESS".equals(api.get(url).json().getString("task_status"));
  }

  /** Final states of all jobs, plus how many needed more than one attempt. */
  private static Map<String, Integer> awaitAll(List<String> urls) {
    return awaitAll(urls, JOB_LIMIT);
  }

  /** The same, every job final within {@code limit} from now. */
  private static Map<String, Integer> awaitAll(List<String> urls, Duration limit) {
    Map<String, Integer> outcome = new HashMap<>(Map.of("SUCCESS", 0, "FAILURE", 0, "redelivered", 0));
    long deadline = System.nanoTime() + limit.toNanos();
    for (String url : urls) {
      JsonObject status = Jobs.awaitFinal(api, url, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      outcome.merge(status.getString("task_status"), 1, Integer::sum);
      if (status.getInteger("attempts") > 1) {
        outcome.merge("redelivered", 1, Integer::sum);
      }
    }
    assertTrue(Set.of("SUCCESS", "FAILURE", "redelivered").containsAll(outcome.keySet()));
    return outcome;
  }
}
