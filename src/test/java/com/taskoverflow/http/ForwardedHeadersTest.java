package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.config.AddressRange;
import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.ApiClient.Reply;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proxies on purpose: forwarded headers count only from a trusted proxy and only when valid; the
 * Host names served are an allow-list; nothing a client sends in them goes unanswered or is echoed.
 */
class ForwardedHeadersTest extends OwnServiceTest {

  private static final String SUBMIT = "/api/v1/todos/ical";

  private String own() {
    return "http://127.0.0.1:" + service.port;
  }

  /** Submits a job with these headers; answers its task_url, after checking Location says the same. */
  private static String taskUrl(ApiClient api, Map<String, String> headers) {
    Reply reply = api.raw("POST", SUBMIT, headers, "");
    assertEquals(202, reply.status(), reply::toString);
    String url = reply.json().getString("task_url");
    assertEquals(url, reply.header("Location"));
    return url;
  }

  @Test
  void fromAnyoneButATrustedProxyForwardedHeadersAreIgnoredAndBadOnesStillAnswered() throws Exception {
    ApiClient api = start(new JsonObject());
    for (Map<String, String> headers : List.of(
        Map.of("X-Forwarded-Proto", "javascript:alert(1)//"),
        Map.of("X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https"),
        Map.of("X-Forwarded-Host", "[::1"),
        Map.of("X-Forwarded-Host", "a b"),
        Map.of("X-Forwarded-Host", "host:99999"),
        Map.of("X-Forwarded-Host", "exämple.org"),
        Map.of("Forwarded", "proto=https;host=evil.example"))) {
      String url = taskUrl(api, headers);
      assertTrue(url.startsWith(own() + "/api/v1/todos/ical/"), () -> headers + " gave " + url);
    }
    Reply list = api.raw("GET", "/api/v1/todos?limit=1", Map.of("X-Forwarded-Host", "[::1"), "");
    assertEquals(200, list.status(), list::toString);
  }

  @Test
  void aTrustedProxysValidHeadersMakeTheUrlsAndItsInvalidOnesAreIgnored() throws Exception {
    ApiClient api = start(new JsonObject().put("trusted-proxies", "10.0.0.0/8, 127.0.0.1"));
    assertEquals("https://todo.example/api/v1/todos/ical/",
        prefix(taskUrl(api, Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "todo.example"))));
    assertEquals("https://todo.example:8443/api/v1/todos/ical/",
        prefix(taskUrl(api, Map.of("X-Forwarded-Proto", "HTTPS", "X-Forwarded-Host", "todo.example, proxy.internal",
            "X-Forwarded-Port", "8443"))));
    assertEquals("https://[2001:db8::1]:9000/api/v1/todos/ical/",
        prefix(taskUrl(api, Map.of("Forwarded", "for=192.0.2.60;proto=https;host=\"[2001:db8::1]:9000\""))));
    String path = taskUrl(api, Map.of()).substring(own().length());
    com.taskoverflow.support.Jobs.awaitFinal(api, path, java.time.Duration.ofSeconds(30));
    Reply status = api.raw("GET", path, Map.of("X-Forwarded-Proto", "https, http",
        "X-Forwarded-Host", "todo.example:8443, proxy.local"), "");
    assertTrue(status.json().getString("result_url").startsWith("https://todo.example:8443/api/v1/"), status::toString);
    // not http/https, not a host[:port]: ignored, the request's own values used
    assertEquals(own() + "/api/v1/todos/ical/",
        prefix(taskUrl(api, Map.of("X-Forwarded-Proto", "javascript:alert(1)//", "X-Forwarded-Host", "a b"))));
    assertEquals(own() + "/api/v1/todos/ical/", prefix(taskUrl(api, Map.of("X-Forwarded-Host", "[::1"))));
  }

  private static String prefix(String taskUrl) {
    return taskUrl.substring(0, taskUrl.lastIndexOf('/', taskUrl.lastIndexOf('/') - 1) + 1);
  }

  @Test
  void onLoopbackOnlyTheLoopbackNamesAreServed() throws Exception {
    ApiClient api = start(new JsonObject());
    Reply rebound = api.raw("GET", "/api/v1/health", Map.of("Host", "evil.example"), "");
    assertEquals(421, rebound.status(), rebound::toString);
    assertTrue(rebound.error().contains("evil.example"));
    Reply written = api.raw("POST", SUBMIT, Map.of("Host", "evil.example:" + service.port), "");
    assertEquals(421, written.status(), "refused before anything is done");
    for (String host : List.of("localhost", "LOCALHOST:" + service.port, "127.0.0.1", "[::1]:" + service.port)) {
      assertEquals(200, api.raw("GET", "/api/v1/health", Map.of("Host", host), "").status(), host);
    }
  }

  @Test
  void theHostsServedCanBeListedOrLeftOpen() throws Exception {
    ApiClient api = start(new JsonObject().put("allowed-hosts", "todo.example"));
    assertEquals(200, api.raw("GET", "/api/v1/health", Map.of("Host", "Todo.Example"), "").status());
    assertEquals(421, api.raw("GET", "/api/v1/health", Map.of("Host", "localhost"), "").status());
    stopService();
    api = start(new JsonObject().put("allowed-hosts", "*"));
    assertEquals(200, api.raw("GET", "/api/v1/health", Map.of("Host", "anything.example"), "").status());
  }

  @Test
  void anExpectationOtherThanContinueIs417() throws Exception {
    ApiClient api = start(new JsonObject());
    Reply reply = api.raw("POST", "/api/v1/todos", Map.of("Expect", "bogus", "Content-Type", "application/json"),
        "{\"title\": \"t\"}");
    assertEquals(417, reply.status(), reply::toString);
    assertEquals(0, api.get("/api/v1/todos").jsonArray().size(), "nothing was created");
  }

  @Test
  void addressRangesMatchTheirAddressesOnly() {
    AddressRange block = AddressRange.parse("10.1.0.0/16", "test");
    assertTrue(block.contains(new byte[] {10, 1, 2, 3}));
    assertFalse(block.contains(new byte[] {10, 2, 0, 1}));
    assertTrue(AddressRange.parse("::1", "test").contains(io.netty.util.NetUtil.createByteArrayFromIpAddressString("::1")));
    assertFalse(AddressRange.parse("0.0.0.0/0", "test").contains(io.netty.util.NetUtil.createByteArrayFromIpAddressString("::1")));
    assertTrue(AddressRange.parse("192.168.1.128/25", "test").contains(new byte[] {(byte) 192, (byte) 168, 1, (byte) 200}));
    for (String bad : List.of("proxy.internal", "10.0.0.0/33", "10.0.0.1/x", "1.2.3", "::1/129")) {
      assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(bad, "http.trusted-proxies"), bad);
    }
  }

  @Test
  void twoHostHeadersAre400() throws Exception {
    ApiClient api = start(new JsonObject());
    java.net.URI base = java.net.URI.create(own());
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n"
          + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
      assertTrue(answer.contains("More than one Host header"), answer);
    }
  }
}
