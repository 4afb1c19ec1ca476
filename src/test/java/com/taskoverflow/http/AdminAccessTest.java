package com.taskoverflow.http;

import static com.taskoverflow.support.Await.result;
import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.monitor.ClusterFigures;
import com.taskoverflow.cluster.Membership;
import com.taskoverflow.config.HttpConfig;
import com.taskoverflow.config.JobsConfig;
import com.taskoverflow.config.Loopback;
import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.ApiClient.Reply;
import com.taskoverflow.support.ServiceTest;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admin calls are safe by default: open on a server that listens on loopback only, closed
 * (403, saying how to open them) on one configured to listen beyond it without an admin token,
 * and behind the token when one is set. The routes are configured as for 0.0.0.0 but served
 * here on loopback: the test itself never listens beyond it.
 */
class AdminAccessTest extends ServiceTest {

  private static final JobsConfig JOBS = new JobsConfig(1, 1, 1, 1, 1, 1, 100, 1000);

  /** A server on loopback with the routes a server configured with {@code config} would have. */
  private ApiClient servedAs(HttpConfig config) {
    Router router = Router.router(service.vertx());
    ApiRoutes.mount(router, service.vertx(), config, 10_000, new JobStatusCache(10, JOBS), new JobWatchers(100), new SubmitRate(0),
        Membership.NONE, new SignIn(com.taskoverflow.config.AuthConfig.NONE, null, config.adminToken()),
        new DashboardStream(new ClusterFigures(), new RecentJobs()));
    router.route().failureHandler(Responses::failure);
    HttpServer server = result(service.vertx().createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    return new ApiClient("http://127.0.0.1:" + server.actualPort());
  }

  @Test
  void whichAddressesAreLoopback() {
    for (String host : new String[] {"127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"}) {
      assertTrue(Loopback.is(host), host);
    }
    for (String host : new String[] {"0.0.0.0", "::", "10.0.0.5", "192.168.1.2", "api.internal", ""}) {
      assertFalse(Loopback.is(host), host);
    }
  }

  @Test
  void onLoopbackWithoutATokenTheAdminCallsAreOpen() {
    assertEquals(200, api.get("/api/v1/admin/dead-letters").status());
  }

  @Test
  void withoutATokenTheyFollowTheCallerNotTheListenAddress() {
    String list = "/api/v1/admin/dead-letters";
    ApiClient open = servedAs(new HttpConfig(0, "0.0.0.0", 1, 10, "", java.util.List.of(), java.util.List.of(),
        java.util.List.of(), 30_000, 100, 100, 0, false, 20_000));
    assertEquals(200, open.get(list).status(), "a caller on this host");
    // through a proxy on this host that is not trusted: the caller is unknown, so it is refused
    for (Map<String, String> proxied : java.util.List.of(Map.of("X-Forwarded-For", "203.0.113.5"),
        Map.of("X-Forwarded-For", "127.0.0.1"), Map.of("Forwarded", "for=203.0.113.5"))) {
      Reply refused = open.raw("GET", list, proxied, "");
      assertEquals(403, refused.status(), proxied::toString);
      assertEquals(AdminRoutes.CLOSED, refused.error());
    }
    assertTrue(AdminRoutes.CLOSED.contains("TASKOVERFLOW_ADMIN_TOKEN"));
    assertEquals(200, open.raw("GET", "/api/v1/todos?limit=1", Map.of("X-Forwarded-For", "203.0.113.5"), "").status(),
        "the rest of the API is open as ever");

    // a trusted proxy names the caller
    ApiClient proxied = servedAs(new HttpConfig(0, "0.0.0.0", 1, 10, "", java.util.List.of(
        com.taskoverflow.config.AddressRange.parse("127.0.0.1", "test")), java.util.List.of(), java.util.List.of(), 30_000, 100, 100, 0, false, 20_000));
    assertEquals(403, proxied.raw("GET", list, Map.of("X-Forwarded-For", "203.0.113.5, 127.0.0.1"), "").status());
    assertEquals(403, proxied.raw("POST", "/api/v1/admin/dead-letters/" + java.util.UUID.randomUUID() + "/requeue",
        Map.of("Forwarded", "for=\"[2001:db8::7]:4711\""), "").status());
    assertEquals(200, proxied.raw("GET", list, Map.of("X-Forwarded-For", "127.0.0.1"), "").status());
    assertEquals(200, proxied.get(list).status(), "the proxy host itself, naming nobody");
  }

  @Test
  void beyondLoopbackWithATokenTheyNeedIt() {
    ApiClient guarded = servedAs(new HttpConfig(0, "0.0.0.0", 1, 10, "s3cret", java.util.List.of(), java.util.List.of(), java.util.List.of(), 30_000, 100, 100, 0, false, 20_000));
    assertEquals(401, guarded.get("/api/v1/admin/dead-letters").status());
    assertEquals(401, guarded.send("GET", "/api/v1/admin/dead-letters", (String) null,
        Map.of("Authorization", "Bearer wrong")).status());
    assertEquals(200, guarded.send("GET", "/api/v1/admin/dead-letters", (String) null,
        Map.of("Authorization", "Bearer s3cret")).status());
  }
}
