package com.taskoverflow.calendar;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.bus.CalendarEntry;
import com.taskoverflow.bus.Timestamps;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.PropertyList;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.junit.jupiter.api.Test;

/** The calendar text itself: RFC 5545 as common clients import it. */
class CalendarWriterTest {

  private static final Instant STAMP = Instant.parse("2023-02-20T09:14:03Z");

  private static CalendarEntry todo(long id, String title, String description, String deadline) {
    return new CalendarEntry.Value(id, title, description, Timestamps.parse(deadline));
  }

  private static String build(CalendarEntry... todos) {
    return CalendarWriter.write(List.of(todos), STAMP);
  }

  private static Calendar parse(String ics) throws Exception {
    return new net.fortuna.ical4j.data.CalendarBuilder().build(new StringReader(ics));
  }

  private static String unfold(String ics) {
    return ics.replace("\r\n ", "");
  }

  @Test
  void calendarHeaderAndOneEventPerTodoWithADeadline() throws Exception {
    String ics = build(
        todo(1, "Project Proposal", "CSSE6400 Project Proposal Due", "2023-04-03T14:00:00"),
        todo(2, "No deadline", null, null),
        todo(3, "Third", null, "2023-05-01T00:00:00"));
    assertTrue(ics.startsWith("BEGIN:VCALENDAR\r\n"));
    assertTrue(ics.endsWith("END:VCALENDAR\r\n"));
    assertTrue(ics.contains("\r\nVERSION:2.0\r\n"));
    assertTrue(ics.contains("\r\nPRODID:-//Taskoverflow Calendar//mxm.dk//\r\n"));

    Calendar calendar = parse(ics);
    calendar.validate();
    List<VEvent> events = calendar.getComponents(Component.VEVENT);
    assertEquals(2, events.size());
    assertTrue(ics.contains("\r\nUID:todo-1@taskoverflow\r\n"));
    assertTrue(ics.contains("\r\nUID:todo-3@taskoverflow\r\n"));
    assertFalse(ics.contains("todo-2@"));
    assertTrue(ics.contains("\r\nDTSTART:20230403T140000Z\r\n"));
    assertTrue(ics.contains("\r\nSUMMARY:Project Proposal\r\n"));
    assertTrue(ics.contains("\r\nDESCRIPTION:CSSE6400 Project Proposal Due\r\n"));
  }

  @Test
  void everyEventHasExactlyOneDtstamp() {
    String ics = build(todo(1, "a", null, "2023-04-03T14:00:00"), todo(2, "b", "d", "2023-04-04T14:00:00"));
    long events = ics.lines().filter(line -> line.equals("BEGIN:VEVENT")).count();
    long stamps = ics.lines().filter(line -> line.equals("DTSTAMP:20230220T091403Z")).count();
    assertEquals(2, events);
    assertEquals(events, stamps);
  }

  @Test
  void descriptionIsOmittedWhenNull() {
    String ics = build(todo(1, "a", null, "2023-04-03T14:00:00"));
    assertFalse(ics.contains("DESCRIPTION"));
  }

  @Test
  void uidIsStableAcrossExports() {
    CalendarEntry first = todo(42, "Same todo", "v1", "2023-04-03T14:00:00");
    CalendarEntry edited = todo(42, "Same todo, edited", "v2", "2023-04-05T14:00:00");
    String uid = "UID:todo-42@taskoverflow";
    assertTrue(build(first).contains(uid));
    assertTrue(build(edited, todo(7, "other", null, "2023-01-01T00:00:00")).contains(uid));
  }

  @Test
  void linesEndInCrlfOnly() {
    String ics = build(todo(1, "carriage\rreturn", "windows\r\nand unix\nnewlines", "2023-04-03T14:00:00"));
    String withoutCrlf = ics.replace("\r\n", "");
    assertFalse(withoutCrlf.contains("\r"), "bare CR");
    assertFalse(withoutCrlf.contains("\n"), "bare LF");
    assertTrue(unfold(ics).contains("SUMMARY:carriage\\nreturn\r\n"));
    assertTrue(unfold(ics).contains("DESCRIPTION:windows\\nand unix\\nnewlines\r\n"));
  }

  @Test
  void controlCharactersTextCannotHoldAreLeftOut() {
    String ics = unfold(build(todo(1, "bell\u0007 escape\u001b[0m del\u007f c1\u0085 tab\tend",
        "nul-free \u0001start", "2023-04-03T14:00:00")));
    assertTrue(ics.contains("SUMMARY:bell escape[0m del c1 tab\tend\r\n"), ics);
    assertTrue(ics.contains("DESCRIPTION:nul-free start\r\n"), ics);
  }

  @Test
  void textValuesAreEscaped() throws Exception {
    String title = "commas, semicolons; and a back\\slash";
    String description = "first line\nsecond, line; with \\ too";
    String ics = build(todo(1, title, description, "2023-04-03T14:00:00"));
    String unfolded = unfold(ics);
    assertTrue(unfolded.contains("SUMMARY:commas\\, semicolons\\; and a back\\\\slash\r\n"), unfolded);
    assertTrue(unfolded.contains("DESCRIPTION:first line\\nsecond\\, line\\; with \\\\ too\r\n"), unfolded);

    VEvent event = parse(ics).<VEvent>getComponents(Component.VEVENT).get(0);
    assertEquals(title, event.getSummary().getValue());
    assertEquals(description, event.getDescription().getValue());
  }

