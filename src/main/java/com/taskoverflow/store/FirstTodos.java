package com.taskoverflow.store;

import com.taskoverflow.store.JobRepository.Taken;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Looks at jobs accepted one at a time, read as soon as each is stored (while its queue entry is
 * being written and its worker woken), for the worker's own look ({@link
 * com.taskoverflow.bus.JobStore#preview}): on a quiet service that read is done by the time the
 * worker asks. Few and brief: while as many reads wait as may, the queue is not quiet and no more
 * are made, and a look this cannot answer reads PostgreSQL. The outcome's write checks the job's
 * state either way. Used on the store verticle's event loop only.
 */
final class FirstTodos {

  /** Reads waiting for their workers at once: more mean a backlog, where they would wait in vain. */
  static final int MOST = 8;
  /** How long a read is kept: a job's trip through an idle queue, many times over. */
  static final long KEPT_MS = 1_000;

  private record Read(Future<Optional<Taken>> look, long madeAtNanos) {
  }

  private final Map<UUID, Read> reads = new LinkedHashMap<>();

  /** Reads the job at once, unless as many reads wait already. */
  void readAhead(UUID id, Supplier<Future<Optional<Taken>>> read) {
    reads.values().removeIf(waiting -> !fresh(waiting));
    if (reads.size() < MOST) {
      reads.put(id, new Read(read.get(), System.nanoTime()));
    }
  }

  /** The job's read, once, if it was made a moment ago; else null. */
  Future<Optional<Taken>> take(UUID id) {
    Read read = reads.remove(id);
    return read != null && fresh(read) ? read.look() : null;
  }

  /** The job changed here (started, cancelled): a read made before no longer holds. */
  void forget(UUID id) {
    reads.remove(id);
  }

  private static boolean fresh(Read read) {
    return System.nanoTime() - read.madeAtNanos() < TimeUnit.MILLISECONDS.toNanos(KEPT_MS);
  }
}
