-- When each principal's client certificate expires, to show it and warn before it does.
-- Certificates so far were issued at enrolment for 825 days.
ALTER TABLE principals ADD COLUMN cert_not_after INTEGER NOT NULL DEFAULT 0;
UPDATE principals SET cert_not_after = created_at + 825 * 86400;

-- Certificates replaced by a renewal or a re-enrolment: refused at the TLS handshake until
-- they expire (then they are refused by the TLS verifier anyway and may be forgotten).
CREATE TABLE retired_certificates (
    fingerprint TEXT PRIMARY KEY,
    principal   TEXT NOT NULL,
    not_after   INTEGER NOT NULL,
    retired_at  INTEGER NOT NULL
) STRICT;
