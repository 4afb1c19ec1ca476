package com.taskoverflow.http;

import static com.taskoverflow.http.ApiServerVerticle.API;

import com.taskoverflow.bus.IdempotencyKey;
import com.taskoverflow.bus.Todo;
import com.taskoverflow.bus.TodoDraft;
import com.taskoverflow.bus.TodoFilter;
import com.taskoverflow.bus.TodoStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

/** {@code /todos}: list with filters, create, read, partial update, delete; each call the caller's own todos. */
final class TodoRoutes {

  /** Canonical only: /todos/030 names no todo, rather than todo 30 under a second name. */
  private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
  private static final Pattern NON_NEGATIVE = Pattern.compile("[0-9]+");
  private static final Pattern BOOLEAN = Pattern.compile("true|false");
  /** Todos read and written at a time while streaming the whole list. */
  private static final int STREAM_PAGE = 500;
  private static final int MAX_PAGE = 1000;
  /** Past this a window reaches beyond the last storable deadline anyway (year 9999). */
  private static final BigInteger MAX_WINDOW_DAYS = BigInteger.valueOf(3_000_000);

  private final TodoStore todos;
  private final SignIn signIn;

  TodoRoutes(TodoStore todos, SignIn signIn) {
    this.todos = todos;
    this.signIn = signIn;
  }

  void mount(Router router, Handler<RoutingContext> bodyHandler) {
    ReadRoute.on(router, API + "/todos").handler(this::list);
    router.post(API + "/todos").handler(bodyHandler).handler(this::create);
    ReadRoute.on(router, API + "/todos/:id").handler(this::get);
    router.put(API + "/todos/:id").handler(bodyHandler).handler(this::update);
    router.delete(API + "/todos/:id").handler(this::delete);
  }

  /**
   * The whole list by default, streamed a page at a time as PostgreSQL gives it (the next page is
   * read once the last is written: memory stays flat at any size); or one page with
   * {@code ?limit=N[&after_id=M]} and a {@code Link: rel="next"} header while more may follow.
   */
  private void list(RoutingContext ctx) {
    String owner = signIn.owner(ctx);
    TodoFilter filter = filter(ctx);
    String after = QueryParams.matching(ctx, "after_id", ID, "a todo id (a whole number)");
    long afterId = after == null ? 0 : Long.parseLong(after);
    Integer limit = QueryParams.wholeNumber(ctx, "limit", 1, MAX_PAGE, null);
    if (limit == null) {
      todos.list(owner, filter, afterId, STREAM_PAGE).onSuccess(first -> {
        HttpServerResponse response = ctx.response().setChunked(true).putHeader("Content-Type", Responses.JSON);
        stream(response, owner, filter, first, true).onFailure(ctx::fail);
      }).onFailure(ctx::fail);
      return;
    }
    int size = limit;
    todos.list(owner, filter, afterId, size).onSuccess(page -> {
      if (page.size() == size) {
        ctx.response().putHeader("Link", "<" + nextPage(ctx, page.get(page.size() - 1).id()) + ">; rel=\"next\"");
      }
      Responses.json(ctx, 200, new JsonArray(page.stream().map(Todo::toJson).toList()));
    }).onFailure(ctx::fail);
  }

  /** Writes a page, then reads and writes the next until a short page ends the array. */
  private Future<Void> stream(HttpServerResponse response, String owner, TodoFilter filter, List<Todo> page,
      boolean first) {
    Buffer chunk = Buffer.buffer(first ? "[" : "");
    for (int i = 0; i < page.size(); i++) {
      if (!first || i > 0) {
        chunk.appendString(",");
      }
      chunk.appendBuffer(page.get(i).toJson().toBuffer());
    }
    if (page.size() < STREAM_PAGE) {
      return response.end(chunk.appendString("]"));
    }
    long last = page.get(page.size() - 1).id();
    return response.write(chunk)
        .compose(written -> todos.list(owner, filter, last, STREAM_PAGE))
        .compose(next -> stream(response, owner, filter, next, false));
  }

  /** The same list's next page: the client's own query, with after_id moved on. */
  private static String nextPage(RoutingContext ctx, long lastId) {
    StringBuilder query = new StringBuilder();
    ctx.queryParams().forEach((name, value) -> {
      if (!name.equals("after_id")) {
        query.append(query.length() == 0 ? "?" : "&").append(encode(name)).append('=').append(encode(value));
      }
    });
    query.append(query.length() == 0 ? "?" : "&").append("after_id=").append(lastId);
    return RequestUrls.absolute(ctx, API + "/todos" + query);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The completed and window filters; a window is fixed from this moment, for every page. */
  private static TodoFilter filter(RoutingContext ctx) {
    Boolean completed = null;
    String completedParam = QueryParams.matching(ctx, "completed", BOOLEAN, "true or false");
    if (completedParam != null) {
      completed = Boolean.parseBoolean(completedParam);
    }
    String window = QueryParams.matching(ctx, "window", NON_NEGATIVE, "a non-negative whole number of days");
    if (window == null) {
      return new TodoFilter.Value(completed, null, null);
    }
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
    return new TodoFilter.Value(completed, now, now.plusDays(new BigInteger(window).min(MAX_WINDOW_DAYS).longValue()));
  }

  private void create(RoutingContext ctx) {
    TodoDraft draft = TodoInput.forCreate(ctx.body().buffer());
    IdempotencyKey key = Idempotency.key(ctx, draft.toJson().encode());
    todos.create(signIn.owner(ctx), draft, key)
        .onSuccess(created -> {
          Idempotency.markReplay(ctx, created.replayed());
          Responses.json(ctx, 201, created.todo().toJson());
        })
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    byId(ctx, todos::get);
  }

  /** A call on one of the caller's todos. */
  @FunctionalInterface
  private interface OnTodo {
    Future<Todo> call(String owner, long id);
  }

  private void update(RoutingContext ctx) {
    long id = id(ctx);
    todos.update(signIn.owner(ctx), id, TodoInput.forUpdate(ctx.body().buffer()))
        .onSuccess(updated -> Responses.json(ctx, 200, updated.toJson()))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    byId(ctx, todos::delete);
  }

  /** A request naming one todo; the answer is that todo. */
  private void byId(RoutingContext ctx, OnTodo call) {
    call.call(signIn.owner(ctx), id(ctx))
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
}
