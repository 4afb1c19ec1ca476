package com.taskoverflow.cli;

import com.taskoverflow.ServiceLauncher;
import com.taskoverflow.ServiceOptions;
import com.taskoverflow.config.Role;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The service (no subcommand), and the commands that come with it. */
@Command(name = "java -jar taskoverflow.jar", mixinStandardHelpOptions = true, sortOptions = false,
    subcommands = {QueueCommand.class, SqsLocalCommand.class},
    description = {"Runs TaskOverflow: the REST API, the store and the calendar workers, as configured.",
        "Commands: queue (send or receive on an SQS queue), sqs-local (a local SQS)."},
    versionProvider = Version.class)
public final class ServiceCommand implements Callable<Integer> {

  @Option(names = {"--roles", "-roles"}, paramLabel = "ROLES", converter = RolesConverter.class,
      description = "roles this JVM runs, of http,store,worker (default: from the configuration, all three)")
  Set<Role> roles;

  @Option(names = {"--config", "-conf", "--conf"}, paramLabel = "FILE",
      description = "configuration file (default: conf/config.yaml, or $TASKOVERFLOW_CONFIG)")
  String configFile;

  @Option(names = {"-cluster", "--cluster"}, description = "join the cluster of TaskOverflow JVMs")
  boolean cluster;

  private boolean launched;

  /** The command line of the jar: this command, its subcommands, and one-sentence errors. */
  public static CommandLine commandLine(ServiceCommand service) {
    return new CommandLine(service)
        .setExecutionExceptionHandler((failure, line, parsed) -> {
          line.getErr().println(failure.getMessage() == null ? failure.toString() : failure.getMessage());
          return 1;
        });
  }

  /** The options as given, for the launcher and for tests. */
  public ServiceOptions options() {
    return new ServiceOptions(roles, configFile, cluster);
  }

  @Override
  public Integer call() {
    launched = true;
    ServiceLauncher.launch(options());
    return 0;
  }

  /** Whether the service was started (then the JVM lives on until it is stopped). */
  public boolean launched() {
    return launched;
  }

  static final class RolesConverter implements CommandLine.ITypeConverter<Set<Role>> {
    @Override
    public Set<Role> convert(String value) {
      try {
        return Role.parseList(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
