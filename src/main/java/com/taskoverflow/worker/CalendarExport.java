package com.taskoverflow.worker;

import com.taskoverflow.bus.CalendarEntry;
import com.taskoverflow.bus.JobProgress;
import com.taskoverflow.bus.JobStatusView;
import com.taskoverflow.bus.JobStore;
import com.taskoverflow.bus.StartedJob;
import com.taskoverflow.calendar.CalendarWriter;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One attempt's calendar, streamed: the job's todos come from the store a page at a time (the
 * next page is fetched while this one is written), their events are written on a builder
 * thread, and the text goes back to the store in parts as they fill. Memory is bounded by two
 * pages and a part, whatever the number of todos. Used once, by one attempt. A long one tells how
 * far it is at most every {@link JobProgress#EVERY_MS} ms.
 */
final class CalendarExport {

  /** Todos fetched at once. */
  static final int PAGE_SIZE = 2_000;
  /** Characters of calendar text sent to the store at once. */
  static final int PART_CHARS = 256 * 1024;
  /** Room made for each todo's event before the first page is written, so that the part is not copied as it grows. */
  private static final int EVENT_CHARS = 320;

  private final JobStore store;
  private final WorkerExecutor builders;
  private final String taskId;
  private final int attempt;
  private final Instant stamp;
  private final LongSupplier millisLeft;
  private final Consumer<JobProgress> progress;
  private StringBuilder part = new StringBuilder(CalendarWriter.HEADER);
  private int savedParts;
  /** Todos written, and how many there are (-1 until counted). */
  private long done;
  private long total = -1;
  private long lastReport = System.nanoTime();

  /**
   * @param millisLeft how long the attempt may still run; the export stops when it reaches 0
   * @param progress told how far the export is, at most every {@link JobProgress#EVERY_MS} ms
   */
  CalendarExport(JobStore store, WorkerExecutor builders, String taskId, int attempt, Instant stamp,
      LongSupplier millisLeft, Consumer<JobProgress> progress) {
    this.store = store;
    this.builders = builders;
    this.taskId = taskId;
    this.attempt = attempt;
    this.stamp = stamp;
    this.millisLeft = millisLeft;
    this.progress = progress;
  }

  /**
   * Whether the calendar is one part, small enough to build and record at once: all its todos
   * came with the start, and even with every character escaped they fill less than a part.
   */
  static boolean fitsOnePart(StartedJob started) {
    if (started.mayHaveMoreTodos()) {
      return false;
    }
    long chars = CalendarWriter.HEADER.length() + CalendarWriter.FOOTER.length();
    for (CalendarEntry todo : started.todos()) {
      chars += EVENT_CHARS + 2L * todo.textLength();
    }
    return chars < PART_CHARS;
  }

  /** How the export calls the store: with the runner's retries while the store is out of reach. */
  @FunctionalInterface
  interface StoreCalls {
    <T> Future<T> call(Supplier<Future<T>> call);
  }

  /**
   * Writes every event, from the todos that came with the start on, saving the parts that fill;
   * the last part stays for {@link #succeed}.
   */
  Future<Void> write(StartedJob started, StoreCalls calls) {
    if (started.mayHaveMoreTodos()) {
      // counted while the first pages are written; progress is told once the count is in
      store.countTodos(taskId).onSuccess(count -> total = count);
    } else {
      total = started.todos().size();
    }
    part.ensureCapacity(Math.min(PART_CHARS, CalendarWriter.HEADER.length() + EVENT_CHARS * started.todos().size()));
    return writeFrom(started.todos(), started.mayHaveMoreTodos(), calls);
  }

  /** A page is written: tell how far the export is, if the last telling is old enough. */
  private void written(int todos) {
    done += todos;
    long now = System.nanoTime();
    if (total >= 0 && now - lastReport >= TimeUnit.MILLISECONDS.toNanos(JobProgress.EVERY_MS)) {
      lastReport = now;
      progress.accept(new JobProgress.Value(taskId, attempt, done, Math.max(done, total)));
    }
  }

  /** Records the SUCCESS with the calendar's last part. */
  Future<JobStatusView> succeed(StoreCalls calls) {
    String last = part.append(CalendarWriter.FOOTER).toString();
    part = null;
    return calls.call(() -> store.succeed(taskId, attempt, savedParts + 1, last));
  }

  /** Writes a page's events, while the next page (if one may follow) is being read. */
  private Future<Void> writeFrom(List<CalendarEntry> page, boolean mayHaveMore, StoreCalls calls) {
    if (millisLeft.getAsLong() <= 0) {
      return Future.failedFuture(new TimeoutException("calendar not written in time"));
    }
    if (page.isEmpty()) {
      return Future.succeededFuture();
    }
    long lastId = page.get(page.size() - 1).id();
    Future<List<CalendarEntry>> next = mayHaveMore ? calls.call(() -> store.todos(taskId, lastId, PAGE_SIZE))
        : Future.succeededFuture(List.of());
    return builders.executeBlocking(() -> {
      CalendarWriter.appendEvents(page, stamp, part);
      return part.length();
    }, false)
        .compose(length -> {
          written(page.size());
          return length >= PART_CHARS ? savePart(calls) : Future.succeededFuture();
        })
        .compose(saved -> next)
        .compose(following -> writeFrom(following, following.size() == PAGE_SIZE, calls));
  }

  private Future<Void> savePart(StoreCalls calls) {
    String body = part.toString();
    part = new StringBuilder(PART_CHARS + PART_CHARS / 8);
    int seq = savedParts;
    return calls.call(() -> store.savePart(taskId, attempt, seq, body)).onSuccess(saved -> savedParts++);
  }
}
