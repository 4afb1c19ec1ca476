package com.taskoverflow;

import static org.junit.jupiter.api.Assertions.*;

import com.taskoverflow.config.Role;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void defaultsLeaveEverythingToTheConfiguration() {
    CommandLine line = CommandLine.parse(new String[0]);
    assertNull(line.roles());
    assertNull(line.configFile());
    assertFalse(line.cluster());
  }

  @Test
  void rolesConfigAndClusterInEitherSpelling() {
    CommandLine line = CommandLine.parse(new String[] {"-cluster", "--roles", "worker", "--config=conf/worker.yaml"});
    assertTrue(line.cluster());
    assertEquals(EnumSet.of(Role.WORKER), line.roles());
    assertEquals("conf/worker.yaml", line.configFile());
    assertEquals(EnumSet.of(Role.HTTP, Role.STORE), CommandLine.parse(new String[] {"--roles=http,store"}).roles());
  }

  @Test
  void mistakesAreExplained() {
    assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--roles"}));
    assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--roles", "chef"}));
    assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--frobnicate"}));
    assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--roles", ","}));
  }
}
