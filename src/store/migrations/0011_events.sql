-- vaultd schema 11: the events followers are told of (Events.Follow), and the notifier's role.

-- The `notifier` role (`vaultd notify`'s service identity: follows the events, records what it
-- told people). SQLite cannot change a CHECK constraint in place, so the table is made again.
CREATE TABLE principal_roles_new (
    principal TEXT NOT NULL REFERENCES principals (name),
    role      TEXT NOT NULL CHECK (role IN ('operator', 'admin', 'authority', 'auditor', 'backup', 'notifier')),
    PRIMARY KEY (principal, role)
) STRICT;
INSERT INTO principal_roles_new (principal, role) SELECT principal, role FROM principal_roles;
DROP TABLE principal_roles;
ALTER TABLE principal_roles_new RENAME TO principal_roles;

-- One row per event, written in the commit of the act that causes it (or by the daemon's clock,
-- with its own audit entry). `body` is the event's fields as JSON (which depend on `kind`).
-- Followers read it by `seq` (the rowid), never by scanning.
CREATE TABLE events (
    seq  INTEGER PRIMARY KEY,
    at   INTEGER NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL
) STRICT;
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- When the clock wrote a request's request.overdue (once per request). The partial index holds
-- only the pending requests not yet reminded of: the clock's next deadline is its first row.
ALTER TABLE grant_requests ADD COLUMN overdue_at INTEGER;
CREATE INDEX grant_requests_to_remind ON grant_requests (created_at)
    WHERE state = 'pending' AND overdue_at IS NULL;

-- When the clock saw a holding's grant end (not_after passed) and wrote rotation.recommended if
-- that made the account's password one to change. Holdings ended early (ended_at) never lapse.
-- Those already past their end when this migration runs were shown on `account list` already.
ALTER TABLE password_holders ADD COLUMN lapse_noted_at INTEGER;
UPDATE password_holders SET lapse_noted_at = not_after
    WHERE ended_at IS NULL AND not_after <= CAST(strftime('%s', 'now') AS INTEGER);
CREATE INDEX password_holders_to_lapse ON password_holders (not_after)
    WHERE ended_at IS NULL AND lapse_noted_at IS NULL;
