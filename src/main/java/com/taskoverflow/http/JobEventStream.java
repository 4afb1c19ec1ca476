package com.taskoverflow.http;

import com.taskoverflow.bus.JobProgress;
import com.taskoverflow.bus.JobState;
import com.taskoverflow.bus.JobStatusView;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One client's event stream for one job ({@code text/event-stream}): the current state first, then
 * each change, ending after the final one. Event ids grow with the job's progress (attempt n
 * starts as 2n-1 and ends as 2n; PENDING is 0; each requeue starts a million further on), so they
 * need no storage and a client that reconnects with {@code Last-Event-ID} gets only what it has
 * not seen. A comment every
 * {@link #HEARTBEAT_MS} keeps idle proxies from closing the connection. Used on one event loop.
 */
final class JobEventStream implements JobWatchers.Listener {

  static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";

  static final long HEARTBEAT_MS = 15_000;

  private final RoutingContext ctx;
  private final HttpServerResponse response;
  private final Consumer<JobEventStream> onClose;
  private final List<JobStatusView> early = new ArrayList<>();
  private final List<Runnable> endActions = new ArrayList<>();
  private long lastSent;
  /** The latest state sent or known to the client: progress is told of a STARTED one only. */
  private JobStatusView current;
  private boolean started;
  private boolean ended;
  private long heartbeat = -1;

  JobEventStream(RoutingContext ctx, long lastEventId, Consumer<JobEventStream> onClose) {
    this.ctx = ctx;
    this.response = ctx.response();
    this.lastSent = lastEventId;
    this.onClose = onClose;
    // A client that leaves at any moment, even before the job's state is read, ends the stream
    // and its watch at once: nothing waits for the job to end to be let go.
    response.closeHandler(closed -> end());
  }

  /** The id the client last saw, from {@code Last-Event-ID}; -1 if none (or not one of ours). */
  static long lastEventId(HttpServerRequest request) {
    String header = request.getHeader("Last-Event-ID");
    try {
      return header == null ? -1 : Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Ids of one life of a job (from its submission or a requeue); far more than its attempts need. */
  static final long IDS_PER_LIFE = 1_000_000;

  static long eventId(JobStatusView status) {
    long progress = switch (status.state()) {
      case PENDING -> 0;
      case STARTED -> 2L * status.attempts() - 1;
      case RETRY, SUCCESS, FAILURE -> 2L * status.attempts();
      case CANCELLED -> 2L * status.attempts() + 1; // after whichever state it was cancelled in
    };
    return status.requeues() * IDS_PER_LIFE + progress;
  }

  void onEnd(Runnable action) {
    endActions.add(action);
  }

  /** Opens the stream with the job's current state, then whatever changed while it was read. */
  void start(JobStatusView current) {
    response.setChunked(true)
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no"); // nginx: pass events on at once
    if (ended || response.closed()) {
      end();
      return;
    }
    started = true;
    send(current);
    early.forEach(this::send);
    early.clear();
    if (current.isFinal()) {
      end(); // nothing follows a final state, whether or not the client had seen it
    } else if (!ended) {
      response.write(": stream of task " + current.taskId() + "\n\n");
      heartbeat = ctx.vertx().setPeriodic(HEARTBEAT_MS, tick -> response.write(": keep-alive\n\n"));
    }
  }

  @Override
  public void onChange(JobStatusView status) {
    offer(status);
  }

  /**
   * The running attempt's progress, as a PROGRESS event: the status with {@code progress}, under
   * the STARTED event's id (a client resuming from it gets the states that follow, as before).
   */
  @Override
  public void onProgress(JobProgress progress) {
    if (!started || ended || current == null || current.state() != JobState.STARTED
        || current.attempts() != progress.attempt()) {
      return;
    }
    String data = JobLinks.withResultUrl(ctx, current).put(JobProgress.FIELD, progress.asStatusField()).encode();
    response.write("id: " + eventId(current) + "\nevent: PROGRESS\ndata: " + data + "\n\n");
  }

  /** A change from the watchers: sent if it is news to the client. */
  void offer(JobStatusView status) {
    if (!started) {
      early.add(status);
    } else {
      send(status);
    }
  }

  /** Sends the state if the client has not seen it; a final state ends the stream either way. */
  private void send(JobStatusView status) {
    if (ended) {
      return;
    }
    long id = eventId(status);
    if (current == null || id >= eventId(current)) {
      current = status;
    }
    if (id > lastSent) {
      lastSent = id;
      String data = JobLinks.withResultUrl(ctx, status).encode();
      response.write("id: " + id + "\nevent: " + status.state() + "\ndata: " + data + "\n\n");
    }
    if (status.isFinal()) {
      end();
    }
  }

  void end() {
    if (ended) {
      return;
    }
    ended = true;
    ctx.vertx().cancelTimer(heartbeat);
    endActions.forEach(Runnable::run);
    onClose.accept(this);
    if (!response.ended() && !response.closed()) {
      response.end();
    }
  }
}
