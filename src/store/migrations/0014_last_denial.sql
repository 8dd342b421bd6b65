-- vaultd schema 14: a refused release names the caller's last denied request for the account
-- (vault/credentials.rs) without reading every request ever made: the requester's denials,
-- newest first, from this partial index (only denied rows are in it), a bounded few of them.

CREATE INDEX grant_requests_denied_by ON grant_requests (requester, decided_at) WHERE state = 'denied';
