package com.taskoverflow.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import redis.embedded.RedisServer;

/**
 * A Redis of the test's own on a free loopback port (the redis-server that embedded-redis ships,
 * so the machine needs none installed), with an append-only file synced on every write, so that
 * a restart keeps its data (a flush is the way to lose it). Never the machine's shared server.
 */
public final class PrivateRedis implements AutoCloseable {

  public final int port = TestServices.freePort();
  private final String host;
  private final Path dir;
  private RedisServer server;

  public PrivateRedis() throws IOException {
    this("127.0.0.1");
  }

  /** One that listens on {@code host}: this machine's address on a network of test hosts. */
  public PrivateRedis(String host) throws IOException {
    this.host = host;
    dir = Files.createTempDirectory("taskoverflow-redis-");
  }

  public String url() {
    return "redis://" + host + ":" + port + "/0";
  }

  public PrivateRedis start() throws Exception {
    server = RedisServer.newRedisServer().port(port).bind(host)
        .setting("dir " + dir)
        .setting("appendonly yes")
        .setting("appendfsync always")
        .setting("save \"\"")
        .build();
    server.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!"PONG".equals(cli("PING"))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("private Redis did not start on port " + port);
      }
      Jobs.sleep(50);
    }
    return this;
  }

  /** Stops the server; its data is on disk and comes back with {@link #start()}. */
  public void stop() throws Exception {
    server.stop();
  }

  public String cli(String... command) {
    try {
      return Resp.command(url(), command);
    } catch (IOException e) {
      return "unreachable: " + e.getMessage();
    }
  }

  @Override
  public void close() throws Exception {
    if (server != null && server.isActive()) {
      server.stop();
    }
  }
}
