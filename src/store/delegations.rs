//! Delegations to an acting authority (see `authz::delegation`): the signed statements as
//! pinned, their accounts, and their revocation. Every lookup a release or a registration makes
//! goes through the primary key or an index, bounded, so its cost does not grow with history.

use super::grants::{ids_with_prefix, Candidates};
use super::StoreError;
use rusqlite::{params, Connection, OptionalExtension};

/// A pinned delegation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DelegationRecord {
    pub id: String,
    pub signed: Vec<u8>,
    pub signature: Vec<u8>,
    pub sg_key_id: String,
    pub delegate: String,
    pub delegate_key_id: String,
    pub delegate_key: Vec<u8>,
    pub not_before: i64,
    pub not_after: i64,
    /// None: every account.
    pub accounts: Option<Vec<String>>,
    pub reason: String,
    pub issued_at: i64,
    pub registered_by: String,
    pub registered_at: i64,
    pub revoked_at: Option<i64>,
    pub revoked_by: Option<String>,
    pub revoke_reason: Option<String>,
}

impl DelegationRecord {
    /// When it stops covering anything: its end, or its revocation if earlier.
    pub fn ends(&self) -> i64 {
        self.revoked_at
            .map_or(self.not_after, |r| r.min(self.not_after))
    }

    /// Whether it covers `account` (all accounts when it names none).
    pub fn covers(&self, account: &str) -> bool {
        self.accounts
            .as_ref()
            .is_none_or(|list| list.iter().any(|a| a == account))
    }
}

/// Most delegations a lookup by key or by delegate reads: newest end first, far more than the
/// few one person is ever given at once.
pub const MAX_LOOKUP: u32 = 16;

const COLUMNS: &str = "d.id, d.signed, d.signature, d.sg_key_id, d.delegate, d.delegate_key_id,
    d.delegate_key, d.not_before, d.not_after, d.all_accounts, d.reason, d.issued_at,
    d.registered_by, d.registered_at, d.revoked_at, d.revoked_by, d.revoke_reason";

