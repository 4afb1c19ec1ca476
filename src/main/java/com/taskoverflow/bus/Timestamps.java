package com.taskoverflow.bus;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The one way the service writes a timestamp: UTC, {@code YYYY-MM-DDTHH:MM:SS}. Every job's todos
 * cross the event bus as JSON with one each, so the usual shape is written and read by hand
 * (DateTimeFormatter was a twentieth of a job's CPU); anything else, such as a year past 9999 or
 * a value to be corrected, takes the formatter, so the results and errors are the formatter's.
 */
public final class Timestamps {

  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final int LENGTH = "uuuu-MM-ddTHH:mm:ss".length();

  private Timestamps() {
  }

  public static String format(LocalDateTime utc) {
    if (utc == null) {
      return null;
    }
    if (utc.getYear() < 0 || utc.getYear() > 9999) {
      return FORMAT.format(utc);
    }
    char[] text = new char[LENGTH];
    digits(text, 0, utc.getYear(), 4);
    text[4] = '-';
    digits(text, 5, utc.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, utc.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, utc.getHour(), 2);
    text[13] = ':';
    digits(text, 14, utc.getMinute(), 2);
    text[16] = ':';
    digits(text, 17, utc.getSecond(), 2);
    return new String(text);
  }

  public static LocalDateTime parse(String utc) {
    if (utc == null) {
      return null;
    }
    if (utc.length() == LENGTH && utc.charAt(4) == '-' && utc.charAt(7) == '-' && utc.charAt(10) == 'T'
        && utc.charAt(13) == ':' && utc.charAt(16) == ':') {
      int year = number(utc, 0, 4);
      int month = number(utc, 5, 2);
      int day = number(utc, 8, 2);
      int hour = number(utc, 11, 2);
      int minute = number(utc, 14, 2);
      int second = number(utc, 17, 2);
      if ((year | month | day | hour | minute | second) >= 0) {
        try {
          return LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (DateTimeException e) {
          // not a plain date and time (30 February, 24:00): as the formatter resolves or refuses it
        }
      }
    }
    return LocalDateTime.parse(utc, FORMAT);
  }

  private static void digits(char[] text, int at, int value, int count) {
    for (int i = at + count - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** The decimal number in text[at, at + count), or -1 if a character is not an ASCII digit. */
  private static int number(String text, int at, int count) {
    int value = 0;
    for (int i = at; i < at + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
