package com.taskoverflow.it;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.Fleet;
import com.taskoverflow.support.JarProcess;
import com.taskoverflow.support.Jobs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What an operator reads: an access line per request and a line per job state change, as text by
 * default and as one JSON object per line with {@code TASKOVERFLOW_LOG_FORMAT=json}.
 */
class LogFormatIT {

  @Test
  void jsonLogsAreOneObjectPerLineWithAccessAndJobFields() throws Exception {
    try (Fleet fleet = new Fleet(Map.of("TASKOVERFLOW_LOG_FORMAT", "json"))) {
      JarProcess service = fleet.start("json-logs", Map.of());
      service.awaitStarted();
      ApiClient api = fleet.api();
      JsonObject job = Jobs.submit(api);
      String taskId = job.getString("task_id");
      Jobs.awaitFinal(api, job.getString("task_url"), Duration.ofSeconds(30));
      service.awaitLog("\"state\":\"SUCCESS\"", Duration.ofSeconds(10));

      List<JsonObject> lines = service.output().lines().map(JsonObject::new).toList(); // each line is JSON
      assertTrue(lines.stream().anyMatch(line -> line.getString("formattedMessage", "").contains("TaskOverflow started")));
      JsonObject access = lines.stream()
          .filter(line -> "taskoverflow.access".equals(line.getString("loggerName")))
          .map(line -> pairs(line.getJsonArray("kvpList")))
          .filter(pairs -> "POST".equals(pairs.getString("method")))
          .findFirst().orElseThrow();
      assertEquals("/api/v1/todos/ical", access.getString("path"));
      assertEquals("202", access.getString("status"));
      assertNotNull(access.getString("ms"));
      List<String> states = lines.stream()
          .filter(line -> "taskoverflow.jobs".equals(line.getString("loggerName")))
          .map(line -> pairs(line.getJsonArray("kvpList")))
          .filter(pairs -> taskId.equals(pairs.getString("task_id")))
          .map(pairs -> pairs.getString("state") + "@" + (pairs.getString("worker") == null ? "-" : "worker"))
          .toList();
      assertEquals(List.of("PENDING@-", "STARTED@worker", "SUCCESS@worker"), states);
    }
  }

  @Test
  void textLogsByDefault() throws Exception {
    try (Fleet fleet = new Fleet(Map.of())) {
      JarProcess service = fleet.start("text-logs", Map.of());
      service.awaitStarted();
      fleet.api().get("/api/v1/todos");
      service.awaitLog("taskoverflow.access - GET /api/v1/todos 200", Duration.ofSeconds(10));
    }
  }

  /**
   * Started from the jar, with its migrations applied, its queue scripts loaded, a job run and the
   * page and API description served, the JVM has copied only the page's files out of the jar (a
   * file read through Vert.x's file system once copied out the whole of com/: 10,702 files).
   */
  @Test
  void theJarIsNotCopiedOutAtStart() throws Exception {
    try (Fleet fleet = new Fleet(Map.of())) {
      JarProcess service = fleet.start("file-cache", Map.of());
      service.awaitStarted();
      ApiClient api = fleet.api();
      JsonObject job = Jobs.submit(api);
      assertEquals("SUCCESS", Jobs.awaitFinal(api, job.getString("task_url"), Duration.ofSeconds(30)).getString("task_status"));
      assertEquals(200, api.get("/").status());
      assertEquals(200, api.get("/api/v1/openapi.yaml").status());
      long cached = service.fileCacheEntries();
      assertTrue(cached < 100, cached + " files and folders in the JVM's file cache");
    }
  }

  /** logback's JsonEncoder writes key-value pairs as a list of one-entry objects. */
  private static JsonObject pairs(JsonArray list) {
    JsonObject pairs = new JsonObject();
    list.forEach(entry -> ((JsonObject) entry).forEach(pair -> pairs.put(pair.getKey(), String.valueOf(pair.getValue()))));
    return pairs;
  }
}
