package com.taskoverflow.cli;

import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import sun.misc.Signal;

/**
 * Long-polls a queue and prints each message as it arrives, {@code [HH:MM:SS] <body>}, deleting
 * it once printed. Stops on Ctrl-C, after a number of messages, or after a quiet spell.
 */
final class DemoReceiver {

  private static final int LONG_POLL_SECONDS = 20;
  private static final int MOST_PER_CALL = 10;
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final String WAITING = "\r: Waiting for messages...";

  private final SqsClient sqs;
  private final String url;
  private final String queueName;
  private final PrintWriter out;
  private final boolean terminal;
  private final AtomicInteger received = new AtomicInteger();

  DemoReceiver(SqsClient sqs, String url, String queueName, PrintWriter out, boolean terminal) {
    this.sqs = sqs;
    this.url = url;
    this.queueName = queueName;
    this.out = out;
    this.terminal = terminal;
  }

  int run(Integer maxMessages, Integer idleExitSeconds) {
    for (String signal : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(signal), stop -> {
        summary();
        System.exit(0);
      });
    }
    long lastMessageAt = System.nanoTime();
    while (maxMessages == null || received.get() < maxMessages) {
      int waitSeconds = LONG_POLL_SECONDS;
      if (idleExitSeconds != null) {
        long quietMs = (System.nanoTime() - lastMessageAt) / 1_000_000;
        long leftMs = idleExitSeconds * 1000L - quietMs;
        if (leftMs <= 0) {
          break;
        }
        waitSeconds = (int) Math.min(LONG_POLL_SECONDS, (leftMs + 999) / 1000);
      }
      int most = maxMessages == null ? MOST_PER_CALL : Math.min(MOST_PER_CALL, maxMessages - received.get());
      if (terminal) {
        out.print(WAITING);
        out.flush();
      }
      int wait = waitSeconds;
      List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(url)
          .maxNumberOfMessages(most).waitTimeSeconds(wait)).messages();
      if (terminal) {
        out.print("\r" + " ".repeat(WAITING.length()) + "\r");
      }
      if (!messages.isEmpty()) {
        print(messages);
        lastMessageAt = System.nanoTime();
      }
    }
    summary();
    return 0;
  }

  private void print(List<Message> messages) {
    String now = LocalTime.now().format(CLOCK);
    for (Message message : messages) {
      out.println("[" + now + "] " + message.body());
    }
    out.flush();
    received.addAndGet(messages.size());
    sqs.deleteMessageBatch(request -> request.queueUrl(url).entries(messages.stream()
        .map(message -> DeleteMessageBatchRequestEntry.builder().id(message.messageId())
            .receiptHandle(message.receiptHandle()).build())
        .toList()));
  }

  private void summary() {
    int count = received.get();
    out.println("Received " + count + " message" + (count == 1 ? "" : "s") + " from " + queueName);
    out.flush();
  }
}
