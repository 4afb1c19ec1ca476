package com.taskoverflow.bus;

import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.serviceproxy.ServiceProxyBuilder;
import java.util.List;

/**
 * Calendar feeds, kept by the store role: one secret token per owner, which is the credential of
 * a URL a calendar app reads without signing in. The store keeps only the token's hash. Unknown
 * tokens and owners without a feed are 404; 503 while PostgreSQL is out of reach.
 */
@VertxGen
@ProxyGen
public interface CalendarFeeds {

  /** Makes the owner's feed token anew (the one before stops working at once), and answers it. */
  Future<String> renew(String owner);

  /** The owner's current feed token. */
  Future<String> current(String owner);

  /** Ends the owner's feed (if there is one): its token stops working at once. */
  Future<Void> revoke(String owner);

  /** The feed this token opens, with its validators: one indexed read, no todos read. */
  Future<FeedState> open(String token);

  /** A page of the owner's todos with a deadline as they are now: after {@code afterId}, at most {@code limit}. */
  Future<List<CalendarEntry>> todos(String owner, long afterId, int limit);

  static CalendarFeeds proxy(Vertx vertx, long timeoutMs) {
    return new ServiceProxyBuilder(vertx).setAddress(Addresses.CALENDAR_FEEDS)
        .setOptions(new DeliveryOptions().setSendTimeout(timeoutMs)).build(CalendarFeeds.class);
  }
}
