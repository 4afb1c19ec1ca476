package com.taskoverflow.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes from other web pages are refused: a state-changing request whose {@code Origin} is
 * neither this service's own origin nor one of {@code http.cors-origins} gets 403, before any
 * handler runs. A browser sends Origin on every cross-origin write (a plain form, or a fetch
 * in no-cors mode included); clients that are not browsers send none and are not affected.
 */
final class CrossSiteGuard implements Handler<RoutingContext> {

  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private final List<String> allowedOrigins;

  CrossSiteGuard(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && !SAFE.contains(ctx.request().method()) && !allowed(ctx, origin.trim())) {
      throw new ApiError(403, "Cross-origin request refused: " + origin.trim()
          + " is not this service's origin (http.cors-origins lists the others allowed)");
    }
    ctx.next();
  }

  private boolean allowed(RoutingContext ctx, String origin) {
    String lower = origin.toLowerCase(Locale.ROOT);
    return lower.equals(PublicOrigin.of(ctx).toLowerCase(Locale.ROOT)) || allowedOrigins.contains(lower);
  }
}
