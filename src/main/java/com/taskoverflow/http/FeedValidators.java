package com.taskoverflow.http;

import com.taskoverflow.bus.FeedState;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A feed's {@code ETag} (its owner's count of calendar changes: weak, as the calendar is read a
 * page at a time after the count) and {@code Last-Modified} (only once the last change is over a
 * second old, so a change later in the same second cannot hide behind it), and the conditional
 * request rules of RFC 9110 §13.2.2: {@code If-None-Match} first, {@code If-Modified-Since} only
 * without it.
 */
record FeedValidators(String etag, Instant lastModified) {

  static FeedValidators of(FeedState state) {
    Instant changed = state.changedAt() == null || !state.settled() ? null
        : state.changedAt().toInstant(ZoneOffset.UTC);
    return new FeedValidators("W/\"" + state.changes() + "\"", changed);
  }

  void putOn(HttpServerResponse response) {
    response.putHeader("ETag", etag);
    if (lastModified != null) {
      response.putHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified.atZone(ZoneOffset.UTC)));
    }
  }

  boolean stillMatch(HttpServerRequest request) {
    String ifNoneMatch = request.getHeader("If-None-Match");
    if (ifNoneMatch != null) {
      for (String tag : ifNoneMatch.split(",")) {
        String trimmed = tag.trim();
        if (trimmed.equals("*") || opaque(trimmed).equals(opaque(etag))) {
          return true;
        }
      }
      return false;
    }
    String ifModifiedSince = request.getHeader("If-Modified-Since");
    if (ifModifiedSince == null || lastModified == null) {
      return false;
    }
    try {
      Instant since = ZonedDateTime.parse(ifModifiedSince.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return !lastModified.isAfter(since);
    } catch (DateTimeParseException e) {
      return false; // a date we cannot read is ignored, as the RFC says
    }
  }

  /** Weak comparison: the tag without its W/ prefix. */
  private static String opaque(String tag) {
    return tag.startsWith("W/") ? tag.substring(2) : tag;
  }
}
