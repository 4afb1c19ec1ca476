package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.taskoverflow.metrics.ServiceMetrics;
import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.CapturedLogs;
import com.taskoverflow.support.EventStream;
import com.taskoverflow.support.ApiClient.Reply;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.RunningService;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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

    System.gc(); // a gauge whose object was only weakly held would read NaN from now on
    Matcher inHand = Pattern.compile("^taskoverflow_worker_jobs_in_hand\\{worker=\"[^\"]+\"\\} (\\S+)$", Pattern.MULTILINE)
        .matcher(api.get("/metrics").body());
    assertTrue(inHand.find(), "each worker's jobs in hand");
    assertEquals(0.0, Double.parseDouble(inHand.group(1)), "none in hand now, and still read after a GC");
  }

  /** Attempts that succeeded, on every broker, as the scrape counts them. */
  private static double successes() {
    return Pattern.compile("^taskoverflow_jobs_outcomes_total\\{[^}]*outcome=\"success\"[^}]*\\} (\\S+)$", Pattern.MULTILINE)
        .matcher(api.get("/metrics").body()).results().mapToDouble(found -> Double.parseDouble(found.group(1))).sum();
  }

  @Test
  void theDashboardsFiguresAreTheScrapes() throws Exception {
    try (EventStream stream = EventStream.open("http://127.0.0.1:" + service.port + "/api/v1/admin/dashboard/events", Optional.empty())) {
      assertEquals("history", stream.next(Duration.ofSeconds(5)).orElseThrow().type());
      // two seconds in, this JVM's counts are the dashboard's baseline: what succeeds from now on is what it adds up
      JsonObject figures = null;
      for (int i = 0; i < 2; i++) {
        figures = stream.next(Duration.ofSeconds(5)).orElseThrow().data();
      }
      assertEquals(1, figures.getJsonArray("nodes").size(), figures::encode);
      JsonObject node = figures.getJsonArray("nodes").getJsonObject(0);
      assertEquals(new JsonArray().add("http").add("store").add("worker"), node.getJsonArray("roles"));
      assertEquals(ProcessHandle.current().pid(), node.getLong("pid"));
      double before = successes();
      for (int i = 0; i < 5; i++) {
        Jobs.awaitFinal(api, Jobs.submit(api).getString("task_url"), Duration.ofSeconds(30));
      }
      double added = successes() - before;
      assertTrue(added >= 5, "succeeded: " + added);
      long counted = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (counted < added && System.nanoTime() < deadline) {
        figures = stream.next(Duration.ofSeconds(5)).orElseThrow().data();
        counted += figures.getJsonObject("finished").getLong("success");
        assertNotNull(figures.getJsonObject("run").getValue("count"));
      }
      assertEquals((long) added, counted, "the dashboard's successes are the scrape's");
      for (int i = 0; i < 2; i++) { // and no more follow
        counted += stream.next(Duration.ofSeconds(5)).orElseThrow().data().getJsonObject("finished").getLong("success");
      }
      assertEquals((long) added, counted, "nothing counted twice");
    }
  }

  @Test
  void thousandsOfMadeUpMethodsAndPathsDoNotGrowTheScrape() throws Exception {
    int before = api.get("/metrics").body().length();
    int requests = 5000;
    StringBuilder pipelined = new StringBuilder();
    for (int i = 0; i < requests; i++) {
      // a made-up method on a real route, and a real method on a made-up path, in turn
      pipelined.append(i % 2 == 0 ? "MADEUP" + i + " /api/v1/todos" : "GET /api/v1/made-up-" + i)
          .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n").append(i == requests - 1 ? "Connection: close\r\n" : "")
          .append("\r\n");
    }
    String answers;
    try (Socket socket = new Socket("127.0.0.1", service.port)) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(pipelined.toString().getBytes(StandardCharsets.US_ASCII));
      answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(requests / 2, Pattern.compile("HTTP/1.1 405 ").matcher(answers).results().count());
    assertEquals(requests / 2, Pattern.compile("HTTP/1.1 404 ").matcher(answers).results().count());

    String text = api.get("/metrics").body();
    Matcher methods = Pattern.compile("method=\"([^\"]*)\"").matcher(text);
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (methods.find()) {
      seen.add(methods.group(1));
    }
    assertTrue(seen.contains("OTHER"), () -> "made-up methods counted as OTHER: " + seen);
    assertTrue(seen.stream().noneMatch(method -> method.startsWith("MADEUP")), () -> seen.toString());
    assertFalse(text.contains("made-up-"), "a path no route matched is not a label");
    assertTrue(text.length() < before + 20_000, () -> "the scrape grew from " + before + " to " + text.length());
  }

  @Test
  void aClientLeavingMidBodyIsNeitherAnErrorLoggedNorA500() throws Exception {
    try (CapturedLogs logged = CapturedLogs.start()) {
      int before = api.get("/api/v1/todos").jsonArray().size();
      for (int i = 0; i < 20; i++) {
        try (Socket socket = new Socket("127.0.0.1", service.port)) {
          socket.getOutputStream().write(("POST /api/v1/todos HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"title\": \"cut")
              .getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          Thread.sleep(20); // the server has read the start of the body when the client leaves
        }
      }
      Thread.sleep(500);
      assertEquals(before, api.get("/api/v1/todos").jsonArray().size());
      assertEquals(java.util.List.of(), logged.events().stream().filter(event -> event.getLevel() == Level.ERROR)
          .map(ILoggingEvent::getFormattedMessage).toList());
      String text = api.get("/metrics").body();
      assertFalse(Pattern.compile("vertx_http_server_requests_total\\{[^}]*code=\"500\"").matcher(text).find(),
          "a client that left is not a server error");
    }
  }

  @Test
  void headOnTheScrapeIsItsHeadersAlone() {
    Reply head = api.send("HEAD", "/metrics", (String) null, java.util.Map.of());
    assertEquals(200, head.status());
    assertTrue(head.header("Content-Type").startsWith("text/plain"), head.header("Content-Type"));
    assertEquals("", head.body());
  }
}
