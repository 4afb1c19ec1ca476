package com.taskoverflow.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import redis.embedded.RedisServer;

/**
 * Embedded PostgreSQL and Redis for a test JVM on a machine that has neither running (a fresh
 * machine with only a JDK and Maven). They stop when the JVM exits.
 */
final class EmbeddedForTests {

  private EmbeddedForTests() {
  }

  static String postgres() {
    try {
      int port = TestServices.freePort();
      EmbeddedPostgres.builder().setPort(port).setServerConfig("listen_addresses", "127.0.0.1").start();
      System.out.println("No PostgreSQL at 127.0.0.1:5432: the tests use an embedded one on port " + port);
      return "postgresql://postgres@127.0.0.1:" + port;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String redis() {
    try {
      int port = TestServices.freePort();
      RedisServer server = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
          .setting("save \"\"").setting("appendonly no").build();
      server.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.stop();
        } catch (IOException ignored) {
          // the JVM is exiting
        }
      }));
      System.out.println("No Redis at 127.0.0.1:6379: the tests use an embedded one on port " + port);
      return "redis://127.0.0.1:" + port + "/0";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
