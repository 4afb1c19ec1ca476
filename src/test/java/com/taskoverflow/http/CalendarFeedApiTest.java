package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.bus.CalendarEntry;
import com.taskoverflow.bus.Timestamps;
import com.taskoverflow.calendar.CalendarWriter;
import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.ApiClient.Reply;
import com.taskoverflow.support.TestServices;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The calendar feed under {@code auth.mode: none} (one feed, for the shared list): made, shown,
 * made anew and revoked; 304 while what it shows is unchanged (by ETag, and by Last-Modified once
 * settled), 200 with the change once it is not; and a long list written whole, page after page.
 */
class CalendarFeedApiTest extends OwnServiceTest {

  private static final Pattern FEED_URL = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/api/v1/calendar/feeds/[A-Za-z0-9_-]{43}\\.ics");
  private static final Pattern DTSTAMP = Pattern.compile("DTSTAMP:(\\d{8}T\\d{6}Z)");

  private ApiClient api;

  @BeforeEach
  void startService() throws Exception {
    api = startWith(new JsonObject());
  }

  private String newFeed() {
    Reply made = api.post("/api/v1/calendar/feed", "");
    assertEquals(201, made.status(), made::toString);
    return made.json().getString("feed_url");
  }

  private long todo(String title, String deadline) {
    Reply reply = api.post("/api/v1/todos", new JsonObject().put("title", title).put("deadline_at", deadline).encode());
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().getLong("id");
  }

  private Reply feed(String url, Map<String, String> conditions) {
    return api.send("GET", url, (String) null, conditions);
  }

  @Test
  void theFeedIsMadeShownMadeAnewAndRevoked() {
    assertEquals(404, api.get("/api/v1/calendar/feed").status(), "no feed yet");
    Reply made = api.post("/api/v1/calendar/feed", "");
    assertEquals(201, made.status(), made::toString);
    String url = made.json().getString("feed_url");
    assertTrue(FEED_URL.matcher(url).matches(), url);
    assertEquals("webcal://" + url.substring("http://".length()), made.json().getString("webcal_url"));
    assertEquals(made.json(), api.get("/api/v1/calendar/feed").json(), "the current feed, shown again");

    Reply calendar = api.get(url);
    assertEquals(200, calendar.status(), calendar::toString);
    assertEquals("text/calendar; charset=utf-8", calendar.header("Content-Type"));
    assertEquals(CalendarWriter.HEADER + CalendarWriter.FOOTER, calendar.body(), "no todos, no events");

    String renewed = newFeed();
    assertNotEquals(url, renewed);
    assertEquals(404, api.get(url).status(), "the feed made before stops working at once");
    assertEquals(200, api.get(renewed).status());

    assertEquals(204, api.delete("/api/v1/calendar/feed").status());
    Reply revoked = api.get(renewed);
    assertEquals(404, revoked.status());
    assertFalse(revoked.error().isBlank());
    assertEquals(404, api.get("/api/v1/calendar/feed").status());
    assertEquals(204, api.delete("/api/v1/calendar/feed").status(), "revoking no feed is no error");

    for (String made_up : List.of("abc.ics", "x".repeat(43) + ".ics", "x".repeat(43), "x".repeat(44) + ".ics",
        "%00" + "x".repeat(40) + ".ics")) {
      Reply unknown = api.get("/api/v1/calendar/feeds/" + made_up);
      assertEquals(404, unknown.status(), made_up);
      assertTrue(unknown.header("Content-Type").startsWith("application/json"), made_up);
    }
  }

