package com.taskoverflow.queue.sqs;

import com.taskoverflow.config.SqsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The calendar-job queue on SQS, as both sides share it: a message per job (its body the task id),
 * its URL looked up once (the queues created when missing, if allowed). The SDK's client blocks:
 * every call runs on a worker pool of its own, never on an event loop.
 */
final class SqsJobQueue {

  private static final Logger LOG = LoggerFactory.getLogger(SqsJobQueue.class);
  /** The most messages one SQS call takes or gives. */
  static final int MOST_PER_CALL = 10;
  /** SQS's longest visibility timeout, 12 hours. */
  private static final int MAX_VISIBILITY_SECONDS = 12 * 60 * 60;

  private final SqsConfig config;
  private final SqsAccess access;
  private final WorkerExecutor calls;
  private volatile String url;

  private SqsJobQueue(SqsConfig config, SqsAccess access, WorkerExecutor calls) {
    this.config = config;
    this.access = access;
    this.calls = calls;
  }

  /** The client, configured as the AWS SDK reads its settings; the queue is looked up on first use. */
  static Future<SqsJobQueue> open(Vertx vertx, SqsConfig config) {
    WorkerExecutor calls = vertx.createSharedWorkerExecutor("sqs-client", 16);
    Optional<URI> endpoint = config.endpoint().isBlank() ? Optional.empty() : Optional.of(URI.create(config.endpoint()));
    return calls.executeBlocking(() -> new SqsJobQueue(config, SqsAccess.fromEnvironment(endpoint, LOG::info), calls),
        false);
  }

  SqsClient sqs() {
    return access.client();
  }

  String name() {
    return config.queue();
  }

  /** The queue's URL, looked up once; the queues are created when missing, if allowed. */
  String url() {
    String known = url;
    if (known != null) {
      return known;
    }
    try {
      url = sqs().getQueueUrl(request -> request.queueName(config.queue())).queueUrl();
    } catch (QueueDoesNotExistException e) {
      if (!config.createQueues()) {
        throw e;
      }
      url = SqsQueues.createWithDeadLetters(sqs(), config.queue(), config.deadLetterQueue(), config.maxReceives());
      LOG.info("Created the SQS job queue {} and its dead-letter queue {}", config.queue(), config.deadLetterQueue());
    }
    return url;
  }

  /** One blocking call on the pool; a queue that vanished is looked up (or created) again next time. */
  <T> Future<T> call(Callable<T> blocking) {
    return calls.executeBlocking(() -> {
      try {
        return blocking.call();
      } catch (QueueDoesNotExistException e) {
        url = null;
        throw e;
      }
    }, false);
  }

  /** One blocking call per ten items (the most an SQS batch call takes), all on the SQS threads. */
  <T> Future<Void> inBatches(List<T> items, Consumer<List<T>> call) {
    if (items.isEmpty()) {
      return Future.succeededFuture();
    }
    return call(() -> {
      for (int from = 0; from < items.size(); from += MOST_PER_CALL) {
        call.accept(items.subList(from, Math.min(items.size(), from + MOST_PER_CALL)));
      }
      return null;
    });
  }

  /** Entries of one batch call, each with its index as its id (ids must be unique within a call). */
  static <T, E> List<E> numbered(List<T> items, BiFunction<String, T, E> entry) {
    List<E> entries = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      entries.add(entry.apply(Integer.toString(i), items.get(i)));
    }
    return entries;
  }

  /** A visibility timeout SQS accepts: 0 to 12 hours. */
  static int visibility(long seconds) {
    return (int) Math.max(0, Math.min(MAX_VISIBILITY_SECONDS, seconds));
  }

  Future<Void> close() {
    return calls.close().eventually(() -> {
      access.close();
      return Future.succeededFuture();
    });
  }
}
