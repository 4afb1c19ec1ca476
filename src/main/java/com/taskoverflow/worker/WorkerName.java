package com.taskoverflow.worker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** Worker names unique per JVM and verticle instance, readable in logs and in a job's status. */
final class WorkerName {

  private static String prefix;

  private WorkerName() {
  }

  /** Blocking the first time: it may look the host name up. */
  static synchronized String next() {
    if (prefix == null) {
      prefix = host() + "-" + ProcessHandle.current().pid();
    }
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String host() {
    String host = System.getenv("HOSTNAME");
    if (host != null && !host.isBlank()) {
      return host;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "worker";
    }
  }
}
