package com.taskoverflow.http;

import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.regex.Pattern;

/** Query parameters as every route reads them: each at most once, numbers in range, one wording for errors. */
final class QueryParams {

  private static final Pattern WHOLE = Pattern.compile("[0-9]+");

  private QueryParams() {
  }

  /** The parameter's value, or null if absent; given twice it is refused. */
  static String single(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParam(name);
    if (values.size() > 1) {
      throw ApiError.badRequest(name + " may be given once");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  /** A whole number from {@code min} to {@code max}, or {@code absent} when not given. */
  static Integer wholeNumber(RoutingContext ctx, String name, int min, int max, Integer absent) {
    String value = single(ctx, name);
    if (value == null) {
      return absent;
    }
    if (!WHOLE.matcher(value).matches() || value.length() > 10 || Long.parseLong(value) < min
        || Long.parseLong(value) > max) {
      throw ApiError.badRequest(name + " must be a whole number from " + min + " to " + max);
    }
    return Integer.parseInt(value);
  }

  /** The value if it matches, null when absent; else a 400 that says what it must be. */
  static String matching(RoutingContext ctx, String name, Pattern pattern, String mustBe) {
    String value = single(ctx, name);
    if (value != null && !pattern.matcher(value).matches()) {
      throw ApiError.badRequest(name + " must be " + mustBe);
    }
    return value;
  }
}
