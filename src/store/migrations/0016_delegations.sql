-- vaultd schema 16: the Secrétaire générale's signed delegations to an acting authority
-- (authz/delegation.rs), and which delegation each grant signed by a delegate was registered
-- under, so that a release reads its one delegation by id and never scans them.

CREATE TABLE delegations (
    id              TEXT PRIMARY KEY,
    -- The exact bytes she signed (prefix + JSON), never re-encoded; the other columns repeat
    -- them for queries.
    signed          BLOB NOT NULL,
    signature       BLOB NOT NULL,
    -- The authority key that signed it: a rotation ends it (it no longer matches the current key).
    sg_key_id       TEXT NOT NULL,
    delegate        TEXT NOT NULL REFERENCES principals (name),
    delegate_key_id TEXT NOT NULL,
    delegate_key    BLOB NOT NULL,
    not_before      INTEGER NOT NULL,
    not_after       INTEGER NOT NULL,
    all_accounts    INTEGER NOT NULL CHECK (all_accounts IN (0, 1)),
    reason          TEXT NOT NULL,
    issued_at       INTEGER NOT NULL,
    registered_by   TEXT NOT NULL,
    registered_at   INTEGER NOT NULL,
    revoked_at      INTEGER,
    revoked_by      TEXT,
    revoke_reason   TEXT
) STRICT;

CREATE TABLE delegation_accounts (
    delegation_id TEXT NOT NULL REFERENCES delegations (id),
    account_id    TEXT NOT NULL,
    PRIMARY KEY (delegation_id, account_id)
) STRICT;

-- A grant signed by a delegate's key finds its candidate delegations by that key; whether a
-- caller acts under a delegation, by name. Both under the current authority key only.
CREATE INDEX delegations_by_key ON delegations (delegate_key_id, sg_key_id, not_after);
CREATE INDEX delegations_by_delegate ON delegations (delegate, sg_key_id, not_after);

-- The signed bytes of a delegation never change.
CREATE TRIGGER delegations_signed_immutable
BEFORE UPDATE OF signed, signature, sg_key_id, delegate_key ON delegations
BEGIN SELECT RAISE(ABORT, 'a delegation statement is immutable'); END;

-- NULL: signed by the authority's own key.
ALTER TABLE grants ADD COLUMN delegation_id TEXT REFERENCES delegations (id);
