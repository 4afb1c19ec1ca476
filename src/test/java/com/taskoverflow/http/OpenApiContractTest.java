package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.monitor.ClusterFigures;
import com.taskoverflow.cluster.Membership;
import com.taskoverflow.config.HttpConfig;
import com.taskoverflow.config.JobsConfig;
import com.taskoverflow.support.ApiClient.Reply;
import com.taskoverflow.support.ApiContract;
import com.taskoverflow.support.ServiceTest;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.openapi.contract.OpenAPIContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document and the code held together: it is what the service serves, every route the
 * router answers is in it, and every operation in it is answered. (Every API test's answers are
 * checked against its schemas as they come, by {@code ApiContract}.)
 */
class OpenApiContractTest extends ServiceTest {

  @Test
  void theServiceServesTheDocument() throws Exception {
    Reply served = api.get("/api/v1/openapi.yaml");
    assertEquals(200, served.status());
    assertTrue(served.header("Content-Type").startsWith("application/yaml"), served.header("Content-Type"));
    assertEquals(Files.readString(Path.of(ApiContract.DOCUMENT)), served.body());
    assertEquals("3.1.0", ApiContract.contract().getRawContract().getString("openapi"));
  }

  @Test
  void everyRouteIsDocumentedAndEveryOperationIsServed() {
    Router router = Router.router(service.vertx());
    JobsConfig jobs = new JobsConfig(1, 1, 1, 1, 1, 1, 100, 1000);
    // (the services are proxies: nothing is called while the routes are only listed)
    ApiRoutes.mount(router, service.vertx(), new HttpConfig(0, "127.0.0.1", 1, 10, "", java.util.List.of(), java.util.List.of(), java.util.List.of(), 30_000, 100, 100, 0, false, 20_000), 1000,
        new JobStatusCache(10, jobs), new JobWatchers(100), new SubmitRate(0), Membership.NONE,
        new SignIn(com.taskoverflow.config.AuthConfig.NONE, null, ""), new DashboardStream(new ClusterFigures(), new RecentJobs()));
    Set<String> served = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      if (route.getPath() != null && route.methods() != null && !route.methods().isEmpty()) {
        route.methods().forEach(method -> served.add(method.name() + " " + route.getPath().replaceAll(":(\\w+)", "{$1}")));
      }
    }
    served.add("GET /metrics"); // mounted only where the Vert.x instance reports metrics (MetricsApiTest)
    // HEAD goes with every GET (RFC 9110 §9.3.2), and nowhere else: the description names the GETs
    Set<String> heads = new TreeSet<>(served.stream().filter(route -> route.startsWith("HEAD ")).toList());
    served.removeAll(heads);
    assertEquals(heads, new TreeSet<>(served.stream().filter(route -> route.startsWith("GET ") && !route.equals("GET /metrics"))
        .map(route -> "HEAD " + route.substring(4)).toList()));

    OpenAPIContract contract = ApiContract.contract();
    Set<String> documented = new TreeSet<>();
    contract.operations().forEach(operation -> documented.add(operation.getHttpMethod().name() + " "
        + operation.getOpenAPIPath()));
    assertEquals(documented, served);
  }
}
