//! The one writer: a thread that owns the write connection and the audit log, and commits
//! concurrent requests together (group commit): it drains the queued jobs, runs each inside its
//! own savepoint in one transaction, appends their audit entries, signs one checkpoint, commits
//! with one fsync, and only then answers each job. If the commit fails, every job of the batch
//! fails, the in-memory tree is restored, and the store reports itself unwritable until a later
//! batch commits.

use super::audit::AuditLog;
use super::StoreError;
use crate::tlog::action::Action;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Most jobs committed together.
const MAX_BATCH: usize = 256;

/// A batch this big says the writer is saturated (see `run`)...
const LINGER_FROM: usize = 8;
/// ...and then the next batch may wait this long for company.
const LINGER: Duration = Duration::from_micros(300);

/// Called once the batch's fate is known (Ok after the commit, Err if it failed).
pub(crate) type Completion = Box<dyn FnOnce(Result<(), StoreError>) + Send>;
/// The work of a job, run in the batch's transaction. An Err (a storage failure, e.g. the audit
/// entry could not be written) fails the whole batch.
pub(crate) type Work =
    Box<dyn FnOnce(&Transaction<'_>, &mut AuditLog) -> Result<(), StoreError> + Send>;

/// A unit of work and how to answer it. The answer is kept apart from the work so a job can be
/// answered even when it never ran (an earlier job of its batch failed).
pub(crate) struct Job {
    pub work: Work,
    pub complete: Completion,
}

/// What the writer tells the rest of the daemon.
pub(crate) struct WriterSignals {
    /// false while commits fail (health reports NOT_SERVING).
    pub writable: tokio::sync::watch::Sender<bool>,
    /// Each committed entry's exact bytes, for `audit tail`.
    pub appended: tokio::sync::broadcast::Sender<Arc<Vec<u8>>>,
    /// Calls refused because the queue was full, to put on record in the next batch.
    pub refused_busy: Arc<std::sync::atomic::AtomicU64>,
    /// The last committed event's sequence number, for the streams that follow events.
    pub events: tokio::sync::watch::Sender<u64>,
    /// Writes to principals, counted again once their batch ends.
    pub principals: Arc<super::principals_generation::PrincipalsGeneration>,
    /// An event row was written in the batch now running (set by the update hook): only then
    /// is the last event's number looked up after the commit.
    pub events_written: Arc<std::sync::atomic::AtomicBool>,
}

/// At most one checkpoint line a second in the daemon's log; the latest covers all before it.
const CHECKPOINT_LOG_INTERVAL: Duration = Duration::from_secs(1);

/// Runs `f` inside a savepoint: its writes are undone if it fails, the batch goes on.
pub(crate) fn in_savepoint<T, E>(
    tx: &Transaction<'_>,
    f: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
) -> Result<Result<T, E>, StoreError> {
    // SQLite rolls the whole transaction back on some errors (full disk, I/O); a savepoint then
    // would open a new transaction that commits on its own. Refuse instead.
    if tx.is_autocommit() {
        return Err(StoreError::Task(
            "the batch's transaction was rolled back".into(),
        ));
    }
    // Prepared once per connection: parsing these three was a tenth of a release's CPU.
    tx.prepare_cached("SAVEPOINT job")?.execute([])?;
    let result = f(tx);
    if result.is_err() {
        // Forgotten first: even if the rollback fails, what was read after the undone writes
        // is not trusted again.
        super::writer_memo::forget_all();
        tx.prepare_cached("ROLLBACK TO job")?.execute([])?;
    }
    tx.prepare_cached("RELEASE job")?.execute([])?;
    Ok(result)
}

/// Runs one batch; returns the checkpoint it signed, if it appended entries and committed.
fn run_batch(
    conn: &mut Connection,
    audit: &mut AuditLog,
    jobs: Vec<Job>,
    signals: &WriterSignals,
    seen: &mut OutsideWrites,
) -> Option<String> {
    let before = audit.snapshot();
    let size_before = audit.size();
    let mut completions = Vec::with_capacity(jobs.len());
    let outcome = (|| -> Result<String, StoreError> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        seen.check(&tx, signals)?;
        record_refused_busy(&tx, audit, signals)?;
        let mut failure = None;
        for job in jobs {
            completions.push(job.complete);
            // After a failure the batch is lost: the remaining jobs do not run.
            if failure.is_some() {
                continue;
            }
            let ran =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (job.work)(&tx, audit)));
            match ran {
                Ok(Ok(())) => {}
                Ok(Err(e)) => failure = Some(e),
                Err(_) => failure = Some(StoreError::Task("a write job panicked".into())),
            }
        }
        if let Some(e) = failure {
            return Err(e);
        }
        let checkpoint = if audit.size() != size_before {
            Some(audit.seal_batch(&tx)?)
        } else {
            None
        };
        tx.commit()?;
        Ok(checkpoint.unwrap_or_default())
    })();
    // Before anyone is answered and before the next batch runs.
    signals.principals.batch_ended();
    let events_written = signals
        .events_written
        .swap(false, std::sync::atomic::Ordering::Relaxed);
    match outcome {
        Ok(checkpoint) => {
            signals
                .writable
                .send_if_modified(|w| !std::mem::replace(w, true));
            for bytes in audit.take_committed() {
                let _ = signals.appended.send(Arc::new(bytes));
            }
            // Told after the commit, so a follower woken by it reads what committed. One
            // lookup of the last rowid per batch that wrote events; after a failed one, the
            // next batch looks again.
            match events_written
                .then(|| super::events::last_seq(conn))
                .transpose()
            {
                Ok(None) => {}
                Ok(Some(seq)) => {
                    signals.events.send_if_modified(|last| {
                        let newer = seq > *last;
                        if newer {
                            *last = seq;
                        }
                        newer
                    });
                }
                Err(e) => {
                    signals
                        .events_written
                        .store(true, std::sync::atomic::Ordering::Relaxed);
                    tracing::warn!(error = %e, "the last event's number was not read")
                }
            }
            for c in completions {
                c(Ok(()));
            }
            (!checkpoint.is_empty()).then_some(checkpoint)
        }
        Err(e) => {
            // Jobs that had not run yet are answered too (their completion is separate).
            super::writer_memo::forget_all();
            audit.restore(before);
            signals
                .writable
                .send_if_modified(|w| std::mem::replace(w, false));
            tracing::error!(error = %e, "a write batch failed: nothing of it was committed or released");
            let message = e.to_string();
            for c in completions {
                c(Err(StoreError::Failed(message.clone(), sqlite_code(&e))));
            }
            None
        }
    }
}

