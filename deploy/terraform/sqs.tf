# The seed's two practice queues, for the queue demo (java -jar … queue --name …).
resource "aws_sqs_queue" "prac" {
  name = "csse6400_prac"
}

resource "aws_sqs_queue" "prac_fifo" {
  name                        = "csse6400_prac.fifo"
  fifo_queue                  = true
  content_based_deduplication = true
}

# The calendar jobs' queue and its dead-letter queue (messages no worker could even read).
resource "aws_sqs_queue" "jobs_dead_letters" {
  name                      = "${var.name}-ical-dlq"
  message_retention_seconds = 1209600
}

resource "aws_sqs_queue" "jobs" {
  name                       = "${var.name}-ical"
  visibility_timeout_seconds = 10
  receive_wait_time_seconds  = 20
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.jobs_dead_letters.arn
    maxReceiveCount     = 10
  })
}
