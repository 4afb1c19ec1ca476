package com.taskoverflow.http;

import com.taskoverflow.config.AuthConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies bearer JWTs from the configured OpenID Connect issuer with Vert.x's own JWT module: the
 * keys come from the issuer's discovery document and JWKS; the signature, the issuer, the audience
 * and the times (a small leeway) are checked here, with no call to the issuer per token. Only
 * asymmetric signatures are taken (never {@code none}, never an HMAC, which a public key could
 * forge). A token signed with a key not held makes it read the JWKS again, at most once every
 * {@link #KEY_REFRESH_EVERY_MS}, so made-up key ids cannot hammer the issuer. Tokens are never logged.
 */
final class BearerTokens {

  private static final Logger LOG = LoggerFactory.getLogger(BearerTokens.class);
  /** The discovery document's endpoints a browser goes to. */
  static final List<String> PAGE_ENDPOINTS = List.of("authorization_endpoint", "token_endpoint", "end_session_endpoint");
  static final Set<String> ALGORITHMS = Set.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256",
      "PS384", "PS512");
  static final long KEY_REFRESH_EVERY_MS = 30_000;
  private static final long DISCOVERY_RETRY_MS = 5_000;

  /** Who a valid token says calls. */
  record Caller(String subject, String issuer, Set<String> roles) {

    /** The owner of what this user makes: the subject under its issuer (an issuer's URL has no '#'). */
    String owner() {
      return issuer + "#" + subject;
    }
  }

  /** Tokens already verified, until they expire: a client sends the same one on every call. */
  private final VerifiedTokens verified = new VerifiedTokens(10_000);

  private final Vertx vertx;
  private final AuthConfig config;
  private final HttpClient client;
  private volatile String jwksUri;
  /** Where the page signs in: the discovery document's browser-facing endpoints, once read. */
  private volatile JsonObject pageEndpoints = new JsonObject();
  private volatile JWTAuth verifier;
  /** When an unknown key id last made the JWKS be read again: long ago at first, so the first may. */
  private final AtomicLong lastKeyRead =
      new AtomicLong(System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(KEY_REFRESH_EVERY_MS));

  private BearerTokens(Vertx vertx, AuthConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.client = vertx.createHttpClient();
  }

  /** Starts reading the issuer's discovery document and keys (again every 5 s until they come). */
  static BearerTokens discover(Vertx vertx, AuthConfig config) {
    BearerTokens tokens = new BearerTokens(vertx, config);
    tokens.tryDiscovery();
    return tokens;
  }

  private void tryDiscovery() {
    String issuer = config.issuer().replaceAll("/+$", "");
    get(issuer + "/.well-known/openid-configuration")
        .compose(discovery -> {
          if (!config.issuer().equals(discovery.getString("issuer")) || discovery.getString("jwks_uri") == null) {
            return Future.failedFuture("its discovery document names issuer " + discovery.getString("issuer")
                + " and jwks_uri " + discovery.getString("jwks_uri"));
          }
          jwksUri = discovery.getString("jwks_uri");
          JsonObject endpoints = new JsonObject();
          for (String endpoint : PAGE_ENDPOINTS) {
            if (discovery.getValue(endpoint) instanceof String url && url.matches("https?://\\S+")) {
              endpoints.put(endpoint, url);
            }
          }
          pageEndpoints = endpoints;
          return readKeys();
        })
        .onSuccess(read -> LOG.info("Sign-in: tokens from {} for audience {}", config.issuer(), config.audience()))
        .onFailure(failure -> {
          LOG.warn("Sign-in: the issuer {} did not answer as expected ({}); trying again in {} s", config.issuer(),
              failure.getMessage(), DISCOVERY_RETRY_MS / 1000);
          vertx.setTimer(DISCOVERY_RETRY_MS, t -> tryDiscovery());
        });
  }

  /**
   * The issuer's endpoints the page uses to sign in and out (empty until discovery has answered):
   * told to the page by {@code /auth/config}, and named in its Content-Security-Policy.
   */
  JsonObject pageEndpoints() {
    return pageEndpoints;
  }

  /** Reads the JWKS and verifies with its signing keys from now on. */
  private Future<Void> readKeys() {
    return get(jwksUri).map(jwks -> {
      List<JsonObject> keys = jwks.getJsonArray("keys", new JsonArray()).stream()
          .filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
          .filter(key -> !"enc".equals(key.getString("use"))).map(BearerTokens::withAlgorithm)
          .filter(key -> ALGORITHMS.contains(key.getString("alg"))).toList();
      JWTOptions checks = new JWTOptions().setIssuer(config.issuer()).setLeeway(config.leewaySeconds());
      if (checksAud()) {
        checks.setAudience(List.of(config.audience()));
      }
      verifier = JWTAuth.create(vertx, new JWTAuthOptions().setJwks(keys).setJWTOptions(checks));
      return null;
    });
  }

  /** A JWK without "alg" (some issuers leave it out) gets the usual one for its type. */
  private static JsonObject withAlgorithm(JsonObject key) {
    if (key.getString("alg") != null) {
      return key;
    }
    String algorithm = switch (String.valueOf(key.getString("kty")) + "/" + key.getString("crv")) {
      case "RSA/null" -> "RS256";
      case "EC/P-256" -> "ES256";
      case "EC/P-384" -> "ES384";
      case "EC/P-521" -> "ES512";
      default -> "";
    };
    return key.copy().put("alg", algorithm);
  }

  private Future<JsonObject> get(String url) {
    return client.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url).setTimeout(10_000))
        .compose(request -> request.send())
        .compose(response -> response.statusCode() == 200 ? response.body()
            : Future.failedFuture(url + " answered " + response.statusCode()))
        .map(body -> body.toJsonObject());
  }

  /** The caller {@code token} names, or a failure saying why it is not valid (never quoting it). */
  Future<Caller> verify(String token) {
    Caller known = verified.get(token);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    JWTAuth current = verifier;
    if (current == null) {
      return Future.failedFuture(new ApiError(503, "Sign-in is not ready: the issuer has not answered yet"));
    }
    String algorithm = algorithm(token);
    if (!ALGORITHMS.contains(algorithm)) {
      return Future.failedFuture(new InvalidToken("the token is not a JWT signed with an asymmetric key"));
    }
    return current.authenticate(new TokenCredentials(token))
        .recover(failure -> mayReadKeysAgain()
            ? readKeys().compose(read -> verifier.authenticate(new TokenCredentials(token)))
            : Future.failedFuture(failure))
        .recover(failure -> Future.failedFuture(new InvalidToken(failure.getMessage())))
        .map(user -> {
          JsonObject claims = claims(user);
          if (!checksAud() && !holdsAudience(claims.getValue(config.audienceClaim()))) {
            throw new InvalidToken("the token is not for this audience (" + config.audienceClaim() + ")");
          }
          Caller caller = caller(claims);
          verified.put(token, caller, claims.getLong("exp", 0L));
          return caller;
        });
  }

  /** True at most once every KEY_REFRESH_EVERY_MS, for a token the keys held did not verify. */
  private boolean mayReadKeysAgain() {
    long now = System.nanoTime();
    long last = lastKeyRead.get();
    return now - last >= TimeUnit.MILLISECONDS.toNanos(KEY_REFRESH_EVERY_MS) && lastKeyRead.compareAndSet(last, now);
  }

  /** Vert.x checks aud itself; another audience claim (Cognito's client_id) is checked here. */
  private boolean checksAud() {
    return "aud".equals(config.audienceClaim());
  }

  private boolean holdsAudience(Object claim) {
    return claim instanceof String one ? one.equals(config.audience())
        : claim instanceof JsonArray many && many.contains(config.audience());
  }

  /** The token's payload: Vert.x keeps it whole under the attribute "accessToken". */
  private static JsonObject claims(User user) {
    JsonObject payload = user.attributes().getJsonObject("accessToken");
    return payload != null ? payload : user.principal();
  }

  private Caller caller(JsonObject claims) {
    Object roles = claims.getValue(config.rolesClaim());
    Set<String> held = roles instanceof JsonArray list ? Set.copyOf(list.stream().map(String::valueOf).toList())
        : roles instanceof String one ? Set.of(one) : Set.of();
    if (!(claims.getValue("sub") instanceof String subject) || subject.isEmpty()) {
      throw new InvalidToken("the token names no subject (sub)");
    }
    return new Caller(subject, claims.getString("iss", ""), held);
  }

  /** The {@code alg} of a JWT's header; "" when it is not a JWT at all. */
  private static String algorithm(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return "";
    }
    try {
      JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
      return header.getValue("alg") instanceof String alg ? alg : "";
    } catch (RuntimeException notJson) {
      return "";
    }
  }

  /** A token that does not verify: answered 401. */
  static final class InvalidToken extends RuntimeException {
    InvalidToken(String why) {
      super(why, null, false, false);
    }
  }
}
