package com.taskoverflow.http;

import com.taskoverflow.cluster.Membership;
import com.taskoverflow.config.AuthConfig;
import com.taskoverflow.config.HttpConfig;
import com.taskoverflow.config.HttpRoleConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One instance of the REST API's server. It reaches the other roles only through their services. */
final class ApiServerVerticle extends VerticleBase {

  static final String API = "/api/v1";
  private static final long SHUTDOWN_GRACE_SECONDS = 15;
  private static final Logger LOG = LoggerFactory.getLogger(ApiServerVerticle.class);

  private final HttpConfig config;
  private final long requestTimeoutMs;
  private final JobStatusCache cache;
  private final JobWatchers watchers;
  private final DashboardStream dashboard;
  private final Membership membership;
  /** The connections open on every server instance of this JVM. */
  private final AtomicInteger connections;
  private final SubmitRate submitRate;
  private final AuthConfig auth;
  /** The bearer-token verifier under auth.mode oidc; null under none. */
  private final BearerTokens tokens;
  /** This instance's connections opened beyond http.max-connections: each answered 503 and closed. */
  private final Set<HttpConnection> overCap = new HashSet<>();
  private HeaderDeadlines headerDeadlines;
  private long headerSweep;
  private ApiRoutes routes;
  private HttpServer server;
  private volatile boolean stopping;

  ApiServerVerticle(HttpRoleConfig config, JobStatusCache cache, JobWatchers watchers, SubmitRate submitRate,
      Membership membership, AtomicInteger connections, BearerTokens tokens, DashboardStream dashboard) {
    this.dashboard = dashboard;
    this.auth = config.auth();
    this.tokens = tokens;
    this.connections = connections;
    this.submitRate = submitRate;
    this.config = config.http();
    this.requestTimeoutMs = config.requestTimeoutMs();
    this.cache = cache;
    this.watchers = watchers;
    this.membership = membership;
  }

  @Override
  public Future<?> start() {
    headerDeadlines = new HeaderDeadlines(config.headerTimeoutMs());
    headerSweep = vertx.setPeriodic(1000, tick -> headerDeadlines.closeLate());
    Router router = Router.router(vertx);
    // Forwarded headers are read by PublicOrigin, from trusted proxies only: never by the router.
    router.allowForward(AllowForwardHeaders.NONE);
    router.route().handler(new AccessLog());
    router.route().handler(this::everyAnswer);
    router.route().handler(RequestFraming::transferEncoding);
    router.route().handler(new PublicOrigin(config));
    if (!config.corsOrigins().isEmpty()) {
      router.route().handler(corsForConfiguredOrigins());
    }
    router.route().handler(new CrossSiteGuard(config.corsOrigins()));
    router.route().handler(RequestFraming::expectations);
    routes = ApiRoutes.mount(router, vertx, config, requestTimeoutMs, cache, watchers, submitRate, membership,
        new SignIn(auth, tokens, config.adminToken()), dashboard);

    router.route().failureHandler(Responses::failure);
    for (int status : new int[] {400, 404, 413, 415, 500}) {
      router.errorHandler(status, Responses::failure);
    }
    AllowedMethods allowed = AllowedMethods.of(router.getRoutes());
    router.errorHandler(405, ctx -> {
      allowed.putHeader(ctx);
      Responses.failure(ctx);
    });

    return vertx.createHttpServer(new HttpServerOptions().setPort(config.port()).setHost(config.host())
            .setIdleTimeout((int) config.idleTimeoutMs()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
            .setHttp2ClearTextEnabled(config.h2c()))
        .connectionHandler(this::counted)
        .requestHandler(request -> {
          headerDeadlines.started(request.connection());
          if (overCap.contains(request.connection())) {
            Responses.overCapacity(request);
            return;
          }
          if (request.version() == null) { // a request line of another protocol: HTTP/2.0, http/1.1
            Responses.unsupportedVersion(request);
            return;
          }
          try {
            router.handle(request);
          } catch (RuntimeException e) {
            Responses.lastResort(request, e); // no request goes unanswered, whatever threw
          }
        })
        .invalidRequestHandler(Responses::invalidRequest)
        // No WebSockets here. With a handshake handler set, Vert.x hands requests of an unknown HTTP
        // version to the request handler above, to be answered in JSON, instead of a bare 501.
        .webSocketHandshakeHandler(handshake -> handshake.reject(404))
        .listen()
        .onSuccess(listening -> {
          server = listening;
          LOG.debug("HTTP API listening on {}:{}", config.host(), listening.actualPort());
        });
  }

  /** Counts the connection while it is open; one beyond the cap gets only a 503 (or is closed when idle). */
  private void counted(HttpConnection connection) {
    boolean beyond = connections.incrementAndGet() > config.maxConnections();
    if (beyond) {
      overCap.add(connection);
    }
    headerDeadlines.opened(connection);
    connection.closeHandler(closed -> {
      connections.decrementAndGet();
      overCap.remove(connection);
      headerDeadlines.closed(connection);
    });
  }

  /**
   * CORS answers for the origins in http.cors-origins only; the page's own requests and every
   * other origin go on to the cross-site guard.
   */
  private Handler<RoutingContext> corsForConfiguredOrigins() {
    CorsHandler cors = CorsHandler.create().addOrigins(config.corsOrigins())
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
        .allowedHeaders(Set.of("Content-Type", "Authorization", "Idempotency-Key", "Last-Event-ID"))
        .exposedHeaders(Set.of("Location", "Link", "Idempotent-Replayed"));
    return ctx -> {
      String origin = ctx.request().getHeader("Origin");
      if (origin != null && config.corsOrigins().contains(origin.trim().toLowerCase(Locale.ROOT))) {
        cors.handle(ctx);
      } else {
        ctx.next();
      }
    };
  }

  /** What every answer gets: the headers below, and the wait for the connection's next request. */
  private void everyAnswer(RoutingContext ctx) {
    ctx.addHeadersEndHandler(ignored -> finalHeaders(ctx));
    ctx.addEndHandler(ended -> headerDeadlines.answered(ctx.request().connection()));
    ctx.next();
  }

  /** The headers every answer gets, set as it is sent. */
  private void finalHeaders(RoutingContext ctx) {
    // Once stopping, answers close their connection, so the shutdown need not wait for idle
    // keep-alive clients.
    if (stopping) {
      ctx.response().putHeader("Connection", "close");
    }
    // no answer is to be sniffed into another type, and API answers are not to be cached
    ctx.response().headers().set("X-Content-Type-Options", "nosniff");
    String path = ctx.request().path();
    if (path != null && path.startsWith(API) && !ctx.response().headers().contains("Cache-Control")) {
      ctx.response().putHeader("Cache-Control", "no-store");
    }
  }

  /** Stops taking connections and lets the requests in flight finish (bounded); event streams end at once. */
  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(headerSweep);
    if (routes != null) {
      routes.endStreams();
    }
    return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
  }
}
