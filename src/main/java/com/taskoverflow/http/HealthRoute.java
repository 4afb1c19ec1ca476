package com.taskoverflow.http;

import static com.taskoverflow.http.ApiServerVerticle.API;

import com.taskoverflow.bus.StoreHealth;
import com.taskoverflow.cluster.Membership;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health}: 200 {"status": "ok"} when this node can serve, else 503 with the reason:
 * the store reached over the event bus, its PostgreSQL and Redis, and the cluster.
 */
final class HealthRoute {

  private static final String UP = "up";

  private final StoreHealth store;
  private final Membership membership;

  HealthRoute(StoreHealth store, Membership membership) {
    this.store = store;
    this.membership = membership;
  }

  void mount(Router router) {
    router.get(API + "/health").handler(this::health);
  }

  private void health(RoutingContext ctx) {
    JsonObject cluster = new JsonObject().put("enabled", membership.members().isPresent());
    membership.members().ifPresent(members -> cluster.put("members", members));
    store.check()
        .map(status -> new JsonObject()
            .put("postgres", status.postgresUp() ? UP : "down")
            .put("redis", status.redisUp() ? UP : "down")
            .put("store", UP))
        .otherwise(failure -> new JsonObject().put("store", "unreachable: " + failure.getMessage()))
        .onSuccess(checks -> {
          boolean ok = UP.equals(checks.getString("store")) && UP.equals(checks.getString("postgres"))
              && UP.equals(checks.getString("redis"));
          JsonObject body = new JsonObject().put("status", ok ? "ok" : "unavailable").mergeIn(checks)
              .put("cluster", cluster);
          Responses.json(ctx, ok ? 200 : 503, body);
        });
  }
}
