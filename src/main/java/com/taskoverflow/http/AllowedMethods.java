package com.taskoverflow.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Allow} header of a 405 (RFC 9110 §15.5.6): the methods the router's routes take on
 * that path, worked out once from the routes mounted.
 */
final class AllowedMethods {

  private static final Pattern PARAMETER = Pattern.compile(":[A-Za-z0-9_]+");

  private record PathMethods(Pattern path, Set<HttpMethod> methods) {
  }

  private final List<PathMethods> routes;

  private AllowedMethods(List<PathMethods> routes) {
    this.routes = routes;
  }

  /** Every route with a path and methods of its own; catch-all and prefix routes say nothing. */
  static AllowedMethods of(List<Route> mounted) {
    List<PathMethods> routes = new ArrayList<>();
    for (Route route : mounted) {
      String path = route.getPath();
      if (path != null && route.methods() != null && !route.methods().isEmpty()) {
        routes.add(new PathMethods(pattern(path), route.methods()));
      }
    }
    return new AllowedMethods(routes);
  }

  /** Puts {@code Allow} on the answer when some route has {@code ctx}'s path. */
  void putHeader(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    Set<String> names = new TreeSet<>();
    for (PathMethods route : routes) {
      if (route.path().matcher(path).matches()) {
        route.methods().forEach(method -> names.add(method.name()));
      }
    }
    if (!names.isEmpty()) {
      ctx.response().putHeader("Allow", String.join(", ", names));
    }
  }

  /** A route path as a pattern: literal text, each {@code :name} one path segment. */
  private static Pattern pattern(String path) {
    StringBuilder regex = new StringBuilder();
    Matcher parameter = PARAMETER.matcher(path);
    int literalFrom = 0;
    while (parameter.find()) {
      regex.append(Pattern.quote(path.substring(literalFrom, parameter.start()))).append("[^/]+");
      literalFrom = parameter.end();
    }
    regex.append(Pattern.quote(path.substring(literalFrom))).append("/?");
    return Pattern.compile(regex.toString());
  }
}
