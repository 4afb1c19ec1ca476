package com.taskoverflow.store;

/** What a create made, or what an earlier try with the same idempotency key made ({@code replayed}). */
record Replayable<T>(T value, boolean replayed) {

  static <T> Replayable<T> fresh(T value) {
    return new Replayable<>(value, false);
  }
}
