package com.taskoverflow.worker;

import com.taskoverflow.bus.Timestamps;
import com.taskoverflow.bus.Todo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
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
import net.fortuna.ical4j.validate.ValidationException;

/**
 * Turns a snapshot of todos into an RFC 5545 calendar. Blocking and CPU-bound: call it on a
 * worker thread, never on an event loop.
 */
public final class CalendarBuilder {

  public static final String PRODUCT_ID = "-//Taskoverflow Calendar//mxm.dk//";

  private CalendarBuilder() {
  }

  /**
   * @param snapshotJson the todos as a JSON array ({id, title, description, deadline_at})
   * @param stamp the DTSTAMP of every event: when the snapshot was taken
   */
  public static String build(String snapshotJson, Instant stamp) {
    JsonArray todos = new JsonArray(snapshotJson);
    // Built as one list and handed to the calendar once: adding events one by one is quadratic.
    List<CalendarComponent> events = new ArrayList<>(todos.size());
    for (int i = 0; i < todos.size(); i++) {
      JsonObject todo = todos.getJsonObject(i);
      if (todo.getString(Todo.DEADLINE_AT) != null) { // no deadline, nothing to put in a calendar
        events.add(event(todo, stamp));
      }
    }
    Calendar calendar = new Calendar(
        new PropertyList(List.of(new ProdId(PRODUCT_ID), ImmutableVersion.VERSION_2_0)),
        new ComponentList<>(events));
    StringWriter written = new StringWriter();
    try {
      new CalendarOutputter(false).output(calendar, written);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ValidationException e) {
      throw new IllegalStateException(e);
    }
    // ical4j folds at 75 characters; RFC 5545 asks for 75 octets, so fold again by octets.
    return OctetFolding.fold(written.toString());
  }

  private static VEvent event(JsonObject todo, Instant stamp) {
    Instant start = Timestamps.parse(todo.getString(Todo.DEADLINE_AT)).toInstant(ZoneOffset.UTC);
    VEvent event = new VEvent(false); // false: no automatic DTSTAMP, we set our own
    event.add(new Uid("todo-" + todo.getLong(Todo.ID) + "@taskoverflow"));
    event.add(new DtStamp(stamp));
    event.add(new DtStart<>(start));
    event.add(new Summary(lineBreaks(todo.getString(Todo.TITLE))));
    String description = todo.getString(Todo.DESCRIPTION);
    if (description != null) {
      event.add(new Description(lineBreaks(description)));
    }
    return event;
  }

  /** TEXT can only escape LF ("\\n"); ical4j would let a CR through raw, which breaks the line. */
  private static String lineBreaks(String text) {
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }
}
