package com.taskoverflow.http;

import static com.taskoverflow.http.ApiServerVerticle.API;

import com.taskoverflow.bus.CalendarEntry;
import com.taskoverflow.bus.CalendarFeeds;
import com.taskoverflow.bus.FeedState;
import com.taskoverflow.calendar.CalendarWriter;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calendar feed: the caller's secret feed URL ({@code /calendar/feed}), and the feed itself
 * ({@code /calendar/feeds/{token}.ics}), which a calendar app reads with the token as its only
 * credential. A feed whose validators still match is a 304 after one indexed read; otherwise its
 * calendar is streamed a page of todos at a time through the export's writer.
 */
final class FeedRoutes {

  static final String FEEDS = API + "/calendar/feeds/";
  private static final Logger LOG = LoggerFactory.getLogger(FeedRoutes.class);
  /** A token is 256 bits in URL-safe base64, without padding. */
  private static final Pattern FILE = Pattern.compile("([A-Za-z0-9_-]{43})\\.ics");
  private static final String NOT_FOUND = "Calendar feed not found";
  /** Todos read and written at a time. */
  private static final int PAGE = 1_000;

  private final CalendarFeeds feeds;
  private final SignIn signIn;

  FeedRoutes(CalendarFeeds feeds, SignIn signIn) {
    this.feeds = feeds;
    this.signIn = signIn;
  }

  void mount(Router router) {
    router.post(API + "/calendar/feed").handler(this::renew);
    ReadRoute.on(router, API + "/calendar/feed").handler(this::current);
    router.delete(API + "/calendar/feed").handler(this::revoke);
    ReadRoute.on(router, FEEDS + ":file").handler(this::feed);
  }

  private void renew(RoutingContext ctx) {
    feeds.renew(signIn.owner(ctx)).onSuccess(token -> Responses.json(ctx, 201, urls(ctx, token))).onFailure(ctx::fail);
  }

  private void current(RoutingContext ctx) {
    feeds.current(signIn.owner(ctx)).onSuccess(token -> Responses.json(ctx, 200, urls(ctx, token)))
        .onFailure(ctx::fail);
  }

  private void revoke(RoutingContext ctx) {
    feeds.revoke(signIn.owner(ctx)).onSuccess(done -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private static JsonObject urls(RoutingContext ctx, String token) {
    String url = RequestUrls.absolute(ctx, FEEDS + token + ".ics");
    return new JsonObject().put("feed_url", url).put("webcal_url", "webcal://" + url.substring(url.indexOf("://") + 3));
  }

  private void feed(RoutingContext ctx) {
    Matcher file = FILE.matcher(ctx.pathParam("file"));
    if (!file.matches()) {
      throw ApiError.notFound(NOT_FOUND);
    }
    feeds.open(file.group(1)).onSuccess(state -> serve(ctx, state)).onFailure(ctx::fail);
  }

  private void serve(RoutingContext ctx, FeedState state) {
    HttpServerResponse response = ctx.response();
    FeedValidators validators = FeedValidators.of(state);
    validators.putOn(response);
    response.putHeader("Cache-Control", "no-cache");
    if (validators.stillMatch(ctx.request())) {
      response.setStatusCode(304).end();
      return;
    }
    response.putHeader("Content-Type", "text/calendar; charset=utf-8");
    if (ctx.request().method() == HttpMethod.HEAD) {
      response.end();
      return;
    }
    Instant stamp = state.changedAt() == null ? Instant.EPOCH : state.changedAt().toInstant(ZoneOffset.UTC);
    response.setChunked(true);
    feeds.todos(state.owner(), 0, PAGE)
        .compose(first -> write(ctx, state.owner(), stamp, first, new StringBuilder(CalendarWriter.HEADER)))
        .onFailure(failure -> {
          if (response.headWritten()) {
            LOG.warn("Calendar feed cut short: {}", failure.getMessage());
            response.reset();
          } else {
            ctx.fail(failure);
          }
        });
  }

  /** Writes a page's events (built on a worker thread), then the next page, until a short page ends it. */
  private Future<Void> write(RoutingContext ctx, String owner, Instant stamp, List<CalendarEntry> page,
      StringBuilder text) {
    boolean last = page.size() < PAGE;
    return ctx.vertx().executeBlocking(() -> {
      CalendarWriter.appendEvents(page, stamp, text);
      return last ? text.append(CalendarWriter.FOOTER).toString() : text.toString();
    }, false).compose(chunk -> {
      if (last) {
        return ctx.response().end(chunk);
      }
      long lastId = page.get(page.size() - 1).id();
      return ctx.response().write(chunk)
          .compose(written -> feeds.todos(owner, lastId, PAGE))
          .compose(next -> write(ctx, owner, stamp, next, new StringBuilder()));
    });
  }
}
