package com.taskoverflow.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Which configured addresses keep a listener to this host's own users: the loopback ones. */
public final class Loopback {

  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.]+]?");

  private Loopback() {
  }

  /**
   * Whether {@code host} is a loopback address. A name other than localhost counts as beyond
   * loopback: it is not resolved (no lookup at start-up), so the answer errs on the safe side.
   */
  public static boolean is(String host) {
    if ("localhost".equalsIgnoreCase(host)) {
      return true;
    }
    if (host == null || !IP_LITERAL.matcher(host).matches()) {
      return false;
    }
    try {
      return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
