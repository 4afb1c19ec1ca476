output "url" {
  description = "The service: the page at /, the API under /api/v1"
  value       = trimsuffix(local.page_url, "/")
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

output "cognito_user_pool_id" {
  description = "The user pool people sign up in (cognito = true): add admins to the auth_admin_role group"
  value       = var.cognito ? aws_cognito_user_pool.users[0].id : null
}

output "cognito_sign_in_domain" {
  description = "The hosted sign-in pages (cognito = true)"
  value       = var.cognito ? "https://${aws_cognito_user_pool_domain.page[0].domain}.auth.${var.region}.amazoncognito.com" : null
}
