package com.taskoverflow;

import com.taskoverflow.cluster.ClusterSetup;
import com.taskoverflow.cluster.Membership;
import com.taskoverflow.config.AppConfig;
import com.taskoverflow.config.ConfigLoader;
import com.taskoverflow.config.Role;
import com.taskoverflow.embedded.EmbeddedServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import com.taskoverflow.metrics.ServiceMetrics;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Starts the service in this JVM with the roles its configuration and command line ask for, and
 * stops it in order on SIGTERM/SIGINT. Exits the JVM when it cannot start.
 */
public final class ServiceLauncher {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceLauncher.class);
  private static final long STOP_LIMIT_SECONDS = 60;

  private ServiceLauncher() {
  }

  public static void launch(ServiceOptions commandLine) {
    AppConfig configured;
    try {
      configured = loadConfig(commandLine);
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      LOG.error("Bad configuration: {}", cause.getMessage());
      System.exit(2);
      return;
    }
    EmbeddedServers.Resolved resolved;
    try {
      resolved = EmbeddedServers.resolve(configured);
    } catch (Exception e) {
      LOG.error(e.getMessage());
      System.exit(1);
      return;
    }
    AppConfig config = resolved.config();
    EmbeddedServers servers = resolved.servers();
    startVertx(config)
        .compose(node -> TaskOverflow.deploy(node.vertx(), node.membership(), config)
            .onSuccess(app -> started(config, node.vertx(), app, servers))
            .onFailure(failure -> node.vertx().close()))
        .onFailure(failure -> {
          LOG.error("TaskOverflow could not start: {}", failure.getMessage(), failure);
          servers.close();
          System.exit(1);
        });
  }

  /** The configuration is read with a short-lived Vert.x: the real one may need it to cluster. */
  private static AppConfig loadConfig(ServiceOptions commandLine) throws Exception {
    Vertx bootstrap = Vertx.vertx();
    try {
      AppConfig config = AppConfig.from(ConfigLoader.load(bootstrap, commandLine.configFile())
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
      config = commandLine.roles() == null ? config : config.withRoles(commandLine.roles());
      return commandLine.cluster() ? config.clustered() : config;
    } finally {
      bootstrap.close();
    }
  }

  private static Future<ClusterSetup.Member> startVertx(AppConfig config) {
    ServiceMetrics metrics = ServiceMetrics.create();
    return config.cluster().enabled()
        ? ClusterSetup.start(config.cluster(), config.vertxOptions(), metrics)
        : Future.succeededFuture(new ClusterSetup.Member(
            metrics.attach(metrics.configure(Vertx.builder(), config.vertxOptions()).build()), Membership.NONE));
  }

  private static void started(AppConfig config, Vertx vertx, TaskOverflow app, EmbeddedServers servers) {
    LOG.info("TaskOverflow started: roles {}{}{}", config.roles(),
        config.runs(Role.HTTP) ? ", HTTP on port " + config.http().port() : "",
        config.cluster().enabled() ? ", in cluster '" + config.cluster().name() + "' on " + config.cluster().host() : "");
    AtomicBoolean stopping = new AtomicBoolean();
    Runnable stop = () -> {
      if (stopping.compareAndSet(false, true)) {
        stop(vertx, app);
        servers.close(); // after the roles: they may still be finishing work on them
      }
    };
    // SIGTERM/SIGINT: stop in order, then exit 0. Any other exit still runs the same stop.
    for (String signal : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(signal), received -> new Thread(() -> {
        stop.run();
        System.exit(0);
      }, "taskoverflow-stop").start());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "taskoverflow-shutdown"));
  }

  private static void stop(Vertx vertx, TaskOverflow app) {
    LOG.info("Stopping: HTTP first, then workers finish or hand back their jobs, then the store");
    try {
      app.stop().eventually(vertx::close)
          .toCompletionStage().toCompletableFuture().get(STOP_LIMIT_SECONDS, TimeUnit.SECONDS);
      LOG.info("Stopped");
    } catch (Exception e) {
      LOG.warn("Stop did not complete cleanly: {}", e.toString());
    }
  }
}
