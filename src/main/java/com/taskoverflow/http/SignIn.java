package com.taskoverflow.http;

import static com.taskoverflow.http.ApiServerVerticle.API;

import com.taskoverflow.config.AuthConfig;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

/**
 * Who calls the API. Under {@code auth.mode: none}, anyone. Under {@code oidc}, every call under
 * the base URL but health, the API description, {@code /auth/config} and the calendar feeds (whose
 * secret token is their credential) needs a valid bearer JWT
 * ({@link BearerTokens}); admin calls may send the admin token instead. {@code GET /auth/config}
 * tells the page how to sign in.
 */
final class SignIn {

  /** The verified caller, on the routing context. */
  static final String CALLER = "taskoverflow.caller";
  private static final String ADMIN_TOKEN_GIVEN = "taskoverflow.admin-token";
  private static final Set<String> OPEN = Set.of(API + "/health", API + "/openapi.yaml", API + "/auth/config");
  private static final String REALM = "Bearer realm=\"taskoverflow\"";

  private final AuthConfig auth;
  private final BearerTokens tokens;
  private final String adminToken;

  /** @param tokens the verifier under oidc; null under none */
  SignIn(AuthConfig auth, BearerTokens tokens, String adminToken) {
    this.auth = auth;
    this.tokens = tokens;
    this.adminToken = adminToken;
  }

  void mount(Router router) {
    ReadRoute.on(router, API + "/auth/config").handler(this::config);
    if (auth.signIn()) {
      router.route(API + "/*").handler(this::guard);
    }
  }

  private void config(RoutingContext ctx) {
    JsonObject body = new JsonObject().put("mode", auth.mode().name().toLowerCase(Locale.ROOT));
    if (auth.signIn()) {
      body.put("issuer", auth.issuer()).put("client_id", auth.clientId()).put("scopes", auth.scopes())
          .mergeIn(tokens.pageEndpoints());
    }
    Responses.json(ctx, 200, body);
  }

  private void guard(RoutingContext ctx) {
    if (OPEN.contains(ctx.normalizedPath()) || ctx.normalizedPath().startsWith(FeedRoutes.FEEDS)) {
      ctx.next();
      return;
    }
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      refuse(ctx, REALM, "Sign-in required: send Authorization: Bearer <token>");
      return;
    }
    String token = authorization.substring(7).trim();
    if (isAdminToken(token) && ctx.normalizedPath().startsWith(API + "/admin/")) {
      ctx.put(ADMIN_TOKEN_GIVEN, true);
      ctx.next();
      return;
    }
    tokens.verify(token).onSuccess(caller -> {
      ctx.put(CALLER, caller);
      ctx.next();
    }).onFailure(failure -> {
      if (failure instanceof BearerTokens.InvalidToken invalid) {
        refuse(ctx, REALM + ", error=\"invalid_token\"", "Invalid bearer token: " + invalid.getMessage());
      } else {
        ctx.fail(failure);
      }
    });
  }

  /** Under oidc: the admin token, or a token whose roles claim holds auth.admin-role. */
  boolean mayAdminister(RoutingContext ctx) {
    if (Boolean.TRUE.equals(ctx.get(ADMIN_TOKEN_GIVEN))) {
      return true;
    }
    BearerTokens.Caller caller = ctx.get(CALLER);
    return caller != null && !auth.adminRole().isEmpty() && caller.roles().contains(auth.adminRole());
  }

  boolean signIn() {
    return auth.signIn();
  }

  /**
   * The origins the page may fetch from beyond its own: the issuer's token endpoint (the
   * authorization and end-session endpoints are navigated to, not fetched).
   */
  String pageConnectSources() {
    if (!auth.signIn()) {
      return "";
    }
    String tokenEndpoint = tokens.pageEndpoints().getString("token_endpoint");
    try {
      return tokenEndpoint == null ? "" : " " + URI.create(tokenEndpoint).resolve("/").toString().replaceAll("/$", "");
    } catch (IllegalArgumentException notAUrl) {
      return "";
    }
  }

  /**
   * Whose todos and jobs this call reaches: the signed-in user's under oidc, the shared owner's
   * under none.
   */
  String owner(RoutingContext ctx) {
    if (!auth.signIn()) {
      return auth.sharedOwner();
    }
    BearerTokens.Caller caller = ctx.get(CALLER);
    if (caller == null) { // only the admin token got here, and it is no user
      ctx.response().putHeader("WWW-Authenticate", REALM);
      throw new ApiError(401, "Sign-in required: this call needs a user's token, not the admin token");
    }
    return caller.owner();
  }

  private boolean isAdminToken(String token) {
    return adminToken != null && !adminToken.isEmpty()
        && MessageDigest.isEqual(adminToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  private static void refuse(RoutingContext ctx, String challenge, String message) {
    ctx.response().putHeader("WWW-Authenticate", challenge);
    Responses.error(ctx, 401, message);
  }
}
