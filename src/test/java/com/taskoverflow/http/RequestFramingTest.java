package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.ApiClient.Reply;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Requests framed oddly, written byte for byte: other protocol versions, Content-Length with
 * Transfer-Encoding, HEAD, methods a route does not take, HTTP/2 without TLS. Each is answered in
 * JSON (or closed where HTTP says so). (A client leaving mid-body: MetricsApiTest.)
 */
class RequestFramingTest extends OwnServiceTest {

  private static final Pattern CLOSED = Pattern.compile("<<closed>>$");

  /** What the server writes back for {@code request}, then "<<closed>>" if it closed the connection. */
  private String exchange(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", service.port)) {
      socket.setSoTimeout(3_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      StringBuilder answer = new StringBuilder();
      byte[] buffer = new byte[8192];
      try {
        for (int read; (read = socket.getInputStream().read(buffer)) >= 0; ) {
          answer.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
        }
        return answer.append("<<closed>>").toString();
      } catch (java.net.SocketTimeoutException stillOpen) {
        return answer.toString();
      }
    }
  }

  private static JsonObject bodyOf(String answer) {
    return new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4).replace("<<closed>>", ""));
  }

  @Test
  void requestLinesOfOtherVersionsAre400InJsonAndClosed() throws Exception {
    start(new JsonObject());
    for (String version : new String[] {"HTTP/2.0", "http/1.1", "HTTP/1.2", "HTTP/3", "HTTP/1.1.1"}) {
      String answer = exchange("GET /api/v1/health " + version + "\r\nHost: 127.0.0.1\r\n\r\n");
      assertTrue(answer.matches("(?s)HTTP/\\S+ 400 .*"), version + ": " + answer);
      // versions the codec can read are named; the rest are malformed request lines
      assertEquals(version.matches("(?i)HTTP/\\d\\.\\d") ? "Unsupported HTTP version: send HTTP/1.1" : "Malformed HTTP request",
          bodyOf(answer).getString("error"), answer);
      assertTrue(CLOSED.matcher(answer).find(), version + " left open: " + answer);
    }
  }

  @Test
  void contentLengthWithTransferEncodingIsReadByTheChunksThenClosed() throws Exception {
    ApiClient api = start(new JsonObject());
    String smuggled = "GET /api/v1/todos HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    String answer = exchange("POST /api/v1/todos HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "10\r\n{\"title\": \"one\"}\r\n0\r\n\r\n" + smuggled);
    assertTrue(answer.startsWith("HTTP/1.1 201 "), answer);
    assertTrue(CLOSED.matcher(answer).find(), "closed after the answer (RFC 9112 §6.1): " + answer);
    assertEquals(1, Pattern.compile("HTTP/1.1 ").matcher(answer).results().count(), "nothing after it is read: " + answer);
    assertEquals(1, api.get("/api/v1/todos").jsonArray().size());
  }

  @Test
  void aChunkedBodyOverTheLimitIsReadToItsEndAfterThe413ThenClosed() throws Exception {
    ApiClient api = start(new JsonObject());
    try (Socket socket = new Socket("127.0.0.1", service.port)) {
      socket.setSoTimeout(5_000);
      // 64 MiB, more than the sockets' buffers hold: the 413 is sent after the first MiB, while the
      // rest is still coming; closed then, the connection would be reset under this client's writes
      postChunks(socket, 1024);
      socket.getOutputStream().write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
      assertEquals("Request body too large (limit 1 MiB)", bodyOf(answer).getString("error"));
    }
    // a client that stops sending mid-body is not waited for long
    long started = System.nanoTime();
    try (Socket socket = new Socket("127.0.0.1", service.port)) {
      socket.setSoTimeout(10_000);
      postChunks(socket, 20);
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
    }
    long waited = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertTrue(waited < RequestFraming.LINGER_MS + 5_000, "closed after " + waited + " ms");
    assertEquals(0, api.get("/api/v1/todos").jsonArray().size());
  }

  /** A chunked POST of a todo whose body goes on for {@code chunks} chunks of 64 KiB, left unfinished. */
  private static void postChunks(Socket socket, int chunks) throws IOException {
    byte[] chunk = ("{\"title\": \"" + "x".repeat(64 * 1024)).getBytes(StandardCharsets.ISO_8859_1);
    var out = socket.getOutputStream();
    out.write("POST /api/v1/todos HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    for (int i = 0; i < chunks; i++) {
      out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(chunk);
      out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  @Test
  void transferCodingsOtherThanChunkedOnceAndLastAre400AndClosed() throws Exception {
    ApiClient api = start(new JsonObject());
    for (String codings : new String[] {"Transfer-Encoding: chunked, identity", "Transfer-Encoding: gzip",
        "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked", "Transfer-Encoding: chunked, chunked"}) {
      String answer = exchange("POST /api/v1/todos HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + codings + "\r\n\r\n10\r\n{\"title\": \"one\"}\r\n0\r\n\r\n");
      assertTrue(answer.startsWith("HTTP/1.1 400 "), codings + ": " + answer);
      assertEquals("Transfer-Encoding must name chunked once, as the last coding", bodyOf(answer).getString("error"));
      assertTrue(CLOSED.matcher(answer).find(), codings + ": " + answer);
    }
    assertEquals(0, api.get("/api/v1/todos").jsonArray().size());
    assertTrue(exchange("POST /api/v1/todos HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: gzip, Chunked\r\n\r\n10\r\n{\"title\": \"one\"}\r\n0\r\n\r\n").startsWith("HTTP/1.1 "),
        "(a coding before chunked is the client's business: the service reads the chunks)");
  }

  @Test
  void aClientTricklingItsHeadersIsClosedAfterTheHeaderTimeout() throws Exception {
    ApiClient api = start(new JsonObject().put("header-timeout-ms", 1000)); // the idle timeout stays 30 s
    long started = System.nanoTime();
    try (Socket socket = new Socket("127.0.0.1", service.port)) {
      socket.getOutputStream().write("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
      boolean closed = false;
      for (int i = 0; i < 40 && !closed; i++) {
        Thread.sleep(250);
        try {
          socket.getOutputStream().write(("X-Trickle-" + i + ": y\r\n").getBytes(StandardCharsets.US_ASCII));
          socket.getOutputStream().flush();
          socket.setSoTimeout(1);
          closed = socket.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
          // nothing from the server yet
        } catch (IOException reset) {
          closed = true;
        }
      }
      long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      assertTrue(closed, "still open after 10 s of trickled headers");
      assertTrue(seconds <= 4, "closed only after " + seconds + " s");
    }
    // a client that sends whole requests on one connection, with pauses shorter than the timeout, is served
    try (Socket socket = new Socket("127.0.0.1", service.port)) {
      socket.setSoTimeout(5_000);
      for (int i = 0; i < 4; i++) {
        socket.getOutputStream().write("GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] buffer = new byte[4096];
        int read = socket.getInputStream().read(buffer);
        assertTrue(new String(buffer, 0, read, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200 "));
        Thread.sleep(600);
      }
    }
    assertEquals(200, api.get("/api/v1/health").status());
  }

  @Test
  void headIsAnsweredOnEveryReadRouteWithoutABody() throws Exception {
    ApiClient api = start(new JsonObject());
    long id = api.post("/api/v1/todos", "{\"title\": \"t\"}").json().getLong("id");
    String taskId = api.post("/api/v1/todos/ical", "").json().getString("task_id");
    for (String path : new String[] {"/api/v1/todos", "/api/v1/todos/" + id, "/api/v1/health", "/api/v1/openapi.yaml",
        "/api/v1/todos/ical/" + taskId + "/status", "/api/v1/todos/ical/" + taskId + "/events", "/",
        "/api/v1/admin/dead-letters"}) {
      Reply get = api.raw("GET", path, Map.of(), "");
      String head = exchange("HEAD " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
      assertTrue(head.startsWith("HTTP/1.1 200 "), path + ": " + head);
      assertTrue(head.endsWith("\r\n\r\n<<closed>>"), path + ": a HEAD answer has no body: " + head);
      String type = get.header("Content-Type");
      assertTrue(head.toLowerCase().contains("content-type: " + type.toLowerCase()), path + ": " + head);
    }
    assertTrue(exchange("HEAD /api/v1/todos/999 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .startsWith("HTTP/1.1 404 "));
  }

  @Test
  void aMethodARouteDoesNotTakeIs405WithAllow() throws Exception {
    ApiClient api = start(new JsonObject());
    Reply patch = api.raw("PATCH", "/api/v1/todos/1", Map.of(), "");
    assertEquals(405, patch.status());
    assertEquals("DELETE, GET, HEAD, PUT", patch.header("Allow"));
    assertEquals("Method not allowed", patch.error());
    assertEquals("GET, HEAD, POST", api.raw("DELETE", "/api/v1/todos", Map.of(), "").header("Allow"));
    assertEquals("GET, HEAD", api.raw("DELETE", "/api/v1/todos/ical/x/status", Map.of(), "").header("Allow"));
    assertEquals("POST", api.raw("GET", "/api/v1/admin/dead-letters/x/requeue", Map.of(), "").header("Allow"));
    assertEquals("GET, HEAD", api.raw("POST", "/api/v1/health", Map.of(), "").header("Allow"));
  }

  @Test
  void http2WithoutTlsIsRefusedUnlessConfigured() throws Exception {
    String preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
    start(new JsonObject());
    String refused = exchange(preface);
    assertTrue(refused.matches("(?s)HTTP/\\S+ 400 .*") && CLOSED.matcher(refused).find(), refused);
    stopService();

    start(new JsonObject().put("h2c", true));
    // the server's first HTTP/2 frame: SETTINGS (type 4) on stream 0
    byte[] answer = exchange(preface).getBytes(StandardCharsets.ISO_8859_1);
    assertTrue(answer.length >= 9 && answer[3] == 4 && answer[5] == 0 && answer[8] == 0,
        "an HTTP/2 SETTINGS frame: " + new String(answer, StandardCharsets.ISO_8859_1));
  }
}
