package com.taskoverflow.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * TaskOverflow JVMs started from the shaded jar that share one private database, Redis key
 * prefix and HTTP port. {@link #close()} kills them all and removes what they stored.
 */
public final class Fleet implements AutoCloseable {

  public final String database = TestServices.uniqueName("taskoverflow_it_");
  public final String redisPrefix = TestServices.uniqueName("it-") + ":";
  public final int httpPort = TestServices.freePort();
  private final Map<String, String> environment = new HashMap<>();
  private final List<JarProcess> processes = new ArrayList<>();

  /** {@code environment}: settings every JVM of the fleet gets, over the fleet's own. */
  public Fleet(Map<String, String> environment) {
    this.environment.putAll(Map.of(
        "TASKOVERFLOW_HTTP_PORT", Integer.toString(httpPort),
        "TASKOVERFLOW_PG_URL", TestServices.pgUrl(database),
        "TASKOVERFLOW_REDIS_URL", TestServices.REDIS_URL,
        "TASKOVERFLOW_REDIS_KEY_PREFIX", redisPrefix));
    this.environment.putAll(environment);
  }

  /** Starts a JVM (not waiting for it) with the fleet's settings plus {@code extra}. */
  public JarProcess start(String name, Map<String, String> extra, String... args) throws Exception {
    return startWith(List.of(), name, extra, args);
  }

  /** The same, run by {@code launcher}: on a test host, say. */
  public JarProcess startWith(List<String> launcher, String name, Map<String, String> extra, String... args)
      throws Exception {
    Map<String, String> env = new HashMap<>(environment);
    env.putAll(extra);
    JarProcess process = JarProcess.start(launcher, name, env, args);
    processes.add(process);
    return process;
  }

  /**
   * A cluster of the fleet's own: a name no other test's cluster has, on a port picked at random
   * from {@code basePort} up (in steps of 50), with {@code more} settings beside.
   */
  public static Map<String, String> clustered(String namePrefix, int basePort, Map<String, String> more) {
    Map<String, String> settings = new HashMap<>(more);
    settings.put("TASKOVERFLOW_CLUSTER_NAME", TestServices.uniqueName(namePrefix));
    settings.put("TASKOVERFLOW_CLUSTER_PORT", Integer.toString(basePort + ThreadLocalRandom.current().nextInt(400) * 50));
    return settings;
  }

  public ApiClient api() {
    return new ApiClient("http://127.0.0.1:" + httpPort);
  }

  public List<JarProcess> processes() {
    return List.copyOf(processes);
  }

  @Override
  public void close() throws Exception {
    for (JarProcess process : processes) {
      process.kill();
    }
    Vertx vertx = Vertx.vertx();
    try {
      Future.join(TestServices.dropDatabase(vertx, database), TestServices.deleteKeys(vertx, redisPrefix))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      vertx.close();
    }
  }
}
