package com.taskoverflow.queue;

import com.taskoverflow.config.Broker;
import com.taskoverflow.config.BrokerConfig;
import com.taskoverflow.config.RedisConfig;
import com.taskoverflow.support.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** The worker side's contract on the real Redis, under a key prefix of each test's own. */
class RedisWorkerQueueTest extends WorkerQueueContract {

  @Override
  BrokerConfig freshQueue() {
    RedisConfig redis = new RedisConfig(TestServices.REDIS_URL, TestServices.REDIS_URL,
        TestServices.uniqueName("contract") + ":");
    return new BrokerConfig(Broker.REDIS, redis, null);
  }

  @Override
  Future<Void> cleanUp(Vertx vertx, BrokerConfig config) {
    return TestServices.deleteKeys(vertx, config.redis().keyPrefix());
  }
}
