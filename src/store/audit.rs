//! The audit log's storage side: appending entries inside the writer's transaction, keeping the
//! Merkle frontier in memory and in `audit_state`, signing a checkpoint per committed batch, and
//! reading entries, leaf hashes and checkpoints back.

use super::meta::{
    self,
    names::{AUDIT_ORIGIN, AUDIT_PUBLIC_KEY},
};
use super::StoreError;
use crate::tlog::entry::{entry_time, AuditDraft, Outcome};
use crate::tlog::merkle::{leaf_hash, Frontier, Hash};
use crate::tlog::note::{Checkpoint, Signer, Verifier};
use rusqlite::{params, Connection, OptionalExtension};

/// The writer's view of the log: frontier, signing key, latest checkpoint.
pub struct AuditLog {
    frontier: Frontier,
    key: Signer,
    origin: String,
    checkpoint: String,
    /// Entries appended in the current batch, handed to `audit tail` once committed.
    pending: Vec<Vec<u8>>,
}

/// What a failed batch restores.
pub struct Snapshot {
    frontier: Frontier,
    checkpoint: String,
}

impl AuditLog {
    /// Loads the log's state with its signing key (from the key file), recording the key's name
    /// and public key the first time and refusing a key that is not this log's afterwards; makes
    /// the empty log's checkpoint the first time. Refuses a state that disagrees with the stored
    /// entries.
    pub fn load(conn: &mut Connection, signer: Signer) -> Result<Self, StoreError> {
        let tx = conn.transaction()?;
        let public_key = signer.verifier().public_key;
        match (
            meta::get(&tx, AUDIT_ORIGIN)?,
            meta::get(&tx, AUDIT_PUBLIC_KEY)?,
        ) {
            (None, None) => {
                meta::put(&tx, AUDIT_ORIGIN, signer.name().as_bytes())?;
                meta::put(&tx, AUDIT_PUBLIC_KEY, &public_key)?;
            }
            (Some(origin), Some(key))
                if origin == signer.name().as_bytes() && key == public_key => {}
            _ => {
                return Err(StoreError::KeyFile {
                    path: super::daemon_key_files::AUDIT_KEY_FILE.into(),
                    problem: super::daemon_key_files::KeyFileProblem::NotThisVault,
                })
            }
        }
        let origin = signer.name().to_owned();
        let key = signer;
        let state: Option<(Vec<u8>, String)> = tx
            .query_row(
                "SELECT frontier, checkpoint FROM audit_state WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let mut log = match state {
            Some((frontier, checkpoint)) => AuditLog {
                frontier: Frontier::from_bytes(&frontier)
                    .ok_or_else(|| StoreError::Damaged("audit frontier".into()))?,
                key,
                origin,
                checkpoint,
                pending: Vec::new(),
            },
            None => AuditLog {
                frontier: Frontier::default(),
                key,
                origin,
                checkpoint: String::new(),
                pending: Vec::new(),
            },
        };
        let stored: u64 =
            tx.query_row("SELECT coalesce(max(seq) + 1, 0) FROM audit_log", [], |r| {
                r.get(0)
            })?;
        if stored != log.frontier.size() {
            return Err(StoreError::Damaged(format!(
                "the audit log holds {stored} entries but its state says {}",
                log.frontier.size()
            )));
        }
        if log.checkpoint.is_empty() {
            log.seal_batch(&tx)?;
        }
        backfill_nodes(&tx, log.frontier.size())?;
        tx.commit()?;
        Ok(log)
    }

    pub fn verifier(&self) -> Verifier {
        self.key.verifier()
    }

    pub fn size(&self) -> u64 {
        self.frontier.size()
    }

