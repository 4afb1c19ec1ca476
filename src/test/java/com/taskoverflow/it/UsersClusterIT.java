package com.taskoverflow.it;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.Fleet;
import com.taskoverflow.support.JarProcess;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.TestIssuer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two users' calendar jobs on a clustered worker JVM, under {@code auth.mode: oidc} against a
 * real OpenID Connect server: the owner travels from the API's JVM through the bus and the store
 * to a worker in another JVM, and each calendar holds its owner's todos only.
 */
class UsersClusterIT {

  private static final Duration JOB_LIMIT = Duration.ofSeconds(60);
  private static final int JOBS_EACH = 20;

  @Test
  void eachUsersJobsRunOnAnotherJvmAndHoldTheirTodosOnly() throws Exception {
    try (TestIssuer issuer = TestIssuer.start();
        Fleet fleet = new Fleet(Fleet.clustered("it-users-", 30000, Map.of(
            "TASKOVERFLOW_AUTH_MODE", "oidc",
            "TASKOVERFLOW_AUTH_ISSUER", issuer.url(),
            "TASKOVERFLOW_AUTH_AUDIENCE", TestIssuer.AUDIENCE)))) {
      JarProcess api = fleet.start("api", Map.of(), "-cluster", "--roles", "http,store");
      JarProcess worker = fleet.start("worker", Map.of(), "-cluster", "--roles", "worker");
      api.awaitStarted();
      worker.awaitStarted();
      ApiClient alice = fleet.api().with(TestIssuer.bearer(issuer.token("alice", claims -> { })));
      ApiClient bob = fleet.api().with(TestIssuer.bearer(issuer.token("bob", claims -> { })));
      TestIssuer.awaitDiscovery(fleet.api(), issuer.token("alice", claims -> { }));
      todo(alice, "alice's appointment");
      todo(bob, "bob's appointment");

      List<String> hers = new ArrayList<>();
      List<String> his = new ArrayList<>();
      for (int i = 0; i < JOBS_EACH; i++) {
        hers.add(Jobs.submit(alice).getString("task_url"));
        his.add(Jobs.submit(bob).getString("task_url"));
      }
      checkAll(alice, hers, "alice's appointment", "bob's appointment", worker);
      checkAll(bob, his, "bob's appointment", "alice's appointment", worker);
      assertEquals(404, bob.get(hers.get(0)).status(), "alice's job is unknown to bob, on every JVM");
      System.out.println("users' jobs on the worker JVM: " + 2 * JOBS_EACH + " succeeded, each with its owner's todos");
    }
  }

  private static void todo(ApiClient user, String title) {
    assertEquals(201, user.post("/api/v1/todos",
        new JsonObject().put("title", title).put("deadline_at", "2031-01-01T10:00:00").encode()).status());
  }

  private static void checkAll(ApiClient owner, List<String> statusUrls, String own, String other, JarProcess worker) {
    for (String url : statusUrls) {
      JsonObject status = Jobs.awaitFinal(owner, url, JOB_LIMIT);
      assertEquals("SUCCESS", status.getString("task_status"), status::encode);
      assertTrue(status.getString("worker").contains("-" + worker.pid() + "-"), "run by the worker JVM: " + status);
      String calendar = owner.get(status.getString("result_url")).body();
      assertTrue(calendar.contains("SUMMARY:" + own), calendar);
      assertFalse(calendar.contains(other), "another user's todo in the calendar: " + calendar);
    }
  }
}
