package com.taskoverflow.http;

import com.taskoverflow.cluster.Membership;
import com.taskoverflow.monitor.ClusterFigures;
import com.taskoverflow.monitor.NodeReporter;
import com.taskoverflow.config.HttpRoleConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import java.util.concurrent.atomic.AtomicInteger;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The http role: the REST API's servers (one instance per event loop, as configured), and what
 * they share, fed by the job events for as long as the role runs: the finished-job status cache
 * and the watchers of the job event streams.
 */
public class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
  private final HttpRoleConfig config;
  private final Membership membership;
  private final List<MessageConsumer<JsonObject>> events = new ArrayList<>();
  private String servers;

  /** How often clients that stopped submitting are forgotten by the submission rate limit. */
  private static final long FORGET_IDLE_CLIENTS_MS = 10_000;
  private long forgetTimer = -1;
  /** The cluster's figures are summed up once a second, for the dashboards. */
  private long figuresTimer = -1;

  public HttpVerticle(HttpRoleConfig config, Membership membership) {
    this.config = config;
    this.membership = membership;
  }

  @Override
  public Future<?> start() {
    if (!config.http().loopbackOnly() && !config.http().hasAdminToken()) {
      LOG.warn("HTTP listens on {} (beyond loopback) without an admin token: the admin calls answer 403 to callers"
          + " beyond this host. Set TASKOVERFLOW_ADMIN_TOKEN to use them from elsewhere", config.http().host());
    }
    JobStatusCache cache = new JobStatusCache(config.http().statusCacheSize(), config.jobs());
    JobWatchers watchers = new JobWatchers(config.http().maxEventStreams());
    AtomicInteger connections = new AtomicInteger();
    SubmitRate submitRate = new SubmitRate(config.http().submitRate());
    forgetTimer = vertx.setPeriodic(FORGET_IDLE_CLIENTS_MS, t -> submitRate.forgetIdle());
    BearerTokens tokens = config.auth().signIn() ? BearerTokens.discover(vertx, config.auth()) : null;
    events.addAll(cache.listen(vertx.eventBus()));
    events.addAll(watchers.listen(vertx.eventBus()));
    ClusterFigures figures = new ClusterFigures();
    events.add(figures.listen(vertx.eventBus()));
    figuresTimer = vertx.setPeriodic(NodeReporter.EVERY_MS, t -> figures.tick(System.currentTimeMillis()));
    DashboardStream dashboard = new DashboardStream(figures, watchers.recent());
    return Future.all(events.stream().map(MessageConsumer::completion).toList())
        .compose(listening -> vertx.deployVerticle(() -> new ApiServerVerticle(config, cache, watchers, submitRate, membership, connections,
            tokens, dashboard),
            new DeploymentOptions().setInstances(config.http().instances())))
        .onSuccess(id -> servers = id);
  }

  /** The servers stop first (finishing the requests in flight), then the cache stops listening. */
  @Override
  public Future<?> stop() {
    vertx.cancelTimer(forgetTimer);
    vertx.cancelTimer(figuresTimer);
    Future<Void> serversStopped = servers == null ? Future.succeededFuture() : vertx.undeploy(servers);
    return serversStopped.transform(stopped -> Future.join(events.stream().map(MessageConsumer::unregister).toList()));
  }
}
