package com.taskoverflow.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** Sends {@code <client>: <prepend>Message <i>} for i from 0, paced, showing its progress. */
final class DemoPublisher {

  /** What SQS allows in a message group id besides letters and digits. */
  private static final String GROUP_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  private static final int PLAIN_STEPS = 10;

  private final SqsClient sqs;
  private final String url;
  private final String queueName;
  private final PrintWriter out;
  private final boolean terminal;

  DemoPublisher(SqsClient sqs, String url, String queueName, PrintWriter out, boolean terminal) {
    this.sqs = sqs;
    this.url = url;
    this.queueName = queueName;
    this.out = out;
    this.terminal = terminal;
  }

  int run(String clientName, String prepend, int count, long intervalMs) {
    boolean fifo = queueName.endsWith(".fifo");
    // A FIFO queue that does not deduplicate by content gets the content's digest as the id: the
    // same message sent again within SQS's five minutes is dropped all the same.
    boolean hashForDeduplication = fifo && !"true".equals(sqs.getQueueAttributes(request -> request.queueUrl(url)
        .attributeNames(QueueAttributeName.CONTENT_BASED_DEDUPLICATION)).attributes()
        .get(QueueAttributeName.CONTENT_BASED_DEDUPLICATION));
    String group = groupId(clientName);
    out.println("Sending Messages:");
    out.flush();
    long started = System.nanoTime();
    AtomicInteger sent = new AtomicInteger();
    try (Progress progress = progress(count)) {
      paced(count, intervalMs, i -> {
        String body = clientName + ": " + prepend + "Message " + i;
        SendMessageRequest.Builder message = SendMessageRequest.builder().queueUrl(url).messageBody(body);
        if (fifo) {
          message.messageGroupId(group);
          if (hashForDeduplication) {
            message.messageDeduplicationId(sha256(body));
          }
        }
        sqs.sendMessage(message.build());
        progress.step(sent.incrementAndGet());
      });
    } catch (CompletionException e) {
      throw new IllegalStateException("Sending stopped after " + sent.get() + " of " + count + " messages: "
          + e.getCause().getMessage(), e.getCause());
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    out.printf("Sent %d message%s to %s in %.1f s%n", count, count == 1 ? "" : "s", queueName, took.toMillis() / 1000.0);
    out.flush();
    return 0;
  }

  /** Runs {@code send(i)} for i in [0, count), one every {@code intervalMs} (back to back if 0). */
  private static void paced(int count, long intervalMs, java.util.function.IntConsumer send) {
    AtomicInteger next = new AtomicInteger();
    CompletableFuture<Void> done = new CompletableFuture<>();
    Runnable sendNext = () -> {
      int i = next.getAndIncrement();
      if (i >= count || done.isDone()) {
        done.complete(null);
        return;
      }
      try {
        send.accept(i);
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
      if (i == count - 1) {
        done.complete(null);
      }
    };
    if (intervalMs == 0 || count == 0) {
      while (!done.isDone()) {
        sendNext.run();
      }
      done.join();
      return;
    }
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    try {
      pacer.scheduleAtFixedRate(sendNext, 0, intervalMs, TimeUnit.MILLISECONDS);
      done.join();
    } finally {
      pacer.shutdownNow();
    }
  }

  /** SQS allows no spaces in a message group id: anything but letters, digits and its punctuation becomes '-'. */
  static String groupId(String clientName) {
    StringBuilder id = new StringBuilder();
    clientName.codePoints().limit(128).forEach(c -> id.append(
        c < 128 && (Character.isLetterOrDigit(c) || GROUP_PUNCTUATION.indexOf(c) >= 0) ? (char) c : '-'));
    return id.length() == 0 ? "client" : id.toString();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Progress progress(int count) {
    if (terminal) {
      ProgressBar bar = new ProgressBarBuilder().setTaskName("Working...").setInitialMax(count)
          .setStyle(ProgressBarStyle.ASCII).build();
      return new Progress() {
        @Override
        public void step(int sent) {
          bar.stepTo(sent);
        }

        @Override
        public void close() {
          bar.close();
        }
      };
    }
    // Without a terminal: a plain line at every tenth, for logs and pipes.
    return sent -> {
      if (count > 0 && (sent * PLAIN_STEPS / count) > ((sent - 1) * PLAIN_STEPS / count)) {
        out.printf("Sent %d of %d (%d%%)%n", sent, count, sent * 100 / count);
        out.flush();
      }
    };
  }

  /** How far sending has come. */
  private interface Progress extends AutoCloseable {
    void step(int sent);

    @Override
    default void close() {
    }
  }
}
