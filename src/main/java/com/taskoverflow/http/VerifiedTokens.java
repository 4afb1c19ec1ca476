package com.taskoverflow.http;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The callers of tokens already verified, each until its {@code exp}; the least recently used go
 * first beyond {@code capacity}. Shared by the server instances of a JVM, so calls are locked
 * (each is a map lookup).
 */
final class VerifiedTokens {

  private record Entry(BearerTokens.Caller caller, long expiresAtSecond) {
  }

  private final Map<String, Entry> entries;

  VerifiedTokens(int capacity) {
    this.entries = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The caller of a token verified before and not expired since; null otherwise. */
  synchronized BearerTokens.Caller get(String token) {
    Entry entry = entries.get(token);
    if (entry == null) {
      return null;
    }
    if (Instant.now().getEpochSecond() >= entry.expiresAtSecond) {
      entries.remove(token);
      return null;
    }
    return entry.caller;
  }

  /** Remembers a verified token until {@code expiresAtSecond} (its exp; 0: not at all). */
  synchronized void put(String token, BearerTokens.Caller caller, long expiresAtSecond) {
    if (expiresAtSecond > 0) {
      entries.put(token, new Entry(caller, expiresAtSecond));
    }
  }
}
