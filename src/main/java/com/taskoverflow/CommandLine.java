package com.taskoverflow;

import com.taskoverflow.config.Role;
import java.util.Set;

/** What the command line may override: the roles, the config file, clustering. */
record CommandLine(Set<Role> roles, String configFile, boolean cluster) {

  static final String USAGE = """
      usage: java -jar taskoverflow.jar [-cluster] [--roles http,store,worker] [--config FILE]
        --roles    roles this JVM runs (default: from the configuration, all three)
        --config   configuration file (default: conf/config.yaml, or $TASKOVERFLOW_CONFIG)
        -cluster   join the cluster of TaskOverflow JVMs""";

  static CommandLine parse(String[] args) {
    Set<Role> roles = null;
    String configFile = null;
    boolean cluster = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
      String name = inline == null ? arg : arg.substring(0, arg.indexOf('='));
      switch (name) {
        case "-cluster", "--cluster" -> cluster = true;
        case "--roles", "-roles" -> roles = Role.parseList(inline != null ? inline : value(args, ++i, name));
        case "--config", "-conf", "--conf" -> configFile = inline != null ? inline : value(args, ++i, name);
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    return new CommandLine(roles, configFile, cluster);
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }
}
