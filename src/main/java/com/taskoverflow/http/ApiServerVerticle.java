package com.taskoverflow.http;

import com.taskoverflow.cluster.Membership;
import com.taskoverflow.config.HttpConfig;
import com.taskoverflow.config.HttpRoleConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.core.http.HttpMethod;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import io.vertx.core.http.HttpConnection;
import java.util.concurrent.TimeUnit;
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
  private final Membership membership;
  /** The connections open on every server instance of this JVM. */
  private final AtomicInteger connections;
  private final SubmitRate submitRate;
  /** This instance's connections opened beyond http.max-connections: each answered 503 and closed. */
  private final Set<HttpConnection> overCap = new HashSet<>();
  private ApiRoutes routes;
  private HttpServer server;
  private volatile boolean stopping;

  ApiServerVerticle(HttpRoleConfig config, JobStatusCache cache, JobWatchers watchers, SubmitRate submitRate,
      Membership membership, AtomicInteger connections) {
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
    Router router = Router.router(vertx);
    // Forwarded headers are read by PublicOrigin, from trusted proxies only: never by the router.
    router.allowForward(AllowForwardHeaders.NONE);
    router.route().handler(new AccessLog());
    router.route().handler(new PublicOrigin(config));
    if (!config.corsOrigins().isEmpty()) {
      // CORS answers for the configured origins only; the page's own requests and every other
      // origin go on to the guard below.
      CorsHandler cors = CorsHandler.create().addOrigins(config.corsOrigins())
          .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
          .allowedHeaders(Set.of("Content-Type", "Authorization", "Idempotency-Key", "Last-Event-ID"))
          .exposedHeaders(Set.of("Location", "Link", "Idempotent-Replayed"));
      router.route().handler(ctx -> {
        String origin = ctx.request().getHeader("Origin");
        if (origin != null && config.corsOrigins().contains(origin.trim().toLowerCase(java.util.Locale.ROOT))) {
          cors.handle(ctx);
        } else {
          ctx.next();
        }
      });
    }
    router.route().handler(new CrossSiteGuard(config.corsOrigins()));
    router.route().handler(ApiServerVerticle::onlyKnownExpectations);
    // Once stopping, answers close their connection, so the shutdown need not wait for clients
    // that keep idle connections open. Every answer gets the headers that keep browsers safe.
    router.route().handler(ctx -> {
      ctx.addHeadersEndHandler(headers -> {
        if (stopping) {
          ctx.response().putHeader("Connection", "close");
        }
        // no answer is to be sniffed into another type, and API answers are not to be cached
        ctx.response().headers().set("X-Content-Type-Options", "nosniff");
        String path = ctx.request().path();
        if (path != null && path.startsWith(API) && !ctx.response().headers().contains("Cache-Control")) {
          ctx.response().putHeader("Cache-Control", "no-store");
        }
      });
      ctx.next();
    });
    routes = ApiRoutes.mount(router, vertx, config, requestTimeoutMs, cache, watchers, submitRate, membership);

    router.route().failureHandler(Responses::failure);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, Responses::failure);
    }

    return vertx.createHttpServer(new HttpServerOptions().setPort(config.port()).setHost(config.host())
            .setIdleTimeout((int) config.idleTimeoutMs()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS))
        .connectionHandler(this::counted)
        .requestHandler(request -> {
          if (overCap.contains(request.connection())) {
            Responses.overCapacity(request);
            return;
          }
          try {
            router.handle(request);
          } catch (RuntimeException e) {
            Responses.lastResort(request, e); // no request goes unanswered, whatever threw
          }
        })
        .invalidRequestHandler(Responses::invalidRequest)
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
    connection.closeHandler(closed -> {
      connections.decrementAndGet();
      overCap.remove(connection);
    });
  }

  /** RFC 9110 §10.1.1: an expectation other than 100-continue cannot be met: 417. */
  private static void onlyKnownExpectations(io.vertx.ext.web.RoutingContext ctx) {
    String expect = ctx.request().getHeader("Expect");
    if (expect != null && !expect.trim().equalsIgnoreCase("100-continue")) {
      throw new ApiError(417, "Unsupported Expect header: only 100-continue is understood");
    }
    ctx.next();
  }

  /** Stops taking connections and lets the requests in flight finish (bounded); event streams end at once. */
  @Override
  public Future<?> stop() {
    stopping = true;
    if (routes != null) {
      routes.endStreams();
    }
    return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS);
  }
}
