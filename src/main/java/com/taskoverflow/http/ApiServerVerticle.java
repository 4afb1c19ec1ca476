package com.taskoverflow.http;

import com.taskoverflow.bus.JobStore;
import com.taskoverflow.bus.StoreHealth;
import com.taskoverflow.bus.TodoStore;
import com.taskoverflow.cluster.Membership;
import com.taskoverflow.config.HttpConfig;
import com.taskoverflow.config.HttpRoleConfig;
import com.taskoverflow.metrics.ServiceMetrics;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One instance of the REST API's server. It reaches the other roles only through their services. */
final class ApiServerVerticle extends VerticleBase {

  static final String API = "/api/v1";
  static final long BODY_LIMIT = 1024 * 1024;
  private static final long SHUTDOWN_GRACE_SECONDS = 15;
  private static final Pattern FORM_TYPES =
      Pattern.compile("\\s*(application/x-www-form-urlencoded|multipart/)", Pattern.CASE_INSENSITIVE);
  private static final Logger LOG = LoggerFactory.getLogger(ApiServerVerticle.class);

  private final HttpConfig config;
  private final long requestTimeoutMs;
  private final JobStatusCache cache;
  private final JobWatchers watchers;
  private final Membership membership;
  private JobEventRoute events;
  private HttpServer server;
  private volatile boolean stopping;

  ApiServerVerticle(HttpRoleConfig config, JobStatusCache cache, JobWatchers watchers, Membership membership) {
    this.config = config.http();
    this.requestTimeoutMs = config.requestTimeoutMs();
    this.cache = cache;
    this.watchers = watchers;
    this.membership = membership;
  }

  @Override
  public Future<?> start() {
    JobStore jobs = JobStore.proxy(vertx, requestTimeoutMs);
    Router router = Router.router(vertx);
    // Absolute URLs follow X-Forwarded-Proto/-Host: the service runs behind proxies.
    router.allowForward(AllowForwardHeaders.X_FORWARD);
    router.route().handler(new AccessLog());
    // Once stopping, answers close their connection, so the shutdown need not wait for clients
    // that keep idle connections open.
    router.route().handler(ctx -> {
      ctx.addHeadersEndHandler(headers -> {
        if (stopping) {
          ctx.response().putHeader("Connection", "close");
        }
      });
      ctx.next();
    });
    Handler<RoutingContext> body = jsonBody(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));

    new HealthRoute(StoreHealth.proxy(vertx, requestTimeoutMs), membership).mount(router);
    new AdminRoutes(jobs, config.adminToken()).mount(router);
    new CalendarRoutes(jobs, cache).mount(router);
    events = new JobEventRoute(jobs, watchers);
    events.mount(router);
    new TodoRoutes(TodoStore.proxy(vertx, requestTimeoutMs)).mount(router, body);

    Handler<RoutingContext> metrics = ServiceMetrics.scraper(vertx);
    if (metrics != null) {
      router.get("/metrics").handler(metrics);
    }
    new WebPage().mount(router);

    router.route().failureHandler(Responses::failure);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, Responses::failure);
    }

    return vertx.createHttpServer(new HttpServerOptions().setPort(config.port()).setHost(config.host()))
        .requestHandler(router)
        .invalidRequestHandler(Responses::invalidRequest)
        .listen()
        .onSuccess(listening -> {
          server = listening;
          LOG.debug("HTTP API listening on {}:{}", config.host(), listening.actualPort());
        });
  }

  /**
   * Bodies are JSON whatever the Content-Type says, except form encodings: those the body handler
   * would decode as forms, so they are refused outright.
   */
  private static Handler<RoutingContext> jsonBody(BodyHandler bodyHandler) {
    return ctx -> {
      String type = ctx.request().getHeader("Content-Type");
      if (type != null && FORM_TYPES.matcher(type).lookingAt()) {
        Responses.error(ctx, 415, "Content-Type must be application/json");
      } else {
        bodyHandler.handle(ctx);
      }
    };
  }

  /** Stops taking connections and lets the requests in flight finish (bounded); event streams end at once. */
  @Override
  public Future<?> stop() {
    stopping = true;
    if (events != null) {
      events.endAll();
    }
    return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
  }
}
