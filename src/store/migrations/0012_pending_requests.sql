-- vaultd schema 12: pending requests read without reading every request ever made. The
-- authority's list of pending requests, and the count of one requester's pending requests (the
-- vault caps it), read these two small partial indexes: only pending rows are in them.

CREATE INDEX grant_requests_pending ON grant_requests (created_at, id) WHERE state = 'pending';
CREATE INDEX grant_requests_pending_by ON grant_requests (requester) WHERE state = 'pending';
