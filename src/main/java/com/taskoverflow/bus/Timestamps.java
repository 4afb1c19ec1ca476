package com.taskoverflow.bus;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** The one way the service writes a timestamp: UTC, {@code YYYY-MM-DDTHH:MM:SS}. */
public final class Timestamps {

  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private Timestamps() {
  }

  public static String format(LocalDateTime utc) {
    return utc == null ? null : FORMAT.format(utc);
  }

  public static LocalDateTime parse(String utc) {
    return utc == null ? null : LocalDateTime.parse(utc, FORMAT);
  }
}
