package com.taskoverflow.config;

import io.vertx.core.json.JsonObject;

/** The SQS job queue, its dead-letter queue, and where SQS is (empty: as the AWS SDK finds it). */
public record SqsConfig(String queue, String deadLetterQueue, int maxReceives, boolean createQueues, String endpoint) {

  static SqsConfig from(JsonObject json) {
    SqsConfig config = new SqsConfig(json.getString("queue"), json.getString("dead-letter-queue"),
        json.getInteger("max-receives"), Boolean.parseBoolean(String.valueOf(json.getValue("create-queues"))),
        json.getString("endpoint", ""));
    if (config.queue.isBlank() || config.deadLetterQueue.isBlank() || config.maxReceives < 1) {
      throw new IllegalArgumentException("sqs.queue and sqs.dead-letter-queue must be named, sqs.max-receives >= 1");
    }
    return config;
  }
}