/// Commits made to the file by another connection (a tool, or someone tampering with the
/// file while the daemon runs), which no update hook of ours sees. SQLite's `data_version`
/// changes with each; when it has, what the writer remembers (store/writer_memo.rs) and the
/// principals the calls were authenticated with are read again. Checked once per batch, once
/// its transaction holds the write lock, so no other commit can come in until it ends.
#[derive(Default)]
struct OutsideWrites {
    data_version: Option<i64>,
}

impl OutsideWrites {
    fn check(&mut self, conn: &Connection, signals: &WriterSignals) -> Result<(), StoreError> {
        let now: i64 = conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?;
        if self.data_version.replace(now).is_some_and(|was| was != now) {
            tracing::warn!("the vault file was changed by another process while the daemon runs");
            super::writer_memo::forget_all();
            signals.principals.bump();
        }
        Ok(())
    }
}

/// Puts the calls refused since the last batch (queue full) on record as one entry, so a flood
/// costs one entry per batch, never one per refused call.
fn record_refused_busy(
    tx: &Transaction<'_>,
    audit: &mut AuditLog,
    signals: &WriterSignals,
) -> Result<(), StoreError> {
    let refused = signals
        .refused_busy
        .swap(0, std::sync::atomic::Ordering::Relaxed);
    if refused == 0 {
        return Ok(());
    }
    let draft = crate::tlog::entry::AuditDraft {
        principal: "vaultd".into(),
        action: Action::CallsRefused,
        targets: Vec::new(),
        outcome: crate::tlog::entry::Outcome::Denied,
        reason: Some("busy".into()),
        grant: None,
        request_id: crate::ids::new_request_id(),
        peer: "local".into(),
        detail: Some(format!("{refused} calls refused: the write queue was full")),
    };
    if let Err(e) = audit.append(tx, draft) {
        // Not lost: counted again with the next batch.
        signals
            .refused_busy
            .fetch_add(refused, std::sync::atomic::Ordering::Relaxed);
        return Err(e);
    }
    Ok(())
}

