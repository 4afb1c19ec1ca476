package com.taskoverflow.cli;

import com.taskoverflow.queue.sqs.LocalSqs;
import com.taskoverflow.queue.sqs.SqsAccess;
import com.taskoverflow.queue.sqs.SqsSetupException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/** A local SQS (ElasticMQ) for a machine without an AWS account, until Ctrl-C. */
@Command(name = "sqs-local", mixinStandardHelpOptions = true,
    description = {"Runs a local SQS (ElasticMQ, in memory) on 127.0.0.1 (or --host) with the queues "
        + "csse6400_prac, csse6400_prac.fifo (FIFO, content-based deduplication), taskoverflow-ical and "
        + "taskoverflow-ical-dlq, until Ctrl-C."})
final class SqsLocalCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = SqsAccess.LOCAL_HOST,
      description = "the address it listens on (default: ${DEFAULT-VALUE}; 0.0.0.0 in a container, "
          + "whose callers are other containers)")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + SqsAccess.LOCAL_PORT,
      description = "the loopback port it listens on (default: ${DEFAULT-VALUE})")
  int port;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    checkHost();
    LocalSqs local;
    try {
      local = LocalSqs.start(host, port);
    } catch (RuntimeException e) {
      throw new SqsSetupException("Could not start a local SQS on " + host + ":" + port + " ("
          + e.getMessage() + "): is one running already? Another port: --port, another address: --host");
    }
    CountDownLatch stop = new CountDownLatch(1);
    for (String signal : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(signal), received -> stop.countDown());
    }
    out.println("Local SQS (ElasticMQ) on " + local.endpoint() + " with queues " + String.join(", ", LocalSqs.queueNames()));
    out.println("In each other terminal, point the AWS SDK at it:");
    out.println("  export AWS_ENDPOINT_URL=" + local.endpoint());
    out.println("  export AWS_ACCESS_KEY_ID=" + SqsAccess.LOCAL_KEY + " AWS_SECRET_ACCESS_KEY=" + SqsAccess.LOCAL_KEY
        + " AWS_REGION=" + SqsAccess.DEFAULT_REGION);
    out.println("Ctrl-C stops it (messages are kept in memory only).");
    out.flush();
    stop.await();
    local.close();
    out.println("Local SQS stopped");
    out.flush();
    return 0;
  }

  /** A usage error unless this machine can listen on --host: ElasticMQ logs stack traces for any other. */
  private void checkHost() {
    try {
      InetAddress address = InetAddress.getByName(host);
      if (address.isAnyLocalAddress() || NetworkInterface.getByInetAddress(address) != null) {
        return;
      }
    } catch (IOException unknown) {
      // not an address, nor a name that resolves: refused below
    }
    throw new ParameterException(spec.commandLine(), "--host " + host + " is not an address of this machine");
  }
}
