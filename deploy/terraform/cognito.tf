# An optional Amazon Cognito user pool as the OpenID Connect issuer (var.cognito): its hosted
# sign-in pages, an app client for the page (authorization code with PKCE, no secret: a browser
# cannot keep one), and a group for the admin role. Cognito's access tokens carry the app client
# in client_id and no aud, and the groups in cognito:groups: the service is told so.

locals {
  page_url = "${var.certificate_arn == "" ? "http" : "https"}://${aws_lb.api.dns_name}/"
  cognito  = var.cognito ? 1 : 0
  auth = var.cognito ? {
    mode           = "oidc"
    issuer         = "https://cognito-idp.${var.region}.amazonaws.com/${aws_cognito_user_pool.users[0].id}"
    audience       = aws_cognito_user_pool_client.page[0].id
    audience_claim = "client_id"
    client_id      = aws_cognito_user_pool_client.page[0].id
    roles_claim    = "cognito:groups"
    } : {
    mode           = var.auth_mode
    issuer         = var.auth_issuer
    audience       = var.auth_audience
    audience_claim = var.auth_audience_claim
    client_id      = var.auth_client_id
    roles_claim    = var.auth_roles_claim
  }
}

resource "aws_cognito_user_pool" "users" {
  count                    = local.cognito
  name                     = var.name
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  mfa_configuration        = "OPTIONAL"
  software_token_mfa_configuration {
    enabled = true
  }
  password_policy {
    minimum_length    = 12
    require_lowercase = true
    require_uppercase = true
    require_numbers   = true
    require_symbols   = false
  }
  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }
}

resource "aws_cognito_user_pool_client" "page" {
  count                                = local.cognito
  name                                 = "${var.name}-page"
  user_pool_id                         = aws_cognito_user_pool.users[0].id
  generate_secret                      = false
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email", "profile"]
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = [local.page_url, "${local.page_url}jobs"] # the page, and the dashboard
  logout_urls                          = [local.page_url, "${local.page_url}jobs"]
  prevent_user_existence_errors        = "ENABLED"
  enable_token_revocation              = true
  access_token_validity                = 60
  id_token_validity                    = 60
  token_validity_units {
    access_token = "minutes"
    id_token     = "minutes"
  }
}

resource "aws_cognito_user_pool_domain" "page" {
  count        = local.cognito
  domain       = var.cognito_domain_prefix
  user_pool_id = aws_cognito_user_pool.users[0].id
  lifecycle {
    precondition {
      condition     = var.cognito_domain_prefix != ""
      error_message = "cognito = true needs cognito_domain_prefix for the hosted sign-in pages."
    }
  }
}

resource "aws_cognito_user_group" "admins" {
  count        = var.cognito && var.auth_admin_role != "" ? 1 : 0
  name         = var.auth_admin_role
  user_pool_id = aws_cognito_user_pool.users[0].id
  description  = "May make TaskOverflow's admin calls"
}
