package com.taskoverflow.store;

import com.taskoverflow.bus.JobStatusView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per change of a job's state, with its id, attempt and worker (and the error of a
 * failed attempt). In JSON logs the same fields come as key-value pairs. Logger
 * {@code taskoverflow.jobs}: set it to WARN to stop it.
 */
final class JobLog {

  private static final Logger LOG = LoggerFactory.getLogger("taskoverflow.jobs");

  private JobLog() {
  }

  static void changed(JobStatusView status) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    var line = LOG.atInfo().addKeyValue("task_id", status.taskId()).addKeyValue("state", status.state().name())
        .addKeyValue("attempt", status.attempts());
    if (status.worker() != null) {
      line = line.addKeyValue("worker", status.worker());
    }
    String worker = status.worker() == null ? "none yet" : status.worker();
    if (status.error() == null) {
      line.log("Job {} {} (attempt {}, worker {})", status.taskId(), status.state(), status.attempts(), worker);
    } else {
      line.addKeyValue("error", status.error()).log("Job {} {} (attempt {}, worker {}): {}", status.taskId(),
          status.state(), status.attempts(), worker, status.error());
    }
  }
}
