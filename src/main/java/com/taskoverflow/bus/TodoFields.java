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
}
