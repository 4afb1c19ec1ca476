package com.taskoverflow.store;

import com.taskoverflow.bus.Failures;
import com.taskoverflow.bus.IdempotencyKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.function.Function;

/**
 * The first answer to a request carrying an Idempotency-Key, kept to be replayed to its retries.
 * The key is claimed in the same transaction that does the work, so a retry racing the original
 * waits for it and then gets its answer.
 */
final class IdempotencyKeys {

  /** A client's key in the scope of one operation by one owner: keys are per owner. */
  record Key(String owner, String scope, String key, String requestHash) {

    static Optional<Key> of(String owner, String scope, IdempotencyKey key) {
      return key == null ? Optional.empty() : Optional.of(new Key(owner, scope, key.key(), key.requestHash()));
    }
  }

  /** How a created value is saved for replay, and read back. */
  record Replay<T>(Function<T, JsonObject> toJson, Function<JsonObject, T> fromJson) {
  }

  private IdempotencyKeys() {
  }

  /**
   * Runs {@code insert} once per key: without a key, simply; with one, in a transaction that
   * claims the key and saves the answer, or answers what the first try with that key made.
   */
  static <T> Future<Replayable<T>> createOnce(Pool pool, Optional<Key> key, LocalDateTime expiredBefore,
      Function<SqlClient, Future<T>> insert, Replay<T> replay) {
    if (key.isEmpty()) {
      return insert.apply(pool).map(Replayable::fresh);
    }
    return pool.withTransaction(conn -> claim(conn, key.get(), expiredBefore).compose(earlier -> earlier.isPresent()
        ? Future.succeededFuture(new Replayable<>(replay.fromJson().apply(earlier.get()), true))
        : insert.apply(conn).compose(created -> save(conn, key.get(), replay.toJson().apply(created))
            .map(Replayable.fresh(created)))));
  }

  /**
   * Claims the key; answers the saved response when the key was used before (empty: the key is
   * ours, go on). A key reused for a different request is refused.
   */
  private static Future<Optional<JsonObject>> claim(SqlConnection conn, Key key, LocalDateTime expiredBefore) {
    return conn.preparedQuery(SqlQueries.CLAIM_IDEMPOTENCY_KEY)
        .execute(Tuple.of(key.scope(), key.key(), key.requestHash(), expiredBefore, key.owner()))
        .compose(claimed -> claimed.size() > 0
            ? Future.succeededFuture(Optional.empty())
            : conn.preparedQuery(SqlQueries.IDEMPOTENT_RESPONSE).execute(Tuple.of(key.scope(), key.key(), key.owner()))
                .compose(rows -> replay(key, rows.iterator().next())));
  }

  private static Future<Optional<JsonObject>> replay(Key key, Row earlier) {
    if (!key.requestHash().equals(earlier.getString("request_hash"))) {
      return Future.failedFuture(Failures.of(Failures.UNPROCESSABLE,
          "Idempotency-Key was already used for a different request"));
    }
    String response = earlier.getString("response");
    return response == null
        ? Future.failedFuture(Failures.of(Failures.CONFLICT, "A request with this Idempotency-Key is in progress"))
        : Future.succeededFuture(Optional.of(new JsonObject(response)));
  }

  private static Future<Void> save(SqlConnection conn, Key key, JsonObject response) {
    return conn.preparedQuery(SqlQueries.SAVE_IDEMPOTENT_RESPONSE)
        .execute(Tuple.of(key.scope(), key.key(), response.encode(), key.owner()))
        .mapEmpty();
  }

  /** Forgets a key whose request did not complete, so a retry runs it afresh. */
  static Future<Void> release(Pool pool, Key key) {
    return pool.preparedQuery(SqlQueries.DELETE_IDEMPOTENCY_KEY).execute(Tuple.of(key.scope(), key.key(), key.owner()))
        .mapEmpty();
  }
}
