package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A client's {@code Idempotency-Key} and a digest of the request it came with: a retry with the
 * same key and request gets the first answer (marked {@code replayed}); another request is refused.
 */
@DataObject
public interface IdempotencyKey {

  /** The field that says, in a create's answer, whether it replays an earlier one. */
  String REPLAYED = "replayed";

  String key();

  String requestHash();

  JsonObject toJson();

  static IdempotencyKey fromJson(JsonObject json) {
    return new Value(json.getString(Value.KEY), json.getString(Value.REQUEST_HASH));
  }

  record Value(String key, String requestHash) implements IdempotencyKey {

    private static final String KEY = "key";
    private static final String REQUEST_HASH = "request_hash";

    @Override
    public JsonObject toJson() {
      return new JsonObject().put(KEY, key).put(REQUEST_HASH, requestHash);
    }
  }
}
