resource "aws_ecs_cluster" "main" {
  name = var.name
}

resource "aws_cloudwatch_log_group" "service" {
  name              = "/ecs/${var.name}"
  retention_in_days = var.log_retention_days
}

locals {
  image = "${aws_ecr_repository.service.repository_url}:${var.image_tag}"
  # What both services share: the queue is SQS (made above, so the service creates nothing), the
  # cluster is found through ECS (Hazelcast's AWS discovery), JSON logs for CloudWatch.
  environment = [
    { name = "TASKOVERFLOW_BROKER", value = "sqs" },
    { name = "TASKOVERFLOW_SQS_QUEUE", value = aws_sqs_queue.jobs.name },
    { name = "TASKOVERFLOW_SQS_DEAD_LETTER_QUEUE", value = aws_sqs_queue.jobs_dead_letters.name },
    { name = "TASKOVERFLOW_SQS_CREATE_QUEUES", value = "false" },
    { name = "TASKOVERFLOW_CLUSTER_ENABLED", value = "true" },
    { name = "TASKOVERFLOW_CLUSTER_HOST", value = "auto" },
    { name = "TASKOVERFLOW_CLUSTER_DISCOVERY", value = "aws" },
    { name = "TASKOVERFLOW_CLUSTER_NAME", value = var.name },
    { name = "TASKOVERFLOW_EMBEDDED", value = "false" },
    { name = "TASKOVERFLOW_LOG_FORMAT", value = "json" },
    { name = "AWS_REGION", value = var.region },
  ]
  secrets = concat(
    [{ name = "TASKOVERFLOW_PG_URL", valueFrom = aws_ssm_parameter.pg_url.arn }],
    [for token in aws_ssm_parameter.admin_token : { name = "TASKOVERFLOW_ADMIN_TOKEN", valueFrom = token.arn }],
    [for secret in aws_ssm_parameter.feed_secret : { name = "TASKOVERFLOW_AUTH_FEED_SECRET", valueFrom = secret.arn }],
  )
}

resource "aws_ecs_task_definition" "api" {
  family                   = "${var.name}-api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.task_cpu
  memory                   = var.task_memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions = jsonencode([{
    name         = "api"
    image        = local.image
    essential    = true
    portMappings = [{ containerPort = 6400, protocol = "tcp" }]
    # The load balancer, inside the VPC, is the proxy whose X-Forwarded-* headers are believed.
    environment = concat(local.environment, [
      { name = "TASKOVERFLOW_ROLES", value = "http,store" },
      { name = "TASKOVERFLOW_HTTP_TRUSTED_PROXIES", value = data.aws_vpc.default.cidr_block },
      { name = "TASKOVERFLOW_AUTH_MODE", value = local.auth.mode },
      { name = "TASKOVERFLOW_AUTH_ISSUER", value = local.auth.issuer },
      { name = "TASKOVERFLOW_AUTH_AUDIENCE", value = local.auth.audience },
      { name = "TASKOVERFLOW_AUTH_AUDIENCE_CLAIM", value = local.auth.audience_claim },
      { name = "TASKOVERFLOW_AUTH_CLIENT_ID", value = local.auth.client_id },
      { name = "TASKOVERFLOW_AUTH_SCOPES", value = "openid email profile" },
      { name = "TASKOVERFLOW_AUTH_ROLES_CLAIM", value = local.auth.roles_claim },
      { name = "TASKOVERFLOW_AUTH_ADMIN_ROLE", value = var.auth_admin_role },
    ])
    secrets = local.secrets
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.service.name
        awslogs-region        = var.region
        awslogs-stream-prefix = "api"
      }
    }
  }])
}

resource "aws_ecs_task_definition" "worker" {
  family                   = "${var.name}-worker"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.task_cpu
  memory                   = var.task_memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions = jsonencode([{
    name        = "worker"
    image       = local.image
    essential   = true
    environment = concat(local.environment, [{ name = "TASKOVERFLOW_ROLES", value = "worker" }])
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.service.name
        awslogs-region        = var.region
        awslogs-stream-prefix = "worker"
      }
    }
  }])
}

resource "aws_lb" "api" {
  name               = var.name
  load_balancer_type = "application"
  security_groups    = [aws_security_group.alb.id]
  subnets            = data.aws_subnets.default.ids
}

resource "aws_lb_target_group" "api" {
  name        = var.name
  port        = 6400
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = data.aws_vpc.default.id
  health_check {
    path    = "/api/v1/health"
    matcher = "200"
  }
}

# HTTP forwards to the API, or, once a certificate is given, redirects to HTTPS.
resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.api.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = var.certificate_arn == "" ? "forward" : "redirect"
    target_group_arn = var.certificate_arn == "" ? aws_lb_target_group.api.arn : null
    dynamic "redirect" {
      for_each = var.certificate_arn == "" ? [] : [443]
      content {
        port        = "443"
        protocol    = "HTTPS"
        status_code = "HTTP_301"
      }
    }
  }
}

resource "aws_lb_listener" "https" {
  count             = var.certificate_arn == "" ? 0 : 1
  load_balancer_arn = aws_lb.api.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = var.certificate_arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn
  }
}

resource "aws_ecs_service" "api" {
  name            = "api"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.api.arn
  desired_count   = var.api_count
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = data.aws_subnets.default.ids
    security_groups  = [aws_security_group.api.id, aws_security_group.members.id]
    assign_public_ip = true
  }
  load_balancer {
    target_group_arn = aws_lb_target_group.api.arn
    container_name   = "api"
    container_port   = 6400
  }
  depends_on = [aws_lb_listener.http]
}

resource "aws_ecs_service" "worker" {
  name            = "worker"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.worker.arn
  desired_count   = var.worker_min
  launch_type     = "FARGATE"
  network_configuration {
    subnets          = data.aws_subnets.default.ids
    security_groups  = [aws_security_group.members.id]
    assign_public_ip = true
  }
  lifecycle {
    ignore_changes = [desired_count] # the autoscaling below owns it
  }
}
