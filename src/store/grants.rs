//! Grants, grant requests, the pinned authority key, and password receipts.

use super::{now, StoreError};
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    pub id: String,
    pub requester: String,
    pub accounts: Vec<String>,
    pub purpose: String,
    pub duration_secs: i64,
    pub created_at: i64,
    pub state: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    pub deny_reason: Option<String>,
    pub grant_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantRecord {
    pub id: String,
    pub signed: Vec<u8>,
    pub signature: Vec<u8>,
    pub key_id: String,
    pub grantee: String,
    pub accounts: Vec<String>,
    pub purpose: String,
    pub not_before: i64,
    pub not_after: i64,
    pub max_uses: Option<u64>,
    pub issued_at: i64,
    pub request_id: Option<String>,
    pub signer: String,
    pub registered_at: i64,
    pub uses: u64,
    pub revoked_at: Option<i64>,
    pub revoked_by: Option<String>,
    pub revoke_reason: Option<String>,
}

pub struct AuthorityKey {
    pub key_id: String,
    pub public_key: Vec<u8>,
    pub pinned_at: i64,
    pub pinned_by: String,
}

pub fn current_authority_key(conn: &Connection) -> Result<Option<AuthorityKey>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT key_id, public_key, pinned_at, pinned_by FROM authority_keys WHERE retired_at IS NULL",
            [],
            |r| {
                Ok(AuthorityKey {
                    key_id: r.get(0)?,
                    public_key: r.get(1)?,
                    pinned_at: r.get(2)?,
                    pinned_by: r.get(3)?,
                })
            },
        )
        .optional()?)
}

/// Makes `public_key` the only current authority key.
pub fn pin_authority_key(
    conn: &Connection,
    key_id: &str,
    public_key: &[u8],
    by: &str,
) -> Result<(), StoreError> {
    let at = now();
    conn.execute(
        "UPDATE authority_keys SET retired_at = ?1 WHERE retired_at IS NULL",
        [at],
    )?;
    conn.execute(
        "INSERT INTO authority_keys (key_id, public_key, pinned_at, pinned_by) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (key_id) DO UPDATE SET retired_at = NULL, pinned_at = excluded.pinned_at, pinned_by = excluded.pinned_by",
        params![key_id, public_key, at, by],
    )?;
    Ok(())
}

fn ids_with_prefix(
    conn: &Connection,
    table: &str,
    prefix: &str,
) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT id FROM {table} WHERE substr(id, 1, length(?1)) = ?1 ORDER BY id LIMIT 2"
    ))?;
    let rows = stmt.query_map([prefix], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Up to two request ids starting with `prefix` (two means ambiguous).
pub fn request_ids_with_prefix(conn: &Connection, prefix: &str) -> Result<Vec<String>, StoreError> {
    ids_with_prefix(conn, "grant_requests", prefix)
}

/// Up to two grant ids starting with `prefix`.
pub fn grant_ids_with_prefix(conn: &Connection, prefix: &str) -> Result<Vec<String>, StoreError> {
    ids_with_prefix(conn, "grants", prefix)
}

pub fn insert_request(conn: &Connection, r: &RequestRecord) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO grant_requests (id, requester, purpose, duration_secs, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![r.id, r.requester, r.purpose, r.duration_secs, r.created_at],
    )?;
    for account in &r.accounts {
        conn.execute(
            "INSERT INTO grant_request_accounts (request_id, account_id) VALUES (?1, ?2)",
            params![r.id, account],
        )?;
    }
    Ok(())
}

fn request_accounts(conn: &Connection, id: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT account_id FROM grant_request_accounts WHERE request_id = ?1 ORDER BY account_id",
    )?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

const REQUEST_COLUMNS: &str = "id, requester, purpose, duration_secs, created_at, state, decided_by, decided_at, deny_reason, grant_id";

