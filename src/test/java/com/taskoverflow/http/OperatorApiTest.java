package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.config.Role;
import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.ApiClient.Reply;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.RunningService;
import com.taskoverflow.support.ServiceTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The operator's calls behind the dashboard: recent jobs (found by the beginning of their id),
 * a job's history, and cancelling any job; and their answers to bad input.
 */
class OperatorApiTest extends ServiceTest {

  private static final Duration LIMIT = Duration.ofSeconds(30);

  private static List<String> listedIds(Reply reply) {
    assertEquals(200, reply.status(), reply::toString);
    return reply.json().getJsonArray("jobs").stream().map(job -> ((JsonObject) job).getString("task_id")).toList();
  }

  @Test
  void aFinishedJobIsListedFoundByItsIdAndHasItsHistory() {
    JsonObject job = Jobs.submit(api);
    String taskId = job.getString("task_id");
    assertEquals("SUCCESS", Jobs.awaitFinal(api, job.getString("task_url"), LIMIT).getString("task_status"));

    // the events reach the list a moment after the status
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!listedIds(api.get("/api/v1/admin/jobs?limit=50")).contains(taskId) && System.nanoTime() < deadline) {
      Jobs.sleep(50);
    }
    JsonObject listed = api.get("/api/v1/admin/jobs?limit=50").json().getJsonArray("jobs").stream()
        .map(JsonObject.class::cast).filter(found -> found.getString("task_id").equals(taskId)).findFirst().orElseThrow();
    assertEquals("SUCCESS", listed.getString("task_status"));
    assertEquals("", listed.getString("owner"), "the operator sees whose job it is");
    assertTrue(listed.getString("task_url").endsWith("/api/v1/todos/ical/" + taskId + "/status"));
    assertEquals(List.of(taskId), listedIds(api.get("/api/v1/admin/jobs?id=" + taskId.toUpperCase())));
    assertTrue(listedIds(api.get("/api/v1/admin/jobs?id=" + taskId.substring(0, 13))).contains(taskId));

    JsonObject detail = api.get("/api/v1/admin/jobs/" + taskId).json();
    assertEquals("SUCCESS", detail.getString("task_status"));
    JsonArray events = detail.getJsonArray("events");
    assertEquals(List.of("PENDING", "STARTED", "SUCCESS"),
        events.stream().map(event -> ((JsonObject) event).getString("state")).toList(), events::encode);
    assertNotNull(events.getJsonObject(1).getString("worker"));

    Reply finished = api.post("/api/v1/admin/jobs/" + taskId + "/cancel", "");
    assertEquals(409, finished.status(), finished::toString);
    assertTrue(finished.error().contains("already SUCCESS"), finished::toString);
  }

  @Test
  void badInputIsA4xxWithItsReason() {
    String unknown = UUID.randomUUID().toString();
    assertEquals(List.of(), listedIds(api.get("/api/v1/admin/jobs?id=" + unknown)), "an unknown whole id: none");
    for (String query : List.of("?id=not-hex!", "?id=" + "a".repeat(37), "?id=", "?limit=0", "?limit=501", "?limit=x",
        "?id=a&id=b")) {
      Reply refused = api.get("/api/v1/admin/jobs" + query);
      assertEquals(400, refused.status(), query + ": " + refused);
      assertNotNull(refused.error(), query);
    }
    assertEquals(404, api.get("/api/v1/admin/jobs/" + unknown).status());
    assertEquals(404, api.get("/api/v1/admin/jobs/not-a-task").status());
    assertEquals(404, api.post("/api/v1/admin/jobs/" + unknown + "/cancel", "").status());
    assertEquals(404, api.post("/api/v1/admin/jobs/not-a-task/cancel", "").status());
    assertEquals(405, api.send("DELETE", "/api/v1/admin/jobs/" + unknown, (String) null, java.util.Map.of()).status());
  }

  @Test
  void anOperatorCancelsAPendingJobAndNoWorkerRunsIt() throws Exception {
    RunningService.during(profile.copy().put("roles", "http,store"), noWorker -> {
      ApiClient client = noWorker.client();
      JsonObject job = Jobs.submit(client);
      String taskId = job.getString("task_id");
      Reply cancelled = client.post("/api/v1/admin/jobs/" + taskId + "/cancel", "");
      assertEquals(202, cancelled.status(), cancelled::toString);
      assertEquals("CANCELLED", cancelled.json().getString("task_status"));
      assertEquals(409, client.post("/api/v1/admin/jobs/" + taskId + "/cancel", "").status());
      assertEquals(409, client.delete("/api/v1/todos/ical/" + taskId).status(), "the owner sees it cancelled too");

      noWorker.deploy(Role.WORKER).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      JsonObject later = Jobs.submit(client); // queued behind the cancelled one
      assertEquals("SUCCESS", Jobs.awaitFinal(client, later.getString("task_url"), LIMIT).getString("task_status"));
      JsonObject status = client.get(job.getString("task_url")).json();
      assertEquals("CANCELLED", status.getString("task_status"), status::encode);
      assertEquals(0, status.getInteger("attempts"), "never run");
      JsonArray events = client.get("/api/v1/admin/jobs/" + taskId).json().getJsonArray("events");
      assertEquals("CANCELLED", events.getJsonObject(events.size() - 1).getString("state"), events::encode);
    });
  }
}
