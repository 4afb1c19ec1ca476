package com.taskoverflow.http;

import io.vertx.core.http.HttpConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Closes connections that are slow to send a request: one that has had no request under way for
 * http.header-timeout-ms since it opened or since its last answer. A client trickling a header a
 * byte at a time keeps the idle timeout from firing, not this. Used on one server instance's
 * event loop only: no locking.
 */
final class HeaderDeadlines {

  /** Per connection: requests under way, and since when it has been waiting for one (nanos). */
  private static final class Waiting {
    int underWay;
    long since = System.nanoTime();
  }

  private final long timeoutNanos;
  private final Map<HttpConnection, Waiting> connections = new HashMap<>();

  HeaderDeadlines(long timeoutMs) {
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
  }

  void opened(HttpConnection connection) {
    connections.put(connection, new Waiting());
  }

  void closed(HttpConnection connection) {
    connections.remove(connection);
  }

  /** A request's headers have all arrived. */
  void started(HttpConnection connection) {
    Waiting waiting = connections.get(connection);
    if (waiting != null) {
      waiting.underWay++;
    }
  }

  /** A request has had its answer (or its connection went): the wait for the next one begins. */
  void answered(HttpConnection connection) {
    Waiting waiting = connections.get(connection);
    if (waiting != null && --waiting.underWay <= 0) {
      waiting.underWay = 0;
      waiting.since = System.nanoTime();
    }
  }

  /** Closes every connection past its deadline; run every second. */
  void closeLate() {
    long now = System.nanoTime();
    List<HttpConnection> late = new ArrayList<>();
    connections.forEach((connection, waiting) -> {
      if (waiting.underWay == 0 && now - waiting.since > timeoutNanos) {
        late.add(connection);
      }
    });
    late.forEach(connection -> {
      connections.remove(connection);
      connection.close();
    });
  }
}
