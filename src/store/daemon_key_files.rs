//! The daemon's key files: the two keys it needs while still sealed, its TLS private key and the
//! audit log's signing key, live in files of their own beside `vault.db` (mode 0600, through
//! `private_file`), never in clear inside it; this module reads them, writes them new, stages
//! and promotes a renewed TLS key. A copy of the database (a backup, a stolen disk image of the
//! file alone) then cannot impersonate the server or re-sign a rewritten log. The database keeps
//! copies sealed under the data key (see `vault::sealed_key_file_copies`), which a restore opens
//! with the unseal or an escrow key.
//!
//! Vaults made before this layout held both keys in clear in `vault_meta`;
//! [`move_out_of_database`] moves them into their files and wipes the rows (secure delete and a
//! truncating WAL checkpoint, so no old page keeps them).

use super::{meta, LayoutProblem, StoreError};
use crate::private_file::{self, Existing};
use crate::tlog::note::Signer;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// The audit signing key, in the signed-note private key format (`PRIVATE+KEY+...`).
pub const AUDIT_KEY_FILE: &str = "audit-signing.key";
/// The server's TLS private key (PKCS#8 PEM).
pub const SERVER_KEY_FILE: &str = "server-tls.key";

/// The `vault_meta` rows that held the keys in clear before they moved out.
const LEGACY_AUDIT_SEED: &str = "audit_key_seed";
const LEGACY_SERVER_KEY: &str = "server_key_pem";

/// What is wrong with a key file; the daemon refuses to start rather than guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFileProblem {
    /// The file is not there (a database copied without its data directory, say).
    Missing,
    /// The file does not hold a key of the expected format.
    Malformed,
    /// The file holds a key, but not this vault's.
    NotThisVault,
}

pub fn audit_key_path(data_dir: &Path) -> PathBuf {
    data_dir.join(AUDIT_KEY_FILE)
}

pub fn server_key_path(data_dir: &Path) -> PathBuf {
    data_dir.join(SERVER_KEY_FILE)
}

fn key_error(path: &Path, problem: KeyFileProblem) -> StoreError {
    StoreError::KeyFile {
        path: path.to_owned(),
        problem,
    }
}

fn io_error(path: &Path, e: std::io::Error) -> StoreError {
    StoreError::Layout {
        path: path.to_owned(),
        problem: LayoutProblem::Io(e.to_string()),
    }
}

/// Writes a new key file: mode 0600 from the start, whole or not at all (see
/// [`private_file::write`]). Refuses to replace a file that is already there.
pub fn write_new(path: &Path, content: &[u8]) -> Result<(), StoreError> {
    private_file::write(path, content, Existing::Refuse).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            StoreError::Layout {
                path: path.to_owned(),
                problem: LayoutProblem::KeyFileExists,
            }
        } else {
            io_error(path, e)
        }
    })
}

/// Where a replacement server key waits while the database commits its certificate.
pub fn staged_server_key_path(data_dir: &Path) -> PathBuf {
    data_dir.join(format!("{SERVER_KEY_FILE}.new"))
}

/// Writes the replacement server key beside the current one (a stale one is replaced).
pub fn stage_server_key(data_dir: &Path, key_pem: &[u8]) -> Result<(), StoreError> {
    let staged = staged_server_key_path(data_dir);
    let _ = std::fs::remove_file(&staged);
    write_new(&staged, key_pem)
}

/// Puts the staged server key in place of the current one (rename, then the directory synced).
pub fn promote_staged_server_key(data_dir: &Path) -> Result<(), StoreError> {
    let path = server_key_path(data_dir);
    private_file::place(&staged_server_key_path(data_dir), &path, Existing::Replace)
        .map_err(|e| io_error(&path, e))
}

/// Reads a key file, refusing one that other users can reach.
pub fn read(path: &Path) -> Result<Zeroizing<Vec<u8>>, StoreError> {
    if !path.exists() {
        return Err(key_error(path, KeyFileProblem::Missing));
    }
    super::check_private(path, 0o600)?;
    Ok(Zeroizing::new(
        std::fs::read(path).map_err(|e| io_error(path, e))?,
    ))
}

