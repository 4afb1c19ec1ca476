package com.taskoverflow.bus;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * A client's {@code Idempotency-Key} and a digest of the request it came with: a retry with the
 * same key and request gets the first answer (marked {@code replayed}); another request is refused.
 */
@DataObject
public final class IdempotencyKey extends BusValue {

  /** The field that says, in a create's answer, whether it replays an earlier one. */
  static final String REPLAYED = "replayed";
  private static final String KEY = "key";
  private static final String REQUEST_HASH = "request_hash";

  private final String key;
  private final String requestHash;

  public IdempotencyKey(String key, String requestHash) {
    this.key = key;
    this.requestHash = requestHash;
  }

  public IdempotencyKey(JsonObject json) {
    this(json.getString(KEY), json.getString(REQUEST_HASH));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put(KEY, key).put(REQUEST_HASH, requestHash);
  }

  public String key() {
    return key;
  }

  public String requestHash() {
    return requestHash;
  }
}
