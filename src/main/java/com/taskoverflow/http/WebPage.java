package com.taskoverflow.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.MimeMapping;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The page at {@code /}, and the operators' dashboard at {@code /jobs}: static files from
 * {@code webroot} on the classpath (no build step), which use the API like any other client. Mounted after the API, so an API path never reaches it.
 */
final class WebPage {

  private static final String ROOT = "webroot";
  private static final String INDEX = "index.html";
  static final String DASHBOARD = "/jobs";
  /** Short, so a new version of the page reaches browsers soon. */
  private static final long MAX_AGE_SECONDS = 60;
  private static final String POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none';"
      + " connect-src 'self' blob:"; // blob: the calendar fetched with a token, offered as a link

  private final SignIn signIn;

  WebPage(SignIn signIn) {
    this.signIn = signIn;
  }

  void mount(Router router) {
    StaticHandler files = StaticHandler.create(ROOT).setMaxAgeSeconds(MAX_AGE_SECONDS).setIndexPage(INDEX);
    ReadRoute.on(router, "/").handler(this::headers).handler(files);
    // the operators' dashboard: its data comes from the admin calls, which decide who may see it
    ReadRoute.on(router, DASHBOARD).handler(ctx -> ctx.reroute(DASHBOARD + ".html"));
    ReadRoute.onPattern(router, "/(?!api/)[^/]+").handler(this::headers).handler(files); // its scripts and styles
  }

  private void headers(RoutingContext ctx) {
    // under sign-in the page also fetches its token from the issuer
    ctx.response().putHeader("Content-Security-Policy", POLICY + signIn.pageConnectSources())
        .putHeader("X-Content-Type-Options", "nosniff");
    if (ctx.request().method() == HttpMethod.HEAD) {
      // the static handler names the type only when it sends the file: HEAD gets it here
      String path = ctx.normalizedPath();
      String type = MimeMapping.mimeTypeForFilename(path.endsWith("/") ? INDEX : path);
      if (type != null) {
        ctx.response().putHeader("Content-Type", type.startsWith("text") ? type + ";charset=UTF-8" : type);
      }
    }
    ctx.next();
  }
}