fn requests_where(
    conn: &Connection,
    filter: &str,
    param: &str,
) -> Result<Vec<RequestRecord>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {REQUEST_COLUMNS} FROM grant_requests WHERE {filter} ORDER BY created_at, id"
    ))?;
    let rows = stmt
        .query_map([param], |r| {
            Ok(RequestRecord {
                id: r.get(0)?,
                requester: r.get(1)?,
                accounts: Vec::new(),
                purpose: r.get(2)?,
                duration_secs: r.get(3)?,
                created_at: r.get(4)?,
                state: r.get(5)?,
                decided_by: r.get(6)?,
                decided_at: r.get(7)?,
                deny_reason: r.get(8)?,
                grant_id: r.get(9)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|mut r| {
            r.accounts = request_accounts(conn, &r.id)?;
            Ok(r)
        })
        .collect()
}

pub fn get_request(conn: &Connection, id: &str) -> Result<Option<RequestRecord>, StoreError> {
    Ok(requests_where(conn, "id = ?1", id)?.into_iter().next())
}

pub fn pending_requests(conn: &Connection) -> Result<Vec<RequestRecord>, StoreError> {
    requests_where(conn, "state = ?1", "pending")
}

pub fn requests_by(conn: &Connection, requester: &str) -> Result<Vec<RequestRecord>, StoreError> {
    requests_where(conn, "requester = ?1", requester)
}

pub fn all_requests(conn: &Connection) -> Result<Vec<RequestRecord>, StoreError> {
    requests_where(conn, "?1 = ?1", "")
}

/// Records a decision on a pending request; false when it was no longer pending.
pub fn decide_request(
    conn: &Connection,
    id: &str,
    state: &str,
    by: &str,
    deny_reason: Option<&str>,
    grant_id: Option<&str>,
) -> Result<bool, StoreError> {
    let changed = conn.execute(
        "UPDATE grant_requests SET state = ?2, decided_by = ?3, decided_at = ?4, deny_reason = ?5, grant_id = ?6
         WHERE id = ?1 AND state = 'pending'",
        params![id, state, by, now(), deny_reason, grant_id],
    )?;
    Ok(changed == 1)
}

pub fn insert_grant(conn: &Connection, g: &GrantRecord) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO grants (id, signed, signature, key_id, grantee, purpose, not_before, not_after, max_uses,
                             issued_at, request_id, signer, registered_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            g.id,
            g.signed,
            g.signature,
            g.key_id,
            g.grantee,
            g.purpose,
            g.not_before,
            g.not_after,
            g.max_uses.map(|m| m as i64),
            g.issued_at,
            g.request_id,
            g.signer,
            g.registered_at
        ],
    )?;
    for account in &g.accounts {
        conn.execute(
            "INSERT INTO grant_accounts (grant_id, account_id) VALUES (?1, ?2)",
            params![g.id, account],
        )?;
    }
    Ok(())
}

const GRANT_COLUMNS: &str = "g.id, g.signed, g.signature, g.key_id, g.grantee, g.purpose, g.not_before, g.not_after,
    g.max_uses, g.issued_at, g.request_id, g.signer, g.registered_at, g.uses, g.revoked_at, g.revoked_by, g.revoke_reason";

fn grants_where(
    conn: &Connection,
    filter: &str,
    param: &str,
) -> Result<Vec<GrantRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {GRANT_COLUMNS} FROM grants g WHERE {filter} ORDER BY g.registered_at, g.id"
    ))?;
    let rows = stmt
        .query_map([param], |r| {
            Ok(GrantRecord {
                id: r.get(0)?,
                signed: r.get(1)?,
                signature: r.get(2)?,
                key_id: r.get(3)?,
                grantee: r.get(4)?,
                accounts: Vec::new(),
                purpose: r.get(5)?,
                not_before: r.get(6)?,
                not_after: r.get(7)?,
                max_uses: r.get::<_, Option<i64>>(8)?.map(|m| m as u64),
                issued_at: r.get(9)?,
                request_id: r.get(10)?,
                signer: r.get(11)?,
                registered_at: r.get(12)?,
                uses: r.get::<_, i64>(13)? as u64,
                revoked_at: r.get(14)?,
                revoked_by: r.get(15)?,
                revoke_reason: r.get(16)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut accounts = conn.prepare_cached(
        "SELECT account_id FROM grant_accounts WHERE grant_id = ?1 ORDER BY account_id",
    )?;
    rows.into_iter()
        .map(|mut g| {
            g.accounts = accounts
                .query_map([&g.id], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            Ok(g)
        })
        .collect()
}

pub fn get_grant(conn: &Connection, id: &str) -> Result<Option<GrantRecord>, StoreError> {
    Ok(grants_where(conn, "g.id = ?1", id)?.into_iter().next())
}

/// Grants whose rows name `account_id` (candidates for a release decision).
pub fn grants_for_account(
    conn: &Connection,
    account_id: &str,
) -> Result<Vec<GrantRecord>, StoreError> {
    grants_where(
        conn,
        "g.id IN (SELECT grant_id FROM grant_accounts WHERE account_id = ?1)",
        account_id,
    )
}

pub fn all_grants(conn: &Connection) -> Result<Vec<GrantRecord>, StoreError> {
    grants_where(conn, "?1 = ?1", "")
}

pub fn revoke(conn: &Connection, id: &str, by: &str, reason: &str) -> Result<bool, StoreError> {
    let changed = conn.execute(
        "UPDATE grants SET revoked_at = ?2, revoked_by = ?3, revoke_reason = ?4 WHERE id = ?1 AND revoked_at IS NULL",
        params![id, now(), by, reason],
    )?;
    Ok(changed == 1)
}

/// Counts one use, only if uses remain: false when the grant is exhausted.
pub fn count_use(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    let changed = conn.execute(
        "UPDATE grants SET uses = uses + 1 WHERE id = ?1 AND (max_uses IS NULL OR uses < max_uses)",
        [id],
    )?;
    Ok(changed == 1)
}

pub fn record_receipt(
    conn: &Connection,
    account_id: &str,
    version: u64,
    grantee: &str,
    grant_id: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO password_receipts (account_id, version, grantee, grant_id, at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![account_id, version as i64, grantee, grant_id, now()],
    )?;
    Ok(())
}
