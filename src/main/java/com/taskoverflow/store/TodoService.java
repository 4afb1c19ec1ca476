package com.taskoverflow.store;

import com.taskoverflow.bus.IdempotencyKey;
import com.taskoverflow.bus.Todo;
import com.taskoverflow.bus.TodoCreated;
import com.taskoverflow.bus.TodoDraft;
import com.taskoverflow.bus.TodoFilter;
import com.taskoverflow.bus.TodoPatch;
import com.taskoverflow.bus.TodoStore;
import io.vertx.core.Future;
import java.util.List;

/** {@link TodoStore} on PostgreSQL. */
final class TodoService implements TodoStore {

  private static final String TODO = "Todo";

  private final StoreAccess store;

  TodoService(StoreAccess store) {
    this.store = store;
  }

  @Override
  public Future<List<Todo>> list(TodoFilter filter, long afterId, int limit) {
    return store.call("todos.list", stored -> stored.todos().list(filter, afterId, limit));
  }

  @Override
  public Future<Todo> get(long id) {
    return store.call("todos.get", stored -> stored.todos().get(id).compose(found -> Found.orNotFound(found, TODO)));
  }

  @Override
  public Future<TodoCreated> create(TodoDraft draft, IdempotencyKey key) {
    return store.call("todos.create", stored -> stored.todos().create(draft, key)
        .map(created -> new TodoCreated.Value(created.value(), created.replayed())));
  }

  @Override
  public Future<Todo> update(long id, TodoPatch patch) {
    return store.call("todos.update", stored -> stored.todos().update(id, patch)
        .compose(found -> Found.orNotFound(found, TODO)));
  }

  @Override
  public Future<Todo> delete(long id) {
    return store.call("todos.delete", stored -> stored.todos().delete(id)
        .compose(found -> Found.orNotFound(found, TODO)));
  }
}
