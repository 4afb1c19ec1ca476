package com.taskoverflow.embedded;

import com.taskoverflow.config.AppConfig;
import com.taskoverflow.config.PostgresConfig;
import com.taskoverflow.config.RedisConfig;
import com.taskoverflow.config.Role;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * Zero set-up: when no PostgreSQL or Redis is configured and nothing answers at the default
 * address, a JVM running the store role starts real embedded servers on the default ports, so a
 * worker JVM on the same host finds them there. A configured server is always used as it is,
 * reachable or not; with {@code embedded.enabled=false} nothing is ever started.
 *
 * <p>Blocking: runs on the main thread before Vert.x starts.
 */
public final class EmbeddedServers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServers.class);
  private static final int PROBE_TIMEOUT_MS = 500;

  private EmbeddedPostgres postgres;
  private RedisServer redis;

  private EmbeddedServers() {
  }

  /** The servers this JVM had to start (perhaps none), and the configuration pointing at what it uses. */
  public record Resolved(AppConfig config, EmbeddedServers servers) {
  }

  public static Resolved resolve(AppConfig config) throws IOException {
    EmbeddedServers servers = new EmbeddedServers();
    boolean mayStart = config.embedded().enabled() && config.runs(Role.STORE);
    try {
      PostgresConfig postgres = config.postgres();
      if (!postgres.configured() && mayStart && !answers(postgres.connectOptions().getHost(), postgres.connectOptions().getPort())) {
        servers.startPostgres(postgres);
      }
      RedisConfig redis = config.redis();
      URI redisAddress = RedisConfig.address(redis.effectiveUrl());
      // with SQS as the broker nothing needs Redis
      if (config.queue().usesRedis() && !redis.configured() && mayStart
          && !answers(redisAddress.getHost(), port(redisAddress))) {
        servers.startRedis(redisAddress);
      }
      return new Resolved(config.withServers(postgres.withUrl(postgres.effectiveUrl()), redis.withUrl(redis.effectiveUrl())),
          servers);
    } catch (IOException | RuntimeException e) {
      servers.close();
      throw e;
    }
  }

  private void startPostgres(PostgresConfig config) throws IOException {
    int port = config.connectOptions().getPort();
    Path data = Path.of(config.embeddedDataDir()).toAbsolutePath().normalize();
    Files.createDirectories(data.getParent());
    long started = System.nanoTime();
    try {
      postgres = EmbeddedPostgres.builder()
          .setPort(port)
          .setDataDirectory(data)
          .setCleanDataDirectory(false) // the data survives restarts
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setRegisterShutdownHook(false) // stopped by us, after the roles
          .start();
    } catch (IOException | RuntimeException e) {
      if ("root".equals(System.getProperty("user.name"))) {
        throw new IllegalStateException("The embedded PostgreSQL could not start as root (" + e.getMessage()
            + "): run TaskOverflow as a normal user, or set TASKOVERFLOW_PG_URL to a PostgreSQL server.", e);
      }
      throw new IllegalStateException("The embedded PostgreSQL could not start (" + e.getMessage()
          + "): set TASKOVERFLOW_PG_URL to a PostgreSQL server.", e);
    }
    LOG.info("No PostgreSQL configured and none at 127.0.0.1:{}: started an embedded PostgreSQL there in {} ms,"
        + " data in {} (set TASKOVERFLOW_PG_URL to use a real server, TASKOVERFLOW_EMBEDDED=false to never embed)",
        port, millisSince(started), data);
  }

  private void startRedis(URI address) throws IOException {
    int port = port(address);
    long started = System.nanoTime();
    redis = RedisServer.newRedisServer()
        .port(port)
        .bind("127.0.0.1")
        .setting("save \"\"") // PostgreSQL is the source of truth: unfinished jobs are queued again at start
        .setting("appendonly no")
        .build();
    redis.start();
    LOG.info("No Redis configured and none at 127.0.0.1:{}: started an embedded Redis there in {} ms, keeping"
        + " nothing on disk (set TASKOVERFLOW_REDIS_URL to use a real server, TASKOVERFLOW_EMBEDDED=false to never embed)",
        port, millisSince(started));
  }

  /** Whether something accepts connections at the address. */
  static boolean answers(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int port(URI redis) {
    return redis.getPort() > 0 ? redis.getPort() : 6379;
  }

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  /** Stops what was started, Redis first; after the roles have stopped. */
  @Override
  public void close() {
    if (redis != null) {
      try {
        redis.stop();
      } catch (IOException e) {
        LOG.warn("Embedded Redis did not stop cleanly: {}", e.getMessage());
      }
      redis = null;
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
      }
      postgres = null;
    }
  }
}
