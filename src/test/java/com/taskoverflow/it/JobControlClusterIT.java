package com.taskoverflow.it;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.ApiClient.Reply;
import com.taskoverflow.support.EventStream;
import com.taskoverflow.support.Fleet;
import com.taskoverflow.support.JarProcess;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.TestServices;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A long job running on a worker JVM of the cluster, watched and cancelled from the API's JVM:
 * its progress crosses the event bus to the stream and the status, and the cancellation stops the
 * other JVM's attempt, whose outcome the store refuses.
 */
class JobControlClusterIT {

  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final int TODOS = 300_000;

  @Test
  void aJobOnAnotherJvmTellsItsProgressAndIsCancelledThere() throws Exception {
    try (Fleet fleet = new Fleet(Fleet.clustered("it-control-", 40000, Map.of(
            "TASKOVERFLOW_WORKER_CONCURRENCY", "1")))) {
      watchAndCancelOnAnotherJvm(fleet);
    }
  }

  /**
   * An API JVM and a worker JVM (one job at a time) of {@code fleet}, clustered: a long job on the
   * worker tells its progress on the API JVM's stream, is cancelled there and let go by the worker,
   * which takes the next job. SqsIT runs it on SQS.
   */
  static void watchAndCancelOnAnotherJvm(Fleet fleet) throws Exception {
    JarProcess api = fleet.start("api", Map.of(), "-cluster", "--roles", "http,store");
    JarProcess worker = fleet.start("worker", Map.of(), "-cluster", "--roles", "worker");
    api.awaitStarted();
    worker.awaitStarted();
    TestServices.execute(fleet.database, "INSERT INTO todos (owner, title, completed, deadline_at, created_at,"
        + " updated_at) SELECT '', 'todo ' || n, false, timestamp '2031-01-01' + n * interval '1 minute',"
        + " now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc' FROM generate_series(1, " + TODOS + ") AS n");
    ApiClient client = fleet.api();
    JsonObject job = Jobs.submit(client);
    String statusUrl = job.getString("task_url");

    JsonObject progress;
    try (EventStream stream = EventStream.open(statusUrl.replace("/status", "/events"), Optional.empty())) {
      EventStream.Event event;
      do {
        event = stream.next(LIMIT).orElseThrow(() -> new AssertionError("the stream ended before any progress"));
        assertFalse(Jobs.FINAL.contains(event.type()), "finished before it told any progress: " + event);
      } while (!event.type().equals("PROGRESS"));
      progress = event.data().getJsonObject("progress");
      assertTrue(event.data().getString("worker").contains("-" + worker.pid() + "-"), event.data()::encode);

      Reply cancelled = client.delete("/api/v1/todos/ical/" + job.getString("task_id"));
      assertEquals(202, cancelled.status(), cancelled::toString);
      do {
        event = stream.next(LIMIT).orElseThrow(() -> new AssertionError("the stream ended before CANCELLED"));
      } while (event.type().equals("PROGRESS"));
      assertEquals("CANCELLED", event.type(), event::toString);
    }
    assertEquals(TODOS, progress.getLong("total"), progress::encode);
    assertTrue(progress.getLong("done") > 0 && progress.getLong("done") < TODOS, progress::encode);

    // the worker JVM lets the attempt go: its one slot takes the next job, and the first stays CANCELLED
    JsonObject next = Jobs.submit(client);
    Jobs.awaitState(client, next.getString("task_url"), "STARTED", LIMIT);
    assertEquals(202, client.delete("/api/v1/todos/ical/" + next.getString("task_id")).status());
    JsonObject first = client.get(statusUrl).json();
    assertEquals("CANCELLED", first.getString("task_status"), first::encode);
    System.out.println("job on another JVM: progress " + progress.getLong("done") + " of " + TODOS
        + " told to the API's JVM, then CANCELLED there; the worker JVM took the next job");
  }
}
