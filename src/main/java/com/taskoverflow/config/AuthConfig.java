package com.taskoverflow.config;

import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Who may call the API. {@code none}: anyone (the seed's shared list). {@code oidc}: a bearer JWT
 * from {@code issuer} for {@code audience} (in the {@code audienceClaim}: {@code aud}, or
 * {@code client_id} for issuers whose access tokens carry no aud); {@code clientId} and {@code scopes} are what the page
 * signs in with; a token whose {@code rolesClaim} holds {@code adminRole} may make admin calls.
 * {@code sharedOwner} owns what every caller makes under {@code none} (and the rows made before
 * there were users); {@code feedSecret} keys the calendar feeds' URLs.
 */
public record AuthConfig(Mode mode, String issuer, String audience, String audienceClaim, String clientId,
    String scopes, String adminRole, String rolesClaim, int leewaySeconds, String sharedOwner, String feedSecret) {

  public enum Mode { NONE, OIDC }

  /** No sign-in: the default. */
  public static final AuthConfig NONE = new AuthConfig(Mode.NONE, "", "", "aud", "", "openid", "", "roles", 5, "", "");

  public boolean signIn() {
    return mode == Mode.OIDC;
  }

  static AuthConfig from(JsonObject json) {
    JsonObject auth = json == null ? new JsonObject() : json;
    String modeName = auth.getString("mode", "none").trim().toLowerCase(Locale.ROOT);
    Mode mode = switch (modeName) {
      case "none" -> Mode.NONE;
      case "oidc" -> Mode.OIDC;
      default -> throw new IllegalArgumentException("auth.mode must be none or oidc, got '" + modeName + "'");
    };
    AuthConfig config = new AuthConfig(mode, auth.getString("issuer", "").trim(), auth.getString("audience", "").trim(),
        auth.getString("audience-claim", "aud").trim(), auth.getString("client-id", "").trim(),
        auth.getString("scopes", "openid").trim(),
        auth.getString("admin-role", "").trim(), auth.getString("roles-claim", "roles").trim(),
        auth.getInteger("leeway-seconds", 5), auth.getString("shared-owner", ""), auth.getString("feed-secret", ""));
    if (mode == Mode.OIDC && (!config.issuer.matches("https?://\\S+") || config.audience.isEmpty())) {
      throw new IllegalArgumentException("auth.mode oidc needs auth.issuer (the issuer's URL) and auth.audience");
    }
    if (config.leewaySeconds < 0 || config.leewaySeconds > 300) {
      throw new IllegalArgumentException("auth.leeway-seconds must be 0 to 300, got " + config.leewaySeconds);
    }
    return config;
  }
}
