package com.taskoverflow.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one JVM tells the cluster of itself on {@link Addresses#NODE_REPORTS}, once a second and as
 * it leaves: who it is, and figures read from its own metrics registry (so they are the ones its
 * {@code /metrics} shows): each worker's jobs in hand, attempts ended by outcome and their run
 * times (both counted since the JVM started: a lost report is made good by the next), and, from
 * the store role, the job queue's depth by state. Never stored.
 *
 * @param runBuckets attempts by run time: upper bound in seconds (as text) to how many fell in
 *     that bucket and no lower one; only buckets that hold any
 * @param queue depth by state (ready, in_flight, delayed, dead_letter, held); empty unless this
 *     JVM runs the store role
 */
public record NodeReport(String node, String host, long pid, List<String> roles, long startedAt, long at,
    boolean leaving, List<WorkerLoad> workers, Map<String, Long> outcomes, Map<String, Long> runBuckets,
    Map<String, Long> queue) {

  public static final String NODE = "node";
  public static final String HOST = "host";
  public static final String PID = "pid";
  public static final String ROLES = "roles";
  public static final String STARTED_AT = "started_at";
  public static final String AT = "at";
  public static final String LEAVING = "leaving";
  public static final String WORKERS = "workers";
  public static final String OUTCOMES = "outcomes";
  public static final String RUN_BUCKETS = "run_buckets";
  public static final String QUEUE = "queue";

  /** One worker of the JVM: its name (as a job's status shows it), jobs in hand, and room. */
  public record WorkerLoad(String name, long inHand, long concurrency) {

    public static final String NAME = "name";
    public static final String IN_HAND = "in_hand";
    public static final String CONCURRENCY = "concurrency";

    public JsonObject toJson() {
      return new JsonObject().put(NAME, name).put(IN_HAND, inHand).put(CONCURRENCY, concurrency);
    }

    static WorkerLoad fromJson(JsonObject json) {
      return new WorkerLoad(json.getString(NAME), json.getLong(IN_HAND, 0L), json.getLong(CONCURRENCY, 0L));
    }
  }

  public long jobsInHand() {
    return workers.stream().mapToLong(WorkerLoad::inHand).sum();
  }

  /** Who the JVM is, as the dashboard lists it (without its figures). */
  public JsonObject identity() {
    return new JsonObject().put(NODE, node).put(HOST, host).put(PID, pid).put(ROLES, new JsonArray(roles))
        .put(STARTED_AT, startedAt).put(WORKERS, new JsonArray(workers.stream().map(WorkerLoad::toJson).toList()));
  }

  public JsonObject toJson() {
    return identity().put(AT, at).put(LEAVING, leaving).put(OUTCOMES, counts(outcomes))
        .put(RUN_BUCKETS, counts(runBuckets)).put(QUEUE, counts(queue));
  }

  public static NodeReport fromJson(JsonObject json) {
    return new NodeReport(json.getString(NODE), json.getString(HOST), json.getLong(PID, 0L),
        json.getJsonArray(ROLES, new JsonArray()).stream().map(String::valueOf).toList(), json.getLong(STARTED_AT, 0L),
        json.getLong(AT, 0L), json.getBoolean(LEAVING, false),
        json.getJsonArray(WORKERS, new JsonArray()).stream().map(worker -> WorkerLoad.fromJson((JsonObject) worker)).toList(),
        counts(json.getJsonObject(OUTCOMES)), counts(json.getJsonObject(RUN_BUCKETS)), counts(json.getJsonObject(QUEUE)));
  }

  private static JsonObject counts(Map<String, Long> counts) {
    return new JsonObject(new LinkedHashMap<>(counts));
  }

  private static Map<String, Long> counts(JsonObject json) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (json != null) {
      json.forEach(entry -> counts.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
    }
    return counts;
  }
}
