-- vaultd schema 20 (numbered after 0018 and 0019 on other branches): the grants issued under
-- one delegation, found by its id. Revoking a delegation with --end-grants ends those still
-- live in the same transaction; without this index that would scan every grant ever issued.
-- Partial: the grants the authority signed herself (most of them) carry no delegation.
CREATE INDEX grants_by_delegation ON grants (delegation_id, not_after)
    WHERE delegation_id IS NOT NULL;
