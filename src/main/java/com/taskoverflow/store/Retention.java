package com.taskoverflow.store;

import com.taskoverflow.config.JobsConfig;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Cut-off times: anything finished before them has expired. */
record Retention(JobsConfig jobs) {

  LocalDateTime finishedCutoff() {
    return now().minusNanos(jobs.retentionMs() * 1_000_000);
  }

  LocalDateTime deadLetterCutoff() {
    return now().minusNanos(jobs.deadLetterRetentionMs() * 1_000_000);
  }

  /** Idempotency keys live as long as finished jobs. */
  LocalDateTime idempotencyCutoff() {
    return finishedCutoff();
  }

  static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC);
  }
}
