package com.taskoverflow.queue.sqs;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Creating SQS queues the way TaskOverflow needs them. */
public final class SqsQueues {

  private SqsQueues() {
  }

  /**
   * Creates (or finds) a dead-letter queue and a queue that sends it, by redrive policy, every
   * message received {@code maxReceives} times without being deleted; answers the queue's URL.
   */
  public static String createWithDeadLetters(SqsClient sqs, String queue, String deadLetterQueue, int maxReceives) {
    String deadLetters = sqs.createQueue(request -> request.queueName(deadLetterQueue)).queueUrl();
    String deadLettersArn = sqs.getQueueAttributes(request -> request.queueUrl(deadLetters)
        .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
    String redrive = "{\"deadLetterTargetArn\":\"" + deadLettersArn + "\",\"maxReceiveCount\":\"" + maxReceives + "\"}";
    return sqs.createQueue(request -> request.queueName(queue)
        .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl();
  }
}