/// Writes a checkpoint to the daemon's log, a copy outside the database that journald keeps.
/// One line: the size and root, and the whole signed note in base64 (`base64 -d` gives back
/// the file that `vault-cli audit verify --since` takes).
fn log_checkpoint(note: &str) {
    use base64::Engine;
    let mut lines = note.lines();
    let origin = lines.next().unwrap_or_default();
    let size = lines.next().unwrap_or_default();
    let root = lines.next().unwrap_or_default();
    let encoded = base64::engine::general_purpose::STANDARD.encode(note);
    tracing::info!(origin, size, root, note = %encoded, "audit checkpoint");
}

fn sqlite_code(e: &StoreError) -> Option<rusqlite::ErrorCode> {
    match e {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _)) => Some(f.code),
        StoreError::Failed(_, code) => *code,
        _ => None,
    }
}

/// Adds the jobs already queued to `batch`, up to `MAX_BATCH`.
fn drain(jobs: &Receiver<Job>, batch: &mut Vec<Job>) {
    while batch.len() < MAX_BATCH {
        match jobs.try_recv() {
            Ok(job) => batch.push(job),
            Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
        }
    }
}

/// The writer thread's loop; ends when every sender is gone.
pub(crate) fn run(
    mut conn: Connection,
    mut audit: AuditLog,
    jobs: Receiver<Job>,
    signals: WriterSignals,
) {
    let mut last_logged: Option<Instant> = None;
    let mut unlogged: Option<String> = None;
    // This thread's connection has the update hook that keeps the memo true.
    super::writer_memo::enable();
    let mut outside = OutsideWrites::default();
    // The version the memo starts from (a failure here leaves it to the first batch).
    let _ = outside.check(&conn, &signals);
    let mut last_len = 0;
    loop {
        // With a checkpoint not yet logged, wake up in time to log it even if no call comes.
        let first = match &unlogged {
            None => jobs.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(_) => jobs.recv_timeout(CHECKPOINT_LOG_INTERVAL),
        };
        match first {
            Ok(first) => {
                let mut batch = vec![first];
                drain(&jobs, &mut batch);
                // Saturated (the last batch was big) and this one is not yet half that: calls
                // answered together come back together, so the next of them are on their way.
                // A moment's wait lets them share this batch's commit, fsync and signature
                // (release_load at 64 clients: about a tenth less CPU per call, a lower p99).
                // At 8 clients batches stay under the threshold and nothing waits.
                if last_len >= LINGER_FROM && batch.len() < last_len / 2 {
                    std::thread::sleep(LINGER);
                    drain(&jobs, &mut batch);
                }
                last_len = batch.len();
                if let Some(checkpoint) =
                    run_batch(&mut conn, &mut audit, batch, &signals, &mut outside)
                {
                    unlogged = Some(checkpoint);
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        if last_logged.is_none_or(|at| at.elapsed() >= CHECKPOINT_LOG_INTERVAL) {
            if let Some(note) = unlogged.take() {
                log_checkpoint(&note);
                last_logged = Some(Instant::now());
            }
        }
    }
    if let Some(note) = unlogged {
        log_checkpoint(&note);
    }
}
