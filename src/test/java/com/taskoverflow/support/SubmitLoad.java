package com.taskoverflow.support;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients submitting calendar jobs without pause until told to stop (or a count or time limit
 * is reached). Keeps the status URL of every accepted job and counts every answer by status.
 */
public final class SubmitLoad implements AutoCloseable {

  private static final int MAX_JOBS = 5000;
  private static final long MAX_MILLIS = 120_000;

  private final Queue<String> accepted = new ConcurrentLinkedQueue<>();
  private final Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger sent = new AtomicInteger();
  private final ExecutorService clients;

  public SubmitLoad(ApiClient api, int clientCount) {
    clients = Executors.newFixedThreadPool(clientCount);
    long giveUpAt = System.currentTimeMillis() + MAX_MILLIS;
    for (int i = 0; i < clientCount; i++) {
      clients.submit(() -> {
        while (running.get() && sent.incrementAndGet() <= MAX_JOBS && System.currentTimeMillis() < giveUpAt) {
          int status;
          try {
            ApiClient.Reply reply = api.post("/api/v1/todos/ical", "");
            status = reply.status();
            if (status == 202) {
              accepted.add(reply.json().getString("task_url"));
            }
          } catch (RuntimeException e) {
            status = -1; // no answer at all
          }
          answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
          Jobs.sleep(10);
        }
      });
    }
  }

  /** Stops submitting; answers the status URLs of the accepted jobs. */
  public List<String> stop() throws InterruptedException {
    running.set(false);
    clients.shutdown();
    clients.awaitTermination(60, TimeUnit.SECONDS);
    return List.copyOf(accepted);
  }

  public int answered(int status) {
    AtomicInteger count = answers.get(status);
    return count == null ? 0 : count.get();
  }

  /** Submissions answered otherwise than 202 (or not answered at all). */
  public int refused() {
    return answers.values().stream().mapToInt(AtomicInteger::get).sum() - answered(202);
  }

  public Map<Integer, AtomicInteger> answers() {
    return answers;
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
