package com.taskoverflow.it;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.JarProcess;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.Fleet;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A job is durable from its 202: the JVM that accepted it is killed before any worker picked it
 * up, and a new JVM started later does it.
 */
class JobSurvivesRestartIT {

  private final Fleet fleet = new Fleet(Map.of());

  private JarProcess start(String name, String roles) throws Exception {
    JarProcess process = fleet.start(name, Map.of(), "--roles", roles);
    process.awaitStarted();
    return process;
  }

  @AfterEach
  void cleanUp() throws Exception {
    fleet.close();
  }

  @Test
  void jobsAcceptedBeforeACrashAreDoneAfterTheRestart() throws Exception {
    ApiClient api = fleet.api();
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