/// The audit signing key from its file.
pub fn read_audit_signer(data_dir: &Path) -> Result<Signer, StoreError> {
    let path = audit_key_path(data_dir);
    let bytes = read(&path)?;
    let text =
        std::str::from_utf8(&bytes).map_err(|_| key_error(&path, KeyFileProblem::Malformed))?;
    Signer::parse(text).map_err(|_| key_error(&path, KeyFileProblem::Malformed))
}

pub fn write_audit_signer(data_dir: &Path, signer: &Signer) -> Result<(), StoreError> {
    write_new(&audit_key_path(data_dir), signer.to_key_string().as_bytes())
}

/// The server's TLS private key (PEM) from its file.
pub fn read_server_key(data_dir: &Path) -> Result<Zeroizing<Vec<u8>>, StoreError> {
    read(&server_key_path(data_dir))
}

pub fn write_server_key(data_dir: &Path, key_pem: &[u8]) -> Result<(), StoreError> {
    write_new(&server_key_path(data_dir), key_pem)
}

/// Moves keys that an older vault kept in clear in `vault_meta` into their files, then wipes the
/// rows. Idempotent and crash-safe: a file is written (or found identical) before its row goes.
/// Returns how many keys moved.
pub fn move_out_of_database(conn: &mut Connection, data_dir: &Path) -> Result<usize, StoreError> {
    let mut moved = 0;
    if let Some(seed) = meta::get(conn, LEGACY_AUDIT_SEED)?.map(Zeroizing::new) {
        let origin = meta::require_text(conn, meta::names::AUDIT_ORIGIN)?;
        let signer = Signer::from_seed(&origin, &seed)
            .map_err(|_| StoreError::Damaged("audit key".into()))?;
        put_or_compare(&audit_key_path(data_dir), signer.to_key_string().as_bytes())?;
        meta::put(
            conn,
            meta::names::AUDIT_PUBLIC_KEY,
            &signer.verifier().public_key,
        )?;
        moved += 1;
    }
    if let Some(pem) = meta::get(conn, LEGACY_SERVER_KEY)?.map(Zeroizing::new) {
        put_or_compare(&server_key_path(data_dir), &pem)?;
        moved += 1;
    }
    if moved > 0 {
        wipe_rows(conn, &[LEGACY_AUDIT_SEED, LEGACY_SERVER_KEY])?;
    }
    Ok(moved)
}

fn put_or_compare(path: &Path, content: &[u8]) -> Result<(), StoreError> {
    if path.exists() {
        // An earlier move wrote the file and stopped before the row was wiped.
        if read(path)?.as_slice() != content {
            return Err(key_error(path, KeyFileProblem::NotThisVault));
        }
        return Ok(());
    }
    write_new(path, content)
}

