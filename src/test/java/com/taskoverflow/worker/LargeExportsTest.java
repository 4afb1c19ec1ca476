package com.taskoverflow.worker;

import static com.taskoverflow.support.Await.result;
import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.Jobs;
import com.taskoverflow.support.RunningService;
import com.taskoverflow.support.TestServices;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * worker.large-exports bounds the exports that read beyond the todos that come with the start:
 * with one permit, four large calendars are written one after another while a small one, submitted
 * after them, runs at once beside them.
 */
class LargeExportsTest {

  /** Each attempt holds its permit at least this long (the simulated work runs within its turn). */
  private static final long WORK_MS = 400;
  private static final int LARGE = 4;

  @Test
  void largeExportsTakeTurnsAndSmallOnesDoNotWaitForThem() throws Exception {
    JsonObject worker = new JsonObject().put("concurrency", 8).put("large-exports", 1).put("simulated-work-ms", WORK_MS);
    RunningService.during(new JsonObject().put("worker", worker), service -> {
      ApiClient api = service.client();
      Pool pool = TestServices.pool(service.vertx(), service.database);
      try {
        // 150 todos with deadlines: more than come with a start, so every job submitted now is large
        result(pool.query("INSERT INTO todos (owner, title, description, completed, deadline_at, created_at,"
            + " updated_at) SELECT '', 'todo ' || n, NULL, false, timestamp '2030-01-01' + n * interval '1 hour',"
            + " now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc' FROM generate_series(1, 150) AS n").execute());
        List<String> large = new ArrayList<>();
        for (int i = 0; i < LARGE; i++) {
          large.add(Jobs.submit(api).getString("task_url"));
        }
        // the large jobs keep the 150 they were accepted with; the next job sees 50: a small one
        result(pool.query("DELETE FROM todos WHERE id > (SELECT min(id) + 49 FROM todos)").execute());
        String small = Jobs.submit(api).getString("task_url");

        Map<String, Long> finishedAt = new HashMap<>();
        long begun = System.nanoTime();
        while (finishedAt.size() < LARGE + 1 && System.nanoTime() - begun < 60_000_000_000L) {
          for (String url : concat(large, small)) {
            if (!finishedAt.containsKey(url)) {
              JsonObject status = api.get(url).json();
              if (!List.of("PENDING", "STARTED").contains(status.getString("task_status"))) {
                assertEquals("SUCCESS", status.getString("task_status"), status::encode);
                finishedAt.put(url, (System.nanoTime() - begun) / 1_000_000);
              }
            }
          }
          Thread.sleep(10);
        }
        assertEquals(LARGE + 1, finishedAt.size(), "every job done within a minute: " + finishedAt);
        long firstLarge = large.stream().mapToLong(finishedAt::get).min().orElseThrow();
        long lastLarge = large.stream().mapToLong(finishedAt::get).max().orElseThrow();
        // one at a time: at least three work periods from the first end to the last (1,200 ms), less
        // what polling every 10 ms can misjudge; all at once they end within one period (399 ms seen)
        assertTrue(lastLarge - firstLarge >= (LARGE - 2) * WORK_MS,
            "one large export at a time: the last ended " + (lastLarge - firstLarge) + " ms after the first");
        assertTrue(finishedAt.get(small) < lastLarge,
            "the small job ran beside the large ones (at " + finishedAt.get(small) + " ms, the last large at "
                + lastLarge + " ms)");
        String calendar = api.get(api.get(small).json().getString("result_url")).body();
        assertTrue(calendar.contains("SUMMARY:todo 50\r\n") && !calendar.contains("SUMMARY:todo 51\r\n"), calendar);
      } finally {
        result(pool.close());
      }
    });
  }

  private static List<String> concat(List<String> some, String one) {
    List<String> all = new ArrayList<>(some);
    all.add(one);
    return all;
  }
}
