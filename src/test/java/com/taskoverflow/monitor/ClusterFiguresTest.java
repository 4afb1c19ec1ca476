package com.taskoverflow.monitor;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.bus.NodeReport;
import com.taskoverflow.bus.NodeReport.WorkerLoad;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How the cluster's figures are summed up from the JVMs' reports, second by second. */
class ClusterFiguresTest {

  private static NodeReport report(String node, List<String> roles, long at, boolean leaving, long successes,
      Map<String, Long> buckets, Map<String, Long> queue) {
    return new NodeReport(node, "host", 1, roles, 0, at, leaving, List.of(new WorkerLoad(node + "-w", 2, 16)),
        Map.of("success", successes), buckets, queue);
  }

  private static JsonObject tick(ClusterFigures figures, long now) throws Exception {
    try (var vertx = new AutoClosingVertx()) {
      LinkedBlockingQueue<JsonObject> seen = new LinkedBlockingQueue<>();
      Runnable stop = figures.subscribe(vertx.vertx.getOrCreateContext(), seen::add);
      figures.tick(now);
      JsonObject second = seen.poll(5, TimeUnit.SECONDS);
      stop.run();
      return second;
    }
  }

  private record AutoClosingVertx(Vertx vertx) implements AutoCloseable {
    AutoClosingVertx() {
      this(Vertx.vertx());
    }

    @Override
    public void close() {
      vertx.close();
    }
  }

  @Test
  void eachSecondAddsWhatEveryJvmCountedSinceTheLastAndListsThem() throws Exception {
    ClusterFigures figures = new ClusterFigures();
    Map<String, Long> queue = Map.of("ready", 7L, "in_flight", 2L);
    figures.heard(report("a", List.of("http", "store"), 1000, false, 10, Map.of(), queue), 1000);
    figures.heard(report("b", List.of("worker"), 1000, false, 100, Map.of("0.0", 0L, "0.01", 100L), Map.of()), 1000);
    JsonObject first = tick(figures, 1500);
    assertEquals(0, first.getJsonObject("finished").getLong("success"), "what they counted before is not this second's");
    assertEquals(7, first.getJsonObject("queue").getLong("ready"));
    assertEquals(2, first.getJsonArray("nodes").size());
    assertEquals(4, first.getLong("in_hand"));

    figures.heard(report("a", List.of("http", "store"), 2000, false, 13, Map.of(), queue), 2000);
    figures.heard(report("b", List.of("worker"), 2000, false, 104, Map.of("0.0", 0L, "0.01", 100L, "0.1", 4L), Map.of()), 2000);
    JsonObject second = tick(figures, 2500);
    assertEquals(7, second.getJsonObject("finished").getLong("success"));
    assertEquals(4, second.getJsonObject("run").getLong("count"));
    // all four in the bucket (0.01 s, 0.1 s]: the median is halfway through it
    assertEquals(55.0, second.getJsonObject("run").getDouble("p50_ms"), 0.001);
    assertEquals(2, figures.kept().size(), "both seconds kept");

    JsonObject unchanged = tick(figures, 3000);
    assertEquals(0, unchanged.getJsonObject("finished").getLong("success"), "a report is counted once");
    assertNull(unchanged.getJsonObject("run").getValue("p50_ms"), "nothing ran: no run time");
  }

  @Test
  void aJvmThatLeavesOrFallsSilentIsListedAsLeftAndItsQueueIsNoLongerShown() throws Exception {
    ClusterFigures figures = new ClusterFigures();
    figures.heard(report("store", List.of("store"), 1000, false, 0, Map.of(), Map.of("ready", 3L)), 1000);
    figures.heard(report("worker", List.of("worker"), 1000, false, 0, Map.of(), Map.of()), 1000);
    figures.heard(report("worker", List.of("worker"), 1200, true, 0, Map.of(), Map.of()), 1200);
    JsonObject second = tick(figures, 1500);
    JsonObject worker = second.getJsonArray("nodes").stream().map(JsonObject.class::cast)
        .filter(node -> node.getString("node").equals("worker")).findFirst().orElseThrow();
    assertEquals(1200, worker.getLong("left_at"), "it said it was leaving");
    assertEquals(2, second.getLong("in_hand"), "only the JVMs still here");

    JsonObject silent = tick(figures, 1000 + ClusterFigures.SILENT_MS + 1);
    assertNull(silent.getValue("queue"), "no store heard lately: the depth is unknown, not zero");
    assertTrue(silent.getJsonArray("nodes").stream().map(JsonObject.class::cast)
        .allMatch(node -> node.getLong("left_at") != null), silent::encode);
    JsonObject muchLater = tick(figures, 1200 + ClusterFigures.LEFT_KEPT_MS + 1);
    assertEquals(0, muchLater.getJsonArray("nodes").size(), "forgotten after a while");
  }

  @Test
  void quantilesAreInterpolatedWithinTheirBucketAsPrometheusDoes() {
    TreeMap<Double, Long> buckets = new TreeMap<>(Map.of(0.0, 0L, 1.0, 50L, 2.0, 50L));
    assertEquals(1.0, RunTimes.quantile(buckets, 100, 0.5), 1e-9);
    assertEquals(1.98, RunTimes.quantile(buckets, 100, 0.99), 1e-9);
    TreeMap<Double, Long> beyond = new TreeMap<>(Map.of(0.5, 0L, 1.0, 1L, Double.POSITIVE_INFINITY, 99L));
    assertEquals(1.0, RunTimes.quantile(beyond, 100, 0.99), 1e-9, "beyond the last bound: that bound");
  }
}