/// Deletes rows so that their bytes are overwritten in the database file, not merely freed:
/// secure delete (on for the writer, see `configure`) zeroes the freed cells, and the truncating
/// checkpoint copies the zeroed pages over the old ones and empties the WAL.
fn wipe_rows(conn: &mut Connection, names: &[&str]) -> Result<(), StoreError> {
    conn.pragma_update(None, "secure_delete", "ON")?;
    let tx = conn.transaction()?;
    for name in names {
        tx.execute("DELETE FROM vault_meta WHERE name = ?1", [name])?;
    }
    tx.commit()?;
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    if busy != 0 {
        return Err(StoreError::Damaged(
            "the WAL could not be checkpointed after moving the keys out".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    const SEED: [u8; 32] = [7; 32];
    const PEM: &[u8] =
        b"-----BEGIN PRIVATE KEY-----\nnot a real key, a marker\n-----END PRIVATE KEY-----\n";

    fn private_dir() -> tempfile::TempDir {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        dir
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    /// Everything SQLite keeps on disk for the vault.
    fn database_bytes(dir: &Path) -> Vec<u8> {
        let mut all = Vec::new();
        for name in ["vault.db", "vault.db-wal", "vault.db-shm"] {
            all.extend(std::fs::read(dir.join(name)).unwrap_or_default());
        }
        all
    }

    /// Makes a vault as vaultd did before the keys moved out: both in clear in `vault_meta`.
    fn legacy_vault(dir: &Path) -> Signer {
        let signer = Signer::from_seed("vaultd/legacy", &SEED).unwrap();
        drop(Store::create(dir, Signer::from_seed("vaultd/legacy", &SEED).unwrap()).unwrap());
        std::fs::remove_file(audit_key_path(dir)).unwrap();
        let conn = Connection::open(dir.join("vault.db")).unwrap();
        conn.execute("DELETE FROM vault_meta WHERE name = 'audit_public_key'", [])
            .unwrap();
        meta::put(&conn, LEGACY_AUDIT_SEED, &SEED).unwrap();
        meta::put(&conn, LEGACY_SERVER_KEY, PEM).unwrap();
        assert!(contains(&database_bytes(dir), PEM));
        signer
    }

    #[tokio::test]
    async fn keys_in_an_old_vault_move_to_files_and_leave_no_trace_in_the_database() {
        let dir = private_dir();
        let signer = legacy_vault(dir.path());
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.audit_verifier(), &signer.verifier());
        assert_eq!(
            read(&audit_key_path(dir.path())).unwrap().as_slice(),
            signer.to_key_string().as_bytes()
        );
        assert_eq!(read_server_key(dir.path()).unwrap().as_slice(), PEM);
        use std::os::unix::fs::PermissionsExt;
        for path in [audit_key_path(dir.path()), server_key_path(dir.path())] {
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", path.display());
        }
        let bytes = database_bytes(dir.path());
        assert!(
            !contains(&bytes, &SEED),
            "the audit seed is still in the database"
        );
        assert!(!contains(&bytes, b"not a real key, a marker"));
        drop(store);
        // Opening again moves nothing and finds the same key.
        let again = Store::open(dir.path()).unwrap();
        assert_eq!(again.audit_verifier(), &signer.verifier());
    }

    #[tokio::test]
    async fn a_move_interrupted_after_the_file_was_written_completes() {
        let dir = private_dir();
        let signer = legacy_vault(dir.path());
        write_new(
            &audit_key_path(dir.path()),
            signer.to_key_string().as_bytes(),
        )
        .unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.audit_verifier(), &signer.verifier());
    }

    #[tokio::test]
    async fn a_missing_or_foreign_audit_key_stops_the_vault_from_opening() {
        let dir = private_dir();
        drop(Store::create(dir.path(), Signer::generate("vaultd/a").unwrap()).unwrap());
        let path = audit_key_path(dir.path());
        std::fs::remove_file(&path).unwrap();
        let problem = |r: Result<Store, StoreError>| match r {
            Err(StoreError::KeyFile { problem, .. }) => problem,
            other => panic!("{other:?}"),
        };
        assert_eq!(problem(Store::open(dir.path())), KeyFileProblem::Missing);
        // Same name, another key: a log re-signed by someone else is not this vault's.
        write_audit_signer(dir.path(), &Signer::generate("vaultd/a").unwrap()).unwrap();
        assert_eq!(
            problem(Store::open(dir.path())),
            KeyFileProblem::NotThisVault
        );
        std::fs::remove_file(&path).unwrap();
        write_new(&path, b"PRIVATE+KEY+garbage").unwrap();
        assert_eq!(problem(Store::open(dir.path())), KeyFileProblem::Malformed);
    }

    #[test]
    fn key_files_are_never_replaced() {
        let dir = private_dir();
        let path = dir.path().join("k");
        write_new(&path, b"one").unwrap();
        assert!(write_new(&path, b"two").is_err());
        assert_eq!(read(&path).unwrap().as_slice(), b"one");
    }
}
