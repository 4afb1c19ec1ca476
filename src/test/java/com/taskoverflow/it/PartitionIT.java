package com.taskoverflow.it;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.Fleet;
import com.taskoverflow.support.JarProcess;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.Outcomes;
import com.taskoverflow.support.PrivatePostgres;
import com.taskoverflow.support.PrivateRedis;
import com.taskoverflow.support.TestHosts;
import com.taskoverflow.support.TestServices;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Hosts that part and rejoin. Three test hosts made of network namespaces on a bridge of the
 * test's own: the http,store JVM on one, a worker JVM on each of the others, Hazelcast and the
 * event bus on the hosts' addresses; PostgreSQL and Redis of the test's own listen on this
 * machine's address on the bridge, reachable from all three. Under load one worker host is cut
 * off (its link down): its jobs finish on the other host within the bound, and its late outcomes
 * are fenced; once the link is back it is in the cluster again and takes jobs.
 */
class PartitionIT {

  /** Redis's recovery bound (a worker judged dead after 3 s, its jobs taken at the next heartbeat), plus a shared machine's slack. */
  private static final Duration BOUND_AND_SLACK = Duration.ofSeconds(10);
  /**
   * Longer than the recovery bound and than Hazelcast's failure detection (6 s): the cluster parts
   * in two, and merges again once the link is back.
   */
  private static final long CUT_MS = 20_000;
  private static final Duration LIMIT = Duration.ofSeconds(90);
  private static final int JOBS = 200;

  @Test
  void aWorkerHostCutOffHasItsJobsFinishedElsewhereAndTakesJobsAgainOnceBack() throws Exception {
    if (!TestHosts.possible()) {
      // CI runs as root: there, a missing namespace is a failure, never a skip
      assertNotEquals("true", System.getenv("CI"), "the partition test needs root and `ip` to make its test hosts");
      Assumptions.abort("needs root and `ip` to make network namespaces");
    }
    try (TestHosts hosts = TestHosts.create(3);
         PrivateRedis redis = new PrivateRedis(hosts.machineAddress()).start();
         PrivatePostgres postgres = new PrivatePostgres(hosts.machineAddress()).start().trust(hosts.cidr());
         Fleet fleet = new Fleet(settings(hosts, redis, postgres))) {
      JarProcess api = start(fleet, hosts, 1, "http,store");
      JarProcess cutOff = start(fleet, hosts, 2, "worker");
      JarProcess staying = start(fleet, hosts, 3, "worker");
      for (JarProcess process : List.of(api, cutOff, staying)) {
        process.awaitStarted();
      }
      ApiClient client = new ApiClient("http://" + hosts.address(1) + ":" + fleet.httpPort);
      awaitMembers(client, 3);

      List<String> urls = submit(client, JOBS);
      long deadline = System.nanoTime() + LIMIT.toNanos();
      List<String> held;
      while ((held = heldBy(redis, fleet.redisPrefix, cutOff)).isEmpty()) {
        assertTrue(System.nanoTime() < deadline, "the worker on host 2 never took a job");
        Jobs.sleep(20);
      }
      hosts.cut(2);
      long cutAt = System.nanoTime();
      // what it held when it went, less any job whose outcome it had stored just before
      held = heldBy(redis, fleet.redisPrefix, cutOff).stream()
          .filter(url -> !Jobs.FINAL.contains(client.get(url).json().getString("task_status"))).toList();
      assertFalse(held.isEmpty(), "the cut-off worker held jobs");

      // Its jobs finish on the other host within the bound, each on a later attempt.
      Outcomes.awaitAllSucceededWithin(client, held, BOUND_AND_SLACK);
      double heldDone = seconds(cutAt);
      for (String url : held) {
        JsonObject status = client.get(url).json();
        assertTrue(ranOn(staying, status), () -> "finished elsewhere: " + status.encode());
        assertTrue(status.getInteger("attempts") > 1, status::encode);
      }
      int[] outcome = Outcomes.awaitAllSucceeded(client, urls, LIMIT);
      double allDone = seconds(cutAt);
      awaitMembers(client, 2);
      double parted = seconds(cutAt);
      Jobs.sleep(Math.max(0, CUT_MS - (System.nanoTime() - cutAt) / 1_000_000));

      hosts.reconnect(2);
      long backAt = System.nanoTime();
      awaitMembers(client, 3);
      double rejoined = seconds(backAt);
      List<String> after = submit(client, JOBS);
      int[] afterOutcome = Outcomes.awaitAllSucceeded(client, after, LIMIT);
      long ranOnReturned = after.stream().filter(url -> ranOn(cutOff, client.get(url).json())).count();
      long left = TestServices.queued(redis.url(), fleet.redisPrefix);
      for (String url : held) {
        assertTrue(ranOn(staying, client.get(url).json()), "a late outcome from the cut-off worker was fenced off");
      }
      System.out.printf("Partition: jobs accepted %d, succeeded %d, lost %d, ran more than once %d (one outcome each),"
              + " left in queue %d; the cut-off worker held %d, done elsewhere %.1f s after the cut, all done %.1f s after;"
              + " 2 members seen at %.1f s; link back after %.1f s: 3 members again %.1f s later,"
              + " then %d jobs done, %d by the worker that had been cut off%n",
          2 * JOBS, outcome[0] + afterOutcome[0], 2 * JOBS - outcome[0] - afterOutcome[0], outcome[1] + afterOutcome[1],
          left, held.size(), heldDone, allDone, parted, CUT_MS / 1000.0, rejoined, afterOutcome[0], ranOnReturned);
      assertEquals(JOBS, outcome[0]);
      assertEquals(JOBS, afterOutcome[0]);
      assertTrue(ranOnReturned > 0, "the worker that had been cut off takes jobs again");
      assertEquals(0, left, () -> TestServices.queueContents(redis.url(), fleet.redisPrefix));
      assertTrue(api.output().contains("TaskOverflow started"));
    }
  }

