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
