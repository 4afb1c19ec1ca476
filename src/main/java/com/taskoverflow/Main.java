package com.taskoverflow;

import com.taskoverflow.config.AppConfig;
import com.taskoverflow.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts one TaskOverflow JVM with the roles its configuration and command line ask for. */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    CommandLine commandLine;
    try {
      commandLine = CommandLine.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(CommandLine.USAGE);
      System.exit(2);
      return;
    }
    if (commandLine.cluster()) {
      System.err.println("-cluster is not supported by this build yet; run without it (all roles in one JVM)");
      System.exit(2);
    }
    Vertx vertx = Vertx.vertx();
    ConfigLoader.load(vertx, commandLine.configFile())
        .map(AppConfig::from)
        .map(config -> commandLine.roles() == null ? config : config.withRoles(commandLine.roles()))
        .compose(config -> TaskOverflow.deploy(vertx, config).map(config))
        .onSuccess(config -> {
          LOG.info("TaskOverflow started: roles {}{}", config.roles(),
              config.runs(com.taskoverflow.config.Role.HTTP) ? ", HTTP on port " + config.http().port() : "");
          Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(vertx), "taskoverflow-shutdown"));
        })
        .onFailure(failure -> {
          LOG.error("TaskOverflow could not start: {}", failure.getMessage(), failure);
          vertx.close().onComplete(closed -> System.exit(1));
        });
  }

  /** Undeploys everything (closing servers, pools and queue connections) before the JVM exits. */
  private static void stop(Vertx vertx) {
    LOG.info("Shutting down");
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Shutdown did not complete cleanly: {}", e.toString());
    }
  }
}
