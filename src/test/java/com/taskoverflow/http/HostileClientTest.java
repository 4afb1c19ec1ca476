package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.ApiClient.Reply;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Clients that write from other web pages, send other media types, or hold connections open. */
class HostileClientTest extends OwnServiceTest {

  private static final String TODO = "{\"title\": \"from elsewhere\"}";

  private static Reply post(ApiClient api, String path, Map<String, String> headers, String body) {
    return api.raw("POST", path, headers, body);
  }

  @Test
  void writesFromAnotherPageAreRefusedAndChangeNothing() throws Exception {
    ApiClient api = start(new JsonObject());
    String json = "application/json";
    Reply todo = post(api, "/api/v1/todos", Map.of("Origin", "https://evil.example", "Content-Type", json), TODO);
    assertEquals(403, todo.status(), todo::toString);
    assertTrue(todo.error().contains("https://evil.example"));
    assertEquals(403, post(api, "/api/v1/todos/ical", Map.of("Origin", "null"), "").status(), "a sandboxed page");
    assertEquals(403, api.raw("DELETE", "/api/v1/todos/1", Map.of("Origin", "http://127.0.0.1:1"), "").status());
    assertEquals(0, api.get("/api/v1/todos").jsonArray().size(), "nothing was created");

    String own = "http://127.0.0.1:" + service.port;
    assertEquals(201, post(api, "/api/v1/todos", Map.of("Origin", own, "Content-Type", json), TODO).status(), "the page itself");
    assertEquals(201, post(api, "/api/v1/todos", Map.of("Content-Type", json), TODO).status(), "no Origin: not a browser");
    assertEquals(200, api.raw("GET", "/api/v1/todos", Map.of("Origin", "https://evil.example"), "").status(),
        "a read is answered (without CORS headers, a browser keeps it from the page)");
  }

