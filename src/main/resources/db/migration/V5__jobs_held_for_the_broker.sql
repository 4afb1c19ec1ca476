-- A job accepted while the broker could not take it waits here: held holds its place in the
-- order of acceptance until the store's relay has queued it (then NULL, as for every other job).
CREATE SEQUENCE calendar_jobs_held_order;
ALTER TABLE calendar_jobs ADD COLUMN held BIGINT;
CREATE INDEX calendar_jobs_held ON calendar_jobs (held) WHERE held IS NOT NULL;
