package com.taskoverflow.it;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.queue.sqs.LocalSqs;
import com.taskoverflow.queue.sqs.SqsAccess;
import com.taskoverflow.support.JarProcess;
import com.taskoverflow.support.TestServices;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The queue command as the seed's students run it, each publisher and receiver a JVM of its own,
 * against a real SQS implementation (ElasticMQ, started here) through the real AWS SDK.
 */
class QueueCommandIT {

  private static final Duration LIMIT = Duration.ofSeconds(90);
  private static final Pattern LINE = Pattern.compile("(?m)^\\[\\d\\d:\\d\\d:\\d\\d] (.+): (.*)Message (\\d+)$");
  private static LocalSqs sqs;
  private static Map<String, String> aws;

  /** One message as the receiver printed it. */
  record Received(String client, String prepend, int number) {
  }

  @BeforeAll
  static void startSqs() throws Exception {
    sqs = LocalSqs.start("127.0.0.1", TestServices.freePort());
    aws = Map.of("AWS_ENDPOINT_URL", sqs.endpoint().toString(), "AWS_ACCESS_KEY_ID", "local",
        "AWS_SECRET_ACCESS_KEY", "local", "AWS_REGION", "us-east-1", "HOME", emptyHome());
  }

  @AfterAll
  static void stopSqs() {
    if (sqs != null) {
      sqs.close();
    }
  }

  private static String emptyHome() throws Exception {
    return Files.createTempDirectory("taskoverflow-home").toString();
  }

