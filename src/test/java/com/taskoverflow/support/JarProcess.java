package com.taskoverflow.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shaded jar running in a JVM of its own, as an operator would start it. Its output goes to
 * {@code target/it-logs}. Always {@link #kill()} it in teardown.
 */
public final class JarProcess implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final Path fileCache;

  private JarProcess(Process process, Path log, Path fileCache) {
    this.process = process;
    this.log = log;
    this.fileCache = fileCache;
  }

  /** Starts {@code java -jar taskoverflow.jar ARGS} with extra environment variables. */
  public static JarProcess start(String name, Map<String, String> environment, String... args) throws IOException {
    return start(List.of(), name, environment, args);
  }

  /** The same, run by {@code launcher} (e.g. {@code ip netns exec HOST}, which becomes the JVM). */
  public static JarProcess start(List<String> launcher, String name, Map<String, String> environment, String... args)
      throws IOException {
    String jar = System.getProperty("taskoverflow.jar", "target/taskoverflow.jar");
    if (!new File(jar).isFile()) {
      throw new IllegalStateException(jar + " is missing: integration tests run after `mvn package`");
    }
    Path logs = Files.createDirectories(Path.of("target", "it-logs"));
    String run = name + "-" + System.currentTimeMillis();
    Path log = logs.resolve(run + ".log");
    // Vert.x's file cache beside the log, not in /tmp, where a killed JVM would leave it
    Path fileCache = logs.resolve("vertx-cache-" + run);
    List<String> command = new ArrayList<>(launcher);
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-Dvertx.cacheDirBase=" + fileCache.toAbsolutePath(), "-jar", jar));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // the test says all there is to say about TaskOverflow and AWS settings
    builder.environment().keySet().removeIf(key -> key.startsWith("TASKOVERFLOW_") || key.startsWith("AWS_"));
    builder.environment().putAll(environment);
    return new JarProcess(builder.start(), log, fileCache);
  }

  /** Waits until the log shows the line, failing with the log when the process dies or time runs out. */
  public void awaitLog(String text, Duration limit) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (output().contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("process exited (" + process.exitValue() + ") before '" + text + "':\n" + output());
      }
      Jobs.sleep(100);
    }
    throw new IllegalStateException("no '" + text + "' within " + limit + ":\n" + output());
  }

  public void awaitStarted() throws IOException {
    awaitLog("TaskOverflow started", Duration.ofSeconds(60));
  }

  public String output() throws IOException {
    return Files.readString(log);
  }

  /** How many files and folders the JVM's Vert.x file cache holds now. */
  public long fileCacheEntries() throws IOException {
    try (var cacheDirs = Files.list(fileCache.getParent())) {
      long entries = 0;
      for (Path dir : cacheDirs.filter(path -> path.getFileName().toString().startsWith(fileCache.getFileName().toString())).toList()) {
        try (var walk = Files.walk(dir)) {
          entries += walk.count();
        }
      }
      return entries;
    }
  }

  public long pid() {
    return process.pid();
  }

  /** Waits for the process to exit by itself; answers the exit code. */
  public int awaitExit(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("still running after " + limit);
    }
    return process.exitValue();
  }

  /** SIGTERM, then waits for the exit; answers the exit code. */
  public int terminate(Duration limit) throws InterruptedException {
    process.destroy();
    return awaitExit(limit);
  }

  /** SIGKILL: no shutdown hook, no goodbye, as in a crash. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
