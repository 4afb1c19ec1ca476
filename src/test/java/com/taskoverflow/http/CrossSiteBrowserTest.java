package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.net.httpserver.HttpServer;
import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.HeadlessChromium;
import com.taskoverflow.support.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A page on another origin (another port of 127.0.0.1, served here) tries, in headless Chromium,
 * every way a browser lets it write to the API: a text/plain form, no-cors fetches, CORS fetches.
 * Nothing it sends changes anything; the same page from an origin in http.cors-origins may write.
 */
class CrossSiteBrowserTest extends OwnServiceTest {

  private HttpServer otherSite;
  private HeadlessChromium chromium;

  @BeforeEach
  void serveTheOtherSite() throws Exception {
    byte[] page;
    try (InputStream in = getClass().getResourceAsStream("/cross-site/other-site.html")) {
      page = in.readAllBytes();
    }
    otherSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    otherSite.createContext("/", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      try (var out = exchange.getResponseBody()) {
        out.write(page);
      }
    });
    otherSite.start();
    chromium = HeadlessChromium.open();
  }

  @AfterEach
  void closeTheOtherSite() {
    if (chromium != null) {
      chromium.close();
    }
    otherSite.stop(0);
  }

  private String otherOrigin() {
    return "http://127.0.0.1:" + otherSite.getAddress().getPort();
  }

  /** Opens the other site's page against the service, and waits for what became of each try. */
  @SuppressWarnings("unchecked")
  private Map<String, String> visitTheOtherSite(long todo) {
    chromium.browser.get(otherOrigin() + "/?api=http://127.0.0.1:" + service.port + "&todo=" + todo);
    return (Map<String, String>) chromium.wait.until(
        driver -> chromium.browser.executeScript("return window.outcomes || null"));
  }

  @Test
  void aPageOnAnotherOriginChangesNothing() throws Exception {
    ApiClient api = start(new JsonObject());
    JsonObject mine = api.post("/api/v1/todos", "{\"title\": \"mine\"}").json();

    Map<String, String> outcomes = visitTheOtherSite(mine.getLong("id"));

    // The requests a browser lets through reached the server and were answered (an opaque answer
    // is still an answer: a refused connection would reject the fetch); the browser stopped the rest.
    assertEquals("sent, answer unreadable", outcomes.get("form post"), outcomes.toString());
    assertEquals("sent, answer unreadable", outcomes.get("no-cors create"), outcomes.toString());
    assertEquals("sent, answer unreadable", outcomes.get("no-cors calendar job"), outcomes.toString());
    assertEquals("sent, answer unreadable", outcomes.get("no-cors requeue"), outcomes.toString());
    for (String preflighted : List.of("cors create", "cors update", "no-cors delete")) {
      assertEquals("blocked by the browser", outcomes.get(preflighted), outcomes.toString());
    }
    JsonArray todos = api.get("/api/v1/todos").jsonArray();
    assertEquals(new JsonArray().add(mine), todos, "the list is just as it was");
    Vertx vertx = Vertx.vertx();
    try {
      assertEquals(0, TestServices.count(vertx, service.database, "SELECT count(*) FROM calendar_jobs"));
    } finally {
      vertx.close();
    }
  }

  @Test
  void theSamePageFromAConfiguredOriginMayWrite() throws Exception {
    ApiClient api = start(new JsonObject().put("cors-origins", otherOrigin()));
    long mine = api.post("/api/v1/todos", "{\"title\": \"mine\"}").json().getLong("id");

    Map<String, String> outcomes = visitTheOtherSite(mine);

    assertEquals("answered 201", outcomes.get("cors create"), outcomes.toString());
    assertEquals("answered 200", outcomes.get("cors update"), outcomes.toString());
    // a body that is not JSON is still refused, whoever sends it
    List<String> titles = api.get("/api/v1/todos").jsonArray().stream()
        .map(todo -> ((JsonObject) todo).getString("title")).toList();
    assertEquals(List.of("mine", "from a cors fetch"), titles);
    assertTrue(api.get("/api/v1/todos/" + mine).json().getBoolean("completed"));
  }
}
