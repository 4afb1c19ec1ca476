package com.taskoverflow.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose files, checked as far as a machine without a container engine allows: every
 * TASKOVERFLOW_* setting they make is one the service reads, every service that runs the jar
 * names roles that exist, only the API publishes a port (on the host's loopback), images are
 * pinned, and, where Debian's docker-compose is installed (.ci/run installs it), it accepts them.
 */
class DeploymentFilesTest {

  private static final Path BASE = Path.of("docker", "compose.yaml");
  private static final Path SQS = Path.of("docker", "compose.sqs.yaml");

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services(Path file) throws Exception {
    Map<String, Object> compose = new Yaml().load(Files.readString(file));
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(Map<String, Object> service) {
    Object environment = service.get("environment");
    return environment == null ? Map.of() : (Map<String, Object>) environment;
  }

  private static boolean runsTheJar(Map<String, Object> service) {
    return String.valueOf(service.get("image")).startsWith("taskoverflow:");
  }

  @Test
  void everySettingTheyMakeIsOneTheServiceReads() throws Exception {
    Set<String> read = new HashSet<>(ConfigLoader.ENVIRONMENT.keySet());
    read.add(ConfigLoader.CONFIG_FILE_VARIABLE);
    read.add(ConfigLoader.LOG_FORMAT_VARIABLE);
    List<String> set = new ArrayList<>();
    for (Path file : List.of(BASE, SQS)) {
      services(file).values().forEach(service -> environment(service).keySet().stream()
          .filter(name -> name.startsWith("TASKOVERFLOW_")).forEach(set::add));
    }
    assertFalse(set.isEmpty());
    set.forEach(name -> assertTrue(read.contains(name), name + " is set in a compose file but read by nothing"));
  }

  @Test
  void theJarRunsWithRolesThatExistAndOnlyTheApiPublishesAPort() throws Exception {
    Map<String, Map<String, Object>> services = services(BASE);
    Map<String, Set<Role>> roles = new java.util.TreeMap<>();
    services.forEach((name, service) -> {
      if (runsTheJar(service)) {
        roles.put(name, Role.parseList(String.valueOf(environment(service).get("TASKOVERFLOW_ROLES"))));
      }
    });
    assertEquals(Map.of("api", Set.of(Role.HTTP, Role.STORE), "worker", Set.of(Role.WORKER)), roles);
    assertNull(services.get("worker").get("ports"), "a worker publishes no port (so it can be scaled)");
    @SuppressWarnings("unchecked")
    List<String> published = (List<String>) services.get("api").get("ports");
    assertEquals(List.of("127.0.0.1:6400:6400"), published, "the API on the host's loopback only");
  }

  @Test
  void everyImageIsPinnedToAVersion() throws Exception {
    for (Path file : List.of(BASE, SQS)) {
      services(file).forEach((name, service) -> {
        Object image = service.get("image");
        if (image != null) {
          assertTrue(String.valueOf(image).matches("[^:]+:[0-9][\\w.-]*"), file + ": " + name + " image " + image);
        }
      });
    }
    for (String line : Files.readAllLines(Path.of("docker", "Dockerfile"))) {
      if (line.startsWith("FROM ")) {
        assertTrue(line.split("\\s+")[1].matches("[^:]+:[0-9][\\w.-]*"), line);
      }
    }
  }

  @Test
  void dockerComposeAcceptsBothShapesWhereItIsInstalled() throws Exception {
    Path composer = Path.of("/usr/bin/docker-compose");
    if (!Files.isExecutable(composer)) {
      assertNotEquals("true", System.getenv("CI"), "CI runs this check: .ci/run installs docker-compose");
      return; // a developer's machine without it: the checks above still ran
    }
    for (List<Path> files : List.of(List.of(BASE), List.of(BASE, SQS))) {
      List<String> command = new ArrayList<>(List.of(composer.toString()));
      files.forEach(file -> command.addAll(List.of("-f", file.toString())));
      command.addAll(List.of("config", "-q"));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "docker-compose config took over a minute");
      String output = new String(process.getInputStream().readAllBytes());
      assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
    }
  }
}
