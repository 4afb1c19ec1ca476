package com.taskoverflow.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A redis-server of the test's own on a free loopback port, with an append-only file so that a
 * restart keeps its data (a flush is the way to lose it). Never the machine's shared server.
 */
public final class PrivateRedis implements AutoCloseable {

  public final int port = TestServices.freePort();
  private final Path dir;
  private Process process;

  public PrivateRedis() throws IOException {
    dir = Files.createTempDirectory("taskoverflow-redis-");
  }

  public String url() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  public PrivateRedis start() throws Exception {
    process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "always", "--save", "")
        .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    await("PONG", Duration.ofSeconds(10));
    return this;
  }

  /** A clean shutdown: the data is on disk and comes back with {@link #start()}. */
  public void stop() throws Exception {
    cli("SHUTDOWN");
    process.waitFor();
  }

  public String cli(String... command) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
    args.addAll(List.of(command));
    Process cli = new ProcessBuilder(args).redirectErrorStream(true).start();
    String out = new String(cli.getInputStream().readAllBytes()).trim();
    cli.waitFor();
    return out;
  }

  private void await(String answer, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!answer.equals(cli("PING"))) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IllegalStateException("private redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
      }
      Jobs.sleep(50);
    }
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
  }
}
