package com.taskoverflow.queue.redis;

import com.taskoverflow.queue.Delivery;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/** Reads the entry lists of Redis stream replies (RESP2 shapes). */
final class StreamReplies {

  private StreamReplies() {
  }

  /** XREADGROUP: null on timeout, else [[stream, [[id, [field, value, ...]], ...]]]. */
  static List<Delivery> fromRead(Response reply, boolean first) {
    List<Delivery> entries = new ArrayList<>();
    if (reply == null) {
      return entries;
    }
    for (Response stream : reply) {
      entries.addAll(entries(stream.get(1), first));
    }
    return entries;
  }

  /** XAUTOCLAIM: [next-cursor, [[id, fields], ...], [deleted ids]]. */
  static List<Delivery> fromAutoClaim(Response reply) {
    return entries(reply.get(1), false);
  }

  /** A list of [id, [field, value, ...]] entries (XRANGE, and inside the other replies). */
  static List<Delivery> entries(Response list) {
    return entries(list, false);
  }

  private static List<Delivery> entries(Response list, boolean first) {
    List<Delivery> entries = new ArrayList<>();
    if (list == null) {
      return entries;
    }
    for (Response entry : list) {
      String id = entry.get(0).toString();
      entries.add(new Delivery(id, field(entry.size() > 1 ? entry.get(1) : null), queuedAt(id), first));
    }
    return entries;
  }

  /** A stream entry's id starts with the Redis clock's milliseconds at the XADD. */
  private static long queuedAt(String id) {
    int dash = id.indexOf('-');
    try {
      return Long.parseLong(dash < 0 ? id : id.substring(0, dash));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String field(Response fields) {
    if (fields == null) {
      return null;
    }
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      if (RedisJobStream.TASK_FIELD.equals(fields.get(i).toString())) {
        return fields.get(i + 1).toString();
      }
    }
    return null;
  }
}
