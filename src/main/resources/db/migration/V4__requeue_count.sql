-- How many times an operator requeued the job: part of its event ids, so a client resuming an
-- event stream from before a requeue still gets the states that follow it.
ALTER TABLE calendar_jobs ADD COLUMN requeues INTEGER NOT NULL DEFAULT 0;
