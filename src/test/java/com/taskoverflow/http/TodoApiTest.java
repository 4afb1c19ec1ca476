package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient.Reply;
import com.taskoverflow.support.ServiceTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of the todo part of the API contract, driven over real HTTP against real PostgreSQL. */
class TodoApiTest extends ServiceTest {

  private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}";


  private static JsonObject create(JsonObject todo) {
    Reply reply = api.post("/api/v1/todos", todo.encode());
    assertEquals(201, reply.status(), reply::toString);
    return reply.json();
  }

  private static void assertError(int status, Reply reply) {
    assertEquals(status, reply.status(), reply::toString);
    assertTrue(reply.header("Content-Type").startsWith("application/json"), reply::toString);
    assertFalse(reply.error().isBlank(), reply::toString);
  }

  private static String utcInDays(double days) {
    return LocalDateTime.now(ZoneOffset.UTC).plusSeconds((long) (days * 86400))
        .format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"));
  }

  @Test
  void health() {
    Reply reply = api.get("/api/v1/health");
    assertEquals(200, reply.status());
    assertEquals("ok", reply.json().getString("status"));
  }

  @Test
  void createReturnsTheTodoWithServerFields() {
    JsonObject todo = create(new JsonObject().put("title", "Watch CSSE6400 Lecture")
        .put("description", "Week 1 lecture").put("deadline_at", "2023-02-27T00:00:00"));
    assertTrue(todo.getLong("id") > 0);
    assertEquals("Watch CSSE6400 Lecture", todo.getString("title"));
    assertEquals("Week 1 lecture", todo.getString("description"));
    assertEquals(false, todo.getBoolean("completed"));
    assertEquals("2023-02-27T00:00:00", todo.getString("deadline_at"));
    assertTrue(todo.getString("created_at").matches(TIMESTAMP));
    assertEquals(todo.getString("created_at"), todo.getString("updated_at"));
    assertEquals(todo, api.get("/api/v1/todos/" + todo.getLong("id")).json());
  }

  @Test
  void optionalFieldsDefault() {
    JsonObject todo = create(new JsonObject().put("title", "Only a title"));
    assertTrue(todo.containsKey("description"));
    assertNull(todo.getValue("description"));
    assertEquals(false, todo.getBoolean("completed"));
    assertNull(todo.getValue("deadline_at"));
  }

  @Test
  void textIsKeptExactly() {
    String title = "Ünïcödé \"quoted\", semi; colon: back\\slash 😀 ✓";
    String description = "line one\nline two\r\nthird\ttabbed, with; every 'kind' of \"text\" — 日本語 \u2028"
        + " and controls: bell \u0007, escape \u001b[0m, delete \u007f, next line \u0085";
    JsonObject todo = create(new JsonObject().put("title", title).put("description", description));
    JsonObject read = api.get("/api/v1/todos/" + todo.getLong("id")).json();
    assertEquals(title, read.getString("title"));
    assertEquals(description, read.getString("description"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"C0 AF", "E0 80 AF", "ED A0 BD ED B8 80", "80", "E2 82", "F8 88 80 80 80", "FF"})
  void bodiesThatAreNotUtf8Are400AndStoreNothing(String hex) {
    // overlong '/', CESU-8 surrogates, a lone continuation, a cut sequence, 5-byte and invalid bytes
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("{\"title\": \"a".getBytes(StandardCharsets.UTF_8));
    for (String octet : hex.split(" ")) {
      body.write(Integer.parseInt(octet, 16));
    }
    body.writeBytes("b\"}".getBytes(StandardCharsets.UTF_8));
    int before = api.get("/api/v1/todos").jsonArray().size();
    Reply reply = api.send("POST", "/api/v1/todos", HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()),
        Map.of("Content-Type", "application/json"));
    assertError(400, reply);
    assertEquals("Request body is not valid UTF-8", reply.json().getString("error"));
    assertEquals(before, api.get("/api/v1/todos").jsonArray().size());
  }

  @Test
  void aKeyTwiceIsRefusedOnUpdatesToo() {
    long id = create(new JsonObject().put("title", "once")).getLong("id");
    Reply reply = api.put("/api/v1/todos/" + id, "{\"completed\": true, \"completed\": false}");
    assertError(400, reply);
    assertTrue(reply.json().getString("error").contains("twice"), reply.body());
    assertFalse(api.get("/api/v1/todos/" + id).json().getBoolean("completed"));
  }

  @Test
  void lengthsCountCharactersNotBytes() {
    create(new JsonObject().put("title", "😀".repeat(200)).put("description", "é".repeat(4000)));
    assertError(400, api.post("/api/v1/todos", new JsonObject().put("title", "x".repeat(201)).encode()));
    assertError(400, api.post("/api/v1/todos",
        new JsonObject().put("title", "ok").put("description", "x".repeat(4001)).encode()));
  }

  @Test
  void deadlinesAreNormalisedToUtcSeconds() {
    assertEquals("2023-02-27T00:00:00",
        create(new JsonObject().put("title", "z").put("deadline_at", "2023-02-27T00:00:00Z")).getString("deadline_at"));
    assertEquals("2023-02-26T14:00:00",
        create(new JsonObject().put("title", "offset").put("deadline_at", "2023-02-27T00:00:00+10:00"))
            .getString("deadline_at"));
    assertEquals("2023-02-27T05:30:00",
        create(new JsonObject().put("title", "negative").put("deadline_at", "2023-02-27T00:00:00-05:30"))
            .getString("deadline_at"));
    assertEquals("2023-02-27T12:34:56",
        create(new JsonObject().put("title", "fraction").put("deadline_at", "2023-02-27T12:34:56.987654"))
            .getString("deadline_at"));
    assertNull(create(new JsonObject().put("title", "none").putNull("deadline_at")).getValue("deadline_at"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{}",
      "{\"title\": \"\"}",
      "{\"title\": \"   \"}",
      "{\"title\": null}",
      "{\"title\": 42}",
      "{\"title\": true}",
      "{\"title\": [\"a\"]}",
      "{\"title\": {\"a\": 1}}",
      "{\"title\": \"t\", \"description\": 5}",
      "{\"title\": \"t\", \"completed\": \"true\"}",
      "{\"title\": \"t\", \"completed\": 1}",
      "{\"title\": \"t\", \"completed\": null}",
      "{\"title\": \"t\", \"deadline_at\": \"tomorrow\"}",
      "{\"title\": \"t\", \"deadline_at\": \"2023-02-30T00:00:00\"}",
      "{\"title\": \"t\", \"deadline_at\": \"2023-02-27\"}",
      "{\"title\": \"t\", \"deadline_at\": \"2023-02-27T25:00:00\"}",
      "{\"title\": \"t\", \"deadline_at\": 1677456000}",
      "{\"title\": \"t\", \"deadline_at\": \"+12023-02-27T00:00:00\"}",
      "{\"title\": \"t\", \"priority\": 1}",
      "{\"title\": \"t\", \"id\": 7}",
      "{\"title\": \"t\", \"created_at\": \"2023-02-27T00:00:00\"}",
      "{\"title\": \"t\", \"updated_at\": \"2023-02-27T00:00:00\"}",
      "{\"title\": \"nul \\u0000 inside\"}",
      "{\"title\": \"lone \\ud800 surrogate\"}",
      "{\"title\": \"t\", \"title\": \"u\"}",
      "{\"title\": \"t\", \"description\": \"a\", \"description\": \"b\"}",
      "[]",
      "[{\"title\": \"t\"}]",
      "\"title\"",
      "42",
      "null",
      "{\"title\": ",
      "{title: 't'}",
      "",
  })
  void badCreatesAre400AndStoreNothing(String body) {
    int before = api.get("/api/v1/todos").jsonArray().size();
    assertError(400, api.post("/api/v1/todos", body));
    assertEquals(before, api.get("/api/v1/todos").jsonArray().size());
  }

  @Test
  void bodiesOverOneMebibyteAre413() {
    String big = "{\"title\": \"t\", \"description\": \"" + "x".repeat(1024 * 1024) + "\"}";
    assertError(413, api.post("/api/v1/todos", big));
  }

  @Test
  void chunkedBodiesOverTheLimitAre413Too() {
    byte[] big = ("{\"title\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    // an InputStream publisher has no length, so the client sends it chunked
    assertError(413, api.send("POST", "/api/v1/todos",
        HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)),
        Map.of("Content-Type", "application/json")));
  }

  @Test
  void bodiesThatAreNotJsonAre415() {
    assertError(415, api.send("POST", "/api/v1/todos", "title=x",
        Map.of("Content-Type", "application/x-www-form-urlencoded")));
    assertError(415, api.send("POST", "/api/v1/todos", "--b--", Map.of("Content-Type", "multipart/form-data; boundary=b")));
    // what a page elsewhere can post without a CORS preflight: refused even when the text is JSON
    assertError(415, api.send("POST", "/api/v1/todos", "{\"title\": \"plain\"}", Map.of("Content-Type", "text/plain")));
  }

  @Test
  void malformedUrlsAre4xxJson() {
    assertError(400, api.rawGet("/api/v1/todos/%"));
    assertError(400, api.rawGet("/api/v1/todos/ical/%ZZ/status"));
    assertError(400, api.rawGet("/api/v1/todos?completed=%ZZ"));
    assertError(414, api.get("/api/v1/todos?filler=" + "x".repeat(10_000)));
  }

  @Test
  void bodiesUpToTheLimitAreRead() {
    // A valid object padded with whitespace to just under 1 MiB: the limit is on bytes, not fields.
    String body = "{\"title\": \"padded\"}" + " ".repeat(1024 * 1024 - 100);
    assertEquals(201, api.post("/api/v1/todos", body).status());
  }

  @Test
  void listIsInAscendingIdOrder() {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(create(new JsonObject().put("title", "order " + i)).getLong("id"));
    }
    List<Long> listed = api.get("/api/v1/todos").jsonArray().stream()
        .map(todo -> ((JsonObject) todo).getLong("id")).toList();
    assertEquals(listed.stream().sorted().toList(), listed);
    assertTrue(listed.containsAll(ids));
  }

  @Test
  void aLongListIsStreamedWholeAndItsPagesFollowTheirLinks() throws Exception {
    // More todos than two streaming pages hold, written straight to the database.
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      io.vertx.sqlclient.Pool pool = com.taskoverflow.support.TestServices.pool(vertx, service.database);
      pool.query("INSERT INTO todos (owner, title, completed, created_at, updated_at) SELECT '', 'bulk ' || g, g % 2 = 0,"
              + " now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc' FROM generate_series(1, 1234) g")
          .execute().eventually(pool::close).toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      vertx.close();
    }
    Reply whole = api.get("/api/v1/todos");
    assertEquals(200, whole.status());
    assertNull(whole.header("Link"), "the whole list has no next page");
    List<Long> all = whole.jsonArray().stream().map(todo -> ((JsonObject) todo).getLong("id")).toList();
    assertTrue(all.size() >= 1234, "every todo: " + all.size());
    assertEquals(all.stream().sorted().distinct().toList(), all, "ascending, each once");

    List<Long> paged = new ArrayList<>();
    String next = "/api/v1/todos?limit=400";
    for (int pages = 0; next != null; pages++) {
      assertTrue(pages < 100, "the pages end");
      Reply page = api.get(next);
      assertEquals(200, page.status(), page::toString);
      page.jsonArray().forEach(todo -> paged.add(((JsonObject) todo).getLong("id")));
      String link = page.header("Link");
      next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
      assertTrue(link == null || link.endsWith("rel=\"next\""), link);
    }
    assertEquals(all, paged, "the pages hold the same list");

    Reply open = api.get("/api/v1/todos?completed=false&limit=2");
    String link = open.header("Link");
    assertTrue(link.contains("completed=false") && link.contains("limit=2") && link.contains("after_id="), link);
    assertTrue(open.jsonArray().stream().noneMatch(todo -> ((JsonObject) todo).getBoolean("completed")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=0", "limit=1001", "limit=abc", "limit=", "after_id=-1", "after_id=x", "limit=2&limit=3"})
  void badPagesAre400(String query) {
    Reply reply = api.get("/api/v1/todos?" + query);
    assertEquals(400, reply.status(), reply::toString);
    assertNotNull(reply.error());
  }

  @Test
  void completedFilter() {
    long done = create(new JsonObject().put("title", "done").put("completed", true)).getLong("id");
    long open = create(new JsonObject().put("title", "open")).getLong("id");
    Set<Long> completed = ids(api.get("/api/v1/todos?completed=true").jsonArray());
    Set<Long> notCompleted = ids(api.get("/api/v1/todos?completed=false").jsonArray());
    assertTrue(completed.contains(done) && !completed.contains(open));
    assertTrue(notCompleted.contains(open) && !notCompleted.contains(done));
    api.get("/api/v1/todos?completed=true").jsonArray()
        .forEach(todo -> assertTrue(((JsonObject) todo).getBoolean("completed")));
  }

  @Test
  void windowFilterKeepsDeadlinesFromNowToNDays() {
    long soon = create(new JsonObject().put("title", "soon").put("deadline_at", utcInDays(2))).getLong("id");
    long later = create(new JsonObject().put("title", "later").put("deadline_at", utcInDays(10))).getLong("id");
    long past = create(new JsonObject().put("title", "past").put("deadline_at", utcInDays(-1))).getLong("id");
    long none = create(new JsonObject().put("title", "none")).getLong("id");
    long soonDone = create(new JsonObject().put("title", "soon done").put("completed", true)
        .put("deadline_at", utcInDays(1))).getLong("id");

    Set<Long> week = ids(api.get("/api/v1/todos?window=7").jsonArray());
    assertTrue(week.containsAll(Set.of(soon, soonDone)));
    assertFalse(week.contains(later) || week.contains(past) || week.contains(none));

    Set<Long> openThisWeek = ids(api.get("/api/v1/todos?completed=false&window=7").jsonArray());
    assertTrue(openThisWeek.contains(soon));
    assertFalse(openThisWeek.contains(soonDone));

    assertTrue(ids(api.get("/api/v1/todos?window=99999999999999999999").jsonArray()).containsAll(Set.of(soon, later)));
    assertFalse(ids(api.get("/api/v1/todos?window=0").jsonArray()).contains(soon));
  }

  @ParameterizedTest
  @ValueSource(strings = {"completed=yes", "completed=1", "completed=", "completed=true&completed=false",
      "window=-1", "window=abc", "window=1.5", "window=", "window=+3", "window=7&completed=maybe"})
  void badFiltersAre400(String query) {
    assertError(400, api.get("/api/v1/todos?" + query));
  }

  @ParameterizedTest
  @ValueSource(strings = {"999999999", "abc", "-1", "0", "1.5", "99999999999999999999999", "%20"})
  void unknownOrNonNumericIdsAre404(String id) {
    assertError(404, api.get("/api/v1/todos/" + id));
    assertError(404, api.put("/api/v1/todos/" + id, "{\"title\": \"x\"}"));
    assertError(404, api.delete("/api/v1/todos/" + id));
  }

  @Test
  void putIsAPartialUpdate() throws InterruptedException {
    JsonObject todo = create(new JsonObject().put("title", "before").put("description", "keep me")
        .put("deadline_at", "2030-01-01T10:00:00"));
    String path = "/api/v1/todos/" + todo.getLong("id");
    Thread.sleep(1100); // timestamps have whole-second precision

    Reply reply = api.put(path, "{\"title\": \"after\", \"completed\": true}");
    assertEquals(200, reply.status(), reply::toString);
    JsonObject updated = reply.json();
    assertEquals("after", updated.getString("title"));
    assertEquals(true, updated.getBoolean("completed"));
    assertEquals("keep me", updated.getString("description"));
    assertEquals("2030-01-01T10:00:00", updated.getString("deadline_at"));
    assertEquals(todo.getString("created_at"), updated.getString("created_at"));
    assertTrue(updated.getString("updated_at").compareTo(todo.getString("updated_at")) > 0);
    assertEquals(updated, api.get(path).json());

    JsonObject cleared = api.put(path, "{\"description\": null, \"deadline_at\": null}").json();
    assertNull(cleared.getValue("description"));
    assertNull(cleared.getValue("deadline_at"));
    assertEquals("after", cleared.getString("title"));

    assertEquals(200, api.put(path, "{}").status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"title\": \"\"}", "{\"title\": null}", "{\"completed\": \"no\"}",
      "{\"deadline_at\": \"soon\"}", "{\"id\": 5}", "{\"updated_at\": \"2023-01-01T00:00:00\"}",
      "{\"title\": \"ok\", \"unknown\": 1}", "{\"title\": \"ok\", \"completed\": null}", "[]", "{bad", ""})
  void invalidPutChangesNothing(String body) {
    JsonObject todo = create(new JsonObject().put("title", "unchanged").put("deadline_at", "2030-01-01T00:00:00"));
    String path = "/api/v1/todos/" + todo.getLong("id");
    assertError(400, api.put(path, body));
    assertEquals(todo, api.get(path).json());
  }

  @Test
  void deleteReturnsTheTodoThenItIsGone() {
    JsonObject todo = create(new JsonObject().put("title", "short-lived"));
    String path = "/api/v1/todos/" + todo.getLong("id");
    Reply deleted = api.delete(path);
    assertEquals(200, deleted.status());
    assertEquals(todo, deleted.json());
    assertError(404, api.get(path));
    assertError(404, api.delete(path));
  }

  @Test
  void twoHundredConcurrentCreatesGetDistinctIds() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(32);
    try {
      List<Future<Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String body = new JsonObject().put("title", "concurrent " + i).encode();
        replies.add(clients.submit(() -> api.post("/api/v1/todos", body)));
      }
      Set<Long> ids = new HashSet<>();
      Set<String> titles = new HashSet<>();
      for (Future<Reply> reply : replies) {
        Reply created = reply.get();
        assertEquals(201, created.status(), created::toString);
        ids.add(created.json().getLong("id"));
        titles.add(created.json().getString("title"));
      }
      assertEquals(200, ids.size());
      assertEquals(200, titles.size());
      assertTrue(ids(api.get("/api/v1/todos").jsonArray()).containsAll(ids));
    } finally {
      clients.shutdownNow();
    }
  }

  @Test
  void unknownPathsAndMethodsAnswerJson() {
    assertError(404, api.get("/api/v1/nothing-here"));
    assertError(404, api.get("/nothing-here")); // (the site root is the web page)
    assertError(405, api.send("PATCH", "/api/v1/todos/1", "{}", Map.of()));
    assertError(405, api.send("DELETE", "/api/v1/todos", (String) null, Map.of()));
  }

  private static Set<Long> ids(JsonArray todos) {
    return todos.stream().map(todo -> ((JsonObject) todo).getLong("id")).collect(Collectors.toSet());
  }
}
