//! The `witnesses` table: the witness verifier keys whose cosignatures the vault keeps, by name.
//! Bounded by the domain (`vault::witnesses::MAX_WITNESSES`): a caller cannot grow it past that.
//! Cosignatures are kept only for listed names, so `cosigned_checkpoints` is bounded with it.

use super::StoreError;
use rusqlite::{params, Connection, OptionalExtension};

/// A listed witness as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WitnessRecord {
    pub name: String,
    /// `name+keyid+base64(0x04 || key)`.
    pub verifier_key: String,
    pub added_by: String,
    pub added_at: i64,
}

/// Every listed witness, by name.
pub fn list(conn: &Connection) -> Result<Vec<WitnessRecord>, StoreError> {
    let mut stmt =
        conn.prepare("SELECT name, verifier_key, added_by, added_at FROM witnesses ORDER BY name")?;
    let rows = stmt.query_map([], |r| {
        Ok(WitnessRecord {
            name: r.get(0)?,
            verifier_key: r.get(1)?,
            added_by: r.get(2)?,
            added_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The verifier key listed under `name`.
pub fn key_of(conn: &Connection, name: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT verifier_key FROM witnesses WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()?)
}

/// Lists a witness (the caller checked that its name is free and the list has room).
pub fn add(conn: &Connection, record: &WitnessRecord) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO witnesses (name, verifier_key, added_by, added_at) VALUES (?1, ?2, ?3, ?4)",
        params![
            record.name,
            record.verifier_key,
            record.added_by,
            record.added_at
        ],
    )?;
    Ok(())
}

/// Removes a witness and the cosignature kept for it; false when none was listed.
pub fn remove(conn: &Connection, name: &str) -> Result<bool, StoreError> {
    let removed = conn.execute("DELETE FROM witnesses WHERE name = ?1", [name])?;
    conn.execute(
        "DELETE FROM cosigned_checkpoints WHERE witness = ?1",
        [name],
    )?;
    Ok(removed > 0)
}

pub fn count(conn: &Connection) -> Result<usize, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM witnesses", [], |r| r.get::<_, i64>(0))? as usize)
}
