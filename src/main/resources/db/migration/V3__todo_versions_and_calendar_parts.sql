-- A calendar job no longer copies the todos into its row: it keeps the moment it was accepted as
-- a PostgreSQL snapshot (as_of), and reads the todos as they stood then from todo_versions,
-- which holds every version of every todo with a deadline, between the transaction that wrote it
-- (valid_from) and the one that changed or deleted it (valid_to). The 202 costs the same for
-- ten todos or a million; versions no job can see any more are pruned by the store.
CREATE TABLE todo_versions (
  todo_id     BIGINT    NOT NULL,
  title       TEXT      NOT NULL,
  description TEXT,
  deadline_at TIMESTAMP NOT NULL,
  valid_from  XID8      NOT NULL,
  valid_to    XID8
);
CREATE UNIQUE INDEX todo_versions_current ON todo_versions (todo_id) WHERE valid_to IS NULL;
CREATE INDEX todo_versions_by_todo ON todo_versions (todo_id, valid_from);
CREATE INDEX todo_versions_ended ON todo_versions (valid_to) WHERE valid_to IS NOT NULL;

-- A new version when what a calendar shows changes (not, say, when a todo is only completed).
CREATE FUNCTION record_todo_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.title IS NOT DISTINCT FROM OLD.title
      AND NEW.description IS NOT DISTINCT FROM OLD.description
      AND NEW.deadline_at IS NOT DISTINCT FROM OLD.deadline_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    UPDATE todo_versions SET valid_to = pg_current_xact_id() WHERE todo_id = OLD.id AND valid_to IS NULL;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.deadline_at IS NOT NULL THEN
    INSERT INTO todo_versions (todo_id, title, description, deadline_at, valid_from)
    VALUES (NEW.id, NEW.title, NEW.description, NEW.deadline_at, pg_current_xact_id());
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER todos_versioned AFTER INSERT OR UPDATE OR DELETE ON todos
  FOR EACH ROW EXECUTE FUNCTION record_todo_version();

-- TRUNCATE fires no row triggers: end every current version at once.
CREATE FUNCTION end_todo_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE todo_versions SET valid_to = pg_current_xact_id() WHERE valid_to IS NULL;
  RETURN NULL;
END $$;
CREATE TRIGGER todos_truncated AFTER TRUNCATE ON todos
  FOR EACH STATEMENT EXECUTE FUNCTION end_todo_versions();

INSERT INTO todo_versions (todo_id, title, description, deadline_at, valid_from)
  SELECT id, title, description, deadline_at, pg_current_xact_id() FROM todos WHERE deadline_at IS NOT NULL;

-- Jobs already accepted read the todos as this migration leaves them (their copies are dropped).
ALTER TABLE calendar_jobs ADD COLUMN as_of PG_SNAPSHOT;
UPDATE calendar_jobs SET as_of = format('%1$s:%1$s:', pg_current_xact_id()::text::numeric + 1)::pg_snapshot;
ALTER TABLE calendar_jobs ALTER COLUMN as_of SET NOT NULL;
ALTER TABLE calendar_jobs DROP COLUMN snapshot;

-- A calendar is stored in parts, written as the worker builds it and read back in order, so no
-- step holds a whole calendar. Parts belong to one attempt; only the succeeding one's are kept.
CREATE TABLE calendar_parts (
  job_id  UUID    NOT NULL REFERENCES calendar_jobs (id) ON DELETE CASCADE,
  attempt INTEGER NOT NULL,
  seq     INTEGER NOT NULL,
  body    TEXT    NOT NULL,
  PRIMARY KEY (job_id, attempt, seq)
);
ALTER TABLE calendar_jobs ADD COLUMN result_parts INTEGER;
INSERT INTO calendar_parts (job_id, attempt, seq, body)
  SELECT id, attempts, 0, result FROM calendar_jobs WHERE result IS NOT NULL;
UPDATE calendar_jobs SET result_parts = 1 WHERE result IS NOT NULL;
ALTER TABLE calendar_jobs DROP COLUMN result;
