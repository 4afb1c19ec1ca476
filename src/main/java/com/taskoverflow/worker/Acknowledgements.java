package com.taskoverflow.worker;

import com.taskoverflow.common.Backoff;
import com.taskoverflow.common.GroupCommit;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Done deliveries acknowledged to the broker together: those that finish while an
 * acknowledgement is on its way go in the next one. A batch the broker refuses is tried again
 * with backoff while it is away (an entry left unacknowledged would only come back, to be found
 * done), until the worker stops or the tries run out. Used on the worker verticle's event loop.
 */
final class Acknowledgements {

  private static final int TRIES = 12;
  private static final Backoff RETRY = new Backoff(100, 5_000);

  private final Vertx vertx;
  private final Function<List<String>, Future<Void>> acknowledgeAll;
  private final BooleanSupplier stopping;
  private final GroupCommit<String, Void> batches;

  /**
   * @param maxBatch the most ids in one acknowledgement
   * @param acknowledgeAll the broker's call for a batch of delivery ids
   */
  Acknowledgements(Vertx vertx, int maxBatch, Function<List<String>, Future<Void>> acknowledgeAll,
      BooleanSupplier stopping) {
    this.vertx = vertx;
    this.acknowledgeAll = acknowledgeAll;
    this.stopping = stopping;
    this.batches = new GroupCommit<>(maxBatch, ids -> send(ids, 0));
  }

  Future<Void> add(String deliveryId) {
    return batches.add(deliveryId);
  }

  private Future<List<Void>> send(List<String> ids, int failures) {
    return acknowledgeAll.apply(ids).<List<Void>>map(done -> Collections.nCopies(ids.size(), null))
        .recover(failure -> stopping.getAsBoolean() || failures >= TRIES
            ? Future.failedFuture(failure)
            : vertx.timer(RETRY.delayMs(failures + 1)).compose(waited -> send(ids, failures + 1)));
  }
}