  private static Map<String, String> settings(TestHosts hosts, PrivateRedis redis, PrivatePostgres postgres) {
    int clusterPort = 20000 + ThreadLocalRandom.current().nextInt(400) * 50;
    String members = IntStream.rangeClosed(1, 3).mapToObj(host -> hosts.address(host) + ":" + clusterPort)
        .collect(Collectors.joining(","));
    return Map.of(
        "TASKOVERFLOW_PG_URL", postgres.url("taskoverflow"),
        "TASKOVERFLOW_REDIS_URL", redis.url(),
        "TASKOVERFLOW_CLUSTER_NAME", TestServices.uniqueName("it-partition-"),
        "TASKOVERFLOW_CLUSTER_PORT", Integer.toString(clusterPort),
        "TASKOVERFLOW_CLUSTER_MEMBERS", members,
        "TASKOVERFLOW_REQUEST_TIMEOUT_MS", "5000",
        // slow enough, and few enough at once, that both workers hold jobs when the link goes
        "TASKOVERFLOW_WORKER_SIMULATED_WORK_MS", "500",
        "TASKOVERFLOW_WORKER_CONCURRENCY", "4",
        "TASKOVERFLOW_EMBEDDED", "false");
  }

  /** A JVM on test host {@code host}: it binds the host's address, for HTTP and the cluster. */
  private static JarProcess start(Fleet fleet, TestHosts hosts, int host, String roles) throws Exception {
    return fleet.startWith(hosts.launcher(host), "host" + host + "-" + roles.replace(',', '-'), Map.of(
        "TASKOVERFLOW_HTTP_HOST", hosts.address(host),
        "TASKOVERFLOW_CLUSTER_HOST", hosts.address(host)), "-cluster", "--roles", roles);
  }

  private static void awaitMembers(ApiClient client, int members) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    JsonObject health;
    while ((health = client.get("/api/v1/health").json()).getJsonObject("cluster").getInteger("members", 0) != members) {
      assertTrue(System.nanoTime() < deadline, "cluster never had " + members + " members: " + health.encode());
      Jobs.sleep(100);
    }
  }

  private static List<String> submit(ApiClient client, int count) {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      urls.add(Jobs.submit(client).getString("task_url"));
    }
    return urls;
  }

  /** The status URLs of the jobs whose queue entries {@code worker} holds now. */
  private static List<String> heldBy(PrivateRedis redis, String prefix, JarProcess worker) {
    String stream = prefix + "calendar-jobs";
    Matcher pending = Pattern.compile("\\[(\\d+-\\d+), ([^,\\]]+),").matcher(
        redis.cli("XPENDING", stream, "calendar-workers", "-", "+", "1000"));
    List<String> urls = new ArrayList<>();
    while (pending.find()) {
      if (pending.group(2).contains("-" + worker.pid() + "-")) {
        Matcher task = Pattern.compile("[0-9a-f]{8}-[0-9a-f-]{27}").matcher(redis.cli("XRANGE", stream,
            pending.group(1), pending.group(1)));
        if (task.find()) {
          urls.add("/api/v1/todos/ical/" + task.group() + "/status");
        }
      }
    }
    return urls;
  }

  private static boolean ranOn(JarProcess worker, JsonObject status) {
    return String.valueOf(status.getValue("worker")).contains("-" + worker.pid() + "-");
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
