package com.taskoverflow.config;

/** Which broker carries jobs, and where each broker is. */
public record BrokerConfig(Broker broker, RedisConfig redis, SqsConfig sqs) {

  public boolean usesRedis() {
    return broker == Broker.REDIS;
  }
}
