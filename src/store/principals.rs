//! Principals and their roles.

use super::{now, StoreError};
use crate::ids::Role;
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrincipalRecord {
    pub name: String,
    pub roles: Vec<Role>,
    pub disabled: bool,
    pub created_at: i64,
    pub created_by: String,
    pub cert_fingerprint: String,
    /// When the client certificate expires (Unix seconds).
    pub cert_not_after: i64,
}

/// `SELECT` of principals `p` with their roles in one column (joined by commas), then
/// `rest` (a WHERE or ORDER BY clause): one statement per principal read, its text a literal
/// the statement cache finds without building a string per call.
macro_rules! principals_select {
    ($rest:literal) => {
        concat!(
            "SELECT p.name, p.disabled, p.created_at, p.created_by, p.cert_fingerprint, p.cert_not_after,
                    (SELECT group_concat(r.role, ',') FROM principal_roles r WHERE r.principal = p.name)
             FROM principals p ",
            $rest
        )
    };
}

fn read(row: &rusqlite::Row<'_>) -> Result<PrincipalRecord, StoreError> {
    let roles: Option<String> = row.get(6)?;
    let mut roles = super::comma_list(roles.as_deref())
        .map(|n| {
            n.parse()
                .map_err(|_| StoreError::Damaged(format!("role {n}")))
        })
        .collect::<Result<Vec<Role>, _>>()?;
    roles.sort();
    Ok(PrincipalRecord {
        name: row.get(0)?,
        roles,
        disabled: row.get(1)?,
        created_at: row.get(2)?,
        created_by: row.get(3)?,
        cert_fingerprint: row.get(4)?,
        cert_not_after: row.get(5)?,
    })
}

fn read_one(
    conn: &Connection,
    sql: &'static str,
    key: &str,
) -> Result<Option<PrincipalRecord>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([key])?;
    match rows.next()? {
        Some(row) => Ok(Some(read(row)?)),
        None => Ok(None),
    }
}

pub fn by_fingerprint(
    conn: &Connection,
    fingerprint: &str,
) -> Result<Option<PrincipalRecord>, StoreError> {
    read_one(
        conn,
        principals_select!("WHERE p.cert_fingerprint = ?1"),
        fingerprint,
    )
}

pub fn by_name(conn: &Connection, name: &str) -> Result<Option<PrincipalRecord>, StoreError> {
    read_one(conn, principals_select!("WHERE p.name = ?1"), name)
}

pub fn exists(conn: &Connection, name: &str) -> Result<bool, StoreError> {
    Ok(conn
        .query_row("SELECT 1 FROM principals WHERE name = ?1", [name], |_| {
            Ok(())
        })
        .optional()?
        .is_some())
}

pub fn list(conn: &Connection) -> Result<Vec<PrincipalRecord>, StoreError> {
    let mut stmt = conn.prepare(principals_select!("ORDER BY p.name"))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(read(row)?);
    }
    Ok(out)
}

/// A client certificate as the vault keeps it: its fingerprint and expiry.
#[derive(Debug, Clone)]
pub struct CertificateFacts {
    pub fingerprint: String,
    pub not_after: i64,
}

pub fn insert(
    conn: &Connection,
    name: &str,
    cert: &CertificateFacts,
    roles: &[Role],
    created_by: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO principals (name, cert_fingerprint, cert_not_after, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, cert.fingerprint, cert.not_after, now(), created_by],
    )?;
    set_roles(conn, name, roles)
}

/// Gives a principal a new certificate; the one it replaces is retired (refused at the
/// handshake until it expires).
pub fn replace_certificate(
    conn: &Connection,
    name: &str,
    cert: &CertificateFacts,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT OR REPLACE INTO retired_certificates (fingerprint, principal, not_after, retired_at)
         SELECT cert_fingerprint, name, cert_not_after, ?2 FROM principals WHERE name = ?1",
        params![name, now()],
    )?;
    conn.execute(
        "UPDATE principals SET cert_fingerprint = ?2, cert_not_after = ?3 WHERE name = ?1",
        params![name, cert.fingerprint, cert.not_after],
    )?;
    Ok(())
}

/// Fingerprints the TLS layer must refuse: disabled principals' certificates and retired ones
/// not yet expired.
pub fn refused_fingerprints(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT cert_fingerprint FROM principals WHERE disabled = 1
         UNION SELECT fingerprint FROM retired_certificates WHERE not_after > ?1",
    )?;
    let rows = stmt.query_map([now()], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The principal a certificate belongs to, or belonged to before it was replaced.
pub fn owner_of_certificate(
    conn: &Connection,
    fingerprint: &str,
) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT name FROM principals WHERE cert_fingerprint = ?1
             UNION ALL SELECT principal FROM retired_certificates WHERE fingerprint = ?1
             LIMIT 1",
            [fingerprint],
            |r| r.get(0),
        )
        .optional()?)
}

/// Enables a principal again.
pub fn enable(conn: &Connection, name: &str) -> Result<(), StoreError> {
    conn.execute("UPDATE principals SET disabled = 0 WHERE name = ?1", [name])?;
    Ok(())
}

pub fn set_roles(conn: &Connection, name: &str, roles: &[Role]) -> Result<(), StoreError> {
    conn.execute("DELETE FROM principal_roles WHERE principal = ?1", [name])?;
    for role in roles {
        conn.execute(
            "INSERT INTO principal_roles (principal, role) VALUES (?1, ?2)",
            params![name, role.as_str()],
        )?;
    }
    Ok(())
}

/// Disables a principal; the passwords it holds under grants no longer count as authorized.
pub fn disable(conn: &Connection, name: &str) -> Result<(), StoreError> {
    conn.execute("UPDATE principals SET disabled = 1 WHERE name = ?1", [name])?;
    super::grants::end_holdings_of_grantee(conn, name)
}

pub fn count(conn: &Connection) -> Result<u64, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM principals", [], |r| r.get(0))?)
}
