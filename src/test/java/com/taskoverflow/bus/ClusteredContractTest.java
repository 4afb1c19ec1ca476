package com.taskoverflow.bus;

import static com.taskoverflow.support.Await.failure;
import static com.taskoverflow.support.Await.result;
import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.cluster.ClusterSetup;
import com.taskoverflow.config.ClusterConfig;
import com.taskoverflow.support.RunningService;
import com.taskoverflow.support.TestServices;
import io.vertx.core.Vertx;
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
 * The messages that cross JVMs: two clustered Vert.x instances (Hazelcast on loopback, TCP join
 * only), the store role in one, the callers in the other, so every request, reply, failure and
 * event is encoded, sent over TCP and decoded.
 */
class ClusteredContractTest {

  /** The shared owner: every call of auth.mode none. */
  private static final String OWNER = "";

  private static RunningService storeNode;
  private static Vertx callerNode;
  private static TodoStore todos;
  private static JobStore jobs;
  private static final BlockingQueue<JobStatusView> finished = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() {
    int port = TestServices.freePort();
    ClusterConfig cluster = new ClusterConfig(true, "contract-" + UUID.randomUUID(), "127.0.0.1", "", port,
        List.of("127.0.0.1:" + port, "127.0.0.1:" + (port + 1)), "", ClusterConfig.Discovery.TCP);
    Vertx store = result(ClusterSetup.start(cluster, new io.vertx.core.VertxOptions(), com.taskoverflow.metrics.ServiceMetrics.create())).vertx();
    storeNode = result(RunningService.startOn(store, new JsonObject().put("roles", "store")));
    callerNode = result(ClusterSetup.start(cluster, new io.vertx.core.VertxOptions(), com.taskoverflow.metrics.ServiceMetrics.create())).vertx();
    todos = TodoStore.proxy(callerNode, 10_000);
    jobs = JobStore.proxy(callerNode, 10_000);
    result(JobEvents.onFinished(callerNode.eventBus(), finished::add).completion());
  }

  @AfterAll
  static void stop() {
    if (callerNode != null) {
      result(callerNode.close());
    }
    if (storeNode != null) {
      result(storeNode.stop());
    }
  }

  @Test
  void todosCrossTheCluster() {
    LocalDateTime deadline = LocalDateTime.of(2031, 5, 6, 7, 8, 9);
    IdempotencyKey key = new IdempotencyKey.Value(UUID.randomUUID().toString(), "digest");
    TodoCreated created = result(todos.create(OWNER, new TodoDraft.Value("remote", "über the wire", false, deadline), key));
    assertTrue(result(todos.create(OWNER, new TodoDraft.Value("remote", "über the wire", false, deadline), key)).replayed());
    Todo todo = created.todo();
    assertEquals("über the wire", todo.description());
    assertEquals(deadline, todo.deadlineAt());
    assertEquals(todo, result(todos.get(OWNER, todo.id())));
    assertTrue(result(todos.list(OWNER, TodoFilter.ALL, todo.id() - 1, 10)).contains(todo));
    Todo patched = result(todos.update(OWNER, todo.id(), TodoPatch.NONE.withDeadline(null)));
    assertNull(patched.deadlineAt());
    assertEquals(patched, result(todos.delete(OWNER, todo.id())));
    String message = failure(Failures.NOT_FOUND, todos.get(OWNER, todo.id()));
    assertEquals("Todo not found", message);
  }

  @Test
  void aJobsLifeCrossesTheClusterAndItsEndReachesEveryNode() throws Exception {
    JobSubmitted submitted = result(jobs.submit(OWNER, null));
    String id = submitted.status().taskId();
    StartedJob started = result(jobs.start(id, "remote-worker", 3));
    assertNotNull(result(jobs.todos(id, 0, 10)));
    assertEquals(submitted.status().createdAt(), started.acceptedAt());
    failure(Failures.CONFLICT, jobs.succeed(id, started.attempt() + 1, 1, "not this attempt"));
    result(jobs.savePart(id, started.attempt(), 0, "BEGIN:"));
    JobStatusView done = result(jobs.succeed(id, started.attempt(), 2, "VCALENDAR"));
    assertEquals(JobState.SUCCESS, done.state());
    assertEquals(done, finished.poll(10, TimeUnit.SECONDS), "the final status reaches the other node");
    JobResult result = result(jobs.result(OWNER, id));
    assertEquals("BEGIN:", result.firstPart());
    assertEquals("VCALENDAR", result(jobs.resultPart(OWNER, id, 1)));
    assertEquals(done, result.status());
    assertTrue(result(StoreHealth.proxy(callerNode, 10_000).check()).postgresUp());
  }
}
