package com.taskoverflow;

import com.taskoverflow.config.AppConfig;
import com.taskoverflow.config.Role;
import com.taskoverflow.http.HttpVerticle;
import com.taskoverflow.http.JobStatusCache;
import com.taskoverflow.store.StoreVerticle;
import com.taskoverflow.worker.CalendarWorkerVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/** Deploys the verticles of the configured roles into a Vert.x instance. */
public final class TaskOverflow {

  private TaskOverflow() {
  }

  /**
   * The store comes first: the HTTP role would only answer 503 without it, and the worker needs
   * it to record outcomes.
   */
  public static Future<Void> deploy(Vertx vertx, AppConfig config) {
    Future<?> deployed = Future.succeededFuture();
    if (config.runs(Role.STORE)) {
      deployed = deployed.compose(ready -> vertx.deployVerticle(new StoreVerticle(config)));
    }
    if (config.runs(Role.WORKER)) {
      deployed = deployed.compose(ready -> vertx.deployVerticle(new CalendarWorkerVerticle(config)));
    }
    if (config.runs(Role.HTTP)) {
      JobStatusCache cache = new JobStatusCache(config.http().statusCacheSize());
      deployed = deployed
          .compose(ready -> cache.listen(vertx))
          .compose(ready -> vertx.deployVerticle(
              () -> new HttpVerticle(config.http(), config.requestTimeoutMs(), cache),
              new DeploymentOptions().setInstances(config.http().instances())));
    }
    return deployed.mapEmpty();
  }
}
