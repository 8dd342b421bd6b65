-- Rekeying re-seals every secret value under a new data key, in one transaction. The sealed
-- bytes may change only then: that transaction inserts the one row of `rekey_in_progress`
-- first and deletes it before committing, so outside a rekey secret values stay append-only,
-- and which version, account and field a value belongs to never changes.
CREATE TABLE rekey_in_progress (id INTEGER PRIMARY KEY CHECK (id = 1)) STRICT;
DROP TRIGGER secret_fields_append_only_update;
CREATE TRIGGER secret_fields_place_immutable BEFORE UPDATE OF account_id, version, field ON secret_fields
BEGIN SELECT RAISE(ABORT, 'secret versions are append-only'); END;
CREATE TRIGGER secret_fields_sealed_only_by_rekey BEFORE UPDATE OF sealed ON secret_fields
WHEN NOT EXISTS (SELECT 1 FROM rekey_in_progress)
BEGIN SELECT RAISE(ABORT, 'secret versions are append-only'); END;