  @Test
  void longLinesFoldAt75OctetsNeverInsideACharacter() throws Exception {
    // (no trailing space: ical4j's parser, used to read it back, trims values)
    String title = "日本語のタイトル😀 ".repeat(30) + "end";
    String description = "é".repeat(500) + "x" + "✓".repeat(200);
    String ics = build(todo(1, title, description, "2023-04-03T14:00:00"));
    byte[] bytes = ics.getBytes(StandardCharsets.UTF_8);
    int start = 0;
    int folded = 0;
    for (int i = 0; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        byte[] line = Arrays.copyOfRange(bytes, start, i);
        assertTrue(line.length <= 75, "line of " + line.length + " octets");
        strictUtf8(line); // a fold inside a multi-byte character would leave a broken sequence
        if (line.length > 0 && line[0] == ' ') {
          folded++;
        }
        start = i + 2;
        i++;
      }
    }
    assertTrue(folded > 10, "expected folded lines, saw " + folded);

    VEvent event = parse(ics).<VEvent>getComponents(Component.VEVENT).get(0);
    assertEquals(title, event.getSummary().getValue());
    assertEquals(description, event.getDescription().getValue());
  }

  @Test
  void emptySnapshotGivesAnEmptyCalendar() throws Exception {
    String ics = build();
    assertFalse(ics.contains("BEGIN:VEVENT"));
    assertNotNull(parse(ics));
  }

  @Test
  void aDeadlineOutsideTheYears1To9999IsRefused() {
    CalendarEntry far = new CalendarEntry.Value(9, "far", null, LocalDateTime.of(10_000, 1, 1, 0, 0));
    assertEquals(far, CalendarEntry.fromJson(far.toJson()), "such a deadline crosses the bus intact");
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> build(far));
    assertTrue(refused.getMessage().contains("todo 9"), refused.getMessage());
    CalendarEntry early = new CalendarEntry.Value(8, "early", null, LocalDateTime.of(0, 12, 31, 23, 59));
    refused = assertThrows(IllegalArgumentException.class, () -> build(early));
    assertTrue(refused.getMessage().contains("todo 8"), refused.getMessage());
  }

  /**
   * Written event by event, in pages, the calendar is byte for byte the one ical4j writes for the
   * whole {@code Calendar} (the way calendars were built before they were streamed).
   */
  @Test
  void writtenInPiecesItIsTheCalendarIcal4jWritesWhole() throws Exception {
    List<CalendarEntry> todos = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String title = switch (i % 5) {
        case 0 -> "plain " + i;
        case 1 -> "commas, semicolons; back\\slash " + i;
        case 2 -> "日本語のタイトル😀 ".repeat(i % 13) + i;
        case 3 -> "line\r\nbreaks\rand\nmore " + i;
        default -> "long ".repeat(i % 40) + i;
      };
      String description = i % 3 == 0 ? null : "é".repeat(i % 90) + " description " + i;
      int year = new int[] {1, 9, 99, 999, 1000, 1970, 2024, 9999}[i % 8];
      String deadline = i % 7 == 0 ? null
          : "%04d-%02d-%02dT%02d:%02d:%02d".formatted(year, i % 12 + 1, i % 28 + 1, i % 24, i % 60, (i * 7) % 60);
      todos.add(todo(i + 1, title, description, deadline));
    }
    StringBuilder paged = new StringBuilder(CalendarWriter.HEADER);
    for (int from = 0; from < todos.size(); from += 37) {
      CalendarWriter.appendEvents(todos.subList(from, Math.min(from + 37, todos.size())), STAMP, paged);
    }
    paged.append(CalendarWriter.FOOTER);

    String whole = wholeCalendar(todos);
    assertEquals(whole, paged.toString());
    assertEquals(whole, CalendarWriter.write(todos, STAMP));
  }

  /** One ical4j {@code Calendar} with every event, written by its outputter, folded by octets. */
  private static String wholeCalendar(List<CalendarEntry> todos) throws Exception {
    List<CalendarComponent> events = new ArrayList<>();
    for (CalendarEntry todo : todos) {
      if (todo.deadlineAt() != null) {
        VEvent event = new VEvent(false);
        event.add(new Uid("todo-" + todo.id() + "@taskoverflow"));
        event.add(new DtStamp(STAMP));
        event.add(new DtStart<>(todo.deadlineAt().toInstant(ZoneOffset.UTC)));
        event.add(new Summary(todo.title().replace("\r\n", "\n").replace('\r', '\n')));
        if (todo.description() != null) {
          event.add(new Description(todo.description().replace("\r\n", "\n").replace('\r', '\n')));
        }
        events.add(event);
      }
    }
    Calendar calendar = new Calendar(
        new PropertyList(List.of(new ProdId(CalendarWriter.PRODUCT_ID), ImmutableVersion.VERSION_2_0)),
        new ComponentList<>(events));
    StringWriter written = new StringWriter();
    new CalendarOutputter(false).output(calendar, written);
    return OctetFolding.fold(written.toString());
  }

  @Test
  void largeSnapshotsBuildInOnePass() throws Exception {
    CalendarEntry[] todos = new CalendarEntry[20_000];
    for (int i = 0; i < todos.length; i++) {
      todos[i] = todo(i + 1, "todo " + i, "description " + i, "2024-01-01T00:00:00");
    }
    String ics = build(todos);
    assertEquals(todos.length, ics.lines().filter(line -> line.equals("BEGIN:VEVENT")).count());
  }

  private static void strictUtf8(byte[] line) throws CharacterCodingException {
    StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(line));
  }
}
