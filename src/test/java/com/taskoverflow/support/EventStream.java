package com.taskoverflow.support;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A client of a Server-Sent Events stream, as a browser's EventSource reads one, line by line. */
public final class EventStream implements AutoCloseable {

  /** One event: its id, its type, its data as JSON. */
  public record Event(long id, String type, JsonObject data) {
  }

  private static final Event END = new Event(-1, "end", new JsonObject());

  public final int status;
  public final String contentType;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> reading;
  private final Stream<String> lines;

  private EventStream(HttpResponse<Stream<String>> response) {
    this.status = response.statusCode();
    this.contentType = response.headers().firstValue("Content-Type").orElse("");
    this.lines = response.body();
    this.reading = CompletableFuture.runAsync(this::read);
  }

  /** Opens {@code url}, sending {@code Last-Event-ID} when given. */
  public static EventStream open(String url, Optional<Long> lastEventId) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
    lastEventId.ifPresent(id -> request.header("Last-Event-ID", Long.toString(id)));
    HttpResponse<Stream<String>> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build()
        .send(request.build(), HttpResponse.BodyHandlers.ofLines());
    return new EventStream(response);
  }

  private void read() {
    long id = -1;
    String type = "message";
    List<String> data = new ArrayList<>();
    try {
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            events.add(new Event(id, type, new JsonObject(String.join("\n", data))));
          }
          type = "message";
          data.clear();
        } else if (line.startsWith("id: ")) {
          id = Long.parseLong(line.substring(4));
        } else if (line.startsWith("event: ")) {
          type = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.add(line.substring(6));
        } // ": …" is a comment (the heartbeat)
      }
    } finally {
      events.add(END);
    }
  }

  /** The next event, or empty when the server ended the stream; fails after {@code limit}. */
  public Optional<Event> next(Duration limit) throws InterruptedException {
    Event event = events.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
    if (event == null) {
      throw new AssertionError("no event within " + limit);
    }
    return event == END ? Optional.empty() : Optional.of(event);
  }

  @Override
  public void close() {
    lines.close();
    reading.cancel(true);
  }
}