  @Test
  void aBodyThatIsNotJsonIs415() throws Exception {
    ApiClient api = start(new JsonObject());
    for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/jsonx", "text/json"}) {
      Reply reply = post(api, "/api/v1/todos", Map.of("Content-Type", type), TODO);
      assertEquals(415, reply.status(), type);
    }
    assertEquals(415, post(api, "/api/v1/todos", Map.of(), TODO).status(), "no Content-Type");
    assertEquals(0, api.get("/api/v1/todos").jsonArray().size());
    assertEquals(201, post(api, "/api/v1/todos", Map.of("Content-Type", "Application/JSON; charset=utf-8"), TODO).status());
  }

  @Test
  void aConfiguredOriginGetsCorsAnswers() throws Exception {
    ApiClient api = start(new JsonObject().put("cors-origins", "https://app.example"));
    Reply preflight = api.raw("OPTIONS", "/api/v1/todos", Map.of("Origin", "https://app.example",
        "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"), "");
    assertTrue(preflight.status() < 300, preflight::toString);
    assertEquals("https://app.example", preflight.header("Access-Control-Allow-Origin"));
    Reply created = post(api, "/api/v1/todos", Map.of("Origin", "https://app.example", "Content-Type", "application/json"), TODO);
    assertEquals(201, created.status(), created::toString);
    assertEquals("https://app.example", created.header("Access-Control-Allow-Origin"));
    assertEquals(403, post(api, "/api/v1/todos", Map.of("Origin", "https://other.example", "Content-Type", "application/json"),
        TODO).status());
    String own = "http://127.0.0.1:" + service.port;
    assertEquals(201, post(api, "/api/v1/todos", Map.of("Origin", own, "Content-Type", "application/json"), TODO).status(),
        "the page itself still writes");
  }

  @Test
  void silentAndHalfSentConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
    start(new JsonObject().put("idle-timeout-ms", 1000));
    for (String sent : new String[] {"", "GET /api/v1/he", "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"}) {
      try (Socket socket = new Socket("127.0.0.1", service.port)) {
        socket.getOutputStream().write(sent.getBytes(StandardCharsets.US_ASCII));
        socket.setSoTimeout(15_000); // far beyond the idle timeout: the server must close first
        InputStream in = socket.getInputStream();
        try {
          while (in.read() >= 0) {
            // whatever it answers, the connection must end
          }
        } catch (SocketTimeoutException e) {
          fail("a connection that sent '" + sent.replace("\r\n", "\\r\\n") + "' was still open after 15 s");
        }
      }
    }
  }

  @Test
  void answersCarryTheSafetyHeadersAndNamesAreCanonical() throws Exception {
    ApiClient api = start(new JsonObject());
    Reply created = post(api, "/api/v1/todos", Map.of("Content-Type", "application/json"), TODO);
    assertEquals(201, created.status());
    long id = created.json().getLong("id");
    for (Reply reply : new Reply[] {created, api.get("/api/v1/todos"), api.get("/api/v1/todos/" + id),
        api.get("/api/v1/nothing-here"), api.get("/api/v1/health")}) {
      assertEquals("nosniff", reply.header("X-Content-Type-Options"), reply::toString);
      assertEquals("no-store", reply.header("Cache-Control"), reply::toString);
    }
    assertEquals("nosniff", api.get("/").header("X-Content-Type-Options"), "the page too");
    assertEquals(404, api.get("/api/v1/todos/0" + id).status(), "a second name for the todo");
    assertEquals(404, api.get("/api/v1/todos/0").status());
    assertEquals(200, api.get("/api/v1/todos/" + id).status());
  }

  @Test
  void connectionsBeyondTheCapAre503AndTheCapRecovers() throws Exception {
    ApiClient api = start(new JsonObject().put("max-connections", 4));
    java.util.List<Socket> held = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) { // each sends a request and keeps its connection
        Socket socket = new Socket("127.0.0.1", service.port);
        socket.getOutputStream().write("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
        held.add(socket);
      }
      com.taskoverflow.support.Jobs.sleep(300); // the server has counted them
      Reply refused = api.rawGet("/api/v1/health");
      assertEquals(503, refused.status(), refused::toString);
      assertEquals("1", refused.header("Retry-After"));
      assertTrue(refused.error().contains("http.max-connections"));
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    int status;
    while ((status = api.rawGet("/api/v1/health").status()) != 200 && System.nanoTime() < deadline) {
      com.taskoverflow.support.Jobs.sleep(50);
    }
    assertEquals(200, status, "served again once the connections went");
  }

  @Test
  void eventStreamsBeyondTheCapAre503AndTheCapRecovers() throws Exception {
    ApiClient api = startWith(new JsonObject().put("roles", "http,store") // jobs stay PENDING: streams stay open
        .put("http", new JsonObject().put("max-event-streams", 2)));
    String events = com.taskoverflow.support.Jobs.submit(api).getString("task_url").replace("/status", "/events");
    com.taskoverflow.support.EventStream first = com.taskoverflow.support.EventStream.open(events, java.util.Optional.empty());
    try (com.taskoverflow.support.EventStream second = com.taskoverflow.support.EventStream.open(events,
        java.util.Optional.empty())) {
      assertEquals(200, first.status);
      assertEquals(200, second.status);
      Reply refused = api.raw("GET", events.substring(events.indexOf("/api/")), Map.of(), "");
      assertEquals(503, refused.status(), refused::toString);
      assertNotNull(refused.header("Retry-After"));
      first.close();
      long deadline = System.nanoTime() + 10_000_000_000L;
      int status = 503;
      while (status == 503 && System.nanoTime() < deadline) {
        try (com.taskoverflow.support.EventStream again = com.taskoverflow.support.EventStream.open(events,
            java.util.Optional.empty())) {
          status = again.status;
        }
        com.taskoverflow.support.Jobs.sleep(50);
      }
      assertEquals(200, status, "a stream whose client left frees its place");
    }
  }

  @Test
  void aClientSubmittingTooFastIs429WhileOthersAndThisHostAreServed() throws Exception {
    ApiClient api = start(new JsonObject().put("submit-rate", 2).put("trusted-proxies", "127.0.0.1"));
    Map<String, String> remote = Map.of("X-Forwarded-For", "203.0.113.9");
    for (int i = 0; i < 4; i++) { // a burst of twice the rate
      assertEquals(202, post(api, "/api/v1/todos/ical", remote, "").status(), "submission " + i);
    }
    Reply limited = post(api, "/api/v1/todos/ical", remote, "");
    assertEquals(429, limited.status(), limited::toString);
    assertTrue(Long.parseLong(limited.header("Retry-After")) >= 1);
    assertTrue(limited.error().contains("http.submit-rate"));
    assertEquals(202, post(api, "/api/v1/todos/ical", Map.of("X-Forwarded-For", "203.0.113.10"), "").status(),
        "another client");
    assertEquals(202, post(api, "/api/v1/todos/ical", Map.of(), "").status(), "a caller on this host");
    com.taskoverflow.support.Jobs.sleep(1_100);
    assertEquals(202, post(api, "/api/v1/todos/ical", remote, "").status(), "tokens come back with time");
  }

  @Test
  void submissionsBeyondTheQueuedCeilingAre503UntilJobsFinish() throws Exception {
    ApiClient api = startWith(new JsonObject().put("roles", "http,store")
        .put("jobs", new JsonObject().put("max-queued", 3)));
    for (int i = 0; i < 3; i++) {
      assertEquals(202, api.post("/api/v1/todos/ical", "").status());
    }
    Reply refused = api.post("/api/v1/todos/ical", "");
    assertEquals(503, refused.status(), refused::toString);
    assertEquals("1", refused.header("Retry-After"));
    assertTrue(refused.error().contains("jobs.max-queued"));
    service.deploy(com.taskoverflow.config.Role.WORKER).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + 30_000_000_000L;
    int status;
    while ((status = api.post("/api/v1/todos/ical", "").status()) == 503 && System.nanoTime() < deadline) {
      com.taskoverflow.support.Jobs.sleep(200);
    }
    assertEquals(202, status, "accepted again once the jobs ran");
  }
}
