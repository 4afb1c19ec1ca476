package com.taskoverflow.queue;

import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/** Reads the entry lists of Redis stream replies (RESP2 shapes). */
final class StreamReplies {

  private StreamReplies() {
  }

  /** XREADGROUP: null on timeout, else [[stream, [[id, [field, value, ...]], ...]]]. */
  static List<QueueEntry> fromRead(Response reply) {
    List<QueueEntry> entries = new ArrayList<>();
    if (reply == null) {
      return entries;
    }
    for (Response stream : reply) {
      entries.addAll(entries(stream.get(1)));
    }
    return entries;
  }

  /** XAUTOCLAIM: [next-cursor, [[id, fields], ...], [deleted ids]]. */
  static List<QueueEntry> fromAutoClaim(Response reply) {
    return entries(reply.get(1));
  }

  /** A list of [id, [field, value, ...]] entries (XRANGE, and inside the other replies). */
  static List<QueueEntry> entries(Response list) {
    List<QueueEntry> entries = new ArrayList<>();
    if (list == null) {
      return entries;
    }
    for (Response entry : list) {
      entries.add(new QueueEntry(entry.get(0).toString(), field(entry.size() > 1 ? entry.get(1) : null)));
    }
    return entries;
  }

  private static String field(Response fields) {
    if (fields == null) {
      return null;
    }
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      if (JobQueue.TASK_FIELD.equals(fields.get(i).toString())) {
        return fields.get(i + 1).toString();
      }
    }
    return null;
  }
}
