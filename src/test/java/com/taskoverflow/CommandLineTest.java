package com.taskoverflow;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.cli.ServiceCommand;
import com.taskoverflow.config.Role;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class CommandLineTest {

  private static ServiceOptions parse(String... args) {
    ServiceCommand service = new ServiceCommand();
    ServiceCommand.commandLine(service).parseArgs(args);
    return service.options();
  }

  @Test
  void defaultsLeaveEverythingToTheConfiguration() {
    ServiceOptions line = parse();
    assertNull(line.roles());
    assertNull(line.configFile());
    assertFalse(line.cluster());
  }

  @Test
  void rolesConfigAndClusterInEitherSpelling() {
    ServiceOptions line = parse("-cluster", "--roles", "worker", "--config=conf/worker.yaml");
    assertTrue(line.cluster());
    assertEquals(EnumSet.of(Role.WORKER), line.roles());
    assertEquals("conf/worker.yaml", line.configFile());
    assertEquals(EnumSet.of(Role.HTTP, Role.STORE), parse("--roles=http,store").roles());
    assertTrue(parse("--cluster", "-conf", "x.yaml").cluster());
  }

  @Test
  void mistakesAreExplained() {
    assertThrows(ParameterException.class, () -> parse("--roles"));
    assertThrows(ParameterException.class, () -> parse("--roles", "chef"));
    assertThrows(ParameterException.class, () -> parse("--frobnicate"));
    assertThrows(ParameterException.class, () -> parse("--roles", ","));
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] args : new String[][] {{"--help"}, {"queue", "--help"}, {"sqs-local", "--help"}}) {
      ServiceCommand service = new ServiceCommand();
      CommandLine line = ServiceCommand.commandLine(service);
      StringWriter out = new StringWriter();
      line.setOut(new PrintWriter(out));
      assertEquals(0, line.execute(args), String.join(" ", args));
      assertFalse(service.launched(), "help starts nothing");
      assertTrue(out.toString().contains("Usage:"), out::toString);
    }
  }

  @Test
  void aLocalSqsOnAnAddressOfAnotherMachineIsAUsageError() {
    CommandLine line = ServiceCommand.commandLine(new ServiceCommand());
    StringWriter err = new StringWriter();
    line.setErr(new PrintWriter(err));
    // 192.0.2.1: kept for documentation (RFC 5737), on no machine's interfaces
    assertEquals(2, line.execute("sqs-local", "--host", "192.0.2.1", "--port", "1"));
    assertTrue(err.toString().startsWith("--host 192.0.2.1 is not an address of this machine"), err::toString);
    assertFalse(err.toString().contains("Exception"), err::toString);
  }

  @Test
  void aQueueCommandWithoutItsOptionsIsAUsageError() {
    CommandLine line = ServiceCommand.commandLine(new ServiceCommand());
    StringWriter err = new StringWriter();
    line.setErr(new PrintWriter(err));
    assertEquals(2, line.execute("queue", "--name", "q"));
    assertTrue(err.toString().contains("--client-name"), err::toString);
  }
}
