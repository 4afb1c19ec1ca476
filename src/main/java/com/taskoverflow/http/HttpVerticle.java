package com.taskoverflow.http;

import com.taskoverflow.config.HttpConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The http role: the REST API. It reaches the other roles only over the event bus. */
public class HttpVerticle extends VerticleBase {

  static final String API = "/api/v1";
  static final long BODY_LIMIT = 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

  private final HttpConfig config;
  private final long requestTimeoutMs;
  private final JobStatusCache cache;
  private HttpServer server;

  public HttpVerticle(HttpConfig config, long requestTimeoutMs, JobStatusCache cache) {
    this.config = config;
    this.requestTimeoutMs = requestTimeoutMs;
    this.cache = cache;
  }

  @Override
  public Future<?> start() {
    BusClient bus = new BusClient(vertx, requestTimeoutMs);
    Router router = Router.router(vertx);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);

    router.get(API + "/health").handler(ctx -> Responses.json(ctx, 200, new JsonObject().put("status", "ok")));
    new CalendarRoutes(bus, cache).mount(router);
    new TodoRoutes(bus).mount(router, body);

    router.route().failureHandler(Responses::failure);
    for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
      router.errorHandler(status, Responses::failure);
    }

    return vertx.createHttpServer(new HttpServerOptions().setPort(config.port()).setHost(config.host()))
        .requestHandler(router)
        .listen()
        .onSuccess(listening -> {
          server = listening;
          LOG.debug("HTTP API listening on {}:{}", config.host(), listening.actualPort());
        });
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
