//! The vault's own facts (`vault_meta`) and its wrapped data keys (`key_wraps`).

use super::{now, StoreError};
use rusqlite::{params, Connection, OptionalExtension};

/// Names of the `vault_meta` rows.
pub mod names {
    pub const VAULT_ID: &str = "vault_id";
    pub const CA_CERT: &str = "ca_cert_pem";
    /// The CA key, sealed under the data key: enrollment works only unsealed.
    pub const CA_KEY_SEALED: &str = "ca_key_sealed";
    pub const SERVER_CERT: &str = "server_cert_pem";
    pub const PUBLIC_URL: &str = "public_url";
    /// The address given to `vaultd init --listen`, where `serve` listens by default.
    pub const LISTEN: &str = "listen_address";
    pub const SERVER_NAME: &str = "server_name";
    /// A known plaintext sealed under the data key, to recognise the right key at unseal.
    pub const KEY_CHECK: &str = "data_key_check";
    /// The audit log's signing key: its name (the checkpoints' origin) and public key. The
    /// private key lives in its own file (`daemon_key_files`).
    pub const AUDIT_ORIGIN: &str = "audit_origin";
    pub const AUDIT_PUBLIC_KEY: &str = "audit_public_key";
}

pub fn put(conn: &Connection, name: &str, value: &[u8]) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO vault_meta (name, value) VALUES (?1, ?2)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        params![name, value],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT value FROM vault_meta WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()?)
}

/// A value that every initialised vault has.
pub fn require(conn: &Connection, name: &str) -> Result<Vec<u8>, StoreError> {
    get(conn, name)?.ok_or_else(|| StoreError::Damaged(format!("missing {name}")))
}

pub fn require_text(conn: &Connection, name: &str) -> Result<String, StoreError> {
    String::from_utf8(require(conn, name)?)
        .map_err(|_| StoreError::Damaged(format!("{name} is not text")))
}

/// How a wrapping of the data key is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WrapKind {
    /// An age X25519 identity file, for automatic unseal.
    Identity,
    /// A passphrase (age scrypt).
    Passphrase,
    /// An escrow recipient (break-glass, restore).
    Escrow,
}

impl WrapKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            WrapKind::Identity => "identity",
            WrapKind::Passphrase => "passphrase",
            WrapKind::Escrow => "escrow",
        }
    }
}

pub struct KeyWrap {
    pub kind: WrapKind,
    /// The age recipient for identity and escrow wrappings; empty for a passphrase.
    pub label: String,
    pub wrapped: Vec<u8>,
}

pub fn add_wrap(conn: &Connection, wrap: &KeyWrap) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO key_wraps (kind, label, wrapped, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![wrap.kind.as_str(), wrap.label, wrap.wrapped, now()],
    )?;
    Ok(())
}

pub fn wraps(conn: &Connection, kind: WrapKind) -> Result<Vec<KeyWrap>, StoreError> {
    let mut stmt =
        conn.prepare("SELECT label, wrapped FROM key_wraps WHERE kind = ?1 ORDER BY id")?;
    let rows = stmt.query_map([kind.as_str()], |r| {
        Ok(KeyWrap {
            kind,
            label: r.get(0)?,
            wrapped: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every wrapping, oldest first, with when it was made.
pub fn all_wraps(conn: &Connection) -> Result<Vec<(KeyWrap, i64)>, StoreError> {
    let mut stmt =
        conn.prepare("SELECT kind, label, wrapped, created_at FROM key_wraps ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(0)?;
        Ok((
            kind,
            r.get::<_, String>(1)?,
            r.get::<_, Vec<u8>>(2)?,
            r.get(3)?,
        ))
    })?;
    let mut all = Vec::new();
    for row in rows {
        let (kind, label, wrapped, created_at) = row?;
        let kind = [WrapKind::Identity, WrapKind::Passphrase, WrapKind::Escrow]
            .into_iter()
            .find(|k| k.as_str() == kind)
            .ok_or_else(|| StoreError::Damaged(format!("key wrap kind {kind}")))?;
        all.push((
            KeyWrap {
                kind,
                label,
                wrapped,
            },
            created_at,
        ));
    }
    Ok(all)
}

/// Removes the wrappings of `kind` (with `label`, when given); returns how many went.
pub fn remove_wraps(
    conn: &Connection,
    kind: WrapKind,
    label: Option<&str>,
) -> Result<usize, StoreError> {
    Ok(match label {
        Some(label) => conn.execute(
            "DELETE FROM key_wraps WHERE kind = ?1 AND label = ?2",
            params![kind.as_str(), label],
        )?,
        None => conn.execute("DELETE FROM key_wraps WHERE kind = ?1", [kind.as_str()])?,
    })
}
