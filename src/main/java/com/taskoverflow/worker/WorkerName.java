package com.taskoverflow.worker;

import com.taskoverflow.common.HostName;
import java.util.UUID;

/** Worker names unique per JVM and verticle instance, readable in logs and in a job's status. */
final class WorkerName {

  private static String prefix;

  private WorkerName() {
  }

  /** Blocking the first time: it may look the host name up. */
  static synchronized String next() {
    if (prefix == null) {
      prefix = HostName.lookUp() + "-" + ProcessHandle.current().pid();
    }
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
