data "aws_iam_policy_document" "tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

# What ECS does for the tasks: pull the image, write the logs, read the parameters.
resource "aws_iam_role" "execution" {
  name               = "${var.name}-execution"
  assume_role_policy = data.aws_iam_policy_document.tasks_assume.json
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "parameters" {
  statement {
    actions = ["ssm:GetParameters"]
    resources = concat([aws_ssm_parameter.pg_url.arn], aws_ssm_parameter.admin_token[*].arn,
    aws_ssm_parameter.feed_secret[*].arn)
  }
}

resource "aws_iam_role_policy" "parameters" {
  name   = "parameters"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.parameters.json
}

# What the service itself does: exactly the SQS calls it makes, on exactly its two queues (with
# sqs.create-queues false it creates nothing), and the lookups Hazelcast's ECS discovery makes.
resource "aws_iam_role" "task" {
  name               = "${var.name}-task"
  assume_role_policy = data.aws_iam_policy_document.tasks_assume.json
}

data "aws_iam_policy_document" "task" {
  statement {
    sid = "JobQueues"
    actions = [
      "sqs:GetQueueUrl",
      "sqs:GetQueueAttributes",
      "sqs:ListQueueTags",
      "sqs:TagQueue",
      "sqs:SendMessage",
      "sqs:ReceiveMessage",
      "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility",
    ]
    resources = [aws_sqs_queue.jobs.arn, aws_sqs_queue.jobs_dead_letters.arn]
  }
  statement {
    sid       = "ClusterDiscovery"
    actions   = ["ecs:ListTasks", "ecs:DescribeTasks", "ec2:DescribeNetworkInterfaces"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "task" {
  name   = "service"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}
