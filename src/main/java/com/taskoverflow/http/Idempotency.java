package com.taskoverflow.http;

import com.taskoverflow.bus.IdempotencyKey;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} header: a retry with the same key gets the first answer again and
 * creates nothing. The store keeps the answers; this passes the key and a digest of the request on.
 */
final class Idempotency {

  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED_HEADER = "Idempotent-Replayed";
  private static final Pattern VALID_KEY = Pattern.compile("[\\x20-\\x7E]{1,255}");

  private Idempotency() {
  }

  /** The client's key with the request's digest, or null if it sent none. */
  static IdempotencyKey key(RoutingContext ctx, String requestIdentity) {
    String key = ctx.request().getHeader(HEADER);
    if (key == null) {
      return null;
    }
    if (!VALID_KEY.matcher(key).matches()) {
      throw ApiError.badRequest(HEADER + " must be 1 to 255 printable ASCII characters");
    }
    return new IdempotencyKey.Value(key, sha256(requestIdentity));
  }

  /** Marks a replayed answer, so a client can tell. */
  static void markReplay(RoutingContext ctx, boolean replayed) {
    if (replayed) {
      ctx.response().putHeader(REPLAYED_HEADER, "true");
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
