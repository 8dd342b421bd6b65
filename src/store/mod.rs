//! Storage: one SQLite file (WAL, synchronous=FULL, foreign keys on), the only place that speaks
//! SQL. A connection is never held across `.await`: writes go to one writer thread (group
//! commit), reads to a read-only connection. Submodules hold the queries of one table family each.
//! May import: `crypto`, `tlog`, `authz` and the small shared modules; never the domain or tonic.

pub mod accounts;
pub mod approvals;
pub mod audit;
pub mod daemon_key_files;
pub mod delegations;
pub mod events;
pub mod grants;
pub mod key_changes;
pub mod meta;
pub mod migrations;
pub mod principals;
pub mod principals_generation;
pub mod rotation_due;
pub mod secrets;
pub mod snapshot;
pub mod staged;
pub mod witnesses;
mod writer;
mod writer_memo;

use crate::private_file::{self, ModeError, Reach};
use crate::tlog::note::Signer;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// File name of the vault inside its data directory.
pub const DB_FILE: &str = "vault.db";

/// What is wrong with the data directory: a code, so that each program words it in its
/// reader's language (the English here is for logs).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LayoutProblem {
    /// No vault file in the directory.
    #[error("no vault here (create one with: vaultd init)")]
    NoVault,
    /// A vault file is already there (init, restore).
    #[error("a vault already exists here; it was left untouched")]
    VaultExists,
    /// Another process holds the directory's lock.
    #[error("the vault is in use by another vaultd process; stop it first")]
    InUse,
    /// A key file to be written is already there.
    #[error("a key file is already there; it was left untouched")]
    KeyFileExists,
    /// A path SQLite cannot be given.
    #[error("not a UTF-8 path")]
    NotUtf8,
    /// The operating system's error.
    #[error("{0}")]
    Io(String),
}

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
    Layout {
        path: PathBuf,
        problem: LayoutProblem,
    },
    /// A key file beside the vault is missing, malformed or another vault's.
    #[error("{path}: {problem:?}")]
    KeyFile {
        path: PathBuf,
        problem: daemon_key_files::KeyFileProblem,
    },
    /// A stored value does not have the expected shape.
    #[error("the vault holds a damaged value: {0}")]
    Damaged(String),
    /// A write batch failed to commit; the message and SQLite code of the cause.
    #[error("the write was not committed: {0}")]
    Failed(String, Option<rusqlite::ErrorCode>),
    /// The blocking task running the query panicked or was cancelled.
    #[error("storage task failed: {0}")]
    Task(String),
    /// The writer's queue is full: the call is refused at once rather than held in memory.
    #[error("the vault is busy: too many writes are waiting")]
    Busy,
}

/// Read-only connections kept open for queries. A few, so that one long query (an auditor's
/// report) never makes an authentication or a status call wait; SQLite in WAL mode lets them
/// all read while the writer commits.
const READERS: usize = 4;
/// Jobs that may wait for the writer. Past this, calls are refused (busy) rather than queued
/// in memory without bound; at 256 jobs a batch, that is several batches of work.
const MAX_QUEUED: usize = 1024;

/// The read-only connections: a call takes the first free one, or waits on one in turn.
struct ReadPool {
    connections: Vec<Mutex<Connection>>,
    next: std::sync::atomic::AtomicUsize,
}

impl ReadPool {
    fn checkout(&self) -> Result<std::sync::MutexGuard<'_, Connection>, StoreError> {
        for conn in &self.connections {
            if let Ok(guard) = conn.try_lock() {
                return Ok(guard);
            }
        }
        let at = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.connections[at % self.connections.len()]
            .lock()
            .map_err(|_| StoreError::Task("a storage call panicked earlier".into()))
    }
}

/// The open vault database: one writer thread (group commit, audit log) and a few read-only
/// connections for queries.
#[derive(Clone)]
pub struct Store {
    jobs: std::sync::mpsc::SyncSender<writer::Job>,
    readers: Arc<ReadPool>,
    /// Calls refused because the queue was full, not yet on record; the writer records them.
    refused_busy: Arc<std::sync::atomic::AtomicU64>,
    path: PathBuf,
    writable: tokio::sync::watch::Receiver<bool>,
    appended: tokio::sync::broadcast::Sender<Arc<Vec<u8>>>,
    events: tokio::sync::watch::Receiver<u64>,
    verifier: crate::tlog::note::Verifier,
    /// Writes to principals so far, counted by the writer.
    principals: Arc<principals_generation::PrincipalsGeneration>,
    /// Held while the store is open: one process at a time owns the vault and its audit log.
    _lock: Arc<nix::fcntl::Flock<std::fs::File>>,
}

