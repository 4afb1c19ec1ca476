-- Timestamps are UTC, stored without a zone, at whole seconds (the API's precision).
CREATE TABLE todos (
  id          BIGSERIAL PRIMARY KEY,
  title       TEXT      NOT NULL,
  description TEXT,
  completed   BOOLEAN   NOT NULL DEFAULT FALSE,
  deadline_at TIMESTAMP,
  created_at  TIMESTAMP NOT NULL,
  updated_at  TIMESTAMP NOT NULL
);

CREATE INDEX todos_deadline_at ON todos (deadline_at) WHERE deadline_at IS NOT NULL;

-- One row per calendar job: the source of truth for its status and result.
-- snapshot holds the todos (with a deadline) as they stood when the job was accepted.
CREATE TABLE calendar_jobs (
  id          UUID      PRIMARY KEY,
  status      TEXT      NOT NULL CHECK (status IN ('PENDING', 'STARTED', 'RETRY', 'SUCCESS', 'FAILURE')),
  attempts    INTEGER   NOT NULL DEFAULT 0,
  snapshot    JSON      NOT NULL,
  worker      TEXT,
  result      TEXT,
  error       TEXT,
  created_at  TIMESTAMP NOT NULL,
  started_at  TIMESTAMP,
  finished_at TIMESTAMP,
  updated_at  TIMESTAMP NOT NULL
);

CREATE INDEX calendar_jobs_unfinished ON calendar_jobs (status) WHERE status IN ('PENDING', 'STARTED', 'RETRY');
