-- vaultd schema 21: a grant's use count in a table of its own (issue 25), same contracts.

-- Every release counts a use. In the grants row (about 700 bytes: the signed document, its
-- signature...) that rewrote the whole row and counted as a write to the grants table, which
-- the writer's memo of live grants had to let through as a special case. Here a use rewrites
-- a 40-byte row, found by one lookup; a grant without a row has not been used. The grants
-- table is now written only when a grant itself changes (registered, revoked).
CREATE TABLE grant_uses (
    grant_id TEXT PRIMARY KEY REFERENCES grants (id),
    uses     INTEGER NOT NULL CHECK (uses > 0)
) STRICT, WITHOUT ROWID;
INSERT INTO grant_uses (grant_id, uses) SELECT id, uses FROM grants WHERE uses > 0;
ALTER TABLE grants DROP COLUMN uses;
