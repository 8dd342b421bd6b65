-- vaultd schema 13: rotation in two phases, and rotation due by age.
--
-- A staged change is a new password (or TOTP seed) the vault made or was given, kept beside the
-- account's current version until the person who changes it on the platform confirms (it then
-- becomes a version like any other) or gives up (it is discarded). At most one per account, so
-- a forgotten one is found, not buried under a second. Not append-only: the audit log records
-- each stage, fetch, confirm and abort; this table is the working copy. The value is sealed under
-- the data key bound to (account, stage id, field), so it cannot pass for a version's value.
CREATE TABLE staged_secrets (
    account_id TEXT PRIMARY KEY REFERENCES accounts (id),
    stage_id   TEXT NOT NULL UNIQUE,
    field      TEXT NOT NULL CHECK (field IN ('password', 'totp')),
    sealed     BLOB NOT NULL,
    generated  INTEGER NOT NULL CHECK (generated IN (0, 1)),
    staged_at  INTEGER NOT NULL,
    staged_by  TEXT NOT NULL,
    -- The grant an administrator staged it under (NULL for an operator): who may fetch and
    -- confirm it, and the holding recorded when it becomes a version.
    grant_id   TEXT,
    reason     TEXT NOT NULL,
    -- When the vault said it was staged for too long (NULL: not yet), so it says so once.
    stale_noted_at INTEGER
) STRICT;
-- The clock's next "staged for too long" deadline, read without a scan.
CREATE INDEX staged_secrets_not_noted ON staged_secrets (staged_at) WHERE stale_noted_at IS NULL;

-- A version that a confirmed rotation made names the stage it came from (NULL: `secret set`),
-- so history and the report tell a rotation from a correction.
ALTER TABLE secret_versions ADD COLUMN stage_id TEXT;

-- Where the account's password is changed (else the platform's known page, else the URL's
-- /.well-known/change-password), and the age after which its password is due for rotation
-- (seconds; NULL: the vault's configured default).
ALTER TABLE accounts ADD COLUMN change_url TEXT;
ALTER TABLE accounts ADD COLUMN max_age INTEGER CHECK (max_age IS NULL OR max_age >= 1);
