-- vaultd schema 17 (numbered after 0015 and 0016 on other branches): who has fetched a staged
-- change (`credential get --field password-staged`) and under which grant. The staged value is
-- no version yet, so `password_holders` cannot hold it; when it is confirmed these become that
-- version's holdings (vault/rotation.rs), so the rotation's own exposure is tracked as any
-- release's. Discarded with the staged change.
CREATE TABLE staged_holders (
    stage_id  TEXT NOT NULL REFERENCES staged_secrets (stage_id) ON DELETE CASCADE,
    grant_id  TEXT NOT NULL,
    grantee   TEXT NOT NULL,
    not_after INTEGER NOT NULL,
    PRIMARY KEY (stage_id, grant_id)
) STRICT;
