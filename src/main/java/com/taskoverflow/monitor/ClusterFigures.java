package com.taskoverflow.monitor;

import com.taskoverflow.bus.Addresses;
import com.taskoverflow.bus.NodeReport;
import io.vertx.core.Context;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The whole cluster's job figures, once a second, from the {@link NodeReport}s every JVM publishes:
 * attempts ended per second by outcome, the queue's depth by state (from a store), run time p50
 * and p99 of the attempts that ended that second, and every JVM with its workers (and those that
 * left in the last minutes). Kept for the last {@link #KEPT_SECONDS} seconds, so a dashboard that
 * opens draws its charts at once. One per HTTP role; what it costs does not grow with viewers.
 */
public final class ClusterFigures {

  public static final int KEPT_SECONDS = 300;
  /** A JVM silent this long has left (killed, or cut off): three reports missed, and a half. */
  static final long SILENT_MS = 3 * NodeReporter.EVERY_MS + NodeReporter.EVERY_MS / 2;
  /** How long a JVM that left stays listed. */
  static final long LEFT_KEPT_MS = 10 * 60_000;
  private static final List<String> OUTCOMES = List.of("success", "retry", "failure", "cancelled");

  public static final String AT = "at";
  public static final String FINISHED = "finished";
  public static final String QUEUE = "queue";
  public static final String RUN = "run";
  public static final String NODES = "nodes";
  public static final String IN_HAND = "in_hand";

  /** A JVM as last heard, and the report its figures were last counted from. */
  private static final class Node {
    NodeReport latest;
    long heardAt;
    NodeReport counted;
    long leftAt;
  }

  private record Subscriber(Context context, Consumer<JsonObject> handler) {
  }

  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final ArrayDeque<JsonObject> kept = new ArrayDeque<>();
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

  public MessageConsumer<JsonObject> listen(EventBus bus) {
    return bus.<JsonObject>consumer(Addresses.NODE_REPORTS, message -> heard(NodeReport.fromJson(message.body()),
        System.currentTimeMillis()));
  }

  synchronized void heard(NodeReport report, long now) {
    Node node = nodes.computeIfAbsent(report.node(), id -> new Node());
    node.latest = report;
    node.heardAt = now;
    node.leftAt = report.leaving() ? now : 0;
  }

  /** Each figures of the last minutes, oldest first (without their JVM list: only the newest has it). */
  public synchronized List<JsonObject> kept() {
    return new ArrayList<>(kept);
  }

  /** {@code handler} is given each second's figures on {@code context}, until the returned action is run. */
  public Runnable subscribe(Context context, Consumer<JsonObject> handler) {
    Subscriber subscriber = new Subscriber(context, handler);
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
  }

  /** The figures of the second up to {@code now}, kept and handed to every subscriber. */
  public void tick(long now) {
    JsonObject figures;
    synchronized (this) {
      figures = figures(now);
      kept.addLast(figures.copy().put(NODES, null));
      while (kept.size() > KEPT_SECONDS) {
        kept.removeFirst();
      }
    }
    subscribers.forEach(subscriber -> subscriber.context().runOnContext(go -> subscriber.handler().accept(figures)));
  }

  private JsonObject figures(long now) {
    Map<String, Long> finished = new LinkedHashMap<>();
    OUTCOMES.forEach(outcome -> finished.put(outcome, 0L));
    TreeMap<Double, Long> runs = new TreeMap<>();
    NodeReport freshestStore = null;
    JsonArray listed = new JsonArray();
    long inHand = 0;
    nodes.values().removeIf(node -> node.leftAt > 0 && now - node.leftAt > LEFT_KEPT_MS);
    List<Node> byStart = new ArrayList<>(nodes.values());
    byStart.sort(Comparator.comparingLong(node -> node.latest.startedAt()));
    for (Node node : byStart) {
      NodeReport report = node.latest;
      if (node.leftAt == 0 && now - node.heardAt > SILENT_MS) {
        node.leftAt = node.heardAt;
      }
      if (node.counted != null && node.counted != report) {
        added(node.counted.outcomes(), report.outcomes()).forEach((outcome, count) -> finished.merge(outcome, count, Long::sum));
        added(node.counted.runBuckets(), report.runBuckets())
            .forEach((bound, count) -> runs.merge(Double.parseDouble(bound), count, Long::sum));
      }
      node.counted = report;
      boolean up = node.leftAt == 0;
      if (up && !report.queue().isEmpty() && (freshestStore == null || report.at() > freshestStore.at())) {
        freshestStore = report;
      }
      if (up) {
        inHand += report.jobsInHand();
      }
      listed.add(report.identity().put("heard_ms_ago", now - node.heardAt).put("in_hand", report.jobsInHand())
          .put("left_at", up ? null : node.leftAt));
    }
    return new JsonObject().put(AT, now).put(FINISHED, new JsonObject(new LinkedHashMap<>(finished)))
        .put(QUEUE, freshestStore == null ? null : new JsonObject(new LinkedHashMap<>(freshestStore.queue())))
        .put(RUN, RunTimes.summary(runs)).put(IN_HAND, inHand).put(NODES, listed);
  }

  /** What each count grew by from {@code before} to {@code after}. */
  private static Map<String, Long> added(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> added = new LinkedHashMap<>();
    after.forEach((key, count) -> {
      long grown = count - before.getOrDefault(key, 0L);
      if (grown >= 0) {
        added.put(key, grown);
      }
    });
    return added;
  }
}
