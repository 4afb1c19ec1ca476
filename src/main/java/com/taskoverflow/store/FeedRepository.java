package com.taskoverflow.store;

import com.taskoverflow.bus.FeedState;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Calendar feeds in PostgreSQL. A feed's token is the HMAC-SHA256 of its owner and a random
 * 128-bit nonce under the feed key: the owner can be shown their URL again, while the database
 * keeps only the nonce and the token's SHA-256, so a copy of it alone opens no feed (when the key
 * is set in the configuration rather than left to the database).
 */
final class FeedRepository {

  private static final int NONCE_BYTES = 16;
  private static final Base64.Encoder TOKEN_TEXT = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pool;
  private final String configuredKey;
  /** The feed key, read from the database once when none is configured. */
  private Future<byte[]> key;

  FeedRepository(Pool pool, String configuredKey) {
    this.pool = pool;
    this.configuredKey = configuredKey;
  }

  Future<String> renew(String owner) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    return key().compose(secret -> {
      String token = token(secret, owner, nonce);
      return pool.withTransaction(conn -> conn.preparedQuery(SqlQueries.LOCK_OWNER_CHANGES).execute(Tuple.of(owner))
          .compose(locked -> conn.preparedQuery(SqlQueries.COUNT_FEED_MADE).execute(Tuple.of(owner)))
          .compose(counted -> conn.preparedQuery(SqlQueries.RENEW_FEED)
              .execute(Tuple.of(owner, Buffer.buffer(nonce), Buffer.buffer(hash(token)))))
          .map(token));
    });
  }

  Future<Optional<String>> current(String owner) {
    return pool.preparedQuery(SqlQueries.FEED_NONCE).execute(Tuple.of(owner))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(Optional.empty())
            : key().map(secret -> Optional.of(token(secret, owner, rows.iterator().next().getBuffer("nonce").getBytes()))));
  }

  Future<Void> revoke(String owner) {
    return pool.preparedQuery(SqlQueries.REVOKE_FEED).execute(Tuple.of(owner)).mapEmpty();
  }

  Future<Optional<FeedState>> open(String token) {
    return pool.preparedQuery(SqlQueries.OPEN_FEED).execute(Tuple.of(Buffer.buffer(hash(token))))
        .map(rows -> Rows.first(rows, row -> new FeedState.Value(row.getString("owner"), row.getLong("changes"),
            row.getLocalDateTime("changed_at"), row.getBoolean("settled"))));
  }

  private Future<byte[]> key() {
    if (!configuredKey.isEmpty()) {
      return Future.succeededFuture(configuredKey.getBytes(StandardCharsets.UTF_8));
    }
    if (key == null) {
      key = pool.preparedQuery(SqlQueries.FEED_KEY).execute()
          .map(rows -> rows.iterator().next().getString("secret").getBytes(StandardCharsets.UTF_8))
          .onFailure(failure -> key = null);
    }
    return key;
  }

  private static String token(byte[] secret, String owner, byte[] nonce) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(owner.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return TOKEN_TEXT.encodeToString(mac.doFinal(nonce));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
