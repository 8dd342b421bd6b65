-- Witnesses' cosignatures (C2SP cosignature/v1): for each witness, the latest checkpoint it
-- co-signed, as the full note (the vault's signature and the witness's line). Served with the
-- latest checkpoint and in exports, so that a reviewer can require a witness's word.
CREATE TABLE cosigned_checkpoints (
    witness  TEXT PRIMARY KEY,
    size     INTEGER NOT NULL,
    note     TEXT NOT NULL,
    added_at INTEGER NOT NULL
) STRICT;
