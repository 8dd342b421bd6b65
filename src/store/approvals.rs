//! The signatures an account's grants need (`authz::approvals`): the Secrétaire générale's
//! signed statements as registered, the rule in force on the account's row, and each grant's
//! second signature, read by its grant id.

use super::StoreError;
use rusqlite::{params, Connection, OptionalExtension};

/// A registered approvals statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalsRecord {
    pub id: String,
    pub account_id: String,
    pub required: u8,
    pub signed: Vec<u8>,
    pub signature: Vec<u8>,
    pub sg_key_id: String,
    pub signed_at: i64,
    pub registered_by: String,
    pub registered_at: i64,
}

/// A grant's second signature as registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CosignatureRecord {
    pub grant_id: String,
    pub signature: Vec<u8>,
    pub key_id: String,
    /// The delegation its signer acted under; None for the authority's own key.
    pub delegation_id: Option<String>,
    pub signer: String,
    pub registered_at: i64,
}

/// Whether a statement with this id was ever registered (a replay).
pub fn statement_exists(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM account_approvals WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The statement in force for an account (None: never set).
pub fn in_force(
    conn: &Connection,
    account_id: &str,
) -> Result<Option<ApprovalsRecord>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT s.id, s.account_id, s.required, s.signed, s.signature, s.sg_key_id,
                    s.signed_at, s.registered_by, s.registered_at
             FROM accounts a JOIN account_approvals s ON s.id = a.approvals_id
             WHERE a.id = ?1",
        )?
        .query_row([account_id], |r| {
            Ok(ApprovalsRecord {
                id: r.get(0)?,
                account_id: r.get(1)?,
                required: r.get::<_, i64>(2)? as u8,
                signed: r.get(3)?,
                signature: r.get(4)?,
                sg_key_id: r.get(5)?,
                signed_at: r.get(6)?,
                registered_by: r.get(7)?,
                registered_at: r.get(8)?,
            })
        })
        .optional()?)
}

/// Registers a statement and makes its rule the account's, in the caller's transaction.
pub fn register(conn: &Connection, s: &ApprovalsRecord) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO account_approvals (id, account_id, required, signed, signature, sg_key_id,
                                        signed_at, registered_by, registered_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            s.id,
            s.account_id,
            s.required as i64,
            s.signed,
            s.signature,
            s.sg_key_id,
            s.signed_at,
            s.registered_by,
            s.registered_at
        ],
    )?;
    conn.execute(
        "UPDATE accounts SET required_signatures = ?2, approvals_id = ?1 WHERE id = ?3",
        params![s.id, s.required as i64, s.account_id],
    )?;
    Ok(())
}

/// A second signature read from `r`'s columns `first`.. (grant_id, signature, key_id,
/// delegation_id, signer, registered_at), alone or beside its grant's columns.
pub(super) fn cosignature_at(
    r: &rusqlite::Row<'_>,
    first: usize,
) -> rusqlite::Result<CosignatureRecord> {
    Ok(CosignatureRecord {
        grant_id: r.get(first)?,
        signature: r.get(first + 1)?,
        key_id: r.get(first + 2)?,
        delegation_id: r.get(first + 3)?,
        signer: r.get(first + 4)?,
        registered_at: r.get(first + 5)?,
    })
}

/// Every grant's second signature, oldest first: once per audit export.
pub fn every_cosignature(conn: &Connection) -> Result<Vec<CosignatureRecord>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT grant_id, signature, key_id, delegation_id, signer, registered_at
         FROM grant_cosignatures ORDER BY registered_at, grant_id",
    )?;
    let rows = stmt
        .query_map([], |r| cosignature_at(r, 0))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Adds a grant's second signature; false when it has one already.
pub fn insert_cosignature(conn: &Connection, c: &CosignatureRecord) -> Result<bool, StoreError> {
    let added = conn.execute(
        "INSERT OR IGNORE INTO grant_cosignatures
             (grant_id, signature, key_id, delegation_id, signer, registered_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            c.grant_id,
            c.signature,
            c.key_id,
            c.delegation_id,
            c.signer,
            c.registered_at
        ],
    )?;
    Ok(added == 1)
}
