package com.taskoverflow.queue.sqs;

import static com.taskoverflow.queue.sqs.SqsJobQueue.MOST_PER_CALL;
import static com.taskoverflow.queue.sqs.SqsJobQueue.visibility;

import com.taskoverflow.config.SqsConfig;
import com.taskoverflow.config.WorkerConfig;
import com.taskoverflow.queue.Delivery;
import com.taskoverflow.queue.WorkerQueue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A worker's side of the SQS job queue: messages received with a long poll and a visibility
 * timeout, kept hidden while the worker holds them, deleted once done. A retry waits out its
 * backoff hidden; a message whose worker died reappears by itself after the visibility timeout.
 * A delivery's id is the message's receipt handle.
 */
public final class SqsWorkerQueue implements WorkerQueue {

  private static final Logger LOG = LoggerFactory.getLogger(SqsWorkerQueue.class);
  /** Long enough to save calls, short enough that a stopping worker is not kept waiting. */
  private static final int RECEIVE_WAIT_SECONDS = 5;

  private final SqsJobQueue queue;
  private final int visibilitySeconds;

  private SqsWorkerQueue(SqsJobQueue queue, int visibilitySeconds) {
    this.queue = queue;
    this.visibilitySeconds = visibilitySeconds;
  }

  public static Future<SqsWorkerQueue> open(Vertx vertx, SqsConfig config, WorkerConfig settings) {
    return SqsJobQueue.open(vertx, config)
        .map(queue -> new SqsWorkerQueue(queue, seconds(settings.visibilityTimeoutMs())));
  }

  /** Whole seconds, rounded up: SQS counts visibility in seconds. */
  private static int seconds(long millis) {
    return (int) Math.min(Integer.MAX_VALUE, (millis + 999) / 1000);
  }

  @Override
  public String source() {
    return "SQS queue " + queue.name();
  }

  @Override
  public Future<Void> prepare() {
    return Future.succeededFuture();
  }

  /** SQS never hands a hidden message out again, so those in hand cannot come back here. */
  @Override
  public Future<List<Delivery>> take(int room, Set<String> inHand) {
    return queue.call(() -> queue.sqs().receiveMessage(request -> request.queueUrl(queue.url())
            .maxNumberOfMessages(Math.min(room, MOST_PER_CALL)).waitTimeSeconds(RECEIVE_WAIT_SECONDS)
            .visibilityTimeout(visibility(visibilitySeconds))
            .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP,
                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages().stream()
        .map(message -> new Delivery(message.receiptHandle(), message.body(),
            Long.parseLong(message.attributes().getOrDefault(MessageSystemAttributeName.SENT_TIMESTAMP, "0")),
            "1".equals(message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))))
        .toList());
  }

  /** A third of the visibility timeout: renewed twice before anyone else could receive them. */
  @Override
  public long renewEveryMs() {
    return Math.max(100, visibilitySeconds * 1000L / 3);
  }

  /** The messages in hand stay hidden for another visibility timeout. */
  @Override
  public Future<Void> renew(List<String> inHand) {
    return hide(inHand, visibilitySeconds);
  }

  /** SQS puts them back by itself once their visibility timeout is over. */
  @Override
  public Future<List<Delivery>> takeAbandoned(int room) {
    return Future.succeededFuture(List.of());
  }

  /** SQS shows a deferred message again by itself. */
  @Override
  public Future<Void> releaseDueRetries() {
    return Future.succeededFuture();
  }

  /** The jobs are done: their messages go, ten to a call. */
  @Override
  public Future<Void> acknowledge(List<String> receiptHandles) {
    return queue.inBatches(receiptHandles, handles -> {
      List<DeleteMessageBatchRequestEntry> batch = SqsJobQueue.numbered(handles,
          (id, handle) -> DeleteMessageBatchRequestEntry.builder().id(id).receiptHandle(handle).build());
      List<BatchResultErrorEntry> failed = queue.sqs()
          .deleteMessageBatch(request -> request.queueUrl(queue.url()).entries(batch)).failed();
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

  /**
   * The same as {@link #acknowledge}: a message received again since (by another worker) has a new
   * receipt handle, and SQS does not delete it by an older one.
   */
  @Override
  public Future<Void> acknowledgeIfHeld(List<String> receiptHandles) {
    return acknowledge(receiptHandles);
  }

  @Override
  public int acknowledgeBatch() {
    return 100;
  }

  /** The message stays hidden for the backoff, then any worker receives it. */
  @Override
  public Future<Void> defer(Delivery delivery, long delayMs) {
    return hide(List.of(delivery.id()), seconds(delayMs));
  }

  /** A receive under way ends within its long poll. */
  @Override
  public Future<Void> stopTaking() {
    return Future.succeededFuture();
  }

  /** The messages in hand are shown again at once. */
  @Override
  public Future<Integer> handBack(List<String> inHand) {
    return hide(inHand, 0).map(inHand.size());
  }

  /** Hides the messages for {@code seconds} more from now: 0 shows them at once. */
  private Future<Void> hide(List<String> receiptHandles, int seconds) {
    return queue.inBatches(receiptHandles, handles -> {
      List<ChangeMessageVisibilityBatchRequestEntry> batch = SqsJobQueue.numbered(handles, (id, handle) ->
          ChangeMessageVisibilityBatchRequestEntry.builder().id(id).receiptHandle(handle)
              .visibilityTimeout(visibility(seconds)).build());
      queue.sqs().changeMessageVisibilityBatch(request -> request.queueUrl(queue.url()).entries(batch));
    });
  }

  @Override
  public Future<Void> close() {
    return queue.close();
  }
}