    pub fn checkpoint(&self) -> &str {
        &self.checkpoint
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            frontier: self.frontier.clone(),
            checkpoint: self.checkpoint.clone(),
        }
    }

    pub fn restore(&mut self, snapshot: Snapshot) {
        self.frontier = snapshot.frontier;
        self.checkpoint = snapshot.checkpoint;
        self.pending.clear();
    }

    /// The entries of the batch just committed.
    pub fn take_committed(&mut self) -> Vec<Vec<u8>> {
        std::mem::take(&mut self.pending)
    }

    /// Appends one entry (in the caller's transaction) and returns its exact bytes.
    pub fn append(&mut self, conn: &Connection, draft: AuditDraft) -> Result<Vec<u8>, StoreError> {
        let targets = draft.bounded_targets();
        let now = time::OffsetDateTime::now_utc();
        let entry = draft.into_entry(self.frontier.size(), entry_time(now));
        let bytes = entry.to_bytes();
        let leaf = leaf_hash(&bytes);
        // The entry's time is cut to the millisecond: so is this.
        let at_ms = (now.unix_timestamp_nanos() / 1_000_000) as i64;
        conn.prepare_cached(
            "INSERT INTO audit_log (seq, entry, leaf_hash, at_ms, principal, action, outcome)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            entry.seq as i64,
            bytes,
            &leaf.as_bytes()[..],
            at_ms,
            entry.principal,
            entry.action,
            entry.outcome.as_str()
        ])?;
        let mut target = conn
            .prepare_cached("INSERT OR IGNORE INTO audit_targets (target, seq) VALUES (?1, ?2)")?;
        for name in &targets {
            target.execute(params![name, entry.seq as i64])?;
        }
        store_nodes(conn, &self.frontier.push_completing(leaf))?;
        self.pending.push(bytes.clone());
        Ok(bytes)
    }

    /// Signs a checkpoint over the current tree and stores it with the frontier (in the caller's
    /// transaction). Returns the signed note.
    pub fn seal_batch(&mut self, conn: &Connection) -> Result<String, StoreError> {
        let checkpoint = Checkpoint {
            origin: self.origin.clone(),
            size: self.frontier.size(),
            root: self.frontier.root(),
        };
        let note = checkpoint.sign(&self.origin, self.key.key_pair());
        conn.prepare_cached(
            "INSERT INTO audit_state (id, frontier, checkpoint) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET frontier = excluded.frontier, checkpoint = excluded.checkpoint",
        )?
        .execute(params![self.frontier.to_bytes(), note])?;
        self.checkpoint = note.clone();
        Ok(note)
    }
}

