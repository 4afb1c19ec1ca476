output "url" {
  description = "The service: the page at /, the API under /api/v1"
  value       = "${var.certificate_arn == "" ? "http" : "https"}://${aws_lb.api.dns_name}"
}

output "image_repository" {
  description = "Where to push the image"
  value       = aws_ecr_repository.service.repository_url
}

output "job_queue_url" {
  value = aws_sqs_queue.jobs.url
}

output "job_dead_letter_queue_url" {
  value = aws_sqs_queue.jobs_dead_letters.url
}

output "prac_queue_urls" {
  description = "The queue demo's queues"
  value       = [aws_sqs_queue.prac.url, aws_sqs_queue.prac_fifo.url]
}
