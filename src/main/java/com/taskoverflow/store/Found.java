package com.taskoverflow.store;

import com.taskoverflow.bus.Failures;
import io.vertx.core.Future;
import java.util.Optional;

/** What a statement that names one row answers when there is no such row. */
final class Found {

  private Found() {
  }

  static <T> Future<T> orNotFound(Optional<T> found, String what) {
    return found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(Failures.of(Failures.NOT_FOUND, what + " not found")));
  }

  /** A transition whose attempt no longer holds the job: another attempt took it, or it is finished. */
  static <T> Future<T> orNotHeld(Optional<T> found) {
    return found.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(Failures.of(Failures.CONFLICT, "Attempt no longer holds the task")));
  }
}
