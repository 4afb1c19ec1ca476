package com.taskoverflow.queue.sqs;

import com.taskoverflow.config.SqsConfig;
import com.taskoverflow.queue.JobBroker;
import com.taskoverflow.queue.QueueDepth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The store's side of the SQS job queue: a message sent per job. A message whose worker died
 * reappears after its visibility timeout; one that no worker can even read goes to the dead-letter
 * queue by redrive policy.
 */
public final class SqsJobBroker implements JobBroker {

  /** Set on the queue once it holds every unfinished job; gone when the queue was recreated. */
  private static final String EPOCH_TAG = "taskoverflow-epoch";

  private final SqsJobQueue queue;

  private SqsJobBroker(SqsJobQueue queue) {
    this.queue = queue;
  }

  public static Future<SqsJobBroker> open(Vertx vertx, SqsConfig config) {
    return SqsJobQueue.open(vertx, config).map(SqsJobBroker::new);
  }

  @Override
  public String label() {
    return "sqs";
  }

  @Override
  public Future<Void> enqueue(String taskId) {
    return queue.call(() -> queue.sqs().sendMessage(request -> request.queueUrl(queue.url()).messageBody(taskId)))
        .mapEmpty();
  }

  /** Sends jobs ten to a call (SQS's batch size); fails if any message was refused. */
  @Override
  public Future<Void> enqueueAll(List<String> taskIds) {
    return queue.inBatches(taskIds, part -> {
      List<SendMessageBatchRequestEntry> entries = SqsJobQueue.numbered(part,
          (id, taskId) -> SendMessageBatchRequestEntry.builder().id(id).messageBody(taskId).build());
      var sent = queue.sqs().sendMessageBatch(request -> request.queueUrl(queue.url()).entries(entries));
      if (!sent.failed().isEmpty()) {
        throw new IllegalStateException("SQS refused " + sent.failed().size() + " message(s): "
            + sent.failed().get(0).message());
      }
    });
  }

  @Override
  public Future<Void> ping() {
    return queue.call(queue::url).mapEmpty();
  }

  @Override
  public Future<Void> ensureReady() {
    return queue.call(queue::url).mapEmpty();
  }

  @Override
  public Future<Boolean> intact() {
    return queue.call(() -> queue.sqs().listQueueTags(request -> request.queueUrl(queue.url())).tags()
        .containsKey(EPOCH_TAG));
  }

  @Override
  public Future<Void> markIntact() {
    return queue.call(() -> queue.sqs().tagQueue(request -> request.queueUrl(queue.url())
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
    return queue.call(() -> {
      Map<QueueAttributeName, String> counts = queue.sqs().getQueueAttributes(request -> request
          .queueUrl(queue.url()).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
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

  @Override
  public Future<Void> close() {
    return queue.close();
  }
}
