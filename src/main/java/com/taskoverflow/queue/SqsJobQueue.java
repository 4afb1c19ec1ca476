package com.taskoverflow.queue;

import com.taskoverflow.config.SqsConfig;
import com.taskoverflow.sqs.SqsAccess;
import com.taskoverflow.sqs.SqsQueues;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The calendar-job queue on SQS: a message per job (its body the task id), received with a
 * visibility timeout that the worker extends while it works, deleted only once the outcome is
 * stored. A message whose worker died reappears after the timeout; a retry waits out its backoff
 * invisible; one that no worker can even read goes to the dead-letter queue by redrive policy.
 * The SDK's client blocks: every call runs on a worker pool of its own, never on an event loop.
 */
public final class SqsJobQueue implements JobBroker {

  private static final Logger LOG = LoggerFactory.getLogger(SqsJobQueue.class);
  /** Set on the queue once it holds every unfinished job; gone when the queue was recreated. */
  private static final String EPOCH_TAG = "taskoverflow-epoch";
  private static final int MOST_PER_CALL = 10;
  /** SQS's longest visibility timeout, 12 hours. */
  private static final int MAX_VISIBILITY_SECONDS = 12 * 60 * 60;

  private final SqsConfig config;
  private final SqsAccess access;
  private final SqsClient sqs;
  private final WorkerExecutor calls;
  private volatile String url;

  private SqsJobQueue(SqsConfig config, SqsAccess access, WorkerExecutor calls) {
    this.config = config;
    this.access = access;
    this.sqs = access.client();
    this.calls = calls;
  }

  /** The client, configured as the AWS SDK reads its settings; the queue is looked up on first use. */
  public static Future<SqsJobQueue> open(Vertx vertx, SqsConfig config) {
    WorkerExecutor calls = vertx.createSharedWorkerExecutor("sqs-client", 16);
    Optional<URI> endpoint = config.endpoint().isBlank() ? Optional.empty() : Optional.of(URI.create(config.endpoint()));
    return calls.executeBlocking(() -> new SqsJobQueue(config, SqsAccess.fromEnvironment(endpoint, LOG::info), calls),
        false);
  }

  @Override
  public String label() {
    return "sqs";
  }

  @Override
  public Future<Void> enqueue(String taskId) {
    return call(() -> sqs.sendMessage(request -> request.queueUrl(url()).messageBody(taskId))).mapEmpty();
  }

