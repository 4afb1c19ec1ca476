package com.taskoverflow;

import com.taskoverflow.cli.ServiceCommand;

/** {@code java -jar taskoverflow.jar [service options] | queue ... | sqs-local ...}. */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    ServiceCommand service = new ServiceCommand();
    int exit = ServiceCommand.commandLine(service).execute(args);
    if (!service.launched()) {
      System.exit(exit); // a command that ran to its end, help, or a usage error
    }
  }
}