/// Entries with seq in [from, from + limit), as stored.
pub fn entries(
    conn: &Connection,
    from: u64,
    limit: u64,
) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
    let mut stmt = conn
        .prepare_cached("SELECT seq, entry FROM audit_log WHERE seq >= ?1 ORDER BY seq LIMIT ?2")?;
    let rows = stmt.query_map(params![from as i64, limit as i64], |r| {
        Ok((r.get::<_, i64>(0)? as u64, r.get(1)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The whole log as export lines (each entry's bytes and a newline, in seq order), read a page
/// at a time: what a restore verifies against the latest checkpoint without holding the log in
/// memory.
pub struct ExportReader<'c> {
    conn: &'c Connection,
    next_seq: u64,
    buffer: Vec<u8>,
    at: usize,
    done: bool,
}

impl<'c> ExportReader<'c> {
    const PAGE: u64 = 4096;

    pub fn new(conn: &'c Connection) -> Self {
        ExportReader {
            conn,
            next_seq: 0,
            buffer: Vec::new(),
            at: 0,
            done: false,
        }
    }
}

impl std::io::Read for ExportReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.buffer.len() && !self.done {
            let page = entries(self.conn, self.next_seq, Self::PAGE)
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            self.buffer.clear();
            self.at = 0;
            self.done = (page.len() as u64) < Self::PAGE;
            for (seq, entry) in page {
                self.next_seq = seq + 1;
                self.buffer.extend_from_slice(&entry);
                self.buffer.push(b'\n');
            }
        }
        let n = out.len().min(self.buffer.len() - self.at);
        out[..n].copy_from_slice(&self.buffer[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// The levels of the Merkle tree kept in `audit_nodes` are the multiples of this: a stored node
/// covers 256 leaves, or 65,536, and so on, as C2SP tlog-tiles keeps tiles of 256 hashes. The
/// writer stores one row per 256 entries instead of about one per entry; a node between two
/// stored levels is hashed from at most 128 nodes (or leaves) of the level below when a proof
/// needs it.
const STORED_LEVELS: u32 = 8;

/// Stores the completed subtree roots whose level is kept (see [`STORED_LEVELS`]).
fn store_nodes(conn: &Connection, nodes: &[(u32, u64, Hash)]) -> Result<(), StoreError> {
    let mut kept = nodes
        .iter()
        .filter(|(level, _, _)| level % STORED_LEVELS == 0)
        .peekable();
    if kept.peek().is_none() {
        return Ok(());
    }
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO audit_nodes (level, idx, hash) VALUES (?1, ?2, ?3)",
    )?;
    for (level, index, hash) in kept {
        stmt.execute(params![level, *index as i64, &hash.as_bytes()[..]])?;
    }
    Ok(())
}

/// A log written before the tree's nodes were stored (schema 3) gets them once, at start-up, by
/// replaying its leaf hashes; afterwards the writer stores each node as it completes.
fn backfill_nodes(conn: &Connection, size: u64) -> Result<(), StoreError> {
    let has_nodes: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM audit_nodes)", [], |r| {
        r.get(0)
    })?;
    // Below 256 entries no level is stored.
    if size < 1 << STORED_LEVELS || has_nodes {
        return Ok(());
    }
    tracing::info!(
        entries = size,
        "storing the audit tree's nodes (once, after an upgrade)"
    );
    let mut frontier = Frontier::default();
    let mut stmt = conn.prepare("SELECT leaf_hash FROM audit_log ORDER BY seq")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let leaf: Vec<u8> = row.get(0)?;
        let leaf = <Hash>::try_from(leaf.as_slice())
            .map_err(|_| StoreError::Damaged("leaf hash".into()))?;
        store_nodes(conn, &frontier.push_completing(leaf))?;
    }
    Ok(())
}

/// The root of the perfect subtree `index` at `level` (level 0: a leaf hash): one row at a
/// stored level, else hashed from the 2^k nodes of the stored level k below it (k < 8).
pub fn tree_node(conn: &Connection, level: u32, index: u64) -> Result<Hash, StoreError> {
    let missing = || StoreError::Damaged(format!("audit tree node {level}/{index} is missing"));
    let base = level - level % STORED_LEVELS;
    let count = 1u64 << (level - base);
    let first = index.checked_mul(count).ok_or_else(missing)?;
    let hashes: Vec<Vec<u8>> = if base == 0 {
        conn.prepare_cached(
            "SELECT leaf_hash FROM audit_log WHERE seq >= ?1 AND seq < ?2 ORDER BY seq",
        )?
        .query_map(params![first as i64, (first + count) as i64], |r| r.get(0))?
        .collect::<Result<_, _>>()?
    } else {
        conn.prepare_cached(
            "SELECT hash FROM audit_nodes WHERE level = ?1 AND idx >= ?2 AND idx < ?3 ORDER BY idx",
        )?
        .query_map(params![base, first as i64, (first + count) as i64], |r| {
            r.get(0)
        })?
        .collect::<Result<_, _>>()?
    };
    if hashes.len() as u64 != count {
        return Err(missing());
    }
    let below = hashes
        .into_iter()
        .map(|b| <Hash>::try_from(b).map_err(|_| missing()))
        .collect::<Result<Vec<Hash>, _>>()?;
    // A perfect subtree: its root over the nodes below is the tree head of them.
    Ok(crate::tlog::merkle::root(&below))
}

/// A reviewer's query on the audit log's filter columns.
#[derive(Debug, Clone, Default)]
pub struct EntryQuery {
    pub from_seq: u64,
    /// Entries at or past this are not covered by the latest checkpoint yet.
    pub below_seq: u64,
    pub since_ms: Option<i64>,
    pub until_ms: Option<i64>,
    pub principal: Option<String>,
    pub action: Option<String>,
    pub outcome: Option<String>,
    /// One of the names in the entry's target (an account, a principal, a grant).
    pub target: Option<String>,
    pub limit: u64,
}

/// The entries matching `q`, in order. The WHERE clause names only the conditions given, so
/// SQLite picks the matching index rather than scanning the log.
pub fn query(conn: &Connection, q: &EntryQuery) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
    let mut sql =
        String::from("SELECT l.seq, l.entry FROM audit_log l WHERE l.seq >= ?1 AND l.seq < ?2");
    let mut values: Vec<rusqlite::types::Value> =
        vec![(q.from_seq as i64).into(), (q.below_seq as i64).into()];
    let mut condition = |clause: &str, value: rusqlite::types::Value| {
        values.push(value);
        sql.push_str(&format!(" AND {clause} ?{}", values.len()));
    };
    if let Some(t) = q.since_ms {
        condition("l.at_ms >=", t.into());
    }
    if let Some(t) = q.until_ms {
        condition("l.at_ms <", t.into());
    }
    if let Some(p) = &q.principal {
        condition("l.principal =", p.clone().into());
    }
    if let Some(a) = &q.action {
        condition("l.action =", a.clone().into());
    }
    if let Some(o) = &q.outcome {
        condition("l.outcome =", o.clone().into());
    }
    if let Some(t) = &q.target {
        condition(
            "l.seq IN (SELECT seq FROM audit_targets WHERE target =",
            t.clone().into(),
        );
        sql.push(')');
    }
    // Written out, so that SQLite may use the partial index of refused entries.
    if q.outcome
        .as_deref()
        .is_some_and(|o| o != Outcome::Allowed.as_str())
    {
        sql.push_str(" AND l.outcome <> 'allowed'");
    }
    values.push((q.limit as i64).into());
    sql.push_str(&format!(" ORDER BY l.seq LIMIT ?{}", values.len()));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(values), |r| {
        Ok((r.get::<_, i64>(0)? as u64, r.get(1)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The latest signed checkpoint.
pub fn latest_checkpoint(conn: &Connection) -> Result<String, StoreError> {
    Ok(
        conn.query_row("SELECT checkpoint FROM audit_state WHERE id = 1", [], |r| {
            r.get(0)
        })?,
    )
}

/// A witness's latest cosigned checkpoint: (size, note) as stored.
pub fn cosigned_by(conn: &Connection, witness: &str) -> Result<Option<(u64, String)>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT size, note FROM cosigned_checkpoints WHERE witness = ?1",
            [witness],
            |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?)),
        )
        .optional()?)
}

