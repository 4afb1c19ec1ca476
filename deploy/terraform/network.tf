# The account's default VPC and its subnets: the tasks get public addresses (to pull the image
# without a NAT gateway) and are reached only through the security groups below.
data "aws_vpc" "default" {
  default = true
}

data "aws_subnets" "default" {
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.default.id]
  }
}

# The load balancer: HTTP (and HTTPS, with a certificate) from var.allowed_cidrs.
resource "aws_security_group" "alb" {
  name        = "${var.name}-alb"
  description = "The load balancer in front of the API"
  vpc_id      = data.aws_vpc.default.id

  ingress {
    description = "HTTP"
    from_port   = 80
    to_port     = 80
    protocol    = "tcp"
    cidr_blocks = var.allowed_cidrs
  }

  ingress {
    description = "HTTPS"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = var.allowed_cidrs
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# The API tasks: port 6400 from the load balancer only.
resource "aws_security_group" "api" {
  name        = "${var.name}-api"
  description = "API tasks: HTTP from the load balancer"
  vpc_id      = data.aws_vpc.default.id

  ingress {
    description     = "the API, from the load balancer"
    from_port       = 6400
    to_port         = 6400
    protocol        = "tcp"
    security_groups = [aws_security_group.alb.id]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# Every member of the cluster (API and worker tasks): Hazelcast and the event bus, which have no
# authentication, reachable from members only.
resource "aws_security_group" "members" {
  name        = "${var.name}-members"
  description = "Cluster members: Hazelcast and the event bus, from members only"
  vpc_id      = data.aws_vpc.default.id

  ingress {
    description = "Hazelcast and the event bus, member to member"
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    self        = true
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# The database: PostgreSQL from the API tasks only (workers reach the store over the event bus).
resource "aws_security_group" "database" {
  name        = "${var.name}-database"
  description = "PostgreSQL, from the API tasks only"
  vpc_id      = data.aws_vpc.default.id

  ingress {
    description     = "PostgreSQL, from the API tasks"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.api.id]
  }
}
