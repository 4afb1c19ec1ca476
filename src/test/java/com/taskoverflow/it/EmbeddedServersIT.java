package com.taskoverflow.it;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.JarProcess;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.TestServices;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Zero set-up: with no server configured and none answering at the default addresses (here moved
 * to free ports, so the machine's own servers are not in the way), the jar starts embedded
 * PostgreSQL and Redis, serves the seed's session, and keeps its todos across a restart. A
 * configured server, or the off switch, is never replaced by an embedded one.
 */
class EmbeddedServersIT {

  private final int httpPort = TestServices.freePort();
  private final int pgPort = TestServices.freePort();
  private final int redisPort = TestServices.freePort();
  private JarProcess running;

  private Map<String, String> defaultsOnFreePorts(Path dataDir) {
    Map<String, String> env = new HashMap<>(Map.of(
        "TASKOVERFLOW_HTTP_PORT", Integer.toString(httpPort),
        "TASKOVERFLOW_PG_DEFAULT_URL", "postgresql://postgres@127.0.0.1:" + pgPort + "/taskoverflow",
        "TASKOVERFLOW_REDIS_DEFAULT_URL", "redis://127.0.0.1:" + redisPort + "/0"));
    env.put("TASKOVERFLOW_PG_DATA_DIR", dataDir.toString());
    return env;
  }

  private JarProcess start(String name, Map<String, String> env) throws Exception {
    running = JarProcess.start(name, env);
    running.awaitStarted();
    return running;
  }

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      running.terminate(Duration.ofSeconds(60)); // a clean stop also stops the embedded servers
    }
  }

  @Test
  void theSeedSessionRunsOnEmbeddedServersAndTodosSurviveARestart() throws Exception {
    Path data = Files.createTempDirectory("taskoverflow-embedded-").resolve("postgres");
    ApiClient api = new ApiClient("http://127.0.0.1:" + httpPort);

    long before = System.nanoTime();
    JarProcess first = start("embedded-first", defaultsOnFreePorts(data));
    long firstStart = (System.nanoTime() - before) / 1_000_000;
    String log = first.output();
    assertTrue(log.contains("started an embedded PostgreSQL there"), log);
    assertTrue(log.contains("started an embedded Redis there"), log);

    JsonObject todo = api.post("/api/v1/todos", new JsonObject().put("title", "Project Proposal")
        .put("description", "CSSE6400 Project Proposal Due").put("deadline_at", "2023-04-03T14:00:00").encode()).json();
    JsonObject job = Jobs.submit(api);
    JsonObject status = Jobs.awaitFinal(api, job.getString("task_url"), Duration.ofSeconds(30));
    assertEquals("SUCCESS", status.getString("task_status"));
    String calendar = api.get(status.getString("result_url")).body();
    assertTrue(calendar.contains("SUMMARY:Project Proposal\r\n"), calendar);
    assertEquals(0, first.terminate(Duration.ofSeconds(60)));
    running = null;

    before = System.nanoTime();
    start("embedded-again", defaultsOnFreePorts(data));
    long laterStart = (System.nanoTime() - before) / 1_000_000;
    io.vertx.core.json.JsonArray todos = api.get("/api/v1/todos").jsonArray();
    assertEquals(1, todos.size());
    assertEquals(todo, todos.getJsonObject(0));
    System.out.println("Embedded servers: first start " + firstStart + " ms (binaries unpacked, database created),"
        + " later start " + laterStart + " ms; todos kept across the restart");
  }

  @Test
  void aConfiguredServerIsNeverReplaced() throws Exception {
    Path data = Files.createTempDirectory("taskoverflow-embedded-").resolve("postgres");
    Map<String, String> env = defaultsOnFreePorts(data);
    env.put("TASKOVERFLOW_PG_URL", "postgresql://postgres@127.0.0.1:" + pgPort + "/taskoverflow");
    env.put("TASKOVERFLOW_REDIS_URL", "redis://127.0.0.1:" + redisPort + "/0");
    JarProcess process = start("configured-unreachable", env);
    ApiClient api = new ApiClient("http://127.0.0.1:" + httpPort);
    assertEquals(503, api.get("/api/v1/todos").status());
    assertEquals(503, api.get("/api/v1/health").status());
    assertFalse(process.output().contains("embedded"), process.output());
    assertFalse(Files.exists(data), "no embedded data directory");
  }

  @Test
  void theOffSwitchForbidsEmbedding() throws Exception {
    Path data = Files.createTempDirectory("taskoverflow-embedded-").resolve("postgres");
    Map<String, String> env = defaultsOnFreePorts(data);
    env.put("TASKOVERFLOW_EMBEDDED", "false");
    JarProcess process = start("embedding-off", env);
    ApiClient api = new ApiClient("http://127.0.0.1:" + httpPort);
    JsonObject health = api.get("/api/v1/health").json();
    assertEquals("down", health.getString("postgres"));
    assertEquals("down", health.getString("redis"));
    assertFalse(process.output().contains("started an embedded"), process.output());
  }

  /**
   * PostgreSQL refuses to run as root; the embedded one gets round that with a user namespace
   * ({@code unshare -U}). Where the kernel allows none (here: an {@code unshare} that fails as the
   * kernel would), the jar says in one sentence what to do, and exits 1.
   */
  @Test
  void asRootWithoutUserNamespacesItSaysWhatToDoAndExits() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "only root is refused by PostgreSQL");
    Path bin = Files.createTempDirectory("taskoverflow-no-userns-");
    Path unshare = bin.resolve("unshare");
    Files.writeString(unshare, "#!/bin/sh\necho 'unshare: unshare failed: Operation not permitted' >&2\nexit 1\n");
    assertTrue(unshare.toFile().setExecutable(true));
    Map<String, String> env = defaultsOnFreePorts(Files.createTempDirectory("taskoverflow-embedded-").resolve("postgres"));
    env.put("PATH", bin + File.pathSeparator + System.getenv("PATH"));

    JarProcess process = JarProcess.start("root-without-userns", env);
    int exit = process.awaitExit(Duration.ofSeconds(60));
    String log = process.output();
    assertEquals(1, exit, log);
    assertTrue(log.contains("The embedded PostgreSQL could not start as root"), log);
    assertTrue(log.contains("run TaskOverflow as a normal user, or set TASKOVERFLOW_PG_URL to a PostgreSQL server."), log);
    assertFalse(log.contains("TaskOverflow started"), log);
  }
}
