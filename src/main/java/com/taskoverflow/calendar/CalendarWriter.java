package com.taskoverflow.calendar;

import com.taskoverflow.bus.CalendarEntry;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Writes an RFC 5545 calendar a piece at a time: the header, the events of each page of todos
 * (each built with ical4j, one component at a time, never a whole {@code Calendar}), the footer.
 * The pieces joined are the text ical4j writes for the whole calendar, folded at 75 octets.
 * Blocking and CPU-bound: call it on a worker thread, never on an event loop.
 */
public final class CalendarWriter {

  public static final String PRODUCT_ID = "-//Taskoverflow Calendar//mxm.dk//";
  /** iCalendar writes a year in four digits. */
  private static final int LAST_YEAR = 9999;

  /** What comes before the events. */
  public static final String HEADER = OctetFolding.fold("BEGIN:" + Calendar.VCALENDAR + "\r\n"
      + new ProdId(PRODUCT_ID) + ImmutableVersion.VERSION_2_0);
  /** What comes after them. */
  public static final String FOOTER = "END:" + Calendar.VCALENDAR + "\r\n";

  private CalendarWriter() {
  }

  /**
   * Appends one event per todo with a deadline.
   *
   * @param stamp the DTSTAMP of every event: when the job was accepted
   * @throws IllegalArgumentException for a deadline iCalendar cannot write
   */
  public static void appendEvents(List<CalendarEntry> todos, Instant stamp, StringBuilder out) {
    for (CalendarEntry todo : todos) {
      if (todo.deadlineAt() != null) { // no deadline, nothing to put in a calendar
        OctetFolding.fold(event(todo, stamp).toString(), out);
      }
    }
  }

  /** A whole calendar in one piece: for calendars known to be small. */
  public static String write(List<CalendarEntry> todos, Instant stamp) {
    StringBuilder out = new StringBuilder(HEADER);
    appendEvents(todos, stamp, out);
    return out.append(FOOTER).toString();
  }

  private static VEvent event(CalendarEntry todo, Instant stamp) {
    LocalDateTime deadline = todo.deadlineAt();
    if (deadline.getYear() > LAST_YEAR) {
      throw new IllegalArgumentException("todo " + todo.id() + " has a deadline past the year " + LAST_YEAR
          + ", which iCalendar cannot write");
    }
    VEvent event = new VEvent(false); // false: no automatic DTSTAMP, we set our own
    event.add(new Uid("todo-" + todo.id() + "@taskoverflow"));
    event.add(new DtStamp(stamp));
    event.add(new DtStart<>(deadline.toInstant(ZoneOffset.UTC)));
    event.add(new Summary(lineBreaks(todo.title())));
    if (todo.description() != null) {
      event.add(new Description(lineBreaks(todo.description())));
    }
    return event;
  }

  /**
   * TEXT can only escape LF ("\\n"); ical4j would let a CR through raw, which breaks the line.
   * Other control characters have no place in TEXT (RFC 5545 §3.3.11): a todo keeps them as sent,
   * its calendar event leaves them out.
   */
  private static String lineBreaks(String text) {
    String lines = text.replace("\r\n", "\n").replace('\r', '\n');
    if (lines.chars().noneMatch(CalendarWriter::isControlTextCannotHold)) {
      return lines;
    }
    StringBuilder kept = new StringBuilder(lines.length());
    lines.codePoints().filter(c -> !isControlTextCannotHold(c)).forEach(kept::appendCodePoint);
    return kept.toString();
  }

  /** C0 controls other than tab and line feed, DEL, and the C1 controls. */
  private static boolean isControlTextCannotHold(int codePoint) {
    return codePoint < 0x20 ? codePoint != '\t' && codePoint != '\n' : codePoint >= 0x7f && codePoint <= 0x9f;
  }
}
