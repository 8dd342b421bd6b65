-- Changes to who can open the data key (an escrow recipient, a replacement unseal key) that an
-- operator proposed and that take effect only once the authority signs an approval (art. 14).
-- The approval's exact signed bytes and signature are kept as the evidence.
CREATE TABLE key_changes (
    id          TEXT PRIMARY KEY,
    action      TEXT NOT NULL CHECK (action IN ('escrow.add', 'unseal.replace')),
    recipient   TEXT NOT NULL,
    proposed_by TEXT NOT NULL,
    proposed_at INTEGER NOT NULL,
    state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved')),
    approved_by TEXT,
    approved_at INTEGER,
    signed      BLOB,
    signature   BLOB
) STRICT;
CREATE INDEX key_changes_pending ON key_changes (proposed_at) WHERE state = 'pending';
