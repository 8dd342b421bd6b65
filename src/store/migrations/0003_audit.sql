-- vaultd schema 3: the art. 14 audit log. Each entry is stored as the exact UTF-8 JSON bytes
-- that are hashed into the RFC 9162 Merkle tree; `audit_state` keeps the tree's frontier and the
-- latest signed checkpoint so start-up never rereads the log.

CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY CHECK (seq >= 0),
    entry     BLOB NOT NULL,
    leaf_hash BLOB NOT NULL
) STRICT;

CREATE TABLE audit_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    frontier   BLOB NOT NULL,
    checkpoint TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
