package com.taskoverflow;

import com.taskoverflow.cluster.Membership;
import com.taskoverflow.monitor.NodeReporter;
import com.taskoverflow.config.AppConfig;
import com.taskoverflow.config.Role;
import com.taskoverflow.http.HttpVerticle;
import com.taskoverflow.store.MaintenanceVerticle;
import com.taskoverflow.store.StoreVerticle;
import com.taskoverflow.worker.CalendarWorkerVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/** The roles of one JVM, deployed into a Vert.x instance, and their orderly stop. */
public final class TaskOverflow {

  private final Vertx vertx;
  private final Membership membership;
  private final List<String> deployments = new ArrayList<>();

  private TaskOverflow(Vertx vertx, Membership membership) {
    this.vertx = vertx;
    this.membership = membership;
  }

  /** The configured roles in a Vert.x instance that is a member of a cluster, or runs alone. */
  public static Future<TaskOverflow> deploy(Vertx vertx, Membership membership, AppConfig config) {
    TaskOverflow app = new TaskOverflow(vertx, membership);
    return app.add(config).map(app);
  }

  public static Future<TaskOverflow> deploy(Vertx vertx, AppConfig config) {
    return deploy(vertx, Membership.NONE, config);
  }

  /**
   * Deploys the configured roles. The store comes first (the others need it to do anything) and
   * HTTP last, so the API never answers before the roles behind it exist.
   */
  public Future<Void> add(AppConfig config) {
    // First, so that it stops last: its last report says the JVM is leaving.
    Future<?> deployed = track(vertx.deployVerticle(new NodeReporter(config.roles(),
        config.cluster().enabled() ? config.cluster().host() : null)));
    if (config.runs(Role.STORE)) {
      deployed = deployed
          .compose(ready -> track(vertx.deployVerticle(new StoreVerticle(config.storeRole()))))
          .compose(ready -> track(vertx.deployVerticle(new MaintenanceVerticle(config.storeRole()))));
    }
    if (config.runs(Role.WORKER)) {
      deployed = deployed.compose(ready ->
          track(vertx.deployVerticle(new CalendarWorkerVerticle(config.workerRole()))));
    }
    if (config.runs(Role.HTTP)) {
      deployed = deployed.compose(ready ->
          track(vertx.deployVerticle(new HttpVerticle(config.httpRole(), membership))));
    }
    return deployed.mapEmpty();
  }

  private Future<String> track(Future<String> deployment) {
    return deployment.onSuccess(deployments::add);
  }

  /**
   * Undeploys in the reverse order: HTTP stops taking requests, workers finish or hand back their
   * jobs (still able to record outcomes), and the store goes last.
   */
  public Future<Void> stop() {
    Future<Void> stopped = Future.succeededFuture();
    for (int i = deployments.size() - 1; i >= 0; i--) {
      String id = deployments.get(i);
      stopped = stopped.compose(done -> vertx.undeploy(id));
    }
    return stopped.onComplete(done -> deployments.clear());
  }
}
