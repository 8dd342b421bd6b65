-- vaultd schema 1: the vault's own keys, principals, accounts and secret versions.

-- Facts about this vault: id, CA certificate, server certificate and key, CA key sealed under the
-- data key. One row per name.
CREATE TABLE vault_meta (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
) STRICT;

-- The data key wrapped with age, once per way to unseal.
CREATE TABLE key_wraps (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('identity', 'passphrase', 'escrow')),
    label      TEXT NOT NULL,
    wrapped    BLOB NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE principals (
    name             TEXT PRIMARY KEY,
    cert_fingerprint TEXT NOT NULL UNIQUE,
    disabled         INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at       INTEGER NOT NULL,
    created_by       TEXT NOT NULL
) STRICT;

CREATE TABLE principal_roles (
    principal TEXT NOT NULL REFERENCES principals (name),
    role      TEXT NOT NULL CHECK (role IN ('operator', 'admin', 'authority', 'auditor')),
    PRIMARY KEY (principal, role)
) STRICT;

CREATE TABLE accounts (
    id          TEXT PRIMARY KEY,
    platform    TEXT NOT NULL,
    login       TEXT NOT NULL,
    url         TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    created_by  TEXT NOT NULL,
    archived_at INTEGER,
    archived_by TEXT
) STRICT;

-- Append-only: one row per `secret set`, never updated or deleted.
CREATE TABLE secret_versions (
    account_id TEXT NOT NULL REFERENCES accounts (id),
    version    INTEGER NOT NULL CHECK (version >= 1),
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    reason     TEXT NOT NULL,
    generated  INTEGER NOT NULL DEFAULT 0 CHECK (generated IN (0, 1)),
    PRIMARY KEY (account_id, version)
) STRICT;

-- The sealed values of a version: nonce || AES-256-GCM ciphertext || tag, bound to
-- (account_id, version, field).
CREATE TABLE secret_fields (
    account_id TEXT NOT NULL,
    version    INTEGER NOT NULL,
    field      TEXT NOT NULL CHECK (field IN ('password', 'totp')),
    sealed     BLOB NOT NULL,
    PRIMARY KEY (account_id, version, field),
    FOREIGN KEY (account_id, version) REFERENCES secret_versions (account_id, version)
) STRICT;

CREATE TRIGGER secret_versions_append_only_update BEFORE UPDATE ON secret_versions
BEGIN SELECT RAISE(ABORT, 'secret versions are append-only'); END;
CREATE TRIGGER secret_versions_append_only_delete BEFORE DELETE ON secret_versions
BEGIN SELECT RAISE(ABORT, 'secret versions are append-only'); END;
CREATE TRIGGER secret_fields_append_only_update BEFORE UPDATE ON secret_fields
BEGIN SELECT RAISE(ABORT, 'secret versions are append-only'); END;
CREATE TRIGGER secret_fields_append_only_delete BEFORE DELETE ON secret_fields
BEGIN SELECT RAISE(ABORT, 'secret versions are append-only'); END;
