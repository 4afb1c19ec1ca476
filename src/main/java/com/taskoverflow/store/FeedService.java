package com.taskoverflow.store;

import com.taskoverflow.bus.CalendarEntry;
import com.taskoverflow.bus.CalendarFeeds;
import com.taskoverflow.bus.Failures;
import com.taskoverflow.bus.FeedState;
import io.vertx.core.Future;
import java.util.List;

/** {@link CalendarFeeds} on PostgreSQL. */
final class FeedService implements CalendarFeeds {

  private static final String FEED = "Calendar feed";
  /** Pages stay small enough for one bus message. */
  private static final int MAX_PAGE = 5_000;

  private final StoreAccess store;

  FeedService(StoreAccess store) {
    this.store = store;
  }

  @Override
  public Future<String> renew(String owner) {
    return store.call("feeds.renew", stored -> stored.feeds().renew(owner));
  }

  @Override
  public Future<String> current(String owner) {
    return store.call("feeds.current", stored -> stored.feeds().current(owner)
        .compose(found -> Found.orNotFound(found, FEED)));
  }

  @Override
  public Future<Void> revoke(String owner) {
    return store.call("feeds.revoke", stored -> stored.feeds().revoke(owner));
  }

  @Override
  public Future<FeedState> open(String token) {
    return store.call("feeds.open", stored -> stored.feeds().open(token)
        .compose(found -> Found.orNotFound(found, FEED)));
  }

  @Override
  public Future<List<CalendarEntry>> todos(String owner, long afterId, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      return Future.failedFuture(Failures.of(Failures.INVALID, "A page holds 1 to " + MAX_PAGE + " todos"));
    }
    return store.call("feeds.todos", stored -> stored.todos().inCalendar(owner, afterId, limit));
  }
}
