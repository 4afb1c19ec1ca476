package com.taskoverflow.queue.sqs;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A local SQS: ElasticMQ in this JVM, on one loopback port, speaking the SQS protocol, with the
 * seed's two practice queues and the calendar-job queues. It keeps messages in memory only.
 */
public final class LocalSqs implements AutoCloseable {

  public static final String PRACTICE_QUEUE = "csse6400_prac";
  public static final String PRACTICE_FIFO_QUEUE = "csse6400_prac.fifo";
  public static final String JOB_QUEUE = "taskoverflow-ical";
  public static final String JOB_DEAD_LETTER_QUEUE = "taskoverflow-ical-dlq";
  /** Deliveries of one message before SQS moves it to the dead-letter queue. */
  private static final int MAX_RECEIVES = 10;
  private static final String WILDCARD = "0.0.0.0";

  private final SQSRestServer server;
  private final URI endpoint;

  private LocalSqs(SQSRestServer server, URI endpoint) {
    this.server = server;
    this.endpoint = endpoint;
  }

  /**
   * Starts the server on that address and creates the queues; fails if the port is taken. On the
   * wildcard address its endpoint for callers on this machine is loopback.
   */
  public static LocalSqs start(String host, int port) {
    SQSRestServer server = SQSRestServerBuilder.withInterface(host).withPort(port).start();
    String callAt = WILDCARD.equals(host) ? SqsAccess.LOCAL_HOST : host;
    LocalSqs local = new LocalSqs(server, URI.create("http://" + callAt + ":" + port));
    try {
      server.waitUntilStarted();
      try (SqsAccess access = SqsAccess.local(local.endpoint, line -> { })) {
        local.createQueues(access.client());
      }
      return local;
    } catch (RuntimeException e) {
      local.close(); // its threads would keep the JVM alive
      throw e;
    }
  }

  private void createQueues(SqsClient sqs) {
    sqs.createQueue(request -> request.queueName(PRACTICE_QUEUE));
    sqs.createQueue(request -> request.queueName(PRACTICE_FIFO_QUEUE).attributes(Map.of(
        QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true")));
    SqsQueues.createWithDeadLetters(sqs, JOB_QUEUE, JOB_DEAD_LETTER_QUEUE, MAX_RECEIVES);
  }

  public static List<String> queueNames() {
    return List.of(PRACTICE_QUEUE, PRACTICE_FIFO_QUEUE, JOB_QUEUE, JOB_DEAD_LETTER_QUEUE);
  }

  public URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    server.stopAndWait();
  }
}
