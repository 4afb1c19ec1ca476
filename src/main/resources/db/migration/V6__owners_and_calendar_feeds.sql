-- Todos, calendar jobs and idempotency keys belong to an owner: a signed-in user as
-- "<issuer>#<subject>", or under auth.mode none the shared owner (auth.shared-owner), which is
-- also what the rows made before there were owners are given here.
ALTER TABLE todos ADD COLUMN owner TEXT NOT NULL DEFAULT ${shared_owner};
ALTER TABLE todos ALTER COLUMN owner DROP DEFAULT;
CREATE INDEX todos_by_owner ON todos (owner, id);
DROP INDEX todos_deadline_at;
CREATE INDEX todos_deadline_at ON todos (owner, deadline_at) WHERE deadline_at IS NOT NULL;
-- The feed reads an owner's todos with a deadline in id order.
CREATE INDEX todos_in_calendar ON todos (owner, id) WHERE deadline_at IS NOT NULL;

ALTER TABLE calendar_jobs ADD COLUMN owner TEXT NOT NULL DEFAULT ${shared_owner};
ALTER TABLE calendar_jobs ALTER COLUMN owner DROP DEFAULT;

ALTER TABLE idempotency_keys ADD COLUMN owner TEXT NOT NULL DEFAULT ${shared_owner};
ALTER TABLE idempotency_keys ALTER COLUMN owner DROP DEFAULT;
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (owner, scope, key);

-- A job reads its owner's todos only.
ALTER TABLE todo_versions ADD COLUMN owner TEXT NOT NULL DEFAULT ${shared_owner};
ALTER TABLE todo_versions ALTER COLUMN owner DROP DEFAULT;
DROP INDEX todo_versions_by_todo;
CREATE INDEX todo_versions_by_owner ON todo_versions (owner, todo_id, valid_from);

-- Each owner's count of changes to what their calendar shows, the calendar feed's validator,
-- kept while the owner has a feed (no one else needs it, and it costs a write per change). It is
-- kept in slots (one per database session, modulo 128) summed when read, because a single row
-- per owner would make every write of that owner wait for the one before to commit.
CREATE TABLE calendar_changes (
  owner      TEXT      NOT NULL,
  slot       INTEGER   NOT NULL,
  changes    BIGINT    NOT NULL,
  changed_at TIMESTAMP NOT NULL,
  PRIMARY KEY (owner, slot)
);
INSERT INTO calendar_changes (owner, slot, changes, changed_at)
  SELECT owner, 0, 1, max(updated_at) FROM todos WHERE deadline_at IS NOT NULL GROUP BY owner;

-- Counted once per statement and owner (from the statement's transition tables), not per row:
-- a row-level count would update one slot row once per todo, which a bulk statement pays for
-- quadratically (each update walks the row's earlier versions of the same transaction).
-- A feed being made takes this lock exclusively (feeds.renew) before it is stored: it waits for
-- the changes under way, and those that follow see the feed (the check below takes its snapshot
-- after the lock), so no change it shows goes uncounted.
CREATE FUNCTION count_calendar_changes(changed_owner TEXT, how_many BIGINT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(1717658999, hashtext(changed_owner));
  IF EXISTS (SELECT 1 FROM calendar_feeds WHERE owner = changed_owner) THEN
    INSERT INTO calendar_changes (owner, slot, changes, changed_at)
    VALUES (changed_owner, pg_backend_pid() % 128, how_many, clock_timestamp() AT TIME ZONE 'utc')
    ON CONFLICT (owner, slot) DO UPDATE SET changes = calendar_changes.changes + EXCLUDED.changes,
      changed_at = GREATEST(calendar_changes.changed_at, EXCLUDED.changed_at);
  END IF;
END $$;

-- Todos made or deleted: those with a deadline count (the triggers name their rows alike).
CREATE FUNCTION count_added_or_removed_calendar_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM count_calendar_changes(owner, count(*)) FROM changed_rows WHERE deadline_at IS NOT NULL GROUP BY owner;
  RETURN NULL;
END $$;
CREATE TRIGGER todos_inserted_counted AFTER INSERT ON todos REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION count_added_or_removed_calendar_changes();
CREATE TRIGGER todos_deleted_counted AFTER DELETE ON todos REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION count_added_or_removed_calendar_changes();

-- An update counts when what a calendar shows changed (as for a new version, or its end).
CREATE FUNCTION count_updated_calendar_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM count_calendar_changes(after.owner, count(*))
    FROM updated AS after JOIN outdated AS before ON before.id = after.id
    WHERE (before.deadline_at IS NOT NULL OR after.deadline_at IS NOT NULL)
      AND (after.title IS DISTINCT FROM before.title OR after.description IS DISTINCT FROM before.description
        OR after.deadline_at IS DISTINCT FROM before.deadline_at)
    GROUP BY after.owner;
  RETURN NULL;
END $$;
CREATE TRIGGER todos_updated_counted AFTER UPDATE ON todos REFERENCING OLD TABLE AS outdated NEW TABLE AS updated
  FOR EACH STATEMENT EXECUTE FUNCTION count_updated_calendar_changes();

-- As in V3, with the owner on each version.
CREATE OR REPLACE FUNCTION record_todo_version() RETURNS trigger LANGUAGE plpgsql AS $$
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
    INSERT INTO todo_versions (todo_id, owner, title, description, deadline_at, valid_from)
    VALUES (NEW.id, NEW.owner, NEW.title, NEW.description, NEW.deadline_at, pg_current_xact_id());
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION end_todo_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE todo_versions SET valid_to = pg_current_xact_id() WHERE valid_to IS NULL;
  UPDATE calendar_changes SET changes = changes + 1, changed_at = clock_timestamp() AT TIME ZONE 'utc';
  RETURN NULL;
END $$;

-- A feed's secret token is an HMAC of its nonce under the feed key; only its hash is kept.
CREATE TABLE calendar_feeds (
  owner      TEXT      PRIMARY KEY,
  nonce      BYTEA     NOT NULL,
  token_hash BYTEA     NOT NULL UNIQUE,
  created_at TIMESTAMP NOT NULL
);
-- The feed key used while auth.feed-secret is not set.
CREATE TABLE feed_key (
  only_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
  secret   TEXT    NOT NULL
);
INSERT INTO feed_key (secret) VALUES (replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