/// Keeps `note` as `witness`'s latest cosigned checkpoint.
pub fn put_cosigned(
    conn: &Connection,
    witness: &str,
    size: u64,
    note: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO cosigned_checkpoints (witness, size, note, added_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (witness) DO UPDATE SET size = excluded.size, note = excluded.note,
                                             added_at = excluded.added_at",
        params![witness, size as i64, note, super::now()],
    )?;
    Ok(())
}

/// Every witness's latest cosigned checkpoint note, by witness name.
pub fn cosigned_checkpoints(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare("SELECT note FROM cosigned_checkpoints ORDER BY witness")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tlog::merkle::{
        consistency_proof, consistency_proof_from, inclusion_proof_from, root,
    };
    use std::collections::HashMap;

    /// A log of `n` entries as the writer leaves it: leaf hashes in `audit_log`, nodes stored
    /// as they complete.
    fn log_of(n: u64) -> (Connection, Vec<Hash>) {
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::migrations::migrate(&mut conn).unwrap();
        let leaves: Vec<Hash> = (0..n).map(|i| leaf_hash(&i.to_be_bytes())).collect();
        let mut frontier = Frontier::default();
        for (seq, leaf) in leaves.iter().enumerate() {
            conn.execute(
                "INSERT INTO audit_log (seq, entry, leaf_hash) VALUES (?1, x'00', ?2)",
                params![seq as i64, &leaf.as_bytes()[..]],
            )
            .unwrap();
            store_nodes(&conn, &frontier.push_completing(*leaf)).unwrap();
        }
        (conn, leaves)
    }

    /// Every perfect subtree's root, hashed from the leaves themselves (the full tree).
    fn full_tree(leaves: &[Hash]) -> HashMap<(u32, u64), Hash> {
        let mut nodes = HashMap::new();
        for level in 0..=leaves.len().ilog2() {
            let width = 1usize << level;
            for (index, chunk) in leaves.chunks_exact(width).enumerate() {
                nodes.insert((level, index as u64), root(chunk));
            }
        }
        nodes
    }

    #[test]
    fn proofs_from_the_stored_levels_match_the_full_tree_for_every_index_of_sizes_1_to_600() {
        let (conn, leaves) = log_of(600);
        let stored: i64 = conn
            .query_row("SELECT count(*) FROM audit_nodes", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            stored, 2,
            "one row per 256 entries: 600 entries complete two"
        );
        let full = full_tree(&leaves);
        // Each node the proofs ask for, read from storage once (nodes never change) and
        // checked against the full tree's.
        let mut read = HashMap::new();
        let mut from_storage = |level: u32, index: u64| -> Result<Hash, StoreError> {
            if let Some(hash) = read.get(&(level, index)) {
                return Ok(*hash);
            }
            let hash = tree_node(&conn, level, index)?;
            assert_eq!(
                Some(&hash),
                full.get(&(level, index)),
                "node {level}/{index}"
            );
            read.insert((level, index), hash);
            Ok(hash)
        };
        let mut from_full = |level: u32, index: u64| full.get(&(level, index)).copied().ok_or(());
        for size in 1..=600u64 {
            for index in 0..size {
                assert_eq!(
                    inclusion_proof_from(index, size, &mut from_storage).unwrap(),
                    inclusion_proof_from(index, size, &mut from_full).unwrap(),
                    "inclusion of {index} in {size}"
                );
            }
            for old in 1..=size {
                assert_eq!(
                    consistency_proof_from(old, size, &mut from_storage).unwrap(),
                    consistency_proof_from(old, size, &mut from_full).unwrap(),
                    "consistency {old} -> {size}"
                );
            }
        }
        // And, for sizes around the stored levels, against proofs built from every leaf.
        for size in [1u64, 2, 3, 255, 256, 257, 511, 512, 513, 600] {
            let prefix = &leaves[..size as usize];
            for index in [0, size / 2, size - 1] {
                assert_eq!(
                    inclusion_proof_from(index, size, &mut from_storage).unwrap(),
                    crate::tlog::merkle::inclusion_proof(index as usize, prefix)
                );
            }
            for old in [1, size / 3 + 1, size] {
                assert_eq!(
                    consistency_proof_from(old, size, &mut from_storage).unwrap(),
                    consistency_proof(old as usize, prefix)
                );
            }
        }
        assert!(
            tree_node(&conn, 10, 0).is_err(),
            "no subtree of 1024 leaves yet: missing, not made up"
        );
    }

    #[test]
    fn a_log_without_stored_nodes_gets_them_once_and_proofs_read_them() {
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::migrations::migrate(&mut conn).unwrap();
        let leaves: Vec<Hash> = (0..1030u64).map(|i| leaf_hash(&i.to_be_bytes())).collect();
        for (seq, leaf) in leaves.iter().enumerate() {
            conn.execute(
                "INSERT INTO audit_log (seq, entry, leaf_hash) VALUES (?1, x'00', ?2)",
                params![seq as i64, &leaf.as_bytes()[..]],
            )
            .unwrap();
        }
        backfill_nodes(&conn, leaves.len() as u64).unwrap();
        let stored: i64 = conn
            .query_row("SELECT count(*) FROM audit_nodes", [], |r| r.get(0))
            .unwrap();
        assert_eq!(stored, 4, "the four subtrees of 256 leaves");
        let full = full_tree(&leaves);
        for index in (0..leaves.len() as u64).step_by(7) {
            let proof = inclusion_proof_from(index, leaves.len() as u64, &mut |level, i| {
                tree_node(&conn, level, i)
            })
            .unwrap();
            let expected = inclusion_proof_from(index, leaves.len() as u64, &mut |level, i| {
                full.get(&(level, i)).copied().ok_or(())
            })
            .unwrap();
            assert_eq!(proof, expected);
        }
        // A second start-up finds them and does nothing.
        backfill_nodes(&conn, leaves.len() as u64).unwrap();
        let again: i64 = conn
            .query_row("SELECT count(*) FROM audit_nodes", [], |r| r.get(0))
            .unwrap();
        assert_eq!(again, 4);
    }
}
