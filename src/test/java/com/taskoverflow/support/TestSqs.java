package com.taskoverflow.support;

import com.taskoverflow.queue.sqs.LocalSqs;
import com.taskoverflow.queue.sqs.SqsAccess;
import io.vertx.core.json.JsonObject;

/**
 * The SQS the tests run the service against: ElasticMQ in this JVM on a free loopback port,
 * started on first use and stopped when the JVM exits. The AWS SDK finds its credentials and
 * region in system properties, as it would in the environment.
 */
public final class TestSqs {

  private static LocalSqs server;

  private TestSqs() {
  }

  public static synchronized String endpoint() {
    if (server == null) {
      System.setProperty("aws.accessKeyId", SqsAccess.LOCAL_KEY);
      System.setProperty("aws.secretAccessKey", SqsAccess.LOCAL_KEY);
      System.setProperty("aws.region", SqsAccess.DEFAULT_REGION);
      server = LocalSqs.start(SqsAccess.LOCAL_HOST, TestServices.freePort());
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-sqs-stop"));
    }
    return server.endpoint().toString();
  }

  /**
   * Settings that run a service with SQS as its broker and no Redis at all: its Redis URL points
   * where nothing listens, so anything that still needed Redis would fail.
   */
  public static JsonObject brokerSettings() {
    return new JsonObject()
        .put("broker", "sqs")
        .put("sqs", new JsonObject().put("endpoint", endpoint()))
        .put("redis", new JsonObject().put("url", "redis://127.0.0.1:" + TestServices.freePort() + "/0"));
  }
}
