package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.ApiClient.Reply;
import com.taskoverflow.support.RunningService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated JSON bodies for creating and changing todos, near-valid and not: any keys (repeated
 * ones too), values of every JSON type, text with any characters, deadlines in many shapes, and
 * the bytes then cut short or corrupted. Each is answered with success or a 4xx JSON error, never
 * a 5xx, and a refused one leaves the stored todos as they were.
 */
class TodoInputPropertyTest {

  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
  private static RunningService service;
  private static ApiClient api;
  private static long existing;

  @BeforeContainer
  static void start() throws Exception {
    service = RunningService.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    api = service.client();
    existing = api.post("/api/v1/todos", "{\"title\": \"the one changed\"}").json().getLong("id");
  }

  @AfterContainer
  static void stop() throws Exception {
    service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static Reply send(String method, String path, byte[] body) {
    return api.send(method, path, HttpRequest.BodyPublishers.ofByteArray(body), JSON);
  }

  private static void assertSuccessOrClientError(Reply reply, int success, byte[] body) {
    String sent = new String(body, StandardCharsets.UTF_8);
    assertTrue(reply.status() == success || reply.status() >= 400 && reply.status() < 500,
        () -> reply.status() + " " + reply.body() + " for " + sent);
    if (reply.status() != success) {
      assertFalse(reply.error().isBlank(), () -> "a JSON error for " + sent);
    }
  }

  @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
  void creating(@ForAll("bodies") byte[] body) {
    JsonArray before = api.get("/api/v1/todos").jsonArray();
    Reply reply = send("POST", "/api/v1/todos", body);
    Statistics.label("answer").collect(reply.status() == 201 ? "created" : "refused");
    Statistics.label("answer").coverage(answers -> {
      answers.check("created").percentage(share -> share >= 2);
      answers.check("refused").percentage(share -> share >= 10);
    });
    assertSuccessOrClientError(reply, 201, body);
    JsonArray after = api.get("/api/v1/todos").jsonArray();
    if (reply.status() == 201) {
      assertEquals(before.size() + 1, after.size());
      assertEquals(reply.json(), after.getJsonObject(after.size() - 1), "stored as answered");
    } else {
      assertEquals(before, after, "a refused body stores nothing");
    }
  }

  @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
  void changing(@ForAll("bodies") byte[] body) {
    JsonObject before = api.get("/api/v1/todos/" + existing).json();
    Reply reply = send("PUT", "/api/v1/todos/" + existing, body);
    Statistics.label("answer").collect(reply.status() == 200 ? "changed" : "refused");
    Statistics.label("answer").coverage(answers -> {
      answers.check("changed").percentage(share -> share >= 2);
      answers.check("refused").percentage(share -> share >= 10);
    });
    assertSuccessOrClientError(reply, 200, body);
    JsonObject after = api.get("/api/v1/todos/" + existing).json();
    if (reply.status() == 200) {
      assertEquals(reply.json(), after, "stored as answered");
    } else {
      assertEquals(before, after, "a refused body changes nothing");
    }
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    Arbitrary<byte[]> whole = Arbitraries.frequencyOf(
            Tuple.of(5, nearlyValid()), Tuple.of(4, objects()), Tuple.of(1, anyJson().map(TodoInputPropertyTest::encode)))
        .map(text -> text.getBytes(StandardCharsets.UTF_8));
    return Arbitraries.frequencyOf(
        Tuple.of(6, whole),
        Tuple.of(2, Combinators.combine(whole, Arbitraries.doubles().between(0, 1)).as(TodoInputPropertyTest::cut)),
        Tuple.of(2, Combinators.combine(whole, Arbitraries.integers().between(0, 10_000),
            Arbitraries.integers().between(0, 255)).as(TodoInputPropertyTest::corrupt)));
  }

  /** A todo's own fields, each with a generated value or left out. */
  private Arbitrary<String> nearlyValid() {
    return Combinators.combine(text(220), text(300).injectNull(0.4), Arbitraries.of(true, false).injectNull(0.5),
        deadlines().injectNull(0.5)).as((title, description, completed, deadline) -> {
          StringBuilder members = new StringBuilder("{\"title\": " + encode(title));
          if (description != null) {
            members.append(", \"description\": ").append(encode(description));
          }
          if (completed != null) {
            members.append(", \"completed\": ").append(completed);
          }
          if (deadline != null) {
            members.append(", \"deadline_at\": ").append(encode(deadline));
          }
          return members.append('}').toString();
        });
  }

  /** An object written out by hand, so that keys can repeat. */
  private Arbitrary<String> objects() {
    Arbitrary<String> key = Arbitraries.oneOf(
        Arbitraries.of("title", "description", "completed", "deadline_at"),
        Arbitraries.of("id", "created_at", "updated_at", "Title", "title ", ""),
        text(12));
    Arbitrary<Object> value = Arbitraries.frequencyOf(
        Tuple.of(4, text(300).map(Object.class::cast)),
        Tuple.of(3, deadlines().map(Object.class::cast)),
        Tuple.of(3, anyJson()));
    Arbitrary<String> member = Combinators.combine(key, value).as((name, v) -> encode(name) + ": " + encode(v));
    return member.list().ofMaxSize(6).map(members -> "{" + String.join(", ", members) + "}");
  }

  /** Text of any characters: controls, line breaks, surrogates, astral planes, JSON escapes. */
  private static Arbitrary<String> text(int maxLength) {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(maxLength),
        Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(maxLength),
        Arbitraries.strings().alpha().numeric().withChars(' ', '\n', '\t', '\r', '"', '\\').ofMinLength(1).ofMaxLength(maxLength));
  }

