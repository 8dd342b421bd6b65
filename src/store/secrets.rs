//! Secret versions: append-only metadata rows and their sealed fields. This module stores and
//! returns sealed bytes only; sealing and opening is the data key's job.

use super::{now, StoreError};
use rusqlite::{params, Connection, OptionalExtension};

/// A sealed field of a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Password,
    Totp,
}

impl Field {
    pub fn as_str(&self) -> &'static str {
        match self {
            Field::Password => "password",
            Field::Totp => "totp",
        }
    }

    /// The field a stored name means.
    pub fn parse(name: &str) -> Option<Field> {
        match name {
            "password" => Some(Field::Password),
            "totp" => Some(Field::Totp),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionRecord {
    pub account_id: String,
    pub version: u64,
    pub created_at: i64,
    pub created_by: String,
    pub reason: String,
    pub generated: bool,
    pub password_set: bool,
    pub totp_set: bool,
    /// The staged change a confirmed rotation made this version from (None: `secret set`).
    pub stage_id: Option<String>,
}

/// The number the next version of `account_id` gets.
pub fn next_version(conn: &Connection, account_id: &str) -> Result<u64, StoreError> {
    let max: i64 = conn.query_row(
        "SELECT coalesce(max(version), 0) FROM secret_versions WHERE account_id = ?1",
        [account_id],
        |r| r.get(0),
    )?;
    Ok(max as u64 + 1)
}

pub fn insert_version(
    conn: &Connection,
    account_id: &str,
    version: u64,
    created_by: &str,
    reason: &str,
    generated: bool,
) -> Result<i64, StoreError> {
    let at = now();
    conn.execute(
        "INSERT INTO secret_versions (account_id, version, created_at, created_by, reason, generated)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![account_id, version as i64, at, created_by, reason, generated],
    )?;
    Ok(at)
}

/// A version a confirmed rotation made: as [`insert_version`], naming the stage it came from.
pub fn insert_rotated_version(
    conn: &Connection,
    account_id: &str,
    version: u64,
    created_by: &str,
    reason: &str,
    generated: bool,
    stage_id: &str,
) -> Result<i64, StoreError> {
    let at = now();
    conn.execute(
        "INSERT INTO secret_versions
           (account_id, version, created_at, created_by, reason, generated, stage_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            account_id,
            version as i64,
            at,
            created_by,
            reason,
            generated,
            stage_id
        ],
    )?;
    Ok(at)
}

pub fn insert_field(
    conn: &Connection,
    account_id: &str,
    version: u64,
    field: Field,
    sealed: &[u8],
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO secret_fields (account_id, version, field, sealed) VALUES (?1, ?2, ?3, ?4)",
        params![account_id, version as i64, field.as_str(), sealed],
    )?;
    Ok(())
}

/// The newest sealed value of `field` for an account, with the version it belongs to.
pub fn latest_field(
    conn: &Connection,
    account_id: &str,
    field: Field,
) -> Result<Option<(u64, Vec<u8>)>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT version, sealed FROM secret_fields WHERE account_id = ?1 AND field = ?2
             ORDER BY version DESC LIMIT 1",
        )?
        .query_row(params![account_id, field.as_str()], |r| {
            Ok((r.get::<_, i64>(0)? as u64, r.get(1)?))
        })
        .optional()?)
}

const VERSION_COLUMNS: &str = "SELECT v.account_id, v.version, v.created_at, v.created_by, v.reason, v.generated,
            EXISTS (SELECT 1 FROM secret_fields f WHERE f.account_id = v.account_id AND f.version = v.version AND f.field = 'password'),
            EXISTS (SELECT 1 FROM secret_fields f WHERE f.account_id = v.account_id AND f.version = v.version AND f.field = 'totp'),
            v.stage_id
         FROM secret_versions v";

fn version_record(r: &rusqlite::Row<'_>) -> rusqlite::Result<VersionRecord> {
    Ok(VersionRecord {
        account_id: r.get(0)?,
        version: r.get::<_, i64>(1)? as u64,
        created_at: r.get(2)?,
        created_by: r.get(3)?,
        reason: r.get(4)?,
        generated: r.get(5)?,
        password_set: r.get(6)?,
        totp_set: r.get(7)?,
        stage_id: r.get(8)?,
    })
}

pub fn history(conn: &Connection, account_id: &str) -> Result<Vec<VersionRecord>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "{VERSION_COLUMNS} WHERE v.account_id = ?1 ORDER BY v.version"
    ))?;
    let rows = stmt.query_map([account_id], version_record)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One version's metadata, by its key (no walk through the account's history).
pub fn version(
    conn: &Connection,
    account_id: &str,
    version: u64,
) -> Result<Option<VersionRecord>, StoreError> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            &format!("{VERSION_COLUMNS} WHERE v.account_id = ?1 AND v.version = ?2"),
            rusqlite::params![account_id, version as i64],
            version_record,
        )
        .optional()?)
}

/// One stored sealed value and where it belongs.
pub struct SealedField {
    pub account_id: String,
    pub version: u64,
    pub field: String,
    pub sealed: Vec<u8>,
}

/// Every sealed field, for the integrity check (`vaultd check`).
pub fn all_fields(conn: &Connection) -> Result<Vec<SealedField>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT account_id, version, field, sealed FROM secret_fields ORDER BY account_id, version, field",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SealedField {
            account_id: r.get(0)?,
            version: r.get::<_, i64>(1)? as u64,
            field: r.get(2)?,
            sealed: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn count_versions(conn: &Connection) -> Result<u64, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM secret_versions", [], |r| r.get(0))?)
}

/// Replaces every secret value's sealed bytes with `reseal(field)` (a rekey), inside the
/// caller's transaction; the only way the append-only triggers let them change. Returns how
/// many values were re-sealed.
pub fn reseal_all<E: From<StoreError>>(
    tx: &rusqlite::Transaction<'_>,
    mut reseal: impl FnMut(&SealedField) -> Result<Vec<u8>, E>,
) -> Result<u64, E> {
    tx.execute("INSERT INTO rekey_in_progress (id) VALUES (1)", [])
        .map_err(StoreError::from)?;
    let fields = all_fields(tx)?;
    {
        let mut update = tx
            .prepare(
                "UPDATE secret_fields SET sealed = ?4
                 WHERE account_id = ?1 AND version = ?2 AND field = ?3",
            )
            .map_err(StoreError::from)?;
        for field in &fields {
            let sealed = reseal(field)?;
            update
                .execute(rusqlite::params![
                    field.account_id,
                    field.version as i64,
                    field.field,
                    sealed
                ])
                .map_err(StoreError::from)?;
        }
    }
    tx.execute("DELETE FROM rekey_in_progress", [])
        .map_err(StoreError::from)?;
    Ok(fields.len() as u64)
}
