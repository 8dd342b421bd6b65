-- vaultd schema 18: how many signatures an account's grants need (authz/approvals.rs), on the
-- Secrétaire générale's signed statement, and the second signature a grant for such an account
-- carries (`grant cosign`), read by grant id at a release (never a scan).

CREATE TABLE account_approvals (
    id            TEXT PRIMARY KEY,
    account_id    TEXT NOT NULL REFERENCES accounts (id),
    required      INTEGER NOT NULL CHECK (required IN (1, 2)),
    -- The exact bytes she signed (prefix + JSON), never re-encoded; the other columns repeat
    -- them for queries.
    signed        BLOB NOT NULL,
    signature     BLOB NOT NULL,
    sg_key_id     TEXT NOT NULL,
    signed_at     INTEGER NOT NULL,
    registered_by TEXT NOT NULL,
    registered_at INTEGER NOT NULL
) STRICT;

CREATE INDEX account_approvals_by_account ON account_approvals (account_id, signed_at);

-- A statement, once registered, is the record of her decision.
CREATE TRIGGER account_approvals_immutable
BEFORE UPDATE ON account_approvals
BEGIN SELECT RAISE(ABORT, 'an approvals statement is immutable'); END;

-- The rule in force and the statement that set it (NULL: never set, one signature).
ALTER TABLE accounts ADD COLUMN required_signatures INTEGER NOT NULL DEFAULT 1
    CHECK (required_signatures IN (1, 2));
ALTER TABLE accounts ADD COLUMN approvals_id TEXT REFERENCES account_approvals (id);

-- At most one second signature per grant, over the grant's own stored bytes.
CREATE TABLE grant_cosignatures (
    grant_id      TEXT PRIMARY KEY REFERENCES grants (id),
    signature     BLOB NOT NULL,
    -- The key that made it: the authority's, or a delegate's under `delegation_id`.
    key_id        TEXT NOT NULL,
    delegation_id TEXT REFERENCES delegations (id),
    signer        TEXT NOT NULL,
    registered_at INTEGER NOT NULL
) STRICT;

-- The grants still live, by end: what the pending view reads to list those waiting for their
-- second signature, without reading the ended ones.
CREATE INDEX grants_live_by_end ON grants (not_after) WHERE revoked_at IS NULL;

CREATE TRIGGER grant_cosignatures_immutable
BEFORE UPDATE ON grant_cosignatures
BEGIN SELECT RAISE(ABORT, 'a second signature is immutable'); END;
