package com.taskoverflow.queue;

import com.taskoverflow.config.Broker;
import com.taskoverflow.config.BrokerConfig;
import com.taskoverflow.config.SqsConfig;
import com.taskoverflow.queue.sqs.SqsAccess;
import com.taskoverflow.support.TestServices;
import com.taskoverflow.support.TestSqs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.List;

/** The worker side's contract on ElasticMQ (the SQS protocol), with queues of each test's own. */
class SqsWorkerQueueTest extends WorkerQueueContract {

  @Override
  BrokerConfig freshQueue() {
    String queue = TestServices.uniqueName("contract");
    return new BrokerConfig(Broker.SQS, null, new SqsConfig(queue, queue + "-dlq", 10, true, TestSqs.endpoint()));
  }

  @Override
  Future<Void> cleanUp(Vertx vertx, BrokerConfig config) {
    return vertx.executeBlocking(() -> {
      try (SqsAccess access = SqsAccess.local(URI.create(config.sqs().endpoint()), line -> { })) {
        for (String name : List.of(config.sqs().queue(), config.sqs().deadLetterQueue())) {
          access.client().deleteQueue(request -> request.queueUrl(access.queueUrl(name)));
        }
      }
      return null;
    });
  }
}
