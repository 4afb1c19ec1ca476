package com.taskoverflow.common;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Group commit: requests that arrive while one batch is being written wait, and the next batch
 * takes them all, so a burst costs one statement, not one per request. A lone request is written
 * at once: batching adds no wait. Each caller is answered only when its batch is done. Used on
 * one event loop (its verticle's).
 *
 * @param <I> one request
 * @param <O> its answer
 */
public final class GroupCommit<I, O> {

  private record Waiting<I, O>(I request, Promise<O> answer) {
  }

  private final int maxBatch;
  private final Function<List<I>, Future<List<O>>> write;
  private final Deque<Waiting<I, O>> waiting = new ArrayDeque<>();
  private boolean writing;

  /** {@code write} answers one result per request, in the order of the requests. */
  public GroupCommit(int maxBatch, Function<List<I>, Future<List<O>>> write) {
    this.maxBatch = maxBatch;
    this.write = write;
  }

  public Future<O> add(I request) {
    Promise<O> answer = Promise.promise();
    waiting.add(new Waiting<>(request, answer));
    if (!writing) {
      writeNext();
    }
    return answer.future();
  }

  private void writeNext() {
    if (waiting.isEmpty()) {
      writing = false;
      return;
    }
    writing = true;
    List<Waiting<I, O>> batch = new ArrayList<>();
    while (!waiting.isEmpty() && batch.size() < maxBatch) {
      batch.add(waiting.poll());
    }
    Future<List<O>> written;
    try {
      written = write.apply(batch.stream().map(Waiting::request).toList());
    } catch (RuntimeException e) {
      written = Future.failedFuture(e);
    }
    written.onComplete(done -> {
      for (int i = 0; i < batch.size(); i++) {
        if (done.succeeded()) {
          batch.get(i).answer().complete(done.result().get(i));
        } else {
          batch.get(i).answer().fail(done.cause());
        }
      }
      writeNext();
    });
  }
}
