package com.taskoverflow.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written timestamps are the formatter's, written and read, valid or not. */
class TimestampsTest {

  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  @Test
  void writesWhatTheFormatterWrites() {
    Random random = new Random(6400);
    for (int n = 0; n < 50_000; n++) {
      LocalDateTime moment = LocalDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12), 1 + random.nextInt(28),
          random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000_000));
      assertEquals(FORMAT.format(moment), Timestamps.format(moment));
      assertEquals(LocalDateTime.parse(FORMAT.format(moment), FORMAT), Timestamps.parse(Timestamps.format(moment)));
    }
    LocalDateTime far = LocalDateTime.of(12_345, 6, 7, 8, 9, 10);
    assertEquals(FORMAT.format(far), Timestamps.format(far));
    assertNull(Timestamps.format(null));
    assertNull(Timestamps.parse(null));
  }

  @Test
  void readsAsTheFormatterReadsOrRefuses() {
    String[] texts = {"2024-02-29T23:59:59", "2023-02-29T12:00:00", "2023-02-30T12:00:00", "2023-04-31T00:00:00",
        "2023-13-01T00:00:00", "2023-00-10T00:00:00", "2023-01-00T00:00:00", "2023-01-01T24:00:00",
        "2023-01-01T23:60:00", "2023-01-01T23:59:60", "2023-01-01 00:00:00", "2023-1-01T00:00:00", "+2023-01-01T00:00:00",
        "２０２３-01-01T00:00:00", "2023-01-01T00:00:0x", "0000-01-01T00:00:00", "", "2023-01-01T00:00:00Z"};
    for (String text : texts) {
      assertEquals(outcome(() -> LocalDateTime.parse(text, FORMAT)), outcome(() -> Timestamps.parse(text)), text);
    }
  }

  private static String outcome(java.util.function.Supplier<LocalDateTime> parse) {
    try {
      return String.valueOf(parse.get());
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }
}
