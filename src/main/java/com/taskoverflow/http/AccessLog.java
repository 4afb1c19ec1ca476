package com.taskoverflow.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request, when its answer is complete: method, path, status, time. In JSON logs the
 * same fields come as key-value pairs. Logger {@code taskoverflow.access}: set it to WARN to stop it.
 */
final class AccessLog implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger("taskoverflow.access");

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addBodyEndHandler(done -> {
      if (LOG.isInfoEnabled()) {
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        int status = ctx.response().getStatusCode();
        double ms = Math.round((System.nanoTime() - start) / 1e4) / 100.0; // to the hundredth
        LOG.atInfo().addKeyValue("method", method).addKeyValue("path", path).addKeyValue("status", status)
            .addKeyValue("ms", ms).log("{} {} {} {} ms", method, path, status, ms);
      }
    });
    ctx.next();
  }
}
