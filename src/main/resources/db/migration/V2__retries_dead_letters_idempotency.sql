-- When a job in RETRY is due again, and when it was given up on (a dead letter).
ALTER TABLE calendar_jobs ADD COLUMN next_attempt_at TIMESTAMP;
ALTER TABLE calendar_jobs ADD COLUMN dead_lettered_at TIMESTAMP;
CREATE INDEX calendar_jobs_dead_letters ON calendar_jobs (dead_lettered_at) WHERE dead_lettered_at IS NOT NULL;
CREATE INDEX calendar_jobs_finished_at ON calendar_jobs (finished_at) WHERE finished_at IS NOT NULL;

-- The first answer to a request carrying an Idempotency-Key, replayed to its retries.
CREATE TABLE idempotency_keys (
  scope        TEXT      NOT NULL,
  key          TEXT      NOT NULL,
  request_hash TEXT      NOT NULL,
  response     TEXT,
  created_at   TIMESTAMP NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
