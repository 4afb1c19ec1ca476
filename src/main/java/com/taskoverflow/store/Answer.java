package com.taskoverflow.store;

import io.vertx.core.json.JsonObject;

/** A store reply, and whether it is the replay of an earlier answer (an idempotent retry). */
record Answer(JsonObject body, boolean replayed) {

  static Answer fresh(JsonObject body) {
    return new Answer(body, false);
  }
}
