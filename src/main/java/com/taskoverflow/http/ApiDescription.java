package com.taskoverflow.http;

import static com.taskoverflow.http.ApiServerVerticle.API;

import com.taskoverflow.common.JarText;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/openapi.yaml}: the OpenAPI 3.1 description of the whole API, from the jar. */
final class ApiDescription {

  private static final String DOCUMENT = "openapi.yaml";
  private Future<Buffer> document;

  void mount(Router router) {
    ReadRoute.on(router, API + "/openapi.yaml").handler(this::send);
  }

  private void send(RoutingContext ctx) {
    if (document == null) {
      document = JarText.read(ctx.vertx(), DOCUMENT).map(Buffer::buffer); // read once, on first request
    }
    document.onSuccess(yaml -> ctx.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(yaml))
        .onFailure(ctx::fail);
  }
}
