package com.taskoverflow.queue;

import com.taskoverflow.config.BrokerConfig;
import com.taskoverflow.config.WorkerConfig;
import com.taskoverflow.queue.redis.RedisJobBroker;
import com.taskoverflow.queue.redis.RedisWorkerQueue;
import com.taskoverflow.queue.sqs.SqsJobBroker;
import com.taskoverflow.queue.sqs.SqsWorkerQueue;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The configured broker, the one place it is chosen: its store side and its worker side. */
public final class Brokers {

  private Brokers() {
  }

  /** The store's side: put jobs on the queue and keep it in step with PostgreSQL. */
  public static Future<JobBroker> open(Vertx vertx, BrokerConfig config) {
    return switch (config.broker()) {
      case REDIS -> RedisJobBroker.open(vertx, config.redis()).map(broker -> broker);
      case SQS -> SqsJobBroker.open(vertx, config.sqs()).map(broker -> broker);
    };
  }

  /** A worker's side, for the worker named {@code worker}. */
  public static Future<WorkerQueue> forWorker(Vertx vertx, BrokerConfig config, WorkerConfig settings, String worker) {
    return switch (config.broker()) {
      case REDIS -> RedisWorkerQueue.open(vertx, config.redis(), settings, worker).map(queue -> queue);
      case SQS -> SqsWorkerQueue.open(vertx, config.sqs(), settings).map(queue -> queue);
    };
  }
}
