package com.taskoverflow.http;

import static com.taskoverflow.http.ApiServerVerticle.API;

import com.taskoverflow.bus.IdempotencyKey;
import com.taskoverflow.bus.Todo;
import com.taskoverflow.bus.TodoDraft;
import com.taskoverflow.bus.TodoFilter;
import com.taskoverflow.bus.TodoStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import java.util.List;
import java.util.function.LongFunction;
import java.util.regex.Pattern;

/** {@code /todos}: list with filters, create, read, partial update, delete. */
final class TodoRoutes {

  private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
  private static final Pattern NON_NEGATIVE = Pattern.compile("[0-9]+");
  /** Past this a window reaches beyond the last storable deadline anyway (year 9999). */
  private static final BigInteger MAX_WINDOW_DAYS = BigInteger.valueOf(3_000_000);

  private final TodoStore todos;

  TodoRoutes(TodoStore todos) {
    this.todos = todos;
  }

  void mount(Router router, Handler<RoutingContext> bodyHandler) {
    router.get(API + "/todos").handler(this::list);
    router.post(API + "/todos").handler(bodyHandler).handler(this::create);
    router.get(API + "/todos/:id").handler(this::get);
    router.put(API + "/todos/:id").handler(bodyHandler).handler(this::update);
    router.delete(API + "/todos/:id").handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    Boolean completed = null;
    String completedParam = singleParam(ctx, "completed");
    if (completedParam != null) {
      if (!completedParam.equals("true") && !completedParam.equals("false")) {
        throw ApiError.badRequest("completed must be true or false");
      }
      completed = Boolean.parseBoolean(completedParam);
    }
    Long windowDays = null;
    String window = singleParam(ctx, "window");
    if (window != null) {
      if (!NON_NEGATIVE.matcher(window).matches()) {
        throw ApiError.badRequest("window must be a non-negative whole number of days");
      }
      windowDays = new BigInteger(window).min(MAX_WINDOW_DAYS).longValue();
    }
    todos.list(new TodoFilter(completed, windowDays))
        .onSuccess(list -> Responses.json(ctx, 200, new JsonArray(list.stream().map(Todo::toJson).toList())))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    TodoDraft draft = TodoInput.forCreate(ctx.body().buffer());
    IdempotencyKey key = Idempotency.key(ctx, draft.toJson().encode());
    todos.create(draft, key)
        .onSuccess(created -> {
          Idempotency.markReplay(ctx, created.replayed());
          Responses.json(ctx, 201, created.todo().toJson());
        })
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    byId(ctx, todos::get);
  }

  private void update(RoutingContext ctx) {
    long id = id(ctx);
    todos.update(id, TodoInput.forUpdate(ctx.body().buffer()))
        .onSuccess(updated -> Responses.json(ctx, 200, updated.toJson()))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    byId(ctx, todos::delete);
  }

  /** A request naming one todo; the answer is that todo. */
  private void byId(RoutingContext ctx, LongFunction<Future<Todo>> call) {
    call.apply(id(ctx))
        .onSuccess(todo -> Responses.json(ctx, 200, todo.toJson()))
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
