package com.taskoverflow.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A plain blocking HTTP client, as an API user would have; call it from the test thread only. */
public final class ApiClient {

  private final String base;
  private final Duration timeout;
  /** Sent with every request (a user's Authorization, say). */
  private final Map<String, String> always;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  public ApiClient(String base) {
    this(base, Duration.ofSeconds(30), Map.of());
  }

  private ApiClient(String base, Duration timeout, Map<String, String> always) {
    this.base = base;
    this.timeout = timeout;
    this.always = always;
  }

  /** The same API, with requests that fail the test if they are not answered within {@code limit}. */
  public ApiClient within(Duration limit) {
    return new ApiClient(base, limit, always);
  }

  /** The same API, with these headers on every request (a signed-in user's client). */
  public ApiClient with(Map<String, String> headers) {
    return new ApiClient(base, timeout, headers);
  }

  public Reply get(String path) {
    return send("GET", path, (String) null, Map.of());
  }

  public Reply post(String path, String body) {
    return send("POST", path, body, Map.of("Content-Type", "application/json"));
  }

  public Reply put(String path, String body) {
    return send("PUT", path, body, Map.of("Content-Type", "application/json"));
  }

  public Reply delete(String path) {
    return send("DELETE", path, (String) null, Map.of());
  }

  public Reply send(String method, String path, String body, Map<String, String> headers) {
    return send(method, path, body == null ? null : HttpRequest.BodyPublishers.ofString(body), headers);
  }

  public Reply send(String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers) {
    URI uri = URI.create(path.startsWith("http") ? path : base + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
    always.forEach(request::header);
    headers.forEach(request::header);
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      Reply reply = new Reply(response.statusCode(), response.body(), response.headers().map());
      ApiContract.check(method, uri.getRawPath(), reply.status(), reply.header("Content-Type"), reply.body());
      return reply;
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A GET written byte for byte, for request targets that URI classes refuse to build. */
  public Reply rawGet(String target) {
    return raw("GET", target, Map.of(), "");
  }

  /**
   * A request written byte for byte, with exactly these headers besides Connection: close (and
   * Host, unless given; Content-Length when there is a body): for headers HTTP clients refuse to send.
   */
  public Reply raw(String method, String target, Map<String, String> headers, String body) {
    URI uri = URI.create(base);
    StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
    if (headers.keySet().stream().noneMatch("Host"::equalsIgnoreCase)) {
      request.append("Host: ").append(uri.getAuthority()).append("\r\n");
    }
    headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    if (content.length > 0) {
      request.append("Content-Length: ").append(content.length).append("\r\n");
    }
    if (headers.keySet().stream().noneMatch("Connection"::equalsIgnoreCase)) {
      request.append("Connection: close\r\n");
    }
    request.append("\r\n");
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().write(content);
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String[] parts = response.split("\r\n\r\n", 2);
      String[] lines = parts[0].split("\r\n");
      Map<String, List<String>> answered = new HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        String[] header = lines[i].split(":", 2);
        answered.put(header[0].trim(), List.of(header[1].trim()));
      }
      return new Reply(Integer.parseInt(lines[0].split(" ")[1]), parts.length > 1 ? parts[1] : "", answered);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + target + " failed: " + e, e);
    }
  }

  /** One HTTP answer. */
  public record Reply(int status, String body, Map<String, List<String>> headers) {

    public JsonObject json() {
      return new JsonObject(body);
    }

    public JsonArray jsonArray() {
      return new JsonArray(body);
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().get(0))
          .findFirst().orElse(null);
    }

    /** The error text of a JSON error answer. */
    public String error() {
      return json().getString("error");
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
