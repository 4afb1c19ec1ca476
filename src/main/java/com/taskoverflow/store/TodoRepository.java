package com.taskoverflow.store;

import com.taskoverflow.bus.CalendarEntry;
import com.taskoverflow.bus.IdempotencyKey;
import com.taskoverflow.bus.Todo;
import com.taskoverflow.bus.TodoDraft;
import com.taskoverflow.bus.TodoFilter;
import com.taskoverflow.bus.TodoPatch;
import com.taskoverflow.store.IdempotencyKeys.Key;
import com.taskoverflow.store.IdempotencyKeys.Replay;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Optional;

/** Todos in PostgreSQL. */
final class TodoRepository {

  private static final String CREATE_SCOPE = "todos.create";
  private static final Replay<Todo> REPLAY = new Replay<>(Todo::toJson, Todo::fromJson);

  private final Pool pool;
  private final Retention retention;

  TodoRepository(Pool pool, Retention retention) {
    this.pool = pool;
    this.retention = retention;
  }

  /** One page: ids above {@code afterId}, in order, at most {@code limit} (keyset pagination). */
  Future<List<Todo>> list(String owner, TodoFilter filter, long afterId, int limit) {
    Tuple values = Tuple.of(filter.completed(), filter.deadlineFrom(), filter.deadlineTo(), afterId, limit, owner);
    return pool.preparedQuery(SqlQueries.LIST_TODOS).execute(values)
        .map(rows -> Rows.all(rows, TodoRepository::toTodo));
  }

  Future<Optional<Todo>> get(String owner, long id) {
    return pool.preparedQuery(SqlQueries.GET_TODO).execute(Tuple.of(id, owner)).map(TodoRepository::single);
  }

  /** A page of the owner's todos with a deadline as they are now, in id order (the calendar feed). */
  Future<List<CalendarEntry>> inCalendar(String owner, long afterId, int limit) {
    return pool.preparedQuery(SqlQueries.CALENDAR_TODOS).execute(Tuple.of(owner, afterId, limit))
        .map(rows -> Rows.all(rows, Rows::calendarEntry));
  }

  /** Creates the todo, or answers the one an earlier try with the same key created. */
  Future<Replayable<Todo>> create(String owner, TodoDraft draft, IdempotencyKey key) {
    return IdempotencyKeys.createOnce(pool, Key.of(owner, CREATE_SCOPE, key), retention.idempotencyCutoff(),
        client -> insert(client, owner, draft), REPLAY);
  }

  private static Future<Todo> insert(SqlClient client, String owner, TodoDraft draft) {
    Tuple values = Tuple.of(draft.title(), draft.description(), draft.completed(), draft.deadlineAt(), owner);
    return client.preparedQuery(SqlQueries.INSERT_TODO).execute(values)
        .map(rows -> toTodo(rows.iterator().next()));
  }

  /** Sets the fields the patch sets, leaving the others as they are. */
  Future<Optional<Todo>> update(String owner, long id, TodoPatch patch) {
    Tuple values = Tuple.tuple()
        .addLong(id)
        .addBoolean(patch.setsTitle()).addString(patch.title())
        .addBoolean(patch.setsDescription()).addString(patch.description())
        .addBoolean(patch.setsCompleted()).addBoolean(patch.completed())
        .addBoolean(patch.setsDeadline()).addLocalDateTime(patch.deadlineAt())
        .addString(owner);
    return pool.preparedQuery(SqlQueries.UPDATE_TODO).execute(values).map(TodoRepository::single);
  }

  Future<Optional<Todo>> delete(String owner, long id) {
    return pool.preparedQuery(SqlQueries.DELETE_TODO).execute(Tuple.of(id, owner)).map(TodoRepository::single);
  }

  private static Optional<Todo> single(RowSet<Row> rows) {
    return Rows.first(rows, TodoRepository::toTodo);
  }

  private static Todo toTodo(Row row) {
    return new Todo.Value(row.getLong("id"), row.getString("title"), row.getString("description"),
        row.getBoolean("completed"), row.getLocalDateTime("deadline_at"), row.getLocalDateTime("created_at"),
        row.getLocalDateTime("updated_at"));
  }
}