  private static JarProcess queue(String name, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("queue"));
    command.addAll(List.of(args));
    return JarProcess.start(name, env, command.toArray(String[]::new));
  }

  private static JarProcess publisher(String queue, String client, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("--name", queue, "--client-name", client));
    args.addAll(List.of(more));
    if (!args.contains("--interval-ms")) {
      args.addAll(List.of("--interval-ms", "10")); // fast, yet two publishers overlap
    }
    return queue("publisher", aws, args.toArray(String[]::new));
  }

  private static JarProcess receiver(String queue, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("--name", queue, "--client-name", "Receiver", "--receive"));
    args.addAll(List.of(more));
    JarProcess receiver = queue("receiver", aws, args.toArray(String[]::new));
    receiver.awaitLog("Connected to " + queue, LIMIT);
    return receiver;
  }

  private static String finished(JarProcess process) throws Exception {
    int exit = process.awaitExit(LIMIT);
    String output = process.output();
    assertEquals(0, exit, output);
    assertFalse(output.contains("Exception") || output.contains("\tat "), "no stack trace:\n" + output);
    return output;
  }

  private static List<Received> received(String output) {
    List<Received> lines = new ArrayList<>();
    Matcher line = LINE.matcher(output);
    while (line.find()) {
      lines.add(new Received(line.group(1), line.group(2), Integer.parseInt(line.group(3))));
    }
    return lines;
  }

  private static List<Integer> numbersFrom(List<Received> lines, String client) {
    return lines.stream().filter(line -> line.client().equals(client)).map(Received::number).toList();
  }

  private static List<Integer> zeroTo(int count) {
    return java.util.stream.IntStream.range(0, count).boxed().toList();
  }

  @Test
  void aQueueThatDoesNotExistIsNamedAndExitsOne() throws Exception {
    JarProcess run = queue("unknown", aws, "--name", "test", "--client-name", "Client 1");
    assertEquals(1, run.awaitExit(LIMIT));
    String output = run.output();
    assertTrue(output.contains("Unable to find a Queue by this name test"), output);
    assertFalse(output.contains("Exception") || output.contains("\tat "), output);
  }

  @Test
  void twoPublishersInterleaveOnAStandardQueue() throws Exception {
    JarProcess receiver = receiver(LocalSqs.PRACTICE_QUEUE, "--max-messages", "200", "--idle-exit-s", "30");
    JarProcess first = publisher(LocalSqs.PRACTICE_QUEUE, "Client 1");
    JarProcess second = publisher(LocalSqs.PRACTICE_QUEUE, "Client 2");
    String sent = finished(first);
    assertTrue(sent.contains("Sent 100 messages to csse6400_prac"), sent);
    assertTrue(sent.contains("Sent 50 of 100 (50%)"), "plain progress without a terminal:\n" + sent);
    finished(second);

    String output = finished(receiver);
    assertTrue(output.contains("Received 200 messages from csse6400_prac"), output);
    List<Received> lines = received(output);
    assertEquals(200, lines.size(), output);
    assertEquals(zeroTo(100), numbersFrom(lines, "Client 1").stream().sorted().toList());
    assertEquals(zeroTo(100), numbersFrom(lines, "Client 2").stream().sorted().toList());
    int firstOfTwo = lines.indexOf(lines.stream().filter(line -> line.client().equals("Client 2")).findFirst().get());
    int lastOfOne = lines.lastIndexOf(lines.stream().filter(line -> line.client().equals("Client 1")).reduce((a, b) -> b).get());
    assertTrue(firstOfTwo < lastOfOne, "the two publishers' messages interleave:\n" + output);
  }

  @Test
  void aFifoQueueKeepsEachClientsOrderAndDropsARepeatedRunUntilPrepended() throws Exception {
    String fifo = LocalSqs.PRACTICE_FIFO_QUEUE;
    JarProcess receiver = receiver(fifo, "--max-messages", "200", "--idle-exit-s", "30");
    JarProcess first = publisher(fifo, "Client 1");
    JarProcess second = publisher(fifo, "Client 2");
    finished(first);
    finished(second);
    List<Received> lines = received(finished(receiver));
    assertEquals(zeroTo(100), numbersFrom(lines, "Client 1"), "Client 1 in order");
    assertEquals(zeroTo(100), numbersFrom(lines, "Client 2"), "Client 2 in order");

    assertTrue(finished(publisher(fifo, "Client 1", "--interval-ms", "0")).contains("Sent 100 messages"));
    String again = finished(receiver(fifo, "--idle-exit-s", "3"));
    assertTrue(again.contains("Received 0 messages"), "a repeated run is deduplicated:\n" + again);

    finished(publisher(fifo, "Client 1", "--interval-ms", "0", "-prepend", "A-"));
    List<Received> prepended = received(finished(receiver(fifo, "--max-messages", "100", "--idle-exit-s", "30")));
    assertEquals(zeroTo(100), numbersFrom(prepended, "Client 1"));
    assertTrue(prepended.stream().allMatch(line -> line.prepend().equals("A-")), prepended::toString);
  }

  @Test
  void onAFifoQueueWithoutContentDeduplicationThePublisherSendsTheContentsDigest() throws Exception {
    String plain = "plain-" + TestServices.uniqueName("q") + ".fifo";
    try (SqsAccess access = SqsAccess.local(sqs.endpoint(), line -> { })) {
      access.client().createQueue(request -> request.queueName(plain)
          .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true")));
    }
    assertTrue(finished(publisher(plain, "Client 1", "--count", "5", "--interval-ms", "0")).contains("Sent 5 messages"));
    assertTrue(finished(publisher(plain, "Client 1", "--count", "5", "--interval-ms", "0")).contains("Sent 5 messages"));
    List<Received> lines = received(finished(receiver(plain, "--idle-exit-s", "3")));
    assertEquals(zeroTo(5), numbersFrom(lines, "Client 1"), "the second run was deduplicated");
  }

  @Test
  void aReceiverStoppedByASignalSumsUpAndExitsZero() throws Exception {
    JarProcess receiver = receiver(LocalSqs.PRACTICE_QUEUE);
    finished(publisher(LocalSqs.PRACTICE_QUEUE, "Signalled", "--count", "3", "--interval-ms", "0"));
    receiver.awaitLog("Signalled: Message 2", LIMIT);
    assertEquals(0, receiver.terminate(LIMIT));
    assertTrue(receiver.output().contains("Received 3 messages from csse6400_prac"), receiver.output());
  }

  @Test
  void missingCredentialsOrAnUnreachableEndpointAreOneSentenceAndExitOne() throws Exception {
    Map<String, String> noKeys = Map.of("AWS_ENDPOINT_URL", sqs.endpoint().toString(), "HOME", emptyHome());
    JarProcess run = queue("no-keys", noKeys, "--name", LocalSqs.PRACTICE_QUEUE, "--client-name", "c");
    assertEquals(1, run.awaitExit(LIMIT));
    assertTrue(run.output().contains("No AWS credentials found: set AWS_ACCESS_KEY_ID"), run.output());

    Map<String, String> nowhere = new HashMap<>(aws);
    nowhere.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + TestServices.freePort());
    run = queue("nowhere", nowhere, "--name", LocalSqs.PRACTICE_QUEUE, "--client-name", "c");
    assertEquals(1, run.awaitExit(LIMIT));
    assertTrue(run.output().contains("Cannot reach http://127.0.0.1:"), run.output());
    assertFalse(run.output().contains("\tat "), run.output());
  }

  @Test
  void sqsLocalServesTheOtherTerminalsAndStopsCleanly() throws Exception {
    int port = TestServices.freePort();
    JarProcess local = JarProcess.start("sqs-local", Map.of("HOME", emptyHome()), "sqs-local", "--port", "" + port);
    try {
      local.awaitLog("Ctrl-C stops it", LIMIT);
      String banner = local.output();
      assertTrue(banner.contains("export AWS_ENDPOINT_URL=http://127.0.0.1:" + port), banner);
      Map<String, String> exported = new HashMap<>(Map.of("HOME", emptyHome()));
      Matcher export = Pattern.compile("(AWS_[A-Z_]+)=(\\S+)").matcher(banner);
      while (export.find()) {
        exported.put(export.group(1), export.group(2));
      }
      String sent = finished(queue("to-local", exported, "--name", LocalSqs.PRACTICE_FIFO_QUEUE, "--client-name",
          "Client 1", "--count", "5", "--interval-ms", "0"));
      assertTrue(sent.contains("Sent 5 messages to csse6400_prac.fifo"), sent);
      assertEquals(0, local.terminate(LIMIT));
      assertTrue(local.output().contains("Local SQS stopped"), local.output());
    } finally {
      local.kill();
    }
  }

  @Test
  void withNothingConfiguredTheCommandStartsALocalSqsItself() throws Exception {
    JarProcess run = queue("zero-set-up", Map.of("HOME", emptyHome()), "--name", LocalSqs.PRACTICE_QUEUE,
        "--client-name", "Solo", "--count", "3", "--interval-ms", "0");
    String output = finished(run);
    assertTrue(output.contains("Sent 3 messages to csse6400_prac"), output);
    assertTrue(output.contains("127.0.0.1:9324"), output);
  }
}
