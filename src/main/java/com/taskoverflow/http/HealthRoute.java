package com.taskoverflow.http;

import static com.taskoverflow.http.HttpVerticle.API;

import com.taskoverflow.bus.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health}: 200 {"status": "ok"} when this node can serve, else 503 with the reason:
 * the store reached over the event bus, its PostgreSQL and Redis, and the cluster.
 */
final class HealthRoute {

  private final Vertx vertx;
  private final BusClient bus;

  HealthRoute(Vertx vertx, BusClient bus) {
    this.vertx = vertx;
    this.bus = bus;
  }

  void mount(Router router) {
    router.get(API + "/health").handler(this::health);
  }

  private void health(RoutingContext ctx) {
    JsonObject cluster = new JsonObject().put("enabled", vertx.isClustered());
    if (vertx.isClustered()) {
      cluster.put("members", ((VertxInternal) vertx).clusterManager().getNodes().size());
    }
    bus.request(Addresses.STORE_HEALTH, new JsonObject())
        .map(store -> store.put("store", "up"))
        .otherwise(failure -> new JsonObject().put("store", "unreachable: " + failure.getMessage()))
        .onSuccess(checks -> {
          boolean ok = "up".equals(checks.getString("store")) && "up".equals(checks.getString("postgres"))
              && "up".equals(checks.getString("redis"));
          JsonObject body = new JsonObject().put("status", ok ? "ok" : "unavailable").mergeIn(checks)
              .put("cluster", cluster);
          Responses.json(ctx, ok ? 200 : 503, body);
        });
  }
}
