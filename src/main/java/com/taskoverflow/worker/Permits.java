package com.taskoverflow.worker;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code size} holders at once; the others wait in turn, without a thread. Used on one
 * event loop (the worker verticle's), so it needs no locking.
 */
final class Permits {

  private final int size;
  private final Deque<Promise<Void>> waiting = new ArrayDeque<>();
  private int held;

  Permits(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("at least one permit");
    }
    this.size = size;
  }

  /** Completes once a permit is this caller's; each must be given back with {@link #release()}. */
  Future<Void> acquire() {
    if (held < size) {
      held++;
      return Future.succeededFuture();
    }
    Promise<Void> turn = Promise.promise();
    waiting.add(turn);
    return turn.future();
  }

  /** Gives a permit back: to the longest waiter, if any. A release with none held is a caller's bug. */
  void release() {
    if (held == 0) {
      throw new IllegalStateException("a permit released that was never acquired");
    }
    Promise<Void> next = waiting.poll();
    if (next != null) {
      next.complete(); // the permit passes on: held stays the same
    } else {
      held--;
    }
  }

  int held() {
    return held;
  }

  int waiting() {
    return waiting.size();
  }
}
