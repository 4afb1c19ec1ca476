package com.taskoverflow.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

/** A route that reads: GET, and HEAD for the same headers without the body (RFC 9110 §9.3.2). */
final class ReadRoute {

  private ReadRoute() {
  }

  static Route on(Router router, String path) {
    return reads(router.route(path));
  }

  static Route onPattern(Router router, String regex) {
    return reads(router.routeWithRegex(regex));
  }

  private static Route reads(Route route) {
    return route.method(HttpMethod.GET).method(HttpMethod.HEAD);
  }
}