  /** Sends jobs ten to a call (SQS's batch size); fails if any message was refused. */
  @Override
  public Future<Void> enqueueAll(List<String> taskIds) {
    if (taskIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return call(() -> {
      for (int from = 0; from < taskIds.size(); from += MOST_PER_CALL) {
        List<String> part = taskIds.subList(from, Math.min(taskIds.size(), from + MOST_PER_CALL));
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < part.size(); i++) {
          entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(part.get(i)).build());
        }
        var sent = sqs.sendMessageBatch(request -> request.queueUrl(url()).entries(entries));
        if (!sent.failed().isEmpty()) {
          throw new IllegalStateException("SQS refused " + sent.failed().size() + " message(s): "
              + sent.failed().get(0).message());
        }
      }
      return null;
    });
  }

  @Override
  public Future<Void> ping() {
    return call(this::url).mapEmpty();
  }

  @Override
  public Future<Void> ensureReady() {
    return call(this::url).mapEmpty();
  }

  @Override
  public Future<Boolean> intact() {
    return call(() -> sqs.listQueueTags(request -> request.queueUrl(url())).tags().containsKey(EPOCH_TAG));
  }

  @Override
  public Future<Void> markIntact() {
    return call(() -> sqs.tagQueue(request -> request.queueUrl(url())
        .tags(Map.of(EPOCH_TAG, Long.toString(System.currentTimeMillis()))))).mapEmpty();
  }

  /** SQS offers no lease; a rebuild by two nodes at once only queues duplicates, which are harmless. */
  @Override
  public Future<Boolean> lease(String name, String holder, long ttlMs) {
    return Future.succeededFuture(true);
  }

  /**
   * SQS cannot list what it holds: an empty queue (nothing waiting, in flight or delayed) holds
   * no job; otherwise any job may be in it.
   */
  @Override
  public Future<Predicate<String>> mayHold() {
    return depth().map(depth -> depth.ready() + depth.inFlight() + depth.delayed() == 0
        ? (Predicate<String>) id -> false
        : id -> true);
  }

  /** SQS's approximate counts: visible, not visible (received), delayed. */
  @Override
  public Future<QueueDepth> depth() {
    return call(() -> {
      Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(request -> request.queueUrl(url()).attributeNames(
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
      return new QueueDepth(count(counts, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
          count(counts, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE),
          count(counts, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    });
  }

  private static long count(Map<QueueAttributeName, String> counts, QueueAttributeName name) {
    return Long.parseLong(counts.getOrDefault(name, "0"));
  }

  /** SQS keeps no record of its consumers. */
  @Override
  public Future<Integer> removeDepartedWorkers(long silenceMs) {
    return Future.succeededFuture(0);
  }

  /** Up to {@code count} jobs, each hidden from other workers for {@code visibilitySeconds}. */
  public Future<List<QueueEntry>> receive(int count, int waitSeconds, int visibilitySeconds) {
    return call(() -> sqs.receiveMessage(request -> request.queueUrl(url()).maxNumberOfMessages(Math.min(count, MOST_PER_CALL))
            .waitTimeSeconds(waitSeconds).visibilityTimeout(visibility(visibilitySeconds))
            .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP)).messages().stream()
        .map(message -> new QueueEntry(message.receiptHandle(), message.body(),
            Long.parseLong(message.attributes().getOrDefault(MessageSystemAttributeName.SENT_TIMESTAMP, "0"))))
        .toList());
  }

  /** The jobs are done: their messages go, ten to a call. */
  public Future<Void> acknowledgeAll(List<String> receiptHandles) {
    return inBatches(receiptHandles, handles -> {
      List<DeleteMessageBatchRequestEntry> batch = new ArrayList<>();
      for (int i = 0; i < handles.size(); i++) {
        batch.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(handles.get(i)).build());
      }
      List<BatchResultErrorEntry> failed = sqs.deleteMessageBatch(request -> request.queueUrl(url()).entries(batch))
          .failed();
      // A receipt handle SQS refuses (from before a restart, or expired) will not work on a retry
      // either: its message comes back, and its job, already done, is acknowledged then.
      failed.stream().filter(BatchResultErrorEntry::senderFault).forEach(refused -> LOG.info(
          "SQS refused to delete a done job's message ({}): it will be delivered again and found done", refused.code()));
      List<BatchResultErrorEntry> retriable = failed.stream().filter(entry -> !entry.senderFault()).toList();
      if (!retriable.isEmpty()) {
        throw new IllegalStateException(retriable.size() + " message(s) not deleted: " + retriable.get(0).message());
      }
    });
  }

  /** Hides the messages for {@code seconds} more from now: 0 hands them back at once. */
  public Future<Void> hide(List<String> receiptHandles, int seconds) {
    return inBatches(receiptHandles, handles -> {
      List<ChangeMessageVisibilityBatchRequestEntry> batch = new ArrayList<>();
      for (int i = 0; i < handles.size(); i++) {
        batch.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
            .receiptHandle(handles.get(i)).visibilityTimeout(visibility(seconds)).build());
      }
      sqs.changeMessageVisibilityBatch(request -> request.queueUrl(url()).entries(batch));
    });
  }

  /** One blocking call per ten messages (the most an SQS batch call takes), all on the SQS threads. */
  private Future<Void> inBatches(List<String> receiptHandles, Consumer<List<String>> call) {
    if (receiptHandles.isEmpty()) {
      return Future.succeededFuture();
    }
    return call(() -> {
      for (int from = 0; from < receiptHandles.size(); from += MOST_PER_CALL) {
        call.accept(receiptHandles.subList(from, Math.min(receiptHandles.size(), from + MOST_PER_CALL)));
      }
      return null;
    });
  }

  private static int visibility(long seconds) {
    return (int) Math.max(0, Math.min(MAX_VISIBILITY_SECONDS, seconds));
  }

  /** The queue's URL, looked up once; the queues are created when missing, if allowed. */
  private String url() {
    String known = url;
    if (known != null) {
      return known;
    }
    try {
      url = sqs.getQueueUrl(request -> request.queueName(config.queue())).queueUrl();
    } catch (QueueDoesNotExistException e) {
      if (!config.createQueues()) {
        throw e;
      }
      url = SqsQueues.createWithDeadLetters(sqs, config.queue(), config.deadLetterQueue(), config.maxReceives());
      LOG.info("Created the SQS job queue {} and its dead-letter queue {}", config.queue(), config.deadLetterQueue());
    }
    return url;
  }

  /** One blocking call on the pool; a queue that vanished is looked up (or created) again next time. */
  private <T> Future<T> call(Callable<T> blocking) {
    return calls.executeBlocking(() -> {
      try {
        return blocking.call();
      } catch (QueueDoesNotExistException e) {
        url = null;
        throw e;
      }
    }, false);
  }

  @Override
  public Future<Void> close() {
    return calls.close().eventually(() -> {
      access.close();
      return Future.succeededFuture();
    });
  }
}
