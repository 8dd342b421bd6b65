//! The database's copies of the daemon's two key files (the server's TLS key and the audit
//! signing key, see `store::daemon_key_files`), sealed under the data key: made at unseal when
//! missing, checked against the files, opened by a restore. A restore, which holds the unseal
//! key or an escrow key, brings the same keys back; a copy of the database alone opens neither.
//!
//! Sealed under the data key rather than age-wrapped again to each recipient: the data key is
//! itself age-wrapped to exactly the vault's recipients (and to the passphrase, which age cannot
//! combine with other recipients in one file), so the protection is the same; a rekey re-seals
//! them with everything else; and the CA key is already kept this way.

use super::Vault;
use crate::crypto::data_key::{Binding, DataKey};
use crate::store::daemon_key_files;
use crate::store::meta;
use crate::vault::error::{Error, Result};
use zeroize::Zeroizing;

const SERVER_KEY_BINDING: &str = "server-tls-key";
const AUDIT_KEY_BINDING: &str = "audit-signing-key";
const SERVER_KEY_SEALED: &str = "server_key_sealed";
const AUDIT_KEY_SEALED: &str = "audit_key_sealed";

/// The key files' contents, as sealed in or opened from the database.
pub struct KeyFileContents {
    pub server_key_pem: Zeroizing<Vec<u8>>,
    pub audit_key: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for KeyFileContents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyFileContents").finish_non_exhaustive()
    }
}

impl KeyFileContents {
    /// Reads both key files from a data directory.
    pub fn read(data_dir: &std::path::Path) -> Result<Self> {
        Ok(KeyFileContents {
            server_key_pem: daemon_key_files::read_server_key(data_dir)?,
            audit_key: daemon_key_files::read(&daemon_key_files::audit_key_path(data_dir))?,
        })
    }

    /// The `vault_meta` rows holding both, sealed under `key`.
    pub(crate) fn sealed_rows(&self, key: &DataKey) -> [(&'static str, Vec<u8>); 2] {
        [
            (
                SERVER_KEY_SEALED,
                key.seal(
                    &Binding::vault_key(SERVER_KEY_BINDING),
                    &self.server_key_pem,
                ),
            ),
            (
                AUDIT_KEY_SEALED,
                key.seal(&Binding::vault_key(AUDIT_KEY_BINDING), &self.audit_key),
            ),
        ]
    }

    /// Opens the sealed copies; None when the database has none (not yet unsealed since the
    /// keys moved out).
    pub(crate) fn open_sealed(conn: &rusqlite::Connection, key: &DataKey) -> Result<Option<Self>> {
        let (Some(server), Some(audit)) = (
            meta::get(conn, SERVER_KEY_SEALED)?,
            meta::get(conn, AUDIT_KEY_SEALED)?,
        ) else {
            return Ok(None);
        };
        let open = |binding: &str, sealed: &[u8]| {
            key.open(&Binding::vault_key(binding), sealed)
                .map(|plain| Zeroizing::new(plain.expose().to_vec()))
                .map_err(|_| {
                    Error::Integrity(format!("the sealed copy of the {binding} does not open"))
                })
        };
        Ok(Some(KeyFileContents {
            server_key_pem: open(SERVER_KEY_BINDING, &server)?,
            audit_key: open(AUDIT_KEY_BINDING, &audit)?,
        }))
    }
}

/// Whether the database holds the sealed copies (a vault made before the keys moved out has
/// none until its first unseal).
pub(crate) fn has_sealed_copies(
    conn: &rusqlite::Connection,
) -> std::result::Result<bool, crate::store::StoreError> {
    Ok(meta::get(conn, SERVER_KEY_SEALED)?.is_some()
        && meta::get(conn, AUDIT_KEY_SEALED)?.is_some())
}

impl Vault {
    /// Seals copies of the key files into the database when it has none: a vault made before
    /// the keys moved out gets them the first time the data key is known (its first unseal).
    pub(super) async fn ensure_key_copies(&self, key: &DataKey) -> Result<()> {
        let present = self.store.run(|c| has_sealed_copies(c)).await?;
        if present {
            return Ok(());
        }
        let rows = KeyFileContents::read(self.store.data_dir())?.sealed_rows(key);
        self.store
            .write(move |tx| {
                for (name, value) in &rows {
                    meta::put(tx, name, value)?;
                }
                Ok(())
            })
            .await?;
        tracing::info!("sealed copies of the key files written to the vault");
        Ok(())
    }
}

impl Vault {
    /// Opens the sealed copies and compares them with the key files (`vaultd check`).
    pub async fn check_key_copies(&self) -> Result<()> {
        let key = self.key()?;
        let copies = self
            .store
            .run(move |c| {
                KeyFileContents::open_sealed(c, &key).map_err(|e| match e {
                    Error::Storage(s) => s,
                    other => crate::store::StoreError::Damaged(other.to_string()),
                })
            })
            .await?
            .ok_or_else(|| {
                Error::Integrity("the vault holds no sealed copy of its key files".into())
            })?;
        let files = KeyFileContents::read(self.store.data_dir())?;
        if files.server_key_pem != copies.server_key_pem {
            return Err(Error::Integrity(format!(
                "{} differs from the vault's sealed copy",
                daemon_key_files::SERVER_KEY_FILE
            )));
        }
        if files.audit_key != copies.audit_key {
            return Err(Error::Integrity(format!(
                "{} differs from the vault's sealed copy",
                daemon_key_files::AUDIT_KEY_FILE
            )));
        }
        Ok(())
    }
}
