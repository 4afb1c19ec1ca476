package com.taskoverflow.http;

import static org.junit.jupiter.api.Assertions.*;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.taskoverflow.support.ApiClient;
import com.taskoverflow.support.CapturedLogs;
import com.taskoverflow.support.TestIssuer;
import com.taskoverflow.support.ApiClient.Reply;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code auth.mode: oidc} against a real OpenID Connect server (mock-oauth2-server on loopback):
 * discovery, its JWKS, and tokens with chosen claims. Every way a token can be wrong is a JSON
 * 401 with {@code WWW-Authenticate}; a valid one is served; admin calls need the role or the admin
 * token; the open calls need nothing; no token reaches the logs.
 */
class SignInTest extends OwnServiceTest {

  private static final String AUDIENCE = TestIssuer.AUDIENCE;
  private static final String ADMIN_ROLE = TestIssuer.ADMIN_ROLE;
  private static final String ADMIN_TOKEN = "s3cret-admin-token";

  private TestIssuer issuer;
  private String issuerUrl;
  private RSAKey signingKey;
  private ApiClient api;

  @BeforeEach
  void startIssuerAndService() throws Exception {
    issuer = TestIssuer.start();
    issuerUrl = issuer.url();
    signingKey = issuer.signingKey();
    api = startWith(new JsonObject().put("auth", issuer.authSettings())
        .put("http", new JsonObject().put("admin-token", ADMIN_TOKEN)));
    TestIssuer.awaitDiscovery(api, token(claims -> { }));
  }

  @AfterEach
  void stopIssuer() {
    issuer.close();
  }

  private static Map<String, String> bearer(String token) {
    return TestIssuer.bearer(token);
  }

  /** A token for alice from the issuer's own key, valid unless {@code change} makes it otherwise. */
  private String token(Consumer<JWTClaimsSet.Builder> change) throws Exception {
    return issuer.token("alice", change);
  }

  private static String signed(JWTClaimsSet claims, RSAKey key) throws Exception {
    return TestIssuer.signed(claims, key);
  }

  private void assertRefused(Map<String, String> headers, String what) {
    Reply reply = api.send("GET", "/api/v1/todos", (String) null, headers);
    assertEquals(401, reply.status(), () -> what + ": " + reply.body());
    assertTrue(reply.header("WWW-Authenticate").startsWith("Bearer realm=\"taskoverflow\""), what);
    assertFalse(reply.error().isBlank(), what);
  }

