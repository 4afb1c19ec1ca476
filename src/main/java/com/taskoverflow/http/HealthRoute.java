package com.taskoverflow.http;

import static com.taskoverflow.http.ApiServerVerticle.API;

import com.taskoverflow.bus.StoreHealth;
import com.taskoverflow.cluster.Membership;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /health}: 200 {"status": "ok"} when this node can serve, else 503 with the reason:
 * the store reached over the event bus, its PostgreSQL and Redis, and the cluster. A broker that
 * is away does not stop the node: submissions are held in PostgreSQL meanwhile, so the answer is
 * 200 {"status": "degraded"}, with the broker "down".
 */
final class HealthRoute {

  private static final String UP = "up";
  private static final String REDIS = "redis";

  private final StoreHealth store;
  private final Membership membership;

  HealthRoute(StoreHealth store, Membership membership) {
    this.store = store;
    this.membership = membership;
  }

  void mount(Router router) {
    ReadRoute.on(router, API + "/health").handler(this::health);
  }

  private void health(RoutingContext ctx) {
    JsonObject cluster = new JsonObject().put("enabled", membership.members().isPresent());
    membership.members().ifPresent(members -> cluster.put("members", members));
    store.check()
        .map(status -> {
          JsonObject checks = new JsonObject().put("postgres", status.postgresUp() ? UP : "down");
          if (!REDIS.equals(status.broker())) {
            checks.put(REDIS, "not used");
          }
          return checks.put(status.broker(), status.brokerUp() ? UP : "down").put("broker", status.broker())
              .put("store", UP);
        })
        .otherwise(failure -> new JsonObject().put("store", "unreachable: " + failure.getMessage()))
        .onSuccess(checks -> {
          boolean serving = UP.equals(checks.getString("store")) && UP.equals(checks.getString("postgres"));
          boolean whole = serving && UP.equals(checks.getString(checks.getString("broker")));
          JsonObject body = new JsonObject().put("status", whole ? "ok" : serving ? "degraded" : "unavailable")
              .mergeIn(checks).put("cluster", cluster);
          Responses.json(ctx, serving ? 200 : 503, body);
        });
  }
}
