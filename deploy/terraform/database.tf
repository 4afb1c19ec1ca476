resource "aws_db_subnet_group" "main" {
  name       = var.name
  subnet_ids = data.aws_subnets.default.ids
}

resource "aws_db_instance" "main" {
  identifier              = var.name
  engine                  = "postgres"
  engine_version          = "15"
  instance_class          = var.db_instance_class
  allocated_storage       = 20
  db_name                 = "taskoverflow"
  username                = "taskoverflow"
  password                = var.db_password
  db_subnet_group_name    = aws_db_subnet_group.main.name
  vpc_security_group_ids  = [aws_security_group.database.id]
  publicly_accessible     = false
  storage_encrypted       = true
  backup_retention_period = 7
  skip_final_snapshot     = true
}

# The URL the store role connects with, password included: a SecureString the tasks read at start.
resource "aws_ssm_parameter" "pg_url" {
  name  = "/${var.name}/pg-url"
  type  = "SecureString"
  value = "postgresql://taskoverflow:${var.db_password}@${aws_db_instance.main.address}:5432/taskoverflow"
}

# Only with a token: without one the admin calls stay closed (403) behind the load balancer.
resource "aws_ssm_parameter" "admin_token" {
  count = var.admin_token == "" ? 0 : 1
  name  = "/${var.name}/admin-token"
  type  = "SecureString"
  value = var.admin_token
}

# The calendar feeds' key: with it in SSM, a copy of the database alone rebuilds no feed URL.
resource "aws_ssm_parameter" "feed_secret" {
  count = var.feed_secret == "" ? 0 : 1
  name  = "/${var.name}/feed-secret"
  type  = "SecureString"
  value = var.feed_secret
}
