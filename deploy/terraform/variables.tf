variable "region" {
  description = "AWS region for everything"
  type        = string
  default     = "us-east-1"
}

variable "name" {
  description = "Prefix of every resource's name"
  type        = string
  default     = "taskoverflow"
}

variable "image_tag" {
  description = "Tag of the image pushed to the ECR repository (see the README)"
  type        = string
  default     = "1.0.0"
}

variable "api_count" {
  description = "API tasks (http and store roles) behind the load balancer"
  type        = number
  default     = 2
}

variable "worker_min" {
  description = "Fewest worker tasks"
  type        = number
  default     = 1
}

variable "worker_max" {
  description = "Most worker tasks"
  type        = number
  default     = 8
}

variable "jobs_per_worker" {
  description = "Visible jobs in the queue per worker task before another worker is added"
  type        = number
  default     = 200
}

variable "task_cpu" {
  description = "CPU units of a task (1024 = one vCPU)"
  type        = number
  default     = 1024
}

variable "task_memory" {
  description = "Memory of a task, MiB"
  type        = number
  default     = 2048
}

variable "db_instance_class" {
  description = "RDS PostgreSQL instance class"
  type        = string
  default     = "db.t4g.micro"
}

variable "db_password" {
  description = "Password of the database user taskoverflow (stored as a SecureString parameter)"
  type        = string
  sensitive   = true
}

variable "admin_token" {
  description = "Bearer token for the admin calls; empty keeps them closed (403)"
  type        = string
  sensitive   = true
  default     = ""
}

variable "log_retention_days" {
  description = "How long CloudWatch keeps the tasks' logs"
  type        = number
  default     = 30
}

variable "allowed_cidrs" {
  description = "Who may reach the load balancer (IPv4 CIDR blocks); narrow it for a service that is not public"
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "certificate_arn" {
  description = "An ACM certificate for HTTPS on 443; when set, HTTP on 80 redirects there. Empty: HTTP only"
  type        = string
  default     = ""
}

variable "auth_mode" {
  description = "none: anyone may call the API; oidc: bearer tokens from auth_issuer (set it before a public deployment)"
  type        = string
  default     = "none"
  validation {
    condition     = contains(["none", "oidc"], var.auth_mode)
    error_message = "auth_mode is none or oidc."
  }
}

variable "auth_issuer" {
  description = "The OpenID Connect issuer's URL, as its tokens' iss says (auth_mode oidc)"
  type        = string
  default     = ""
}

variable "auth_audience" {
  description = "What a token's aud must hold (auth_mode oidc)"
  type        = string
  default     = ""
}

variable "auth_client_id" {
  description = "The client id the page signs in with (auth_mode oidc)"
  type        = string
  default     = ""
}

variable "auth_admin_role" {
  description = "The role (in the token's roles claim) that may make admin calls; empty: only the admin token may"
  type        = string
  default     = ""
}

variable "auth_roles_claim" {
  description = "The token claim that holds the user's roles (auth_mode oidc)"
  type        = string
  default     = "roles"
}

variable "auth_audience_claim" {
  description = "The token claim auth_audience is checked in: aud, or client_id for issuers whose access tokens carry no aud"
  type        = string
  default     = "aud"
}

variable "feed_secret" {
  description = "Keys the calendar feeds' secret URLs (a long random string, kept in SSM). Empty: a key kept in the database"
  type        = string
  default     = ""
  sensitive   = true
}

variable "cognito" {
  description = "Make an Amazon Cognito user pool, app client and hosted sign-in domain, and sign in with them (auth_mode oidc)"
  type        = bool
  default     = false
}

variable "cognito_domain_prefix" {
  description = "The Cognito hosted sign-in domain's prefix (<prefix>.auth.<region>.amazoncognito.com), unique in the region"
  type        = string
  default     = ""
  validation {
    condition     = var.cognito_domain_prefix == "" || can(regex("^[a-z0-9](-?[a-z0-9])*$", var.cognito_domain_prefix))
    error_message = "cognito_domain_prefix is lowercase letters, digits and single hyphens."
  }
}
