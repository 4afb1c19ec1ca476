package com.taskoverflow.cli;

import com.taskoverflow.queue.sqs.LocalSqs;
import com.taskoverflow.queue.sqs.SqsAccess;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The seed's queue demo: a publisher sends numbered messages to an SQS queue, a receiver prints
 * them as they arrive. On a standard queue several publishers' messages interleave and may come
 * out of order; on a FIFO queue each client's arrive in order, and a repeated run is deduplicated.
 */
@Command(name = "queue", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Sends numbered messages to an SQS queue, or receives them (--receive).",
        "SQS is found as the AWS SDK finds it (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,"
            + " AWS_REGION, AWS_ENDPOINT_URL); with none of these set, the local SQS on "
            + "http://127.0.0.1:9324, started here if nothing answers there."})
final class QueueCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = {"--name", "-name"}, required = true, paramLabel = "NAME", description = "the queue's name")
  String name;

  @Option(names = {"--client-name", "-client-name"}, required = true, paramLabel = "NAME",
      description = "who sends (it starts every message) or receives")
  String clientName;

  @Option(names = {"--receive", "-receive"}, description = "receive and print messages instead of sending")
  boolean receive;

  @Option(names = {"--prepend", "-prepend"}, paramLabel = "TEXT", defaultValue = "",
      description = "text put before \"Message <i>\": makes a repeated run's messages new to a FIFO queue")
  String prepend;

  @Option(names = "--count", paramLabel = "N", defaultValue = "100", description = "messages to send (default: ${DEFAULT-VALUE})")
  int count;

  @Option(names = "--interval-ms", paramLabel = "MS", defaultValue = "250",
      description = "pause between two sends (default: ${DEFAULT-VALUE}; 0: as fast as possible)")
  long intervalMs;

  @Option(names = "--max-messages", paramLabel = "N", description = "stop receiving after this many messages")
  Integer maxMessages;

  @Option(names = "--idle-exit-s", paramLabel = "S", description = "stop receiving after this long without a message")
  Integer idleExitSeconds;

  @Override
  public Integer call() throws Exception {
    validate();
    PrintWriter out = spec.commandLine().getOut();
    Banner.print(out);
    LocalSqs started = null;
    SqsAccess access;
    if (SqsAccess.configured()) {
      access = SqsAccess.fromEnvironment(out::println);
    } else {
      if (!SqsAccess.localAnswers()) {
        started = LocalSqs.start(SqsAccess.LOCAL_HOST, SqsAccess.LOCAL_PORT);
        out.println("No SQS configured and none at " + SqsAccess.LOCAL_ENDPOINT + ": started a local one in this "
            + "process (it stops with it; `sqs-local` keeps one running)");
      }
      access = SqsAccess.local(SqsAccess.LOCAL_ENDPOINT, line -> { });
    }
    try (access) {
      String url = access.queueUrl(name);
      out.println("Connected to " + name);
      out.flush();
      boolean terminal = System.console() != null;
      return receive
          ? new DemoReceiver(access.client(), url, name, out, terminal).run(maxMessages, idleExitSeconds)
          : new DemoPublisher(access.client(), url, name, out, terminal).run(clientName, prepend, count, intervalMs);
    } finally {
      if (started != null) {
        started.close();
      }
    }
  }

  private void validate() {
    if (count < 0 || intervalMs < 0 || (maxMessages != null && maxMessages < 1)
        || (idleExitSeconds != null && idleExitSeconds < 1)) {
      throw new ParameterException(spec.commandLine(),
          "--count and --interval-ms must not be negative; --max-messages and --idle-exit-s must be at least 1");
    }
    if (name.isBlank() || clientName.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--name and --client-name must not be empty");
    }
  }
}
