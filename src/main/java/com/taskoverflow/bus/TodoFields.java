package com.taskoverflow.bus;

import java.time.LocalDateTime;

/**
 * What every view of a todo carries ({@link TodoDraft}, {@link CalendarEntry}, {@link Todo}): its
 * text and its deadline.
 */
public interface TodoFields {

  String title();

  String description();

  LocalDateTime deadlineAt();

  /**
   * A control character text fields may not hold: C0 controls other than tab, line feed and
   * carriage return, DEL, and the C1 controls. They are refused when a todo is written and left
   * out of calendars (RFC 5545 TEXT has no place for them).
   */
  static boolean isForbiddenControl(int codePoint) {
    return codePoint < 0x20 ? codePoint != '\t' && codePoint != '\n' && codePoint != '\r'
        : codePoint >= 0x7f && codePoint <= 0x9f;
  }
}
