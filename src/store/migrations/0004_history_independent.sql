-- vaultd schema 4: costs that do not grow with history.

-- Who holds which password version, one row per (account, version, grant) kept by upsert rather
-- than one row per release. A row counts towards "rotation recommended" once its grant has
-- ended: `not_after` passed, or `ended_at` set when the grant stopped counting early (revoked,
-- grantee disabled, authority key rotated). Reading it touches the current version's few rows.
CREATE TABLE password_holders (
    account_id TEXT NOT NULL,
    version    INTEGER NOT NULL,
    grant_id   TEXT NOT NULL REFERENCES grants (id),
    grantee    TEXT NOT NULL,
    not_after  INTEGER NOT NULL,
    ended_at   INTEGER,
    first_at   INTEGER NOT NULL,
    last_at    INTEGER NOT NULL,
    PRIMARY KEY (account_id, version, grant_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX password_holders_by_grant ON password_holders (grant_id);
CREATE INDEX password_holders_by_grantee ON password_holders (grantee) WHERE ended_at IS NULL;

INSERT INTO password_holders
    SELECT r.account_id, r.version, r.grant_id, r.grantee, g.not_after, g.revoked_at,
           min(r.at), max(r.at)
    FROM password_receipts r JOIN grants g ON g.id = r.grant_id
    GROUP BY r.account_id, r.version, r.grant_id;
DROP TABLE password_receipts;

-- A release selects its candidate grants by grantee and window, never every grant of the account.
CREATE INDEX grants_by_grantee ON grants (grantee, not_after);

-- The audit log's filter columns, so reviewers' queries use indexes instead of parsing every
-- entry. They repeat fields of the hashed entry; the entry's bytes stay the truth.
DROP TRIGGER audit_log_append_only_update;
ALTER TABLE audit_log ADD COLUMN at_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE audit_log ADD COLUMN principal TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN action TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
UPDATE audit_log SET
    at_ms = CAST(round((julianday(json_extract(CAST(entry AS TEXT), '$.time')) - 2440587.5) * 86400000) AS INTEGER),
    principal = json_extract(CAST(entry AS TEXT), '$.principal'),
    action = json_extract(CAST(entry AS TEXT), '$.action'),
    outcome = json_extract(CAST(entry AS TEXT), '$.outcome');
CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE INDEX audit_log_by_time ON audit_log (at_ms);
CREATE INDEX audit_log_by_principal ON audit_log (principal, seq);
CREATE INDEX audit_log_by_action ON audit_log (action, seq);
CREATE INDEX audit_log_by_outcome ON audit_log (outcome, seq);

-- Each target an entry names, one row each (a grant request names several accounts).
CREATE TABLE audit_targets (
    target     TEXT NOT NULL,
    seq        INTEGER NOT NULL REFERENCES audit_log (seq),
    PRIMARY KEY (target, seq)
) STRICT, WITHOUT ROWID;
WITH RECURSIVE split(seq, rest, target) AS (
    SELECT seq, json_extract(CAST(entry AS TEXT), '$.target') || ',', NULL FROM audit_log
    UNION ALL
    SELECT seq, substr(rest, instr(rest, ',') + 1), substr(rest, 1, instr(rest, ',') - 1)
    FROM split WHERE rest <> ''
)
INSERT OR IGNORE INTO audit_targets (target, seq)
    SELECT target, seq FROM split WHERE target IS NOT NULL AND target <> '';

-- Interior nodes of the Merkle tree, so an inclusion proof reads O(log n) rows instead of
-- rebuilding the tree: the hash of the perfect subtree of 2^level leaves starting at
-- index * 2^level (level >= 1; level 0 is audit_log.leaf_hash). Filled by the writer as
-- subtrees complete, and for existing logs at start-up.
CREATE TABLE audit_nodes (
    level INTEGER NOT NULL CHECK (level >= 1),
    idx   INTEGER NOT NULL CHECK (idx >= 0),
    hash  BLOB NOT NULL,
    PRIMARY KEY (level, idx)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER audit_nodes_append_only_update BEFORE UPDATE ON audit_nodes
BEGIN SELECT RAISE(ABORT, 'the audit tree is append-only'); END;
CREATE TRIGGER audit_nodes_append_only_delete BEFORE DELETE ON audit_nodes
BEGIN SELECT RAISE(ABORT, 'the audit tree is append-only'); END;

-- Each authority key's place in the vault's history: rotation statements name it, so a
-- statement cannot be replayed at another step. Keys were inserted in order (rowid).
ALTER TABLE authority_keys ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE authority_keys SET seq = (SELECT count(*) FROM authority_keys k WHERE k.rowid <= authority_keys.rowid);
