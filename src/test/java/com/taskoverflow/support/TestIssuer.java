package com.taskoverflow.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.json.JsonObject;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A real OpenID Connect issuer on loopback (mock-oauth2-server): discovery, its JWKS, and tokens
 * signed with the key it publishes, with chosen claims.
 */
public final class TestIssuer implements AutoCloseable {

  public static final String AUDIENCE = "taskoverflow";
  public static final String ADMIN_ROLE = "taskoverflow-admin";
  public static final String CLIENT_ID = "taskoverflow-page";

  private final MockOAuth2Server server;
  private final String url;
  private final RSAKey signingKey;

  private TestIssuer(MockOAuth2Server server, String url, RSAKey signingKey) {
    this.server = server;
    this.url = url;
    this.signingKey = signingKey;
  }

  public static TestIssuer start() throws Exception {
    return start(new MockOAuth2Server());
  }

  /** An issuer whose authorization endpoint asks who signs in (a form taking any user name as the subject). */
  public static TestIssuer startWithLoginForm() throws Exception {
    return start(new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}")));
  }

  private static TestIssuer start(MockOAuth2Server server) throws Exception {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    // the issuer signs with one of the keys it ships; find it by the public key it publishes
    RSAKey published = (RSAKey) JWKSet.load(server.jwksUrl("default").url()).getKeys().get(0);
    try (InputStream shipped = MockOAuth2Server.class.getResourceAsStream("/mock-oauth2-server-keys.json")) {
      RSAKey key = JWKSet.parse(new String(shipped.readAllBytes(), StandardCharsets.UTF_8)).getKeys().stream()
          .map(RSAKey.class::cast).filter(candidate -> candidate.getModulus().equals(published.getModulus()))
          .findFirst().map(found -> new RSAKey.Builder(found).keyID(published.getKeyID()).build()).orElseThrow();
      return new TestIssuer(server, server.issuerUrl("default").toString(), key);
    }
  }

  public String url() {
    return url;
  }

  public RSAKey signingKey() {
    return signingKey;
  }

  /** The service's {@code auth} settings for this issuer. */
  public JsonObject authSettings() {
    return new JsonObject().put("mode", "oidc").put("issuer", url).put("audience", AUDIENCE)
        .put("client-id", CLIENT_ID).put("admin-role", ADMIN_ROLE);
  }

  /** A token for {@code subject} from the issuer's own key, valid unless {@code change} makes it otherwise. */
  public String token(String subject, Consumer<JWTClaimsSet.Builder> change) throws Exception {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(url).audience(AUDIENCE).subject(subject)
        .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
        .jwtID(UUID.randomUUID().toString());
    change.accept(claims);
    return signed(claims.build(), signingKey);
  }

  public static String signed(JWTClaimsSet claims, RSAKey key) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
        .type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  public static Map<String, String> bearer(String token) {
    return Map.of("Authorization", "Bearer " + token);
  }

  /** Waits until the service has read the issuer's discovery document (503 until then). */
  public static void awaitDiscovery(ApiClient api, String token) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (api.send("GET", "/api/v1/todos", (String) null, bearer(token)).status() == 503) {
      assertTrue(System.nanoTime() < deadline, "the service never read the issuer's discovery document");
      Thread.sleep(50);
    }
  }

  /**
   * A token from the issuer's own token endpoint (client credentials, for the service's
   * audience), signed with whatever key the issuer signs with now.
   */
  public String issuedToken() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(server.tokenEndpointUrl("default").uri())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=test-client"
            + "&client_secret=unused&scope=" + AUDIENCE)).build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertTrue(response.statusCode() == 200, response::body);
    return new JsonObject(response.body()).getString("access_token");
  }

  /**
   * Rotates the issuer's signing key: from now on it signs with a new key, and its JWKS publishes
   * that key alone. (mock-oauth2-server keeps one key per issuer in its key provider's map and has
   * no call for this, so the map is reached by reflection.)
   */
  @SuppressWarnings("unchecked")
  public void rotateKey(String keyId) throws Exception {
    Object tokenProvider = server.getConfig().getTokenProvider();
    Field keyProviderField = tokenProvider.getClass().getDeclaredField("keyProvider");
    keyProviderField.setAccessible(true);
    Object keyProvider = keyProviderField.get(tokenProvider);
    Field keysField = keyProvider.getClass().getDeclaredField("signingKeys");
    keysField.setAccessible(true);
    ((Map<String, JWK>) keysField.get(keyProvider)).put("default", new RSAKeyGenerator(2048).keyID(keyId).generate());
  }

  /** The next request the issuer saw, or null if none came within 300 ms. */
  public RecordedRequest nextRequest() {
    try {
      return server.takeRequest(300, TimeUnit.MILLISECONDS);
    } catch (RuntimeException none) {
      return null;
    }
  }

  @Override
  public void close() {
    server.shutdown();
  }
}
