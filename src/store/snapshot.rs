//! Consistent copies of the database for backups, and the checks a restore makes on one.
//!
//! A snapshot is `VACUUM INTO` run on a read-only connection: one read transaction, so it is the
//! database as of one commit however many writes run meanwhile, and it copies live rows only (no
//! freed page of an older state comes along). It contains what `vault.db` contains: secrets and
//! keys only sealed, so it may sit briefly in the private data directory before encryption.

use super::{LayoutProblem, Store, StoreError};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// Prefix of the temporary files a backup makes in the data directory; any left by a crash are
/// removed when the vault opens.
pub const TEMP_PREFIX: &str = ".backup-";

/// A temporary file in the data directory, removed when dropped.
#[derive(Debug)]
pub struct TempFile(PathBuf);

impl TempFile {
    /// A new, empty file only its owner can read, with a random name.
    pub fn create(data_dir: &Path, suffix: &str) -> Result<Self, StoreError> {
        let mut random = [0u8; 8];
        ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut random)
            .map_err(|_| StoreError::Task("no randomness".into()))?;
        let path = data_dir.join(format!("{TEMP_PREFIX}{}{suffix}", hex::encode(random)));
        super::create_private_file(&path)?;
        Ok(TempFile(path))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Removes temporary backup files left by a daemon that stopped mid-backup.
pub fn remove_leftovers(data_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(data_dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

impl Store {
    /// Writes a consistent copy of the database into `target` (an existing empty file).
    pub async fn snapshot_into(&self, target: &Path) -> Result<(), StoreError> {
        let target = target
            .to_str()
            .ok_or_else(|| StoreError::Layout {
                path: target.to_owned(),
                problem: LayoutProblem::NotUtf8,
            })?
            .to_owned();
        self.run(move |c| {
            c.execute("VACUUM INTO ?1", [target])?;
            Ok(())
        })
        .await
    }
}

/// Opens a database file that no daemon runs on (a restore's), checking SQLite's own integrity
/// first: anything but "ok" is refused.
pub fn open_checked(path: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open(path)?;
    let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if verdict != "ok" {
        return Err(StoreError::Damaged(format!("integrity check: {verdict}")));
    }
    Ok(conn)
}

/// Rewrites a stopped vault's database without free space and empties its WAL, so that no
/// page of an earlier state (an old key wrapping, values sealed under a replaced data key)
/// stays anywhere in its files. Run after a rekey, with no daemon on the vault.
pub fn compact(data_dir: &Path) -> Result<(), StoreError> {
    let _lock = super::lock_data_dir(data_dir)?;
    let conn = Connection::open(data_dir.join(super::DB_FILE))?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.execute_batch("VACUUM")?;
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    if busy != 0 {
        return Err(StoreError::Damaged(
            "the WAL could not be emptied after compacting".into(),
        ));
    }
    Ok(())
}