fn query(
    conn: &Connection,
    clause: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<DelegationRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM delegations d WHERE {clause}"
    ))?;
    let rows = stmt
        .query_map(params, |r| {
            let all: i64 = r.get(9)?;
            Ok(DelegationRecord {
                id: r.get(0)?,
                signed: r.get(1)?,
                signature: r.get(2)?,
                sg_key_id: r.get(3)?,
                delegate: r.get(4)?,
                delegate_key_id: r.get(5)?,
                delegate_key: r.get(6)?,
                not_before: r.get(7)?,
                not_after: r.get(8)?,
                accounts: (all == 0).then(Vec::new),
                reason: r.get(10)?,
                issued_at: r.get(11)?,
                registered_by: r.get(12)?,
                registered_at: r.get(13)?,
                revoked_at: r.get(14)?,
                revoked_by: r.get(15)?,
                revoke_reason: r.get(16)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut accounts = conn.prepare_cached(
        "SELECT account_id FROM delegation_accounts WHERE delegation_id = ?1 ORDER BY account_id",
    )?;
    rows.into_iter()
        .map(|mut d| {
            if d.accounts.is_some() {
                d.accounts = Some(
                    accounts
                        .query_map([&d.id], |r| r.get(0))?
                        .collect::<Result<_, _>>()?,
                );
            }
            Ok(d)
        })
        .collect()
}

/// Pins a delegation. False when its id is known already (a replay, even of a revoked one).
pub fn insert(conn: &Connection, d: &DelegationRecord) -> Result<bool, StoreError> {
    let inserted = conn.execute(
        "INSERT INTO delegations (id, signed, signature, sg_key_id, delegate, delegate_key_id,
             delegate_key, not_before, not_after, all_accounts, reason, issued_at, registered_by,
             registered_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (id) DO NOTHING",
        params![
            d.id,
            d.signed,
            d.signature,
            d.sg_key_id,
            d.delegate,
            d.delegate_key_id,
            d.delegate_key,
            d.not_before,
            d.not_after,
            i64::from(d.accounts.is_none()),
            d.reason,
            d.issued_at,
            d.registered_by,
            d.registered_at
        ],
    )?;
    if inserted == 0 {
        return Ok(false);
    }
    for account in d.accounts.iter().flatten() {
        conn.execute(
            "INSERT INTO delegation_accounts (delegation_id, account_id) VALUES (?1, ?2)",
            params![d.id, account],
        )?;
    }
    Ok(true)
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<DelegationRecord>, StoreError> {
    Ok(query(conn, "d.id = ?1", [id])?.into_iter().next())
}

/// The delegation ids starting with `prefix`.
pub fn ids_with(conn: &Connection, prefix: &str) -> Result<Candidates, StoreError> {
    ids_with_prefix(conn, "delegations", prefix)
}

/// The delegations by the authority key `sg_key_id` to the holder of `delegate_key_id`,
/// latest end first, at most [`MAX_LOOKUP`] (index `delegations_by_key`).
pub fn by_delegate_key(
    conn: &Connection,
    delegate_key_id: &str,
    sg_key_id: &str,
) -> Result<Vec<DelegationRecord>, StoreError> {
    query(
        conn,
        "d.delegate_key_id = ?1 AND d.sg_key_id = ?2 ORDER BY d.not_after DESC, d.id LIMIT ?3",
        params![delegate_key_id, sg_key_id, MAX_LOOKUP],
    )
}

/// The delegations by the authority key `sg_key_id` naming `delegate`, latest end first, at
/// most [`MAX_LOOKUP`] (index `delegations_by_delegate`).
pub fn by_delegate(
    conn: &Connection,
    delegate: &str,
    sg_key_id: &str,
) -> Result<Vec<DelegationRecord>, StoreError> {
    query(
        conn,
        "d.delegate = ?1 AND d.sg_key_id = ?2 ORDER BY d.not_after DESC, d.id LIMIT ?3",
        params![delegate, sg_key_id, MAX_LOOKUP],
    )
}

/// The delegations by the authority key `sg_key_id` in force at `at` (begun, neither ended nor
/// revoked), latest end first, at most [`MAX_LOOKUP`]: whom a grant awaiting its second
/// signature is told of. The table holds a handful of rows a year, so no index is kept for it.
pub fn in_force(
    conn: &Connection,
    sg_key_id: &str,
    at: i64,
) -> Result<Vec<DelegationRecord>, StoreError> {
    query(
        conn,
        "d.sg_key_id = ?1 AND d.not_before <= ?2 AND d.not_after > ?2
         AND (d.revoked_at IS NULL OR d.revoked_at > ?2)
         ORDER BY d.not_after DESC, d.id LIMIT ?3",
        params![sg_key_id, at, MAX_LOOKUP],
    )
}

/// Every delegation, newest first, for `authority delegation list` (a handful a year).
pub fn list(conn: &Connection) -> Result<Vec<DelegationRecord>, StoreError> {
    query(conn, "1 = 1 ORDER BY d.registered_at DESC, d.id", [])
}

/// Ends a delegation now (false if it was revoked already).
pub fn revoke(
    conn: &Connection,
    id: &str,
    by: &str,
    reason: &str,
    at: i64,
) -> Result<bool, StoreError> {
    let changed = conn.execute(
        "UPDATE delegations SET revoked_at = ?2, revoked_by = ?3, revoke_reason = ?4
         WHERE id = ?1 AND revoked_at IS NULL",
        params![id, at, by, reason],
    )?;
    Ok(changed == 1)
}

/// Most live grants one `delegation revoke --end-grants` ends in its transaction: far more than
/// an acting authority issues in the longest delegation, and a bound on what one commit holds.
pub const MAX_ENDED_GRANTS: u32 = 1000;

/// Live: neither revoked, nor past its end, nor out of uses.
const LIVE_UNDER: &str = "FROM grants g INDEXED BY grants_by_delegation
    WHERE g.delegation_id = ?1 AND g.not_after > ?2 AND g.revoked_at IS NULL
      AND (g.max_uses IS NULL
           OR coalesce((SELECT u.uses FROM grant_uses u WHERE u.grant_id = g.id), 0) < g.max_uses)";

/// The ids of the grants registered under delegation `id` still live at `at`, oldest first,
/// at most `limit` (index `grants_by_delegation`: the delegation's own grants, never a scan).
pub fn live_grants(
    conn: &Connection,
    id: &str,
    at: i64,
    limit: u32,
) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT g.id {LIVE_UNDER} ORDER BY g.registered_at, g.id LIMIT ?3"
    ))?;
    let ids = stmt
        .query_map(params![id, at, limit], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

/// How many grants registered under delegation `id` are still live at `at` (same index).
pub fn count_live_grants(conn: &Connection, id: &str, at: i64) -> Result<u64, StoreError> {
    let n: i64 = conn
        .prepare_cached(&format!("SELECT count(*) {LIVE_UNDER}"))?
        .query_row(params![id, at], |r| r.get(0))?;
    Ok(n as u64)
}

/// Whether `delegate` was ever given a delegation by `sg_key_id` (one row of an index).
pub fn is_delegate(conn: &Connection, delegate: &str, sg_key_id: &str) -> Result<bool, StoreError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM delegations WHERE delegate = ?1 AND sg_key_id = ?2 LIMIT 1",
            [delegate, sg_key_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// A statement's id, exact signed bytes and signature.
pub type Statement = (String, Vec<u8>, Vec<u8>);

/// What an audit export carries so a reviewer can check every grant's signatures offline with
/// the authority's public key alone (a delegated grant through its delegation): the statements
/// exactly as pinned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChainStatements {
    /// (id, signed bytes, signature) of every delegation, oldest first.
    pub delegations: Vec<Statement>,
    /// (id, signed bytes, signature) of every grant registered under a delegation.
    pub delegated_grants: Vec<Statement>,
    /// Every authority public key the vault pinned, first first.
    pub authority_keys: Vec<Vec<u8>>,
    /// (id, signed bytes, signature) of every grant signed by an authority key.
    pub authority_grants: Vec<Statement>,
    /// Every grant's second signature, oldest first.
    pub cosignatures: Vec<super::approvals::CosignatureRecord>,
    /// (id, signed bytes, signature) of every approvals statement, oldest first.
    pub approvals: Vec<Statement>,
}

/// Reads [`ChainStatements`]: once per export, whose cost grows with history anyway.
pub fn chain_statements(conn: &Connection) -> Result<ChainStatements, StoreError> {
    let triples = |sql: &str| -> Result<Vec<Statement>, StoreError> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    };
    let delegations =
        triples("SELECT id, signed, signature FROM delegations ORDER BY registered_at, id")?;
    let delegated_grants = triples(
        "SELECT id, signed, signature FROM grants WHERE delegation_id IS NOT NULL
         ORDER BY registered_at, id",
    )?;
    let authority_grants = triples(
        "SELECT id, signed, signature FROM grants WHERE delegation_id IS NULL
         ORDER BY registered_at, id",
    )?;
    let approvals =
        triples("SELECT id, signed, signature FROM account_approvals ORDER BY registered_at, id")?;
    let mut stmt = conn.prepare("SELECT public_key FROM authority_keys ORDER BY seq")?;
    let authority_keys = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ChainStatements {
        delegations,
        delegated_grants,
        authority_keys,
        authority_grants,
        cosignatures: super::approvals::every_cosignature(conn)?,
        approvals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> Connection {
        let mut c = Connection::open_in_memory().unwrap();
        c.pragma_update(None, "foreign_keys", "ON").unwrap();
        super::super::migrations::migrate(&mut c).unwrap();
        c.execute(
            "INSERT INTO principals (name, cert_fingerprint, created_at, created_by)
             VALUES ('admin2', 'f', 0, 'op')",
            [],
        )
        .unwrap();
        c
    }

    fn record(id: &str, accounts: Option<Vec<String>>) -> DelegationRecord {
        DelegationRecord {
            id: id.into(),
            signed: b"statement".to_vec(),
            signature: vec![1; 64],
            sg_key_id: "sg1".into(),
            delegate: "admin2".into(),
            delegate_key_id: "dk1".into(),
            delegate_key: vec![7; 32],
            not_before: 100,
            not_after: 200,
            accounts,
            reason: "congé".into(),
            issued_at: 90,
            registered_by: "sg".into(),
            registered_at: 95,
            revoked_at: None,
            revoked_by: None,
            revoke_reason: None,
        }
    }

    #[test]
    fn a_delegation_round_trips_is_found_by_key_and_delegate_and_is_never_pinned_twice() {
        let c = conn();
        let scoped = record(
            "aa",
            Some(vec!["facebook-cest".into(), "youtube-cest".into()]),
        );
        assert!(insert(&c, &scoped).unwrap());
        assert!(!insert(&c, &scoped).unwrap(), "a replay pins nothing");
        assert!(insert(&c, &record("bb", None)).unwrap());
        assert_eq!(get(&c, "aa").unwrap(), Some(scoped.clone()));
        assert_eq!(get(&c, "bb").unwrap().unwrap().accounts, None);
        assert_eq!(by_delegate_key(&c, "dk1", "sg1").unwrap().len(), 2);
        assert!(by_delegate_key(&c, "dk1", "sg2").unwrap().is_empty());
        assert!(is_delegate(&c, "admin2", "sg1").unwrap());
        assert!(!is_delegate(&c, "admin2", "sg2").unwrap());
        assert_eq!(by_delegate(&c, "admin2", "sg1").unwrap().len(), 2);
        assert!(revoke(&c, "aa", "sg", "retour", 150).unwrap());
        assert!(!revoke(&c, "aa", "sg", "retour", 160).unwrap());
        let revoked = get(&c, "aa").unwrap().unwrap();
        assert_eq!(revoked.ends(), 150);
        assert!(revoked.covers("youtube-cest") && !revoked.covers("x-cest"));
        assert!(!insert(&c, &scoped).unwrap(), "nor after its revocation");
        let err = c.execute("UPDATE delegations SET signed = x'00' WHERE id = 'aa'", []);
        assert!(err.is_err(), "the statement is immutable");
        assert_eq!(ids_with(&c, "a").unwrap().ids, vec!["aa".to_string()]);
        let carried = chain_statements(&c).unwrap();
        let ids: Vec<&str> = carried.delegations.iter().map(|d| d.0.as_str()).collect();
        assert_eq!(ids, ["aa", "bb"]);
        assert_eq!(carried.delegations[0].1, b"statement");
        assert!(carried.delegated_grants.is_empty() && carried.authority_keys.is_empty());
        assert!(carried.authority_grants.is_empty() && carried.cosignatures.is_empty());
        assert!(carried.approvals.is_empty());
    }

    #[test]
    fn in_force_keeps_those_begun_not_ended_not_revoked_by_that_key() {
        let c = conn();
        let mut later = record("later", None);
        later.not_before = 180;
        later.not_after = 300;
        let mut other_key = record("other", None);
        other_key.sg_key_id = "sg0".into();
        for d in [record("aa", None), record("bb", None), later, other_key] {
            assert!(insert(&c, &d).unwrap());
        }
        assert!(revoke(&c, "bb", "sg", "retour", 150).unwrap());
        let ids = |at: i64| -> Vec<String> {
            in_force(&c, "sg1", at)
                .unwrap()
                .into_iter()
                .map(|d| d.id)
                .collect()
        };
        assert_eq!(ids(99), Vec::<String>::new(), "none begun");
        assert_eq!(ids(120), ["aa", "bb"]);
        assert_eq!(ids(150), ["aa"], "revoked at 150 is over at 150");
        assert_eq!(ids(190), ["later", "aa"], "latest end first");
        assert_eq!(ids(200), ["later"], "ended at its not_after");
    }

    #[test]
    fn the_live_grants_of_a_delegation_are_read_through_its_index() {
        let c = conn();
        let plan: Vec<String> = c
            .prepare(&format!("EXPLAIN QUERY PLAN SELECT g.id {LIVE_UNDER}"))
            .unwrap()
            .query_map(params!["aa", 0], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|step| step.contains("grants_by_delegation")),
            "{plan:?}"
        );
    }
}