  @Test
  void anUnchangedFeedIs304UntilWhatItShowsChanges() {
    long dentist = todo("dentist", "2031-05-01T09:00:00");
    String url = newFeed();
    Reply first = api.get(url);
    String etag = first.header("ETag");
    assertNotNull(etag);
    assertTrue(first.body().contains("SUMMARY:dentist"), first.body());

    Reply same = feed(url, Map.of("If-None-Match", etag));
    assertEquals(304, same.status(), same::toString);
    assertEquals("", same.body());
    assertEquals(etag, same.header("ETag"));
    assertEquals(304, feed(url, Map.of("If-None-Match", "\"other\", " + etag)).status(), "one of a list");
    assertEquals(304, feed(url, Map.of("If-None-Match", etag.replace("W/", ""))).status(), "weak comparison");
    assertEquals(304, feed(url, Map.of("If-None-Match", "*")).status());

    todo("no deadline, so not in the calendar", null);
    api.put("/api/v1/todos/" + dentist, "{\"completed\": true}");
    assertEquals(304, feed(url, Map.of("If-None-Match", etag)).status(), "nothing the calendar shows changed");

    api.put("/api/v1/todos/" + dentist, "{\"title\": \"dentist, moved\"}");
    Reply changed = feed(url, Map.of("If-None-Match", etag));
    assertEquals(200, changed.status());
    assertNotEquals(etag, changed.header("ETag"));
    assertTrue(changed.body().contains("SUMMARY:dentist\\, moved"), changed.body());
    assertEquals(304, feed(url, Map.of("If-None-Match", changed.header("ETag"))).status());

    api.delete("/api/v1/todos/" + dentist);
    Reply emptied = feed(url, Map.of("If-None-Match", changed.header("ETag")));
    assertEquals(200, emptied.status());
    assertEquals(CalendarWriter.HEADER + CalendarWriter.FOOTER, emptied.body());
  }

  @Test
  void lastModifiedIsGivenOnceTheLastChangeIsSettledAndItsDateIsTheStamp() throws Exception {
    todo("dentist", "2031-05-01T09:00:00");
    String url = newFeed();
    Thread.sleep(1_200); // past the second of the last change
    Reply settled = api.get(url);
    String lastModified = settled.header("Last-Modified");
    assertNotNull(lastModified, "a change over a second old gives its time");
    Instant changedAt = ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    Matcher stamp = DTSTAMP.matcher(settled.body());
    assertTrue(stamp.find(), settled.body());
    assertEquals(DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(changedAt),
        stamp.group(1), "DTSTAMP is when the feed last changed");

    assertEquals(304, feed(url, Map.of("If-Modified-Since", lastModified)).status());
    String before = DateTimeFormatter.RFC_1123_DATE_TIME.format(changedAt.minusSeconds(1).atZone(ZoneOffset.UTC));
    assertEquals(200, feed(url, Map.of("If-Modified-Since", before)).status());
    assertEquals(200, feed(url, Map.of("If-Modified-Since", "not a date")).status());
    assertEquals(200, feed(url, Map.of("If-None-Match", "\"other\"", "If-Modified-Since", lastModified)).status(),
        "If-None-Match decides when both are sent");

    todo("haircut", "2031-05-02T09:00:00");
    Reply fresh = feed(url, Map.of("If-Modified-Since", lastModified));
    assertEquals(200, fresh.status(), "a change within the second is not hidden behind Last-Modified");
    assertNull(fresh.header("Last-Modified"), "not settled yet");
  }

  @Test
  void aLongFeedIsTheWholeCalendarWrittenPageAfterPage() throws Exception {
    int todos = 2_345; // more than two pages of the feed
    TestServices.execute(service.database, "INSERT INTO todos (owner, title, description, completed, deadline_at,"
        + " created_at, updated_at) SELECT '', 'todo ' || n, CASE WHEN n % 3 = 0 THEN NULL ELSE 'about ' || n END,"
        + " false, CASE WHEN n % 7 = 0 THEN NULL ELSE timestamp '2031-01-01' + n * interval '1 hour' END,"
        + " now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc' FROM generate_series(1, " + todos + ") AS n");
    String body = api.get(newFeed()).body();

    List<CalendarEntry> expected = api.get("/api/v1/todos").jsonArray().stream().map(JsonObject.class::cast)
        .filter(todo -> todo.getString("deadline_at") != null)
        .map(todo -> (CalendarEntry) new CalendarEntry.Value(todo.getLong("id"), todo.getString("title"),
            todo.getString("description"), Timestamps.parse(todo.getString("deadline_at"))))
        .toList();
    assertEquals(todos - todos / 7, expected.size());
    Matcher stamp = DTSTAMP.matcher(body);
    assertTrue(stamp.find());
    Instant stamped = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
        .parse(stamp.group(1), Instant::from);
    assertEquals(CalendarWriter.write(expected, stamped), body, "the same text as one calendar written whole");
  }
}