  private static Arbitrary<String> deadlines() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789-T:Z+.").ofMaxLength(30),
        Combinators.combine(Arbitraries.integers().between(-2, 12001), Arbitraries.integers().between(0, 13),
            Arbitraries.integers().between(0, 32), Arbitraries.integers().between(0, 25), Arbitraries.of("", "Z", "+05:30", "-23:59", "+25:00"))
            .as((year, month, day, hour, zone) -> String.format("%04d-%02d-%02dT%02d:00:00%s", year, month, day, hour, zone)));
  }

  private static Arbitrary<Object> anyJson() {
    return Arbitraries.oneOf(
        Arbitraries.just(null),
        Arbitraries.of(true, false).map(Object.class::cast),
        Arbitraries.longs().map(Object.class::cast),
        Arbitraries.doubles().map(Object.class::cast),
        Arbitraries.of("1e400", "-0", "1E-400", "9223372036854775808").map(number -> (Object) new RawJson(number)),
        text(20).map(Object.class::cast),
        text(8).list().ofMaxSize(3).map(list -> (Object) new JsonArray(List.copyOf(list))),
        Arbitraries.of("[[[[[]]]]]", "{\"a\": {\"b\": [1, {}]}}", "[", "{", "nul", "tru", "\"\\ud800\"", "\"\\u00\"")
            .map(raw -> (Object) new RawJson(raw)));
  }

  /** JSON text written as is. */
  private record RawJson(String text) {
  }

  private static String encode(Object value) {
    if (value instanceof RawJson raw) {
      return raw.text();
    }
    if (value instanceof String text) {
      StringBuilder out = new StringBuilder("\"");
      for (char c : text.toCharArray()) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          default -> {
            if (c < 0x20 || Character.isSurrogate(c)) { // escaped: a lone surrogate reaches the server as sent
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      return out.append('"').toString();
    }
    if (value instanceof Double number && (number.isNaN() || number.isInfinite())) {
      return "1e999";
    }
    return value instanceof JsonArray array ? array.encode() : String.valueOf(value);
  }

  private static byte[] cut(byte[] body, double at) {
    return Arrays.copyOf(body, (int) (body.length * at));
  }

  private static byte[] corrupt(byte[] body, int position, int value) {
    byte[] copy = body.clone();
    if (copy.length > 0) {
      copy[position % copy.length] = (byte) value;
    }
    return copy;
  }
}
