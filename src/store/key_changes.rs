//! Proposed changes to who can open the data key, waiting for the authority's approval, and
//! the approvals kept as evidence (see `authz::key_custody`).

use super::StoreError;
use rusqlite::{params, Connection, OptionalExtension};

/// One proposed change, pending or approved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyChangeRecord {
    pub id: String,
    /// `escrow.add` or `unseal.replace`.
    pub action: String,
    pub recipient: String,
    pub proposed_by: String,
    pub proposed_at: i64,
    /// `pending` or `approved`.
    pub state: String,
    pub approved_by: Option<String>,
    pub approved_at: Option<i64>,
}

const COLUMNS: &str =
    "id, action, recipient, proposed_by, proposed_at, state, approved_by, approved_at";

fn record(r: &rusqlite::Row<'_>) -> rusqlite::Result<KeyChangeRecord> {
    Ok(KeyChangeRecord {
        id: r.get(0)?,
        action: r.get(1)?,
        recipient: r.get(2)?,
        proposed_by: r.get(3)?,
        proposed_at: r.get(4)?,
        state: r.get(5)?,
        approved_by: r.get(6)?,
        approved_at: r.get(7)?,
    })
}

pub fn insert(conn: &Connection, change: &KeyChangeRecord) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO key_changes (id, action, recipient, proposed_by, proposed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            change.id,
            change.action,
            change.recipient,
            change.proposed_by,
            change.proposed_at
        ],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<KeyChangeRecord>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM key_changes WHERE id = ?1"),
            [id],
            record,
        )
        .optional()?)
}

/// The pending changes proposed at or after `since`, oldest first (the vault caps how many
/// may wait, so this is short).
pub fn pending_since(conn: &Connection, since: i64) -> Result<Vec<KeyChangeRecord>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM key_changes WHERE state = 'pending' AND proposed_at >= ?1 ORDER BY proposed_at, id"
    ))?;
    let rows = stmt.query_map([since], record)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records the approval of a pending change with the statement and signature that made it.
/// False when the change was not pending (already approved, or unknown).
pub fn approve(
    conn: &Connection,
    id: &str,
    by: &str,
    at: i64,
    signed: &[u8],
    signature: &[u8],
) -> Result<bool, StoreError> {
    let changed = conn.execute(
        "UPDATE key_changes SET state = 'approved', approved_by = ?2, approved_at = ?3, signed = ?4, signature = ?5
         WHERE id = ?1 AND state = 'pending'",
        params![id, by, at, signed, signature],
    )?;
    Ok(changed == 1)
}
