package com.taskoverflow.http;

import static com.taskoverflow.support.Await.result;
import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.bus.CalendarEntry;
import com.taskoverflow.bus.Timestamps;
import com.taskoverflow.support.ApiClient.Reply;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.ServiceTest;
import com.taskoverflow.support.TestServices;
import com.taskoverflow.calendar.CalendarWriter;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A calendar of thousands of todos goes through every streamed step: the worker reads the todos in
 * pages and stores the calendar in parts, and the download streams those parts, chunked. The
 * bytes are those of the whole calendar written at once.
 */
class LargeCalendarApiTest extends ServiceTest {

  private static final int TODOS = 5_000;

  @Test
  void aLargeCalendarIsStoredInPartsAndStreamedWhole() throws Exception {
    Pool pool = TestServices.pool(service.vertx(), service.database);
    try {
      // (written in one statement: the API would take a while for thousands)
      result(pool.preparedQuery("INSERT INTO todos (owner, title, description, completed, deadline_at, created_at,"
          + " updated_at) SELECT '', 'todo ' || n, CASE WHEN n % 4 = 0 THEN NULL ELSE repeat('détail ', n % 30) || n END, false,"
          + " CASE WHEN n % 10 = 0 THEN NULL ELSE timestamp '2030-01-01' + n * interval '1 hour' END,"
          + " now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc' FROM generate_series(1, $1) AS n")
          .execute(Tuple.of(TODOS)));
      List<CalendarEntry> expected = new ArrayList<>();
      for (Row row : result(pool.query("SELECT id, title, description, deadline_at FROM todos"
          + " WHERE deadline_at IS NOT NULL ORDER BY id").execute())) {
        expected.add(new CalendarEntry.Value(row.getLong("id"), row.getString("title"), row.getString("description"),
            row.getLocalDateTime("deadline_at")));
      }

      JsonObject job = Jobs.submit(api);
      // changed after the 202: the calendar shows it as it was
      result(pool.query("UPDATE todos SET title = 'changed after the 202' WHERE id % 3 = 0").execute());
      JsonObject status = Jobs.awaitFinal(api, job.getString("task_url"), Duration.ofSeconds(60));
      assertEquals("SUCCESS", status.getString("task_status"), status::encode);

      UUID taskId = UUID.fromString(job.getString("task_id"));
      long parts = result(pool.preparedQuery("SELECT count(*) FROM calendar_parts WHERE job_id = $1")
          .execute(Tuple.of(taskId))).iterator().next().getLong(0);
      assertTrue(parts > 1, "stored in parts, saw " + parts);

      Reply download = api.get(status.getString("result_url"));
      assertEquals(200, download.status());
      assertNull(download.header("Content-Length"), "streamed, not measured first");
      assertEquals("chunked", download.header("Transfer-Encoding"));
      var stamp = Timestamps.parse(status.getString("created_at")).toInstant(ZoneOffset.UTC);
      String whole = CalendarWriter.write(expected, stamp);
      assertEquals(whole.length(), download.body().length());
      assertEquals(whole, download.body());
    } finally {
      result(pool.close());
    }
  }
}
