package com.taskoverflow.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A PostgreSQL cluster of the test's own (initdb + pg_ctl) on a free loopback port, so a test can
 * stop and start it without touching the machine's server. PostgreSQL refuses to run as root, so
 * as root it runs as the {@code postgres} user.
 */
public final class PrivatePostgres implements AutoCloseable {

  public final int port = TestServices.freePort();
  private final Path dir;
  private final Path data;
  private final String bin;

  public PrivatePostgres() throws Exception {
    bin = findBin();
    dir = Files.createTempDirectory("taskoverflow-pg-");
    data = dir.resolve("data");
    if (isRoot()) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    }
    run("initdb", "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8");
  }

  public String url(String database) {
    return "postgresql://postgres@127.0.0.1:" + port + "/" + database;
  }

  public PrivatePostgres start() throws Exception {
    run("pg_ctl", "-D", data.toString(), "-l", dir.resolve("postgres.log").toString(), "-w", "-t", "30",
        "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dir, "start");
    return this;
  }

  /** A fast shutdown: connections are cut, as when the server goes down under load. */
  public void stop() throws Exception {
    run("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", "30", "stop");
  }

  private void run(String tool, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    if (isRoot()) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin + "/" + tool);
    command.addAll(Arrays.asList(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static String findBin() {
    File[] versions = new File("/usr/lib/postgresql").listFiles();
    if (versions == null || versions.length == 0) {
      throw new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql (install postgresql)");
    }
    return Arrays.stream(versions).max(Comparator.comparing(File::getName)).orElseThrow() + "/bin";
  }

  @Override
  public void close() throws Exception {
    try {
      stop();
    } catch (IllegalStateException alreadyStopped) {
      // nothing to stop
    }
    if (isRoot()) {
      new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
    } else {
      try (var paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException ignored) {
        // temporary files; the OS cleans up
      }
    }
  }
}