  @Test
  void everyWrongTokenIs401WithAChallenge() throws Exception {
    String valid = token(claims -> { });
    String payload = valid.split("\\.")[1];
    Map<String, String> wrong = new java.util.LinkedHashMap<>();
    wrong.put("malformed", "not-a-token");
    wrong.put("three parts, not JSON", "a.b.c");
    wrong.put("expired", token(claims -> claims.expirationTime(Date.from(Instant.now().minusSeconds(120)))));
    wrong.put("not yet valid", token(claims -> claims.notBeforeTime(Date.from(Instant.now().plusSeconds(3600)))));
    wrong.put("wrong issuer", token(claims -> claims.issuer("http://127.0.0.1:1/elsewhere")));
    wrong.put("wrong audience", token(claims -> claims.audience("someone-else")));
    wrong.put("alg none", base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".");
    SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKey.getKeyID()).build(),
        SignedJWT.parse(valid).getJWTClaimsSet());
    hmac.sign(new MACSigner(signingKey.toPublicJWK().toRSAPublicKey().getEncoded())); // the public key as a secret
    wrong.put("HS256 signed with the public key", hmac.serialize());
    wrong.put("a signature from another key", signed(SignedJWT.parse(valid).getJWTClaimsSet(),
        new RSAKeyGenerator(2048).keyID(signingKey.getKeyID()).generate()));
    wrong.put("an unknown key id", signed(SignedJWT.parse(valid).getJWTClaimsSet(),
        new RSAKeyGenerator(2048).keyID("made-up").generate()));
    wrong.put("a changed payload", valid.split("\\.")[0] + "." + base64("{\"sub\":\"mallory\",\"iss\":\"" + issuerUrl
        + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":9999999999}") + "." + valid.split("\\.")[2]);
    for (Map.Entry<String, String> token : wrong.entrySet()) {
      assertRefused(bearer(token.getValue()), token.getKey());
    }
    assertRefused(Map.of(), "no Authorization");
    assertRefused(Map.of("Authorization", "Basic YWxpY2U6c2VjcmV0"), "another scheme");
    assertRefused(Map.of("Authorization", "Bearer "), "an empty token");

    assertEquals(200, api.send("GET", "/api/v1/todos", (String) null, bearer(valid)).status(), "the valid one");
    Reply created = api.send("POST", "/api/v1/todos", "{\"title\": \"mine\"}",
        Map.of("Authorization", "Bearer " + valid, "Content-Type", "application/json"));
    assertEquals(201, created.status(), created.body());
    assertEquals(401, api.send("POST", "/api/v1/todos/ical", "", Map.of()).status(), "every route, not only reads");
  }

  @Test
  void anIssuerWhoseAccessTokensCarryNoAudIsCheckedOnTheClaimConfigured() throws Exception {
    stopService(); // this one checks client_id, as for Amazon Cognito's access tokens
    api = startWith(new JsonObject().put("auth", issuer.authSettings().put("audience-claim", "client_id")));
    String cognitoLike = token(claims -> claims.audience((String) null).claim("client_id", AUDIENCE));
    TestIssuer.awaitDiscovery(api, cognitoLike);
    assertEquals(200, api.send("GET", "/api/v1/todos", (String) null, bearer(cognitoLike)).status());
    assertRefused(bearer(token(claims -> claims.audience((String) null).claim("client_id", "another-app"))),
        "another app client");
    assertRefused(bearer(token(claims -> claims.audience((String) null))), "no client_id");
  }

  @Test
  void aTokenIsNoLongerTakenOnceItExpiresThoughItWasTakenBefore() throws Exception {
    // the service allows 5 s of clock skew: a token that expires 1 s from now is taken for 6 s more, not forever
    String shortLived = token(claims -> claims.expirationTime(Date.from(Instant.now().plusSeconds(1))));
    assertEquals(200, api.send("GET", "/api/v1/todos", (String) null, bearer(shortLived)).status());
    assertEquals(200, api.send("GET", "/api/v1/todos", (String) null, bearer(shortLived)).status(), "again");
    Thread.sleep(7_000);
    assertRefused(bearer(shortLived), "expired since it was last taken");
  }

  @Test
  void aRotatedKeyIsReadWhenItsKeyIdFirstComesAndRotationsStayBounded() throws Exception {
    String before = issuer.issuedToken();
    assertEquals(200, api.send("GET", "/api/v1/todos", (String) null, bearer(before)).status());
    issuer.rotateKey("rotated-1");
    String after = issuer.issuedToken();
    assertEquals("rotated-1", SignedJWT.parse(after).getHeader().getKeyID());
    assertEquals(200, api.send("GET", "/api/v1/todos", (String) null, bearer(after)).status(),
        "the issuer's new key, read from its JWKS when the new key id first arrives");
    assertEquals(200, api.send("GET", "/api/v1/todos", (String) null, bearer(before)).status(),
        "a token verified before stays valid until it expires");
    issuer.rotateKey("rotated-2");
    assertRefused(bearer(issuer.issuedToken()), "a second rotation within 30 s of the last key read waits for"
        + " the next: unknown key ids read the JWKS at most once every 30 s");
  }

  @Test
  void madeUpKeyIdsDoNotHammerTheIssuer() throws Exception {
    while (nextIssuerRequest() != null) {
      // the discovery and key reads so far
    }
    String claims = token(c -> { }).split("\\.")[1];
    for (int i = 0; i < 50; i++) {
      RSAKey madeUp = new RSAKeyGenerator(2048).keyID("made-up-" + i).generate();
      assertRefused(bearer(signed(JWTClaimsSet.parse(new String(Base64.getUrlDecoder().decode(claims),
          StandardCharsets.UTF_8)), madeUp)), "made-up key " + i);
    }
    int keyReads = 0;
    while (nextIssuerRequest() != null) {
      keyReads++;
    }
    assertTrue(keyReads <= 1, "50 made-up key ids made " + keyReads + " requests to the issuer");
  }

  @Test
  void theOpenCallsNeedNoTokenAndAdminCallsNeedTheRoleOrTheAdminToken() throws Exception {
    assertEquals(200, api.get("/api/v1/health").status());
    assertEquals(200, api.get("/api/v1/openapi.yaml").status());
    JsonObject config = api.get("/api/v1/auth/config").json();
    assertEquals(new JsonObject().put("mode", "oidc").put("issuer", issuerUrl).put("client_id", "taskoverflow-page")
        .put("scopes", "openid").put("authorization_endpoint", issuerUrl + "/authorize")
        .put("token_endpoint", issuerUrl + "/token").put("end_session_endpoint", issuerUrl + "/endsession"), config,
        "with the issuer's endpoints the page signs in and out with, from its discovery document");
    String policy = api.get("/").header("Content-Security-Policy");
    assertTrue(policy.endsWith("connect-src 'self' blob: " + issuerUrl.replaceAll("(https?://[^/]+).*", "$1")), policy);

    String list = "/api/v1/admin/dead-letters";
    assertEquals(403, api.send("GET", list, (String) null, bearer(token(claims -> { }))).status(), "a user");
    assertEquals(200, api.send("GET", list, (String) null,
        bearer(token(claims -> claims.claim("roles", List.of("reader", ADMIN_ROLE))))).status(), "an admin");
    assertEquals(200, api.send("GET", list, (String) null, bearer(ADMIN_TOKEN)).status(), "the admin token");
    assertEquals(401, api.send("GET", "/api/v1/todos", (String) null, bearer(ADMIN_TOKEN)).status(),
        "the admin token is for admin calls only");
  }

  @Test
  void noTokenReachesTheLogs() throws Exception {
    try (CapturedLogs logged = CapturedLogs.start()) {
      String valid = token(claims -> { });
      String expired = token(claims -> claims.expirationTime(Date.from(Instant.now().minusSeconds(120))));
      api.send("GET", "/api/v1/todos", (String) null, bearer(valid));
      api.send("GET", "/api/v1/todos", (String) null, bearer(expired));
      api.send("GET", "/api/v1/todos?x=" + valid.substring(0, 20), (String) null, bearer(expired));
      for (ILoggingEvent event : logged.events()) {
        String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
        for (String token : List.of(valid, expired)) {
          assertFalse(line.contains(token.split("\\.")[2]), "a signature in the log: " + line);
          assertFalse(line.contains(token.split("\\.")[1]), "a payload in the log: " + line);
        }
      }
    }
  }

  /** The next request the issuer saw, or null if none came within 300 ms. */
  private RecordedRequest nextIssuerRequest() {
    return issuer.nextRequest();
  }

  private static String base64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
