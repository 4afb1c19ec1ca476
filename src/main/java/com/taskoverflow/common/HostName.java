package com.taskoverflow.common;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name, as logs, job statuses and the dashboard show it. */
public final class HostName {

  private HostName() {
  }

  /** Blocking: it may look the name up. $HOSTNAME first (a container's name). */
  public static String lookUp() {
    String host = System.getenv("HOSTNAME");
    if (host != null && !host.isBlank()) {
      return host;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
