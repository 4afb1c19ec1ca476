-- A job its owner cancelled: final, like SUCCESS and FAILURE, but neither a result nor a dead letter.
ALTER TABLE calendar_jobs DROP CONSTRAINT calendar_jobs_status_check;
ALTER TABLE calendar_jobs ADD CONSTRAINT calendar_jobs_status_check
  CHECK (status IN ('PENDING', 'STARTED', 'RETRY', 'SUCCESS', 'FAILURE', 'CANCELLED'));
