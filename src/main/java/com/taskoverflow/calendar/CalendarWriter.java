package com.taskoverflow.calendar;

import com.taskoverflow.bus.CalendarEntry;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Writes an RFC 5545 calendar a piece at a time: the header, the events of each page of todos
 * (one at a time, never a whole {@code Calendar}), the footer. The pieces joined are the text
 * ical4j writes for the whole calendar, folded at 75 octets: ical4j writes the header and the
 * DTSTAMP; an event's text properties and its DTSTART are written here as ical4j writes them, in
 * one pass (its codec runs three regular expressions on each value, the largest cost of a small
 * calendar, and its date formatter came next).
 * Blocking and CPU-bound: call it on a worker thread, never on an event loop.
 */
public final class CalendarWriter {

  public static final String PRODUCT_ID = "-//Taskoverflow Calendar//mxm.dk//";
  /** iCalendar writes a year in four digits (the API takes deadlines in these years alone). */
  private static final int FIRST_YEAR = 1;
  private static final int LAST_YEAR = 9999;

  /** What comes before the events. */
  public static final String HEADER = OctetFolding.fold("BEGIN:" + Calendar.VCALENDAR + "\r\n"
      + new ProdId(PRODUCT_ID) + ImmutableVersion.VERSION_2_0);
  /** What comes after them. */
  public static final String FOOTER = "END:" + Calendar.VCALENDAR + "\r\n";
  private static final String BEGIN_EVENT = "BEGIN:" + Component.VEVENT + "\r\n";
  private static final String END_EVENT = "END:" + Component.VEVENT + "\r\n";

  private CalendarWriter() {
  }

  /**
   * Appends one event per todo with a deadline.
   *
   * @param stamp the DTSTAMP of every event: when the job was accepted
   * @throws IllegalArgumentException for a deadline iCalendar cannot write
   */
  public static void appendEvents(List<CalendarEntry> todos, Instant stamp, StringBuilder out) {
    String dtStamp = new DtStamp(stamp).toString(); // the same line in every event
    StringBuilder event = new StringBuilder(512);
    for (CalendarEntry todo : todos) {
      if (todo.deadlineAt() != null) { // no deadline, nothing to put in a calendar
        event.setLength(0);
        appendEvent(todo, dtStamp, event);
        OctetFolding.fold(event, out);
      }
    }
  }

  /** A whole calendar in one piece: for calendars known to be small. */
  public static String write(List<CalendarEntry> todos, Instant stamp) {
    StringBuilder out = new StringBuilder(HEADER);
    appendEvents(todos, stamp, out);
    return out.append(FOOTER).toString();
  }

  /** The VEVENT ical4j writes for the todo (UID, DTSTAMP, DTSTART, SUMMARY, DESCRIPTION), unfolded. */
  private static void appendEvent(CalendarEntry todo, String dtStamp, StringBuilder out) {
    LocalDateTime deadline = todo.deadlineAt();
    if (deadline.getYear() < FIRST_YEAR || deadline.getYear() > LAST_YEAR) {
      throw new IllegalArgumentException("todo " + todo.id() + " has a deadline outside the years " + FIRST_YEAR
          + " to " + LAST_YEAR + ", which iCalendar cannot write");
    }
    out.append(BEGIN_EVENT);
    appendText(Property.UID, "todo-" + todo.id() + "@taskoverflow", out);
    out.append(dtStamp);
    appendUtc(Property.DTSTART, deadline, out);
    appendText(Property.SUMMARY, lineBreaks(todo.title()), out);
    if (todo.description() != null) {
      appendText(Property.DESCRIPTION, lineBreaks(todo.description()), out);
    }
    out.append(END_EVENT);
  }

  /**
   * A DATE-TIME property's line in UTC, as ical4j writes it (RFC 5545 §3.3.5: 19970714T133000Z),
   * to the second, for a year of four digits. By hand: ical4j's formatter was most of the cost of
   * an event's dates.
   */
  private static void appendUtc(String name, LocalDateTime at, StringBuilder out) {
    out.append(name).append(':');
    digits(at.getYear(), 4, out);
    digits(at.getMonthValue(), 2, out);
    digits(at.getDayOfMonth(), 2, out);
    out.append('T');
    digits(at.getHour(), 2, out);
    digits(at.getMinute(), 2, out);
    digits(at.getSecond(), 2, out);
    out.append("Z\r\n");
  }

  /** {@code value} (0 or more) in {@code width} digits, zeros first. */
  private static void digits(int value, int width, StringBuilder out) {
    for (int unit = width == 4 ? 1000 : 10; unit > 0; unit /= 10) {
      out.append((char) ('0' + value / unit % 10));
    }
  }

  /**
   * A TEXT property's line as ical4j writes it (RFC 5545 §3.3.11): backslash, line break, comma
   * and semicolon escaped.
   */
  private static void appendText(String name, String value, StringBuilder out) {
    out.append(name).append(':');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == '\n' || c == '\r' && i + 1 < value.length() && value.charAt(i + 1) == '\n') {
        out.append("\\n");
        i += c == '\r' ? 1 : 0;
      } else if (c == ',' || c == ';') {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    out.append("\r\n");
  }

  /**
   * TEXT can only escape LF ("\\n"); ical4j would let a CR through raw, which breaks the line.
   * Other control characters have no place in TEXT (RFC 5545 §3.3.11): a todo keeps them as sent,
   * its calendar event leaves them out.
   */
  private static String lineBreaks(String text) {
    if (!needsCleaning(text)) {
      return text; // most text: looked at once, not copied
    }
    String lines = text.replace("\r\n", "\n").replace('\r', '\n');
    if (lines.chars().noneMatch(CalendarWriter::isControlTextCannotHold)) {
      return lines;
    }
    StringBuilder kept = new StringBuilder(lines.length());
    lines.codePoints().filter(c -> !isControlTextCannotHold(c)).forEach(kept::appendCodePoint);
    return kept.toString();
  }

  private static boolean needsCleaning(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || isControlTextCannotHold(c)) {
        return true;
      }
    }
    return false;
  }

  /** C0 controls other than tab and line feed, DEL, and the C1 controls. */
  private static boolean isControlTextCannotHold(int codePoint) {
    return codePoint < 0x20 ? codePoint != '\t' && codePoint != '\n' : codePoint >= 0x7f && codePoint <= 0x9f;
  }
}