/// Takes the data directory's exclusive lock, or says who has it.
fn lock_data_dir(data_dir: &Path) -> Result<nix::fcntl::Flock<std::fs::File>, StoreError> {
    let path = data_dir.join("vault.lock");
    let file = private_file::open_or_create(&path).map_err(|e| StoreError::Layout {
        path: path.clone(),
        problem: LayoutProblem::Io(e.to_string()),
    })?;
    nix::fcntl::Flock::lock(file, nix::fcntl::FlockArg::LockExclusiveNonblock).map_err(|_| {
        StoreError::Layout {
            path,
            problem: LayoutProblem::InUse,
        }
    })
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// Creates a new, empty file only its owner can read or write; refuses an existing one.
pub(crate) fn create_private_file(path: &Path) -> Result<std::fs::File, StoreError> {
    private_file::create_new(path).map_err(|e| StoreError::Layout {
        path: path.to_owned(),
        problem: LayoutProblem::Io(e.to_string()),
    })
}

/// SQLite's files beside `vault.db` while it is open (or after a crash): the write-ahead log,
/// which holds the latest writes until they are copied into the database, and its index. SQLite
/// makes them with the database's mode; one that others can reach is refused like the database.
fn companions(db: &Path) -> [PathBuf; 2] {
    ["-wal", "-shm"].map(|suffix| {
        let mut name = db.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    })
}

/// Refuses a data directory or vault file that group or others can reach.
pub fn check_private(path: &Path, wanted: u32) -> Result<(), StoreError> {
    private_file::check_owner_only(path).map_err(|e| match e {
        ModeError::Reachable {
            reach: Reach::Mode(mode),
        } => StoreError::Permissions {
            path: path.to_owned(),
            mode,
            wanted,
        },
        // The daemon runs on Unix; any other reach is worded as the check found it.
        ModeError::Reachable { reach } => StoreError::Layout {
            path: path.to_owned(),
            problem: LayoutProblem::Io(reach.to_string()),
        },
        ModeError::Io(e) => StoreError::Layout {
            path: path.to_owned(),
            problem: LayoutProblem::Io(e.to_string()),
        },
    })
}

/// Prepared statements kept per connection.
const STATEMENT_CACHE: usize = 128;

fn configure(conn: &Connection) -> Result<(), StoreError> {
    // Pragmas first, outside any transaction (journal_mode cannot change inside one).
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Deleted and replaced content is overwritten, not merely freed: a removed key wrapping or
    // a value re-sealed by a rekey leaves no readable copy in the file's free space.
    conn.pragma_update(None, "secure_delete", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // Every statement a release or a batch runs stays prepared (rusqlite keeps 16 by default,
    // fewer than one release, its audit entry and the batch's commit use together).
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
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
                problem: LayoutProblem::NoVault,
            });
        }
        check_private(&path, 0o600)?;
        for companion in companions(&path) {
            if companion.symlink_metadata().is_ok() {
                check_private(&companion, 0o600)?;
            }
        }
        let lock = lock_data_dir(data_dir)?;
        snapshot::remove_leftovers(data_dir);
        let mut conn = Connection::open(&path)?;
        configure(&conn)?;
        migrations::migrate(&mut conn)?;
        let moved = daemon_key_files::move_out_of_database(&mut conn, data_dir)?;
        if moved > 0 {
            tracing::info!(moved, "keys moved out of vault.db into their own files");
        }
        let signer = daemon_key_files::read_audit_signer(data_dir)?;
        Self::finish_open(conn, path, lock, signer)
    }

    /// Creates a new, empty vault file in an existing private directory, with the audit log
    /// signed by `audit_signer` (whose key file is written beside it).
    pub fn create(data_dir: &Path, audit_signer: Signer) -> Result<Self, StoreError> {
        check_private(data_dir, 0o700)?;
        let path = data_dir.join(DB_FILE);
        if path.exists() {
            return Err(StoreError::Layout {
                path,
                problem: LayoutProblem::VaultExists,
            });
        }
        // Create the file with mode 0600 before SQLite opens it.
        create_private_file(&path)?;
        let lock = lock_data_dir(data_dir)?;
        daemon_key_files::write_audit_signer(data_dir, &audit_signer)?;
        let mut conn = Connection::open(&path)?;
        configure(&conn)?;
        migrations::migrate(&mut conn)?;
        Self::finish_open(conn, path, lock, audit_signer)
    }

    /// Starts the writer and the readers on a configured, migrated database.
    fn finish_open(
        mut conn: Connection,
        path: PathBuf,
        lock: nix::fcntl::Flock<std::fs::File>,
        audit_signer: Signer,
    ) -> Result<Self, StoreError> {
        let audit = audit::AuditLog::load(&mut conn, audit_signer).map_err(|e| match e {
            // The log knows the key file's name, not where the data directory is.
            StoreError::KeyFile {
                path: name,
                problem,
            } => StoreError::KeyFile {
                path: path.with_file_name(name),
                problem,
            },
            other => other,
        })?;
        let verifier = audit.verifier();
        let readers = (0..READERS)
            .map(|_| {
                let reader = Connection::open_with_flags(
                    &path,
                    rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                        | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                reader.busy_timeout(std::time::Duration::from_secs(5))?;
                Ok(Mutex::new(reader))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let (jobs, queue) = std::sync::mpsc::sync_channel(MAX_QUEUED);
        let (writable_tx, writable) = tokio::sync::watch::channel(true);
        let (appended, _) = tokio::sync::broadcast::channel(1024);
        let refused_busy = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let (events_tx, events) = tokio::sync::watch::channel(events::last_seq(&conn)?);
        let principals = Arc::new(principals_generation::PrincipalsGeneration::default());
        let counted = principals.clone();
        let events_written = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let events_seen = events_written.clone();
        // Runs on the writer thread, inside the statement that writes the row.
        conn.update_hook(Some(
            move |_: rusqlite::hooks::Action, _: &str, table: &str, _: i64| {
                counted.row_written(table);
                writer_memo::row_written(table);
                if table == "events" {
                    events_seen.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            },
        ));
        let signals = writer::WriterSignals {
            writable: writable_tx,
            appended: appended.clone(),
            refused_busy: refused_busy.clone(),
            events: events_tx,
            principals: principals.clone(),
            events_written,
        };
        std::thread::Builder::new()
            .name("vaultd-writer".into())
            .spawn(move || writer::run(conn, audit, queue, signals))
            .map_err(|e| StoreError::Task(e.to_string()))?;
        Ok(Self {
            jobs,
            readers: Arc::new(ReadPool {
                connections: readers,
                next: std::sync::atomic::AtomicUsize::new(0),
            }),
            refused_busy,
            path,
            writable,
            appended,
            events,
            verifier,
            principals,
            _lock: Arc::new(lock),
        })
    }

    /// The count of writes to principals, for callers to remember at authentication.
    pub fn principals_generation(&self) -> Arc<principals_generation::PrincipalsGeneration> {
        self.principals.clone()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The directory holding the database and its key files.
    pub fn data_dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// The audit log's verifier (C2SP note key name and public key).
    pub fn audit_verifier(&self) -> &crate::tlog::note::Verifier {
        &self.verifier
    }

    /// Whether the last write batch committed (false: health NOT_SERVING).
    pub fn writable(&self) -> tokio::sync::watch::Receiver<bool> {
        self.writable.clone()
    }

    /// Committed audit entries as they are appended.
    pub fn subscribe_audit(&self) -> tokio::sync::broadcast::Receiver<Arc<Vec<u8>>> {
        self.appended.subscribe()
    }

    /// The last committed event's number, changed after each commit that adds events.
    pub fn events_committed(&self) -> tokio::sync::watch::Receiver<u64> {
        self.events.clone()
    }

    /// Runs a read-only query on a blocking thread.
    pub async fn run<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let readers = self.readers.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = readers.checkout()?;
            f(&mut guard)
        })
        .await
        .map_err(|e| StoreError::Task(e.to_string()))?
    }

    /// Queues `work` for the next batch and waits for the batch's commit. `work` leaves its
    /// result in a slot that is answered only once the batch's fate is known.
    async fn submit<T, E>(
        &self,
        work: impl FnOnce(
                &rusqlite::Transaction<'_>,
                &mut audit::AuditLog,
            ) -> (Result<T, E>, Result<(), StoreError>)
            + Send
            + 'static,
    ) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
    {
        let (reply, answer) = tokio::sync::oneshot::channel::<Result<T, E>>();
        let slot: Arc<Mutex<Option<Result<T, E>>>> = Arc::new(Mutex::new(None));
        let filled = slot.clone();
        let job = writer::Job {
            work: Box::new(move |tx, audit| {
                let (result, batch) = work(tx, audit);
                if let Ok(mut s) = filled.lock() {
                    *s = Some(result);
                }
                batch
            }),
            complete: Box::new(move |commit| {
                let result = slot.lock().ok().and_then(|mut s| s.take());
                let _ = reply.send(match (commit, result) {
                    (Ok(()), Some(result)) => result,
                    (Err(e), _) => Err(E::from(e)),
                    (Ok(()), None) => {
                        Err(E::from(StoreError::Task("a write job did not run".into())))
                    }
                });
            }),
        };
        match self.jobs.try_send(job) {
            Ok(()) => {}
            Err(std::sync::mpsc::TrySendError::Full(_)) => {
                // Counted, and recorded by the writer in its next batch as one entry.
                self.refused_busy
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                return Err(E::from(StoreError::Busy));
            }
            Err(std::sync::mpsc::TrySendError::Disconnected(_)) => {
                return Err(E::from(StoreError::Task("the writer has stopped".into())));
            }
        }
        answer
            .await
            .map_err(|_| StoreError::Task("the writer dropped a job".into()))?
    }

    /// Runs `f` in the next write batch, in its own savepoint: an `Err` undoes its writes (the
    /// batch goes on). Answers after the batch is committed with fsync.
    pub async fn transact<T, E, F>(&self, f: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> Result<T, E> + Send + 'static,
    {
        self.transact_audited(f, |_| None).await
    }

    /// Like `transact`, and appends the audit entry `describe` makes of the outcome, in the same
    /// commit: the outcome is answered only once its entry is durable, and if the entry cannot
    /// be written, nothing of the batch is committed or answered with success.
    pub async fn transact_audited<T, E, F, D>(&self, f: F, describe: D) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> Result<T, E> + Send + 'static,
        D: FnOnce(&Result<T, E>) -> Option<crate::tlog::entry::AuditDraft> + Send + 'static,
    {
        self.submit(move |tx, audit| match writer::in_savepoint(tx, f) {
            Ok(result) => {
                let appended = describe(&result).map(|d| audit.append(tx, d)).transpose();
                (result, appended.map(|_| ()))
            }
            Err(e) => (Err(E::from(StoreError::Task(e.to_string()))), Err(e)),
        })
        .await
    }

    /// Like `transact_audited`, for an act that is several acts on record (a delegation's
    /// revocation and each grant it ends): every entry `describe` makes, in its order, in the
    /// same commit.
    pub async fn transact_audited_all<T, E, F, D>(&self, f: F, describe: D) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> Result<T, E> + Send + 'static,
        D: FnOnce(&Result<T, E>) -> Vec<crate::tlog::entry::AuditDraft> + Send + 'static,
    {
        self.submit(move |tx, audit| match writer::in_savepoint(tx, f) {
            Ok(result) => {
                let appended = describe(&result)
                    .into_iter()
                    .try_for_each(|d| audit.append(tx, d).map(|_| ()));
                (result, appended)
            }
            Err(e) => (Err(E::from(StoreError::Task(e.to_string()))), Err(e)),
        })
        .await
    }

    /// Like `transact_audited`, and also answers the audit entry's sequence number (None when
    /// `describe` made no entry).
    pub async fn transact_audited_seq<T, E, F, D>(
        &self,
        f: F,
        describe: D,
    ) -> Result<(T, Option<u64>), E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> Result<T, E> + Send + 'static,
        D: FnOnce(&Result<T, E>) -> Option<crate::tlog::entry::AuditDraft> + Send + 'static,
    {
        self.submit(move |tx, audit| match writer::in_savepoint(tx, f) {
            Ok(result) => {
                // The next entry's number is the log's size.
                let seq = audit.size();
                let appended = describe(&result).map(|d| audit.append(tx, d)).transpose();
                let entry = matches!(appended, Ok(Some(_))).then_some(seq);
                (result.map(|t| (t, entry)), appended.map(|_| ()))
            }
            Err(e) => (Err(E::from(StoreError::Task(e.to_string()))), Err(e)),
        })
        .await
    }

    /// Appends one audit entry on its own (a read that must be on record, a refused call).
    pub async fn audit(&self, draft: crate::tlog::entry::AuditDraft) -> Result<(), StoreError> {
        self.transact_audited(|_| Ok::<(), StoreError>(()), move |_| Some(draft))
            .await
    }

    /// A write with no audit entry of its own (creating a vault, before any principal exists).
    pub async fn write<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> Result<T, StoreError> + Send + 'static,
    {
        self.transact(f).await
    }
}

/// The items of a column built by `group_concat(x, ',')` (NULL when there were none); the
/// items are slugs or role names, which hold no comma.
pub(crate) fn comma_list(joined: Option<&str>) -> impl Iterator<Item = &str> {
    joined
        .unwrap_or_default()
        .split(',')
        .filter(|item| !item.is_empty())
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        let signer = Signer::generate("vaultd/test").unwrap();
        let store = Store::create(dir.path(), signer).unwrap();
        (dir, store)
    }

    fn count(store: &Store) -> i64 {
        committed(store.path())
    }

    /// The test rows (`t…`) a fresh connection sees: only what has been committed.
    fn committed(path: &Path) -> i64 {
        let conn =
            Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        conn.query_row(
            "SELECT count(*) FROM vault_meta WHERE name LIKE 't%'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    }

    /// Polls `f` once: far enough for `Store::submit` to queue its job, not to wait for it.
    /// Holds the writer inside a batch of its own until `release` is sent to; the returned
    /// future is that job, already queued and running.
    async fn hold_writer(
        store: &Store,
    ) -> (
        std::pin::Pin<Box<impl std::future::Future<Output = Result<(), StoreError>> + '_>>,
        std::sync::mpsc::Sender<()>,
    ) {
        let (started_tx, started) = std::sync::mpsc::channel();
        let (release, held) = std::sync::mpsc::channel::<()>();
        let mut blocker = Box::pin(store.transact(move |_tx| {
            started_tx.send(()).unwrap();
            held.recv().unwrap();
            Ok::<(), StoreError>(())
        }));
        queue(blocker.as_mut()).await;
        started
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the writer starts the blocking job");
        (blocker, release)
    }

    async fn queue<F: std::future::Future>(mut f: std::pin::Pin<&mut F>) {
        std::future::poll_fn(|cx| {
            assert!(
                f.as_mut().poll(cx).is_pending(),
                "answered before its batch"
            );
            std::task::Poll::Ready(())
        })
        .await
    }

    #[tokio::test]
    async fn a_principal_row_written_by_any_path_counts_as_it_runs_and_again_after_its_commit() {
        let (_dir, store) = store();
        let generation = store.principals_generation();
        let before = generation.current();
        // Written by raw SQL, as no vault code path does: the writer's hook still counts it.
        let counted_in_the_job = store
            .write({
                let generation = generation.clone();
                move |tx| {
                    tx.execute(
                        "INSERT INTO principals (name, cert_fingerprint, created_at, created_by)
                         VALUES ('p', 'f', 0, 'test')",
                        [],
                    )?;
                    Ok(generation.current())
                }
            })
            .await
            .unwrap();
        assert!(
            counted_in_the_job > before,
            "counted as the row was written"
        );
        assert!(
            generation.current() > counted_in_the_job,
            "counted again once its batch committed"
        );
        // Other tables do not count.
        let settled = generation.current();
        store
            .write(|tx| {
                tx.execute(
                    "INSERT INTO vault_meta (name, value) VALUES ('t1', x'00')",
                    [],
                )?;
                Ok(())
            })
            .await
            .unwrap();
        assert_eq!(generation.current(), settled);
    }

    #[tokio::test]
    async fn a_full_queue_refuses_at_once_and_the_refusals_are_recorded_in_one_entry() {
        let (_dir, store) = store();
        let (blocker, release) = hold_writer(&store).await;
        // Fill the queue, then ten more: those are refused without waiting.
        let mut waiting = Vec::new();
        for _ in 0..MAX_QUEUED {
            let mut job = Box::pin(store.transact(|_| Ok::<(), StoreError>(())));
            queue(job.as_mut()).await;
            waiting.push(job);
        }
        for _ in 0..10 {
            let refused = store.transact(|_| Ok::<(), StoreError>(())).await;
            assert!(matches!(refused, Err(StoreError::Busy)), "{refused:?}");
        }
        release.send(()).unwrap();
        blocker.await.unwrap();
        for job in waiting {
            job.await.unwrap();
        }
        // The next batch carries one entry for the ten refusals.
        store
            .audit(crate::tlog::entry::AuditDraft {
                principal: "t".into(),
                action: crate::tlog::action::Action::VaultStatus,
                targets: Vec::new(),
                outcome: crate::tlog::entry::Outcome::Allowed,
                reason: None,
                grant: None,
                request_id: "r".into(),
                peer: "p".into(),
                detail: None,
            })
            .await
            .unwrap();
        let entries = store
            .run(|c| {
                audit::query(
                    c,
                    &audit::EntryQuery {
                        below_seq: u64::MAX >> 1,
                        action: Some("calls.refused".into()),
                        limit: 10,
                        ..Default::default()
                    },
                )
            })
            .await
            .unwrap();
        assert_eq!(entries.len(), 1);
        let entry = crate::tlog::entry::AuditEntry::parse(&entries[0].1).unwrap();
        assert_eq!(entry.reason.as_deref(), Some("busy"));
        assert_eq!(
            entry.detail.as_deref(),
            Some("10 calls refused: the write queue was full")
        );
    }

    #[tokio::test]
    async fn a_refused_job_is_rolled_back_and_its_batch_neighbours_commit() {
        let (_dir, store) = store();
        // Hold the writer inside a batch of its own while the three jobs queue behind it, so
        // that it drains all three into its next batch.
        let (blocker, release) = hold_writer(&store).await;

        let path = store.path().to_owned();
        let first = store.transact(|tx| meta::put(tx, "t1", b"x"));
        let refused = store.transact(|tx| {
            meta::put(tx, "t2", b"y")?;
            Err::<(), StoreError>(StoreError::Damaged("refused".into()))
        });
        // What the rest of the world sees while the last job runs: nothing of the batch yet.
        let kept = store.transact(move |tx| {
            meta::put(tx, "t3", b"z")?;
            Ok::<i64, StoreError>(committed(&path))
        });
        tokio::pin!(first, refused, kept);
        queue(first.as_mut()).await;
        queue(refused.as_mut()).await;
        queue(kept.as_mut()).await;
        release.send(()).unwrap();

        let (blocked, first, refused, kept) = tokio::join!(blocker, first, refused, kept);
        blocked.unwrap();
        first.unwrap();
        assert!(refused.is_err());
        assert_eq!(
            kept.unwrap(),
            0,
            "the first job's write was not yet committed when the last one ran: one transaction"
        );
        assert_eq!(
            count(&store),
            2,
            "the first and last jobs' writes are there"
        );
    }

    #[tokio::test]
    async fn a_panicking_job_fails_its_batch_and_the_writer_goes_on() {
        let (_dir, store) = store();
        let panicked = store
            .transact(|_tx| -> Result<(), StoreError> { panic!("boom") })
            .await;
        assert!(panicked.is_err());
        store
            .transact(|tx| meta::put(tx, "t3", b"z"))
            .await
            .unwrap();
        assert_eq!(count(&store), 1);
        assert!(*store.writable().borrow());
    }

    #[tokio::test]
    async fn audited_writes_append_entries_and_a_second_opener_is_refused() {
        let (dir, store) = store();
        let draft = crate::tlog::entry::AuditDraft {
            principal: "p".into(),
            action: crate::tlog::action::Action::VaultStatus,
            targets: vec!["t".into()],
            outcome: crate::tlog::entry::Outcome::Allowed,
            reason: None,
            grant: None,
            request_id: "r".into(),
            peer: "local".into(),
            detail: None,
        };
        store.audit(draft.clone()).await.unwrap();
        store.audit(draft).await.unwrap();
        let entries = store.run(|c| audit::entries(c, 0, 10)).await.unwrap();
        assert_eq!(
            entries.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
            vec![0, 1]
        );
        assert!(matches!(
            Store::open(dir.path()),
            Err(StoreError::Layout { .. })
        ));
    }
}
