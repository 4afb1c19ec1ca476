package com.taskoverflow.http;

import com.taskoverflow.bus.JobState;
import com.taskoverflow.bus.JobStatusView;
import com.taskoverflow.bus.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The jobs whose state changed most recently, as this JVM heard the job events (every HTTP JVM
 * hears them all), each with the changes heard: the dashboard's list of recent jobs and their
 * histories. Bounded ({@link #KEPT} jobs, {@link #CHANGES_KEPT} changes each); nothing is stored.
 */
final class RecentJobs {

  static final int KEPT = 500;
  static final int CHANGES_KEPT = 30;
  static final String EVENTS = "events";
  /** Where a dashboard's figures carry {@link #version()}. */
  static final String VERSION = "recent_jobs_version";

  private record Recent(JobStatusView status, List<Change> changes) {
  }

  /** A change heard: kept as is, made JSON only when asked for (changes come thousands a second). */
  private record Change(String state, int attempt, String worker, String error, LocalDateTime at) {

    static Change of(String state, JobStatusView status, LocalDateTime at) {
      return new Change(state, status.attempts(), status.worker(), status.error(), at);
    }

    JsonObject toJson() {
      return new JsonObject().put("state", state).put("at", Timestamps.format(at)).put("attempt", attempt)
          .put("worker", worker).put("error", error);
    }
  }

  private final AtomicLong version = new AtomicLong();

  /** In the order last changed, the most recent last. */
  private final Map<String, Recent> jobs = new LinkedHashMap<>(KEPT * 2, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Recent> eldest) {
      return size() > KEPT;
    }
  };

  /** Grows with every change heard: a dashboard reads the list again only when it has moved. */
  long version() {
    return version.get();
  }

  synchronized void changed(JobStatusView status, long heardAtMs) {
    version.incrementAndGet();
    Recent recent = jobs.remove(status.taskId());
    List<Change> changes = recent == null ? new ArrayList<>(4) : recent.changes();
    if (recent == null && status.state() != JobState.PENDING && status.requeues() == 0) {
      changes.add(Change.of(JobState.PENDING.name(), status, status.createdAt())); // accepted: no event is published for that
    }
    changes.add(Change.of(status.state().name(), status, LocalDateTime.ofInstant(Instant.ofEpochMilli(heardAtMs), ZoneOffset.UTC)));
    if (changes.size() > CHANGES_KEPT) {
      changes.remove(0);
    }
    jobs.put(status.taskId(), new Recent(status, changes));
  }

  /** The most recently changed jobs, newest first, whose id starts with {@code idPrefix} (if given). */
  synchronized List<JobStatusView> newest(int limit, String idPrefix) {
    List<JobStatusView> found = new ArrayList<>();
    ListIterator<Recent> all = new ArrayList<>(jobs.values()).listIterator(jobs.size());
    while (all.hasPrevious() && found.size() < limit) {
      JobStatusView status = all.previous().status();
      if (idPrefix == null || status.taskId().startsWith(idPrefix)) {
        found.add(status);
      }
    }
    return found;
  }

  /** The changes heard of the job, oldest first, if it changed recently. */
  synchronized Optional<JsonArray> events(String taskId) {
    return Optional.ofNullable(jobs.get(taskId))
        .map(recent -> new JsonArray(recent.changes().stream().map(Change::toJson).toList()));
  }

  /**
   * A job's history as its record tells it, for a job not heard of here: accepted, its latest
   * attempt's start, and how it stands.
   */
  static JsonArray eventsOf(JobStatusView status) {
    JsonArray events = new JsonArray().add(Change.of(JobState.PENDING.name(), status, status.createdAt()).toJson());
    if (status.startedAt() != null) {
      events.add(Change.of(JobState.STARTED.name(), status, status.startedAt()).toJson());
    }
    if (status.state() == JobState.RETRY || status.isFinal()) {
      events.add(Change.of(status.state().name(), status, status.isFinal() ? status.finishedAt() : null).toJson());
    }
    return events;
  }
}
