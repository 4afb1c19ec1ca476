package com.taskoverflow.queue;

import com.taskoverflow.config.BrokerConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The configured broker. */
public final class Brokers {

  private Brokers() {
  }

  public static Future<JobBroker> open(Vertx vertx, BrokerConfig config) {
    return switch (config.broker()) {
      case REDIS -> JobQueue.open(vertx, config.redis()).map(queue -> queue);
      case SQS -> SqsJobQueue.open(vertx, config.sqs()).map(queue -> queue);
    };
  }
}
