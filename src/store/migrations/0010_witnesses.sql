-- The witnesses whose cosignatures the vault keeps: each one's name and cosignature/v1 verifier
-- key, listed by the auditor or the authority. A cosignature is kept, and served, only when its
-- line verifies under the listed key of its name: before this list, any auditor could store a
-- line under any name, and a forged one stood in the place of the real witness's.
CREATE TABLE witnesses (
    name         TEXT PRIMARY KEY,
    verifier_key TEXT NOT NULL,
    added_by     TEXT NOT NULL,
    added_at     INTEGER NOT NULL
) STRICT;
