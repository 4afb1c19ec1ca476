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
  public Future<List<Todo>> list(String owner, TodoFilter filter, long afterId, int limit) {
    return store.call("todos.list", stored -> stored.todos().list(owner, filter, afterId, limit));
  }

  @Override
  public Future<Todo> get(String owner, long id) {
    return store.call("todos.get", stored -> stored.todos().get(owner, id)
        .compose(found -> Found.orNotFound(found, TODO)));
  }

  @Override
  public Future<TodoCreated> create(String owner, TodoDraft draft, IdempotencyKey key) {
    return store.call("todos.create", stored -> stored.todos().create(owner, draft, key)
        .map(created -> new TodoCreated.Value(created.value(), created.replayed())));
  }

  @Override
  public Future<Todo> update(String owner, long id, TodoPatch patch) {
    return store.call("todos.update", stored -> stored.todos().update(owner, id, patch)
        .compose(found -> Found.orNotFound(found, TODO)));
  }

  @Override
  public Future<Todo> delete(String owner, long id) {
    return store.call("todos.delete", stored -> stored.todos().delete(owner, id)
        .compose(found -> Found.orNotFound(found, TODO)));
  }
}
