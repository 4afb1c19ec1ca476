package com.taskoverflow.it;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.JarProcess;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A job is durable from its 202: the JVM that accepted it is killed before any worker picked it
 * up, and a new JVM started later does it.
 */
class JobSurvivesRestartIT {

  private final String database = TestServices.uniqueName("taskoverflow_it_");
  private final String prefix = TestServices.uniqueName("it-") + ":";
  private final int port = TestServices.freePort();
  private final List<JarProcess> processes = new ArrayList<>();

  private JarProcess start(String name, String roles) throws Exception {
    JarProcess process = JarProcess.start(name, Map.of(
        "TASKOVERFLOW_HTTP_PORT", Integer.toString(port),
        "TASKOVERFLOW_HTTP_HOST", "127.0.0.1",
        "TASKOVERFLOW_PG_URL", TestServices.pgUrl(database),
        "TASKOVERFLOW_REDIS_URL", TestServices.REDIS_URL,
        "TASKOVERFLOW_REDIS_KEY_PREFIX", prefix), "--roles", roles);
    processes.add(process);
    process.awaitStarted();
    return process;
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (JarProcess process : processes) {
      process.kill();
    }
    Vertx vertx = Vertx.vertx();
    try {
      io.vertx.core.Future.join(TestServices.dropDatabase(vertx, database), TestServices.deleteKeys(vertx, prefix))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      vertx.close();
    }
  }

  @Test
  void jobsAcceptedBeforeACrashAreDoneAfterTheRestart() throws Exception {
    ApiClient api = new ApiClient("http://127.0.0.1:" + port);
    JarProcess first = start("accepting", "http,store");
    for (int i = 0; i < 5; i++) {
      assertEquals(201, api.post("/api/v1/todos", new JsonObject().put("title", "todo " + i)
          .put("deadline_at", "2030-01-0" + (i + 1) + "T10:00:00").encode()).status());
    }
    List<String> statusUrls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      statusUrls.add(Jobs.submit(api).getString("task_url"));
    }
    assertEquals("PENDING", api.get(statusUrls.get(0)).json().getString("task_status"));

    first.kill();

    start("restarted", "http,store,worker");
    for (String url : statusUrls) {
      JsonObject status = Jobs.awaitFinal(api, url, Duration.ofSeconds(60));
      assertEquals("SUCCESS", status.getString("task_status"), status::encode);
      String calendar = api.get(status.getString("result_url")).body();
      assertEquals(5, calendar.lines().filter(line -> line.equals("BEGIN:VEVENT")).count());
    }
    System.out.println("jobs accepted 20, survived the crash and succeeded 20, lost 0");
  }
}
