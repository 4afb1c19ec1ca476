package com.taskoverflow.store;

import com.taskoverflow.bus.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import com.taskoverflow.store.IdempotencyKeys.Key;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Todos in PostgreSQL, as the API's JSON objects. */
final class TodoRepository {

  static final String CREATE_SCOPE = "todos.create";

  private final Pool pool;
  private final Retention retention;

  TodoRepository(Pool pool, Retention retention) {
    this.pool = pool;
    this.retention = retention;
  }

  /** {@code completed} and {@code windowDays} are optional filters (null: no filter). */
  Future<JsonArray> list(Boolean completed, Long windowDays) {
    LocalDateTime from = null;
    LocalDateTime to = null;
    if (windowDays != null) {
      from = LocalDateTime.now(ZoneOffset.UTC);
      to = from.plusDays(windowDays);
    }
    return pool.preparedQuery(SqlQueries.LIST_TODOS).execute(Tuple.of(completed, from, to))
        .map(rows -> {
          JsonArray todos = new JsonArray();
          rows.forEach(row -> todos.add(toJson(row)));
          return todos;
        });
  }

  Future<Optional<JsonObject>> get(long id) {
    return pool.preparedQuery(SqlQueries.GET_TODO).execute(Tuple.of(id)).map(TodoRepository::single);
  }

  /** Creates the todo, or answers the one an earlier try with the same key created. */
  Future<Answer> create(JsonObject todo, Optional<Key> key) {
    if (key.isEmpty()) {
      return insert(pool, todo).map(Answer::fresh);
    }
    return pool.withTransaction(conn -> IdempotencyKeys.claim(conn, key.get(), retention.idempotencyCutoff())
        .compose(earlier -> earlier.isPresent()
            ? Future.succeededFuture(new Answer(earlier.get(), true))
            : insert(conn, todo).compose(created -> IdempotencyKeys.save(conn, key.get(), created)
                .map(Answer.fresh(created)))));
  }

  private static Future<JsonObject> insert(SqlClient client, JsonObject todo) {
    Tuple values = Tuple.of(
        todo.getString("title"),
        todo.getString("description"),
        todo.getBoolean("completed", false),
        Timestamps.parse(todo.getString("deadline_at")));
    return client.preparedQuery(SqlQueries.INSERT_TODO).execute(values)
        .map(rows -> toJson(rows.iterator().next()));
  }

  /** Sets the fields present in {@code changes}, leaving the others as they are. */
  Future<Optional<JsonObject>> update(long id, JsonObject changes) {
    Tuple values = Tuple.tuple()
        .addLong(id)
        .addBoolean(changes.containsKey("title")).addString(changes.getString("title"))
        .addBoolean(changes.containsKey("description")).addString(changes.getString("description"))
        .addBoolean(changes.containsKey("completed")).addBoolean(changes.getBoolean("completed"))
        .addBoolean(changes.containsKey("deadline_at"))
        .addLocalDateTime(Timestamps.parse(changes.getString("deadline_at")));
    return pool.preparedQuery(SqlQueries.UPDATE_TODO).execute(values).map(TodoRepository::single);
  }

  Future<Optional<JsonObject>> delete(long id) {
    return pool.preparedQuery(SqlQueries.DELETE_TODO).execute(Tuple.of(id)).map(TodoRepository::single);
  }

  private static Optional<JsonObject> single(RowSet<Row> rows) {
    return Rows.first(rows, TodoRepository::toJson);
  }

  private static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getLong("id"))
        .put("title", row.getString("title"))
        .put("description", row.getString("description"))
        .put("completed", row.getBoolean("completed"))
        .put("deadline_at", Timestamps.format(row.getLocalDateTime("deadline_at")))
        .put("created_at", Timestamps.format(row.getLocalDateTime("created_at")))
        .put("updated_at", Timestamps.format(row.getLocalDateTime("updated_at")));
  }
}
