package com.taskoverflow.cli;

import java.io.PrintWriter;

/** The queue demo's greeting. */
final class Banner {

  private static final String TEXT = """
      +--------------------------------------+
      |   TaskOverflow  .  queue demo        |
      |   SQS standard and FIFO queues       |
      +--------------------------------------+
      """;

  private Banner() {
  }

  static void print(PrintWriter out) {
    out.println(TEXT);
    out.flush();
  }
}
