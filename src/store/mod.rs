//! Storage: one SQLite file (WAL, synchronous=FULL, foreign keys on), the only place that speaks
//! SQL. A connection is never held across `.await`: every call runs on a blocking thread behind
//! a mutex (one writer). Submodules hold the queries of one table family each.

pub mod accounts;
pub mod grants;
pub mod meta;
pub mod migrations;
pub mod principals;
pub mod secrets;

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// File name of the vault inside its data directory.
pub const DB_FILE: &str = "vault.db";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// SQLite refused or failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The vault was written by a newer vaultd.
    #[error("the vault's schema version {found} is newer than this vaultd supports ({supported}); upgrade vaultd")]
    NewerSchema { found: u32, supported: u32 },
    /// A path has permissions that let other users in.
    #[error("{path} is accessible to other users (mode {mode:o}); run: chmod {wanted:o} {path}")]
    Permissions {
        path: PathBuf,
        mode: u32,
        wanted: u32,
    },
    /// The data directory or vault file is missing or not what it should be.
    #[error("{path}: {problem}")]
    Layout { path: PathBuf, problem: String },
    /// A stored value does not have the expected shape.
    #[error("the vault holds a damaged value: {0}")]
    Damaged(String),
    /// The blocking task running the query panicked or was cancelled.
    #[error("storage task failed: {0}")]
    Task(String),
}

/// The open vault database.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// Refuses a data directory or vault file that group or others can reach.
pub fn check_private(path: &Path, wanted: u32) -> Result<(), StoreError> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path).map_err(|e| StoreError::Layout {
        path: path.to_owned(),
        problem: e.to_string(),
    })?;
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(StoreError::Permissions {
            path: path.to_owned(),
            mode,
            wanted,
        });
    }
    Ok(())
}

fn configure(conn: &Connection) -> Result<(), StoreError> {
    // Pragmas first, outside any transaction (journal_mode cannot change inside one).
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

impl Store {
    /// Opens the vault in `data_dir`, checking permissions and migrating forward. A missing vault
    /// is an error here: only `create` makes one.
    pub fn open(data_dir: &Path) -> Result<Self, StoreError> {
        check_private(data_dir, 0o700)?;
        let path = data_dir.join(DB_FILE);
        if !path.is_file() {
            return Err(StoreError::Layout {
                path,
                problem: "no vault here (create one with: vaultd init)".into(),
            });
        }
        check_private(&path, 0o600)?;
        let conn = Connection::open(&path)?;
        Self::finish_open(conn, path)
    }

    /// Creates a new, empty vault file in an existing private directory.
    pub fn create(data_dir: &Path) -> Result<Self, StoreError> {
        check_private(data_dir, 0o700)?;
        let path = data_dir.join(DB_FILE);
        if path.exists() {
            return Err(StoreError::Layout {
                path,
                problem: "a vault already exists here; it was left untouched".into(),
            });
        }
        // Create the file with mode 0600 before SQLite opens it.
        {
            use std::os::unix::fs::OpenOptionsExt;
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&path)
                .map_err(|e| StoreError::Layout {
                    path: path.clone(),
                    problem: e.to_string(),
                })?;
        }
        let conn = Connection::open(&path)?;
        Self::finish_open(conn, path)
    }

    fn finish_open(mut conn: Connection, path: PathBuf) -> Result<Self, StoreError> {
        configure(&conn)?;
        migrations::migrate(&mut conn)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
            path,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` with the connection on a blocking thread.
    pub async fn run<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn
                .lock()
                .map_err(|_| StoreError::Task("a storage call panicked earlier".into()))?;
            f(&mut guard)
        })
        .await
        .map_err(|e| StoreError::Task(e.to_string()))?
    }

    /// Runs `f` inside one transaction, committed (with fsync) when it returns Ok.
    pub async fn write<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> Result<T, StoreError> + Send + 'static,
    {
        self.run(move |conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        })
        .await
    }

    /// Like `write`, for domain code: any `Err` rolls the transaction back, and storage errors
    /// convert into the caller's error type. A closure that must commit and still refuse (an
    /// audited denial) returns `Ok(Err(refusal))`.
    pub async fn transact<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> Result<T, E> + Send + 'static,
    {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn
                .lock()
                .map_err(|_| StoreError::Task("a storage call panicked earlier".into()))?;
            let tx = guard
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(StoreError::from)?;
            let out = f(&tx)?;
            tx.commit().map_err(StoreError::from)?;
            Ok(out)
        })
        .await
        .map_err(|e| StoreError::Task(e.to_string()))?
    }

    /// Runs `f` synchronously (start-up and `vaultd init` only, before the runtime serves).
    pub fn write_now<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut guard = self
            .conn
            .lock()
            .map_err(|_| StoreError::Task("a storage call panicked earlier".into()))?;
        let tx = guard.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}
