package com.taskoverflow.monitor;

import com.taskoverflow.bus.Addresses;
import com.taskoverflow.bus.NodeReport;
import com.taskoverflow.common.HostName;
import com.taskoverflow.config.Role;
import com.taskoverflow.metrics.NodeFigures;
import com.taskoverflow.metrics.ServiceMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Every JVM, whatever its roles: publishes its {@link NodeReport} once a second, and a last one
 * marked leaving as it stops (deployed first, it stops last). One small message a second per JVM,
 * whether or not anyone watches: that is the whole cost.
 */
public class NodeReporter extends VerticleBase {

  public static final long EVERY_MS = 1_000;

  private final List<String> roles;
  /** The address the JVM is known by in its cluster; null when it runs alone (the host's name then). */
  private final String clusterHost;
  private final long startedAt = System.currentTimeMillis();
  private final long pid = ProcessHandle.current().pid();
  private String node;
  private String host;
  private NodeFigures figures;
  private long timer = -1;

  public NodeReporter(Set<Role> roles, String clusterHost) {
    this.roles = roles.stream().map(role -> role.name().toLowerCase(Locale.ROOT)).sorted().toList();
    this.clusterHost = clusterHost;
  }

  @Override
  public Future<?> start() {
    figures = new NodeFigures(ServiceMetrics.registry(vertx));
    // The host name may need a DNS lookup: resolved on a worker thread.
    return vertx.executeBlocking(HostName::lookUp, false).onSuccess(name -> {
      host = clusterHost == null ? name : name + " (" + clusterHost + ")";
      node = name + "-" + pid + "-" + UUID.randomUUID().toString().substring(0, 4);
      timer = vertx.setPeriodic(0, EVERY_MS, tick -> publish(false));
    });
  }

  private void publish(boolean leaving) {
    NodeReport report = new NodeReport(node, host, pid, roles, startedAt, System.currentTimeMillis(), leaving,
        figures.workers(), figures.outcomes(), figures.runBuckets(), roles.contains("store") ? figures.queue() : Map.of());
    vertx.eventBus().publish(Addresses.NODE_REPORTS, report.toJson());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    if (node != null) {
      publish(true);
    }
    return Future.succeededFuture();
  }
}
