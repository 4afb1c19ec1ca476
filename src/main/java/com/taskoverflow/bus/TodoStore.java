package com.taskoverflow.bus;

import io.vertx.codegen.annotations.Nullable;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.serviceproxy.ServiceProxyBuilder;
import java.util.List;

/**
 * Todos, kept by the store role. Failures carry {@link Failures} codes: 404 for an unknown todo,
 * 400 for data the database refuses, 422/409 for a misused idempotency key, 503 while the
 * database is out of reach. Every call names the todos' {@code owner} (see {@link JobStatusView#OWNER}):
 * another owner's todo answers 404, as an unknown one does.
 */
@VertxGen
@ProxyGen
public interface TodoStore {

  /**
   * A page of the todos the filter lets through: those with an id above {@code afterId}, in id
   * order, at most {@code limit}. A page shorter than the limit is the last.
   */
  Future<List<Todo>> list(String owner, TodoFilter filter, long afterId, int limit);

  Future<Todo> get(String owner, long id);

  /** Creates the todo; with a key, a retry gets the first answer and creates nothing. */
  Future<TodoCreated> create(String owner, TodoDraft draft, @Nullable IdempotencyKey key);

  /** Applies the patch; answers the todo as it now is. */
  Future<Todo> update(String owner, long id, TodoPatch patch);

  /** Deletes the todo; answers it as it was. */
  Future<Todo> delete(String owner, long id);

  /** The store's todos as seen from anywhere on the (clustered) event bus. */
  static TodoStore proxy(Vertx vertx, long timeoutMs) {
    return new ServiceProxyBuilder(vertx).setAddress(Addresses.TODO_STORE)
        .setOptions(new DeliveryOptions().setSendTimeout(timeoutMs)).build(TodoStore.class);
  }
}
