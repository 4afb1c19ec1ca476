package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.metrics.ServiceMetrics;
import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.ApiClient.Reply;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: Prometheus text with Vert.x's, the JVM's and the job system's own metrics. */
class MetricsApiTest {

  private static RunningService service;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    ServiceMetrics metrics = ServiceMetrics.create();
    Vertx vertx = metrics.attach(metrics.configure(Vertx.builder(), new VertxOptions()).build());
    // the store counts the queue every 5 s: soon enough for the test to see it
    service = RunningService.startOn(vertx, new JsonObject())
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    api = service.client();
  }

  @AfterAll
  static void stop() throws Exception {
    service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static double value(String text, String series) {
    Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
    assertTrue(line.find(), () -> "no " + series + " in\n" + text);
    return Double.parseDouble(line.group(1));
  }

  @Test
  void aScrapeHasTheHttpPoolBusJvmAndJobMetrics() {
    api.post("/api/v1/todos", new JsonObject().put("title", "measured").put("deadline_at", "2030-01-01T00:00:00").encode());
    for (int i = 0; i < 3; i++) {
      JsonObject job = Jobs.submit(api);
      assertEquals("SUCCESS", Jobs.awaitFinal(api, job.getString("task_url"), Duration.ofSeconds(30))
          .getString("task_status"));
    }
    Reply scrape = api.get("/metrics");
    assertEquals(200, scrape.status());
    assertTrue(scrape.header("Content-Type").startsWith("text/plain"), scrape.header("Content-Type"));
    String text = scrape.body();

    assertTrue(value(text, "taskoverflow_jobs_outcomes_total{broker=\"redis\",outcome=\"success\"}") >= 3);
    assertTrue(value(text, "taskoverflow_jobs_run_seconds_count{broker=\"redis\",outcome=\"success\"}") >= 3);
    assertTrue(value(text, "taskoverflow_jobs_queue_wait_seconds_count{broker=\"redis\"}") >= 3);
    assertTrue(value(text, "taskoverflow_jobs_queue_depth{broker=\"redis\",state=\"ready\"}") >= 0);
    assertTrue(value(text, "taskoverflow_jobs_queue_depth{broker=\"redis\",state=\"dead_letter\"}") >= 0);
    assertEquals(0, value(text, "taskoverflow_jobs_queue_depth{broker=\"redis\",state=\"held\"}"), "Redis is up: none held");
    assertTrue(text.contains("vertx_http_server_requests_total{"), "HTTP requests");
    assertTrue(Pattern.compile("vertx_http_server_requests_total\\{[^}]*code=\"202\"[^}]*route=\"/api/v1/todos/ical\"")
        .matcher(text).find() || Pattern.compile("vertx_http_server_requests_total\\{[^}]*route=\"/api/v1/todos/ical\"[^}]*code=\"202\"")
        .matcher(text).find(), "by route and status");
    assertTrue(text.contains("vertx_pool_in_use{pool_name=\"store\",pool_type=\"sql\"}"), "the PostgreSQL pool");
    assertTrue(text.contains("vertx_eventbus_"), "the event bus");
    assertTrue(text.contains("jvm_memory_used_bytes"), "the JVM");
  }

  @Test
  void madeUpMethodsDoNotGrowTheScrape() {
    int before = api.get("/metrics").body().length();
    for (int i = 0; i < 300; i++) {
      Reply reply = api.raw("MADEUP" + i, "/api/v1/todos", java.util.Map.of(), "");
      assertTrue(reply.status() >= 400 && reply.status() < 500, reply::toString);
    }
    String text = api.get("/metrics").body();
    Matcher methods = Pattern.compile("method=\"([^\"]*)\"").matcher(text);
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (methods.find()) {
      seen.add(methods.group(1));
    }
    assertTrue(seen.contains("OTHER"), () -> "made-up methods counted as OTHER: " + seen);
    assertTrue(seen.stream().noneMatch(method -> method.startsWith("MADEUP")), () -> seen.toString());
    assertTrue(text.length() < before + 20_000, () -> "the scrape grew from " + before + " to " + text.length());
  }
}
