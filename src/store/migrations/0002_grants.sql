-- vaultd schema 2: art. 3 grants, requests for them, the pinned authority key, and which
-- password versions each grantee received (for "rotation recommended").

-- The authority's public keys; exactly one is current (retired_at IS NULL).
CREATE TABLE authority_keys (
    key_id     TEXT PRIMARY KEY,
    public_key BLOB NOT NULL,
    pinned_at  INTEGER NOT NULL,
    pinned_by  TEXT NOT NULL,
    retired_at INTEGER
) STRICT;

CREATE TABLE grant_requests (
    id            TEXT PRIMARY KEY,
    requester     TEXT NOT NULL REFERENCES principals (name),
    purpose       TEXT NOT NULL,
    duration_secs INTEGER NOT NULL,
    created_at    INTEGER NOT NULL,
    state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'denied')),
    decided_by    TEXT,
    decided_at    INTEGER,
    deny_reason   TEXT,
    grant_id      TEXT
) STRICT;

CREATE TABLE grant_request_accounts (
    request_id TEXT NOT NULL REFERENCES grant_requests (id),
    account_id TEXT NOT NULL REFERENCES accounts (id),
    PRIMARY KEY (request_id, account_id)
) STRICT;

-- A grant: `signed` holds the exact bytes the authority signed (prefix + JSON body), never
-- re-encoded. The other columns repeat the body for queries; decisions use the verified body.
CREATE TABLE grants (
    id            TEXT PRIMARY KEY,
    signed        BLOB NOT NULL,
    signature     BLOB NOT NULL,
    key_id        TEXT NOT NULL,
    grantee       TEXT NOT NULL,
    purpose       TEXT NOT NULL,
    not_before    INTEGER NOT NULL,
    not_after     INTEGER NOT NULL,
    max_uses      INTEGER,
    issued_at     INTEGER NOT NULL,
    request_id    TEXT,
    signer        TEXT NOT NULL,
    registered_at INTEGER NOT NULL,
    uses          INTEGER NOT NULL DEFAULT 0,
    revoked_at    INTEGER,
    revoked_by    TEXT,
    revoke_reason TEXT
) STRICT;

CREATE TABLE grant_accounts (
    grant_id   TEXT NOT NULL REFERENCES grants (id),
    account_id TEXT NOT NULL,
    PRIMARY KEY (grant_id, account_id)
) STRICT;
CREATE INDEX grant_accounts_by_account ON grant_accounts (account_id);

-- Each password release: who received which version under which grant.
CREATE TABLE password_receipts (
    account_id TEXT NOT NULL,
    version    INTEGER NOT NULL,
    grantee    TEXT NOT NULL,
    grant_id   TEXT NOT NULL REFERENCES grants (id),
    at         INTEGER NOT NULL
) STRICT;
CREATE INDEX password_receipts_by_account ON password_receipts (account_id);

-- The signed bytes of a grant never change.
CREATE TRIGGER grants_signed_immutable BEFORE UPDATE OF signed, signature, key_id ON grants
BEGIN SELECT RAISE(ABORT, 'a grant document is immutable'); END;
