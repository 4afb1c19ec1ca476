package com.taskoverflow.http;

import static com.taskoverflow.http.HttpVerticle.API;

import com.taskoverflow.bus.Addresses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/** {@code /todos}: list with filters, create, read, partial update, delete. */
final class TodoRoutes {

  private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
  private static final Pattern NON_NEGATIVE = Pattern.compile("[0-9]+");
  /** Past this a window reaches beyond the last storable deadline anyway (year 9999). */
  private static final BigInteger MAX_WINDOW_DAYS = BigInteger.valueOf(3_000_000);

  private final BusClient bus;

  TodoRoutes(BusClient bus) {
    this.bus = bus;
  }

  void mount(Router router, Handler<RoutingContext> bodyHandler) {
    router.get(API + "/todos").handler(this::list);
    router.post(API + "/todos").handler(bodyHandler).handler(this::create);
    router.get(API + "/todos/:id").handler(this::get);
    router.put(API + "/todos/:id").handler(bodyHandler).handler(this::update);
    router.delete(API + "/todos/:id").handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    JsonObject filter = new JsonObject();
    String completed = singleParam(ctx, "completed");
    if (completed != null) {
      if (!completed.equals("true") && !completed.equals("false")) {
        throw ApiError.badRequest("completed must be true or false");
      }
      filter.put("completed", Boolean.parseBoolean(completed));
    }
    String window = singleParam(ctx, "window");
    if (window != null) {
      if (!NON_NEGATIVE.matcher(window).matches()) {
        throw ApiError.badRequest("window must be a non-negative whole number of days");
      }
      filter.put("window_days", new BigInteger(window).min(MAX_WINDOW_DAYS).longValue());
    }
    bus.request(Addresses.TODOS_LIST, filter)
        .onSuccess(reply -> Responses.json(ctx, 200, reply.getJsonArray("todos")))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    JsonObject todo = TodoInput.forCreate(ctx.body().buffer());
    JsonObject request = Idempotency.attach(ctx, new JsonObject().put("todo", todo), todo.encode());
    bus.requestMessage(Addresses.TODOS_CREATE, request)
        .onSuccess(reply -> {
          Idempotency.markReplay(ctx, reply);
          Responses.json(ctx, 201, reply.body());
        })
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    byId(ctx, Addresses.TODOS_GET);
  }

  private void update(RoutingContext ctx) {
    long id = id(ctx);
    JsonObject changes = TodoInput.forUpdate(ctx.body().buffer());
    bus.request(Addresses.TODOS_UPDATE, new JsonObject().put("id", id).put("changes", changes))
        .onSuccess(updated -> Responses.json(ctx, 200, updated))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    byId(ctx, Addresses.TODOS_DELETE);
  }

  /** A request naming one todo; the answer is that todo. */
  private void byId(RoutingContext ctx, String address) {
    bus.request(address, new JsonObject().put("id", id(ctx)))
        .onSuccess(todo -> Responses.json(ctx, 200, todo))
        .onFailure(ctx::fail);
  }

  /** Todo ids are positive 64-bit integers; anything else names no todo. */
  private static long id(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !ID.matcher(id).matches()) {
      throw ApiError.notFound("Todo not found");
    }
    return Long.parseLong(id);
  }

  private static String singleParam(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParam(name);
    if (values.size() > 1) {
      throw ApiError.badRequest(name + " may be given once");
    }
    return values.isEmpty() ? null : values.get(0);
  }
}
