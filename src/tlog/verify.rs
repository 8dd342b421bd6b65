//! Offline verification of the audit log, shared by `vault-cli audit verify` and the benchmark:
//! an export (every entry's exact bytes, one per line, and the signed checkpoint over them),
//! optionally against an older checkpoint it must extend; and C2SP tlog-proof bundles.

use crate::pipeline;
use crate::tlog::entry::{EntryRef, ParsedEntry, Text};
use crate::tlog::merkle::{leaf_hash, verify_inclusion, Frontier, Hash, ProofError};
use crate::tlog::note::{Checkpoint, NoteError, Verifier};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use std::io::BufRead;
use std::ops::ControlFlow;

/// The first line of a proof bundle.
pub const PROOF_HEADER: &str = "c2sp.org/tlog-proof@v1";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerifyError {
    /// The export could not be read.
    #[error("cannot read the export: {0}")]
    Io(String),
    /// The checkpoint's signature, key or origin is wrong.
    #[error("checkpoint: {0}")]
    Checkpoint(NoteError),
    /// The older checkpoint (--since) is not valid.
    #[error("older checkpoint: {0}")]
    Since(NoteError),
    /// A line is not an audit entry.
    #[error("line {line}: not a valid audit entry")]
    Malformed { line: u64 },
    /// A line's sequence number is not its position (reordered, duplicated or missing entries).
    #[error("line {line}: entry has seq {found}, expected {line}")]
    Sequence { line: u64, found: u64 },
    /// Fewer or more entries than the checkpoint covers.
    #[error("the export holds {found} entries, the checkpoint covers {expected}")]
    Size { found: u64, expected: u64 },
    /// The entries do not hash to the checkpoint's root: an entry was changed.
    #[error("the entries' Merkle root does not match the checkpoint: an entry was altered")]
    Root,
    /// The export does not extend the older checkpoint.
    #[error("the export does not extend the older checkpoint (size {size}): its first {size} entries differ")]
    NotExtending { size: u64 },
    /// The older checkpoint is larger than the export.
    #[error("the older checkpoint (size {older}) is larger than the export ({newer})")]
    Shrunk { older: u64, newer: u64 },
    /// A proof bundle is malformed.
    #[error("malformed proof: {0}")]
    Proof(&'static str),
    /// The entry's own seq is not the index the proof is for.
    #[error("the entry is not included at index {index} under the checkpoint: its seq is {seq}")]
    OtherIndex { index: u64, seq: u64 },
    /// The entry is not included under the checkpoint: the proof's step that failed.
    #[error("the entry is not included at index {index} under the checkpoint: {step}")]
    NotIncluded { index: u64, step: ProofError },
}

/// What a successful verification established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub size: u64,
    pub root: Hash,
    pub since: Option<u64>,
    /// The root of the log's first `size` entries, for each size asked (up to the export's):
    /// whether the export extends another checkpoint, without reading it again.
    pub prefix_roots: Vec<(u64, Hash)>,
}

/// Entries per unit of parallel work: 2^12, so a full chunk is one perfect Merkle subtree.
const CHUNK_ENTRIES_LEVEL: u32 = 12;
const CHUNK_ENTRIES: usize = 1 << CHUNK_ENTRIES_LEVEL;
/// The longest line read as an entry. An entry is a few KiB at most (`bounds`); a longer line
/// is malformed, and is not read whole (an export comes from elsewhere).
const MAX_LINE: usize = 64 * 1024;

/// One chunk of lines, through the three stages: the reader fills its text and line ends, a
/// worker its leaf hashes, the root of its subtree when it is a full chunk, and its entries
/// when the caller reads them (a report built while verifying); the consumer reads it and
/// sends it back to the reader, whose next chunk reuses its buffers (no allocation, and no
/// page faults, per chunk).
#[derive(Default)]
struct HashedChunk {
    first_line: u64,
    ends: Vec<usize>,
    leaves: Vec<Hash>,
    root: Option<Hash>,
    entries: ChunkEntries,
}

/// A chunk's entries as places in its text: the lines are parsed in place by a worker, and
/// read in order by the consumer, with no string copied in between.
#[derive(Default)]
struct ChunkEntries {
    /// The chunk's lines, end to end (UTF-8, checked once for the whole chunk).
    text: String,
    /// The strings that held a JSON escape, unescaped (rare).
    unescaped: String,
    entries: Vec<EntrySpans>,
}

/// Where a string is: `len` bytes from `start` in the chunk's text, or among its unescaped
/// strings when the top bit of `len` is set. Eight bytes: a chunk holds thousands of entries
/// of eleven strings, written by a worker and read by the consumer.
#[derive(Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
}

impl Span {
    const UNESCAPED: u32 = 1 << 31;
    /// No string (a null field).
    const NONE: Span = Span {
        start: 0,
        len: u32::MAX,
    };
}

// A chunk's text, and so any offset in it, fits in 31 bits.
const _: () = assert!(CHUNK_ENTRIES * (MAX_LINE + 1) < 1 << 31);

struct EntrySpans {
    seq: u64,
    outcome: crate::tlog::entry::Outcome,
    time: Span,
    principal: Span,
    action: Span,
    target: Span,
    reason: Span,
    grant: Span,
    request_id: Span,
    peer: Span,
    detail: Span,
}

impl ChunkEntries {
    /// Records an entry parsed from the text at `base` (the text's address: its buffer does not
    /// move when the text is moved into `self.text` afterwards).
    fn push(&mut self, parsed: ParsedEntry<'_>, base: usize) {
        let mut span = |t: Text<'_>| match t.0 {
            // A borrowed string is a slice of the text: its place is its address's offset.
            std::borrow::Cow::Borrowed(s) => Span {
                start: (s.as_ptr() as usize - base) as u32,
                len: s.len() as u32,
            },
            // Unescaped, it is never longer than its line.
            std::borrow::Cow::Owned(s) => {
                let start = self.unescaped.len() as u32;
                self.unescaped.push_str(&s);
                Span {
                    start,
                    len: s.len() as u32 | Span::UNESCAPED,
                }
            }
        };
        let spans = EntrySpans {
            seq: parsed.seq,
            outcome: parsed.outcome,
            time: span(parsed.time),
            principal: span(parsed.principal),
            action: span(parsed.action),
            target: span(parsed.target),
            reason: parsed.reason.map_or(Span::NONE, &mut span),
            grant: parsed.grant.map_or(Span::NONE, &mut span),
            request_id: span(parsed.request_id),
            peer: span(parsed.peer),
            detail: parsed.detail.map_or(Span::NONE, &mut span),
        };
        self.entries.push(spans);
    }

    /// Empties it for the next chunk, keeping its buffers (the text is the reader's).
    fn clear(&mut self) {
        self.unescaped.clear();
        self.entries.clear();
    }

    fn get(&self, span: Span) -> &str {
        let start = span.start as usize;
        if span.len & Span::UNESCAPED == 0 {
            &self.text[start..start + span.len as usize]
        } else {
            let len = (span.len & !Span::UNESCAPED) as usize;
            &self.unescaped[start..start + len]
        }
    }

    fn get_some(&self, span: Span) -> Option<&str> {
        (span.len != Span::NONE.len).then(|| self.get(span))
    }

    fn entry(&self, e: &EntrySpans) -> EntryRef<'_> {
        EntryRef {
            seq: e.seq,
            time: self.get(e.time),
            principal: self.get(e.principal),
            action: self.get(e.action),
            target: self.get(e.target),
            outcome: e.outcome,
            reason: self.get_some(e.reason),
            grant: self.get_some(e.grant),
            request_id: self.get(e.request_id),
            peer: self.get(e.peer),
            detail: self.get_some(e.detail),
        }
    }
}

/// Parses and hashes the export's lines on every core, in chunks, and hands the chunks to
/// `consume` in order (the frontier is built on one thread, one subtree per chunk). Each line
/// must be an entry whose seq is its line number. The first error in line order wins.
///
/// Three stages (`crate::pipeline`): this thread reads and cuts the lines into chunks, the
/// workers parse and hash, and a consumer thread takes the chunks in order (for a report, it
/// also reads every entry). A fixed number of tickets bounds the chunks in flight, so memory
/// stays flat whichever stage is the slowest; each ticket is a consumed chunk, whose buffers
/// the reader reuses. The reader stays on this thread: it may read from a database connection.
fn hash_entries_in_parallel(
    mut entries: impl BufRead,
    keep_entries: bool,
    mut consume: impl FnMut(&HashedChunk) -> Result<(), VerifyError> + Send,
) -> Result<(), VerifyError> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let tickets = (0..workers * 3).map(|_| HashedChunk::default()).collect();
    let mut line = 0u64;
    let mut read_error = None;
    // The reader: chunks of CHUNK_ENTRIES lines, each once a ticket is free. A job is a chunk
    // as read, and its lines end to end (the text before its UTF-8 check).
    let read = |mut chunk: HashedChunk| {
        let mut bytes = std::mem::take(&mut chunk.entries.text).into_bytes();
        bytes.clear();
        let ends = &mut chunk.ends;
        ends.clear();
        while ends.len() < CHUNK_ENTRIES {
            let start = bytes.len();
            let mut line_reader = std::io::Read::take(&mut entries, MAX_LINE as u64 + 1);
            match line_reader.read_until(b'\n', &mut bytes) {
                Ok(0) => break,
                Ok(_) => {
                    if bytes.last() == Some(&b'\n') {
                        bytes.pop();
                    } else if bytes.len() - start > MAX_LINE {
                        read_error = Some(VerifyError::Malformed {
                            line: line + ends.len() as u64,
                        });
                        break;
                    }
                    ends.push(bytes.len());
                }
                Err(e) => {
                    read_error = Some(VerifyError::Io(e.to_string()));
                    break;
                }
            }
        }
        let (count, full) = (ends.len() as u64, ends.len() == CHUNK_ENTRIES);
        let job = (count > 0).then(|| {
            chunk.first_line = line;
            line += count;
            (chunk, bytes)
        });
        match job {
            Some(job) if full && read_error.is_none() => ControlFlow::Continue(job),
            job => ControlFlow::Break(job),
        }
    };
    let hash = |(chunk, bytes)| hash_chunk(chunk, bytes, keep_entries);
    let take = |hashed: Result<HashedChunk, VerifyError>| {
        let chunk = hashed?;
        consume(&chunk)?;
        Ok(chunk)
    };
    let outcome = pipeline::run_producing_here(workers, tickets, read, hash, take);
    // The first error in line order: a bad chunk before the read error, else the read error.
    match (outcome, read_error) {
        (Err(e), _) => Err(e),
        (Ok(()), Some(e)) => Err(e),
        (Ok(()), None) => Ok(()),
    }
}

/// Parses and hashes one chunk: every line an entry whose seq is its line number.
fn hash_chunk(
    mut chunk: HashedChunk,
    bytes: Vec<u8>,
    keep_entries: bool,
) -> Result<HashedChunk, VerifyError> {
    let (first_line, ends) = (chunk.first_line, &chunk.ends);
    // UTF-8 is checked once for the chunk; the lines before an invalid byte are still read,
    // so that the first error in line order is the one reported.
    let (text, bad_line) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bad = ends.partition_point(|&end| end <= valid);
            let mut bytes = e.into_bytes();
            bytes.truncate(if bad == 0 { 0 } else { ends[bad - 1] });
            let text = String::from_utf8(bytes)
                .map_err(|_| VerifyError::Malformed { line: first_line })?;
            (text, Some(bad))
        }
    };
    let lines = bad_line.map_or(ends.len(), |bad| bad);
    let (leaves, entries) = (&mut chunk.leaves, &mut chunk.entries);
    leaves.clear();
    entries.clear();
    let base = text.as_ptr() as usize;
    let mut start = 0;
    for (i, &end) in ends[..lines].iter().enumerate() {
        let line = first_line + i as u64;
        let entry_text = &text[start..end];
        start = end;
        let entry = ParsedEntry::parse(entry_text).ok_or(VerifyError::Malformed { line })?;
        if entry.seq != line {
            return Err(VerifyError::Sequence {
                line,
                found: entry.seq,
            });
        }
        leaves.push(leaf_hash(entry_text.as_bytes()));
        if keep_entries {
            entries.push(entry, base);
        }
    }
    if let Some(bad) = bad_line {
        return Err(VerifyError::Malformed {
            line: first_line + bad as u64,
        });
    }
    chunk.root = (leaves.len() == CHUNK_ENTRIES).then(|| crate::tlog::merkle::root(leaves));
    chunk.entries.text = text;
    Ok(chunk)
}

/// Verifies an export: every line is an entry whose seq is its position, the leaves hash to the
/// checkpoint's root and size, the checkpoint is signed by `verifier`, and, with `since`, the
/// first entries hash to the older checkpoint's root.
pub fn verify_export(
    entries: impl BufRead,
    checkpoint_note: &str,
    verifier: &Verifier,
    since_note: Option<&str>,
) -> Result<Verified, VerifyError> {
    verify_export_reading(entries, checkpoint_note, verifier, since_note, &[], None)
}

/// `verify_export`, handing every entry, parsed once by the hashing workers, to `read` in log
/// order, and noting the root at each of `prefixes` (sizes). What `read` builds must not be
/// used unless the verification succeeds.
pub fn verify_export_reading(
    entries: impl BufRead,
    checkpoint_note: &str,
    verifier: &Verifier,
    since_note: Option<&str>,
    prefixes: &[u64],
    mut read: Option<&mut (dyn FnMut(&EntryRef<'_>) + Send)>,
) -> Result<Verified, VerifyError> {
    let checkpoint =
        Checkpoint::open(checkpoint_note, verifier).map_err(VerifyError::Checkpoint)?;
    let since = since_note
        .map(|n| Checkpoint::open(n, verifier).map_err(VerifyError::Since))
        .transpose()?;
    if let Some(older) = &since {
        if older.size > checkpoint.size {
            return Err(VerifyError::Shrunk {
                older: older.size,
                newer: checkpoint.size,
            });
        }
    }
    // The sizes whose roots are noted on the way: the older checkpoint's and those asked.
    let mut marks: Vec<u64> = prefixes
        .iter()
        .copied()
        .chain(since.as_ref().map(|c| c.size))
        .filter(|&size| size <= checkpoint.size)
        .collect();
    marks.sort_unstable();
    marks.dedup();
    let mut roots: Vec<(u64, Hash)> = Vec::with_capacity(marks.len());
    if marks.first() == Some(&0) {
        roots.push((0, crate::tlog::merkle::empty_root()));
    }
    let mut frontier = Frontier::default();
    hash_entries_in_parallel(entries, read.is_some(), |chunk| {
        if let Some(read) = read.as_mut() {
            for entry in &chunk.entries.entries {
                read(&chunk.entries.entry(entry));
            }
        }
        let start = frontier.size();
        let end = start + chunk.leaves.len() as u64;
        if marks.iter().any(|&m| m > start && m <= end) {
            // A noted size falls inside this chunk: leaf by leaf, to stop there.
            for leaf in &chunk.leaves {
                frontier.push(*leaf);
                if marks.binary_search(&frontier.size()).is_ok() {
                    roots.push((frontier.size(), frontier.root()));
                }
            }
        } else {
            match chunk.root {
                // A whole aligned chunk is one perfect subtree, hashed by its worker.
                Some(root) => frontier.push_subtree(CHUNK_ENTRIES_LEVEL, root),
                None => chunk.leaves.iter().for_each(|leaf| frontier.push(*leaf)),
            }
        }
        Ok(())
    })?;
    if frontier.size() != checkpoint.size {
        return Err(VerifyError::Size {
            found: frontier.size(),
            expected: checkpoint.size,
        });
    }
    if frontier.root() != checkpoint.root {
        return Err(VerifyError::Root);
    }
    if let Some(older) = &since {
        let root_there = roots.iter().find(|(size, _)| *size == older.size);
        if root_there.map(|(_, root)| root) != Some(&older.root) {
            return Err(VerifyError::NotExtending { size: older.size });
        }
    }
    Ok(Verified {
        size: checkpoint.size,
        root: checkpoint.root,
        since: since.map(|c| c.size),
        prefix_roots: roots,
    })
}

/// A C2SP tlog-proof: header, index, inclusion hashes, blank line, checkpoint note.
pub fn proof_bundle(index: u64, hashes: &[Hash], checkpoint_note: &str) -> String {
    let mut out = format!("{PROOF_HEADER}\nindex {index}\n");
    for h in hashes {
        out.push_str(&B64.encode(h));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(checkpoint_note);
    out
}

/// Verifies a proof bundle for `entry` (its exact bytes). Returns (index, tree size).
pub fn verify_proof(
    bundle: &str,
    verifier: &Verifier,
    entry: &[u8],
) -> Result<(u64, u64), VerifyError> {
    let (head, note) = bundle
        .split_once("\n\n")
        .ok_or(VerifyError::Proof("no blank line before the checkpoint"))?;
    let mut lines = head.lines();
    if lines.next() != Some(PROOF_HEADER) {
        return Err(VerifyError::Proof("not a c2sp.org/tlog-proof@v1 bundle"));
    }
    let mut line = lines.next().ok_or(VerifyError::Proof("no index line"))?;
    if line.starts_with("extra ") {
        line = lines.next().ok_or(VerifyError::Proof("no index line"))?;
    }
    let index: u64 = line
        .strip_prefix("index ")
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|n| n.parse().ok())
        .ok_or(VerifyError::Proof("bad index line"))?;
    let hashes = lines
        .map(|l| B64.decode(l).ok().and_then(|h| Hash::try_from(h).ok()))
        .collect::<Option<Vec<Hash>>>()
        .ok_or(VerifyError::Proof("bad inclusion hash"))?;
    let checkpoint = Checkpoint::open(note, verifier).map_err(VerifyError::Checkpoint)?;
    if let Some(parsed) = crate::tlog::entry::AuditEntry::parse(entry) {
        if parsed.seq != index {
            return Err(VerifyError::OtherIndex {
                index,
                seq: parsed.seq,
            });
        }
    }
    verify_inclusion(
        index,
        checkpoint.size,
        &leaf_hash(entry),
        &hashes,
        &checkpoint.root,
    )
    .map_err(|step| VerifyError::NotIncluded { index, step })?;
    Ok((index, checkpoint.size))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tlog::entry::{AuditDraft, Outcome};
    use ring::signature::{Ed25519KeyPair, KeyPair};

    fn entries(n: u64) -> Vec<Vec<u8>> {
        (0..n)
            .map(|seq| {
                AuditDraft {
                    principal: "admin".into(),
                    action: crate::tlog::action::Action::CredentialGet,
                    targets: vec![format!("acct-{seq}")],
                    outcome: Outcome::Allowed,
                    reason: None,
                    grant: None,
                    request_id: format!("r{seq}"),
                    peer: "127.0.0.1:1".into(),
                    detail: None,
                }
                .into_entry(seq, "2026-11-28T12:00:00.000Z".into())
                .to_bytes()
            })
            .collect()
    }

    fn setup(n: u64) -> (Vec<Vec<u8>>, Ed25519KeyPair, Verifier) {
        let key = Ed25519KeyPair::from_seed_unchecked(&[3; 32]).unwrap();
        let verifier = Verifier {
            name: "vaultd/test".into(),
            public_key: key.public_key().as_ref().to_vec(),
        };
        (entries(n), key, verifier)
    }

    fn checkpoint(entries: &[Vec<u8>], key: &Ed25519KeyPair) -> String {
        let mut f = Frontier::default();
        entries.iter().for_each(|e| f.push(leaf_hash(e)));
        Checkpoint {
            origin: "vaultd/test".into(),
            size: f.size(),
            root: f.root(),
        }
        .sign("vaultd/test", key)
    }

    fn jsonl(entries: &[Vec<u8>]) -> Vec<u8> {
        entries.join(&b'\n')
    }

    #[test]
    fn many_chunks_are_read_in_order_and_a_read_error_is_reported() {
        // More chunks than are ever in flight, and a last partial one.
        let n = (CHUNK_ENTRIES * 9 + 17) as u64;
        let (e, key, v) = setup(n);
        let cp = checkpoint(&e, &key);
        let body = jsonl(&e);
        let mut seen = Vec::new();
        let mut read = |entry: &EntryRef<'_>| seen.push(entry.seq);
        let ok = verify_export_reading(&body[..], &cp, &v, None, &[], Some(&mut read)).unwrap();
        assert_eq!(ok.size, n);
        assert_eq!(seen, (0..n).collect::<Vec<_>>());

        // The roots of prefixes asked for, inside and at the edges of chunks, are those of
        // the first entries alone; sizes past the export are not noted.
        let chunk = CHUNK_ENTRIES as u64;
        let asked = [
            0,
            1,
            chunk - 1,
            chunk,
            chunk + 1,
            5 * chunk + 3,
            n,
            n + 1,
            7,
        ];
        let ok = verify_export_reading(&body[..], &cp, &v, None, &asked, None).unwrap();
        let sizes: Vec<u64> = ok.prefix_roots.iter().map(|(size, _)| *size).collect();
        assert_eq!(
            sizes,
            [0, 1, 7, chunk - 1, chunk, chunk + 1, 5 * chunk + 3, n]
        );
        for (size, root) in &ok.prefix_roots {
            let mut f = Frontier::default();
            e[..*size as usize]
                .iter()
                .for_each(|x| f.push(leaf_hash(x)));
            assert_eq!(&f.root(), root, "{size}");
        }

        // A reader that fails after some chunks: an I/O error, not a verified log.
        struct Failing<'a>(&'a [u8], usize);
        impl std::io::Read for Failing<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.1 >= self.0.len() / 2 {
                    return Err(std::io::Error::other("disk gone"));
                }
                let len = buf.len().min(self.0.len() - self.1).min(4096);
                buf[..len].copy_from_slice(&self.0[self.1..self.1 + len]);
                self.1 += len;
                Ok(len)
            }
        }
        let failing = std::io::BufReader::new(Failing(&body, 0));
        assert!(matches!(
            verify_export(failing, &cp, &v, None),
            Err(VerifyError::Io(detail)) if detail.contains("disk gone")
        ));
    }

    #[test]
    fn a_good_export_verifies_with_and_without_an_older_checkpoint() {
        let (e, key, v) = setup(20);
        let cp = checkpoint(&e, &key);
        let old = checkpoint(&e[..7], &key);
        let ok = verify_export(&jsonl(&e)[..], &cp, &v, Some(&old)).unwrap();
        assert_eq!((ok.size, ok.since), (20, Some(7)));
        assert_eq!(
            verify_export(&jsonl(&e)[..], &cp, &v, None).unwrap().since,
            None
        );
        let same = verify_export(&jsonl(&e)[..], &cp, &v, Some(&cp)).unwrap();
        assert_eq!(same.since, Some(20));
    }

    #[test]
    fn exports_longer_than_one_chunk_verify_as_whole_subtrees_and_errors_keep_their_line() {
        // Three full chunks and a partial one, so workers hash whole subtrees.
        let n = 3 * CHUNK_ENTRIES as u64 + 123;
        let (e, key, v) = setup(n);
        let cp = checkpoint(&e, &key);
        let body = jsonl(&e);
        for older in [1, 4095, 4096, 4097, 2 * 4096, n - 1, n] {
            let old = checkpoint(&e[..older as usize], &key);
            let ok = verify_export(&body[..], &cp, &v, Some(&old)).unwrap();
            assert_eq!((ok.size, ok.since), (n, Some(older)), "since {older}");
        }
        // An older checkpoint that the export does not extend, inside the second chunk.
        let mut other = e.clone();
        other[5000] = entries(5001)[5000].clone();
        other[5000][10] ^= 1;
        let forked = checkpoint(&other[..6000], &key);
        assert_eq!(
            verify_export(&body[..], &cp, &v, Some(&forked)).unwrap_err(),
            VerifyError::NotExtending { size: 6000 }
        );
        // The first bad line is the one named, even when a later chunk is bad too.
        let mut bad = e.clone();
        bad[9000] = b"not json".to_vec();
        bad[5000] = e[5001].clone();
        assert_eq!(
            verify_export(&jsonl(&bad)[..], &cp, &v, None).unwrap_err(),
            VerifyError::Sequence {
                line: 5000,
                found: 5001
            }
        );
        // A changed entry with a valid shape changes the root.
        let mut edited = e.clone();
        edited[7777] = String::from_utf8(e[7777].clone())
            .unwrap()
            .replace("acct-7777", "acct-0000")
            .into_bytes();
        assert_eq!(
            verify_export(&jsonl(&edited)[..], &cp, &v, None).unwrap_err(),
            VerifyError::Root
        );
    }

    #[test]
    fn truncated_reordered_edited_duplicated_or_missing_lines_are_named() {
        let (e, key, v) = setup(10);
        let cp = checkpoint(&e, &key);
        let check =
            |lines: Vec<Vec<u8>>| verify_export(&jsonl(&lines)[..], &cp, &v, None).unwrap_err();
        assert_eq!(
            check(e[..9].to_vec()),
            VerifyError::Size {
                found: 9,
                expected: 10
            }
        );
        let mut swapped = e.clone();
        swapped.swap(3, 4);
        assert_eq!(check(swapped), VerifyError::Sequence { line: 3, found: 4 });
        let mut dup = e.clone();
        dup.insert(5, e[4].clone());
        assert_eq!(check(dup), VerifyError::Sequence { line: 5, found: 4 });
        let mut missing = e.clone();
        missing.remove(2);
        assert_eq!(check(missing), VerifyError::Sequence { line: 2, found: 3 });
        let mut edited = e.clone();
        edited[6] = String::from_utf8(edited[6].clone())
            .unwrap()
            .replace("acct-6", "acct-X")
            .into_bytes();
        assert_eq!(check(edited), VerifyError::Root);
        let mut garbage = e.clone();
        garbage[1] = b"{not json".to_vec();
        assert_eq!(check(garbage), VerifyError::Malformed { line: 1 });
        let mut truncated_line = e.clone();
        truncated_line[9].truncate(20);
        assert_eq!(check(truncated_line), VerifyError::Malformed { line: 9 });
        // Bytes that are not UTF-8: that line is named, unless an earlier line is bad too.
        let mut not_utf8 = e.clone();
        not_utf8[7] = [&b"{\"seq\":7,\"time\":\"\xff"[..], &e[7][14..]].concat();
        assert_eq!(check(not_utf8.clone()), VerifyError::Malformed { line: 7 });
        not_utf8[2] = b"[]".to_vec();
        assert_eq!(check(not_utf8), VerifyError::Malformed { line: 2 });
        // A line far longer than any entry is refused without being read whole.
        let mut long = e.clone();
        long[4] = vec![b' '; MAX_LINE * 3];
        assert_eq!(check(long), VerifyError::Malformed { line: 4 });
    }

    #[test]
    fn the_reader_gets_every_entry_as_written_escapes_included() {
        // Enough entries for several chunks, some with escaped strings.
        let n = (CHUNK_ENTRIES * 2 + 5) as u64;
        let lines: Vec<Vec<u8>> = (0..n)
            .map(|seq| {
                AuditDraft {
                    principal: if seq % 3 == 0 { "adm\"in" } else { "admin" }.into(),
                    action: crate::tlog::action::Action::CredentialGet,
                    targets: vec![format!("acct-{seq}")],
                    outcome: Outcome::Allowed,
                    reason: None,
                    grant: (seq % 2 == 0).then(|| format!("g{seq}")),
                    request_id: format!("r{seq}"),
                    peer: "127.0.0.1:1".into(),
                    detail: (seq % 5 == 0).then(|| "purpose=caf\u{e9} \"x\"\\".into()),
                }
                .into_entry(seq, "2026-11-28T12:00:00.000Z".into())
                .to_bytes()
            })
            .collect();
        let key = Ed25519KeyPair::from_seed_unchecked(&[3; 32]).unwrap();
        let v = Verifier {
            name: "vaultd/test".into(),
            public_key: key.public_key().as_ref().to_vec(),
        };
        let cp = checkpoint(&lines, &key);
        let mut read = Vec::new();
        let mut reader = |entry: &EntryRef<'_>| read.push(entry.to_entry());
        verify_export_reading(&jsonl(&lines)[..], &cp, &v, None, &[], Some(&mut reader)).unwrap();
        let written: Vec<_> = lines
            .iter()
            .map(|l| crate::tlog::entry::AuditEntry::parse(l).unwrap())
            .collect();
        assert_eq!(read, written);
        assert!(written[0].principal.contains('"') && written[0].detail.is_some());
    }

    #[test]
    fn bad_checkpoints_and_histories_that_do_not_extend_are_refused() {
        let (e, key, v) = setup(8);
        let other = Ed25519KeyPair::from_seed_unchecked(&[4; 32]).unwrap();
        let forged = checkpoint(&e, &other);
        assert!(matches!(
            verify_export(&jsonl(&e)[..], &forged, &v, None),
            Err(VerifyError::Checkpoint(_))
        ));
        let cp = checkpoint(&e, &key);
        let wrong_size = cp.replacen("\n8\n", "\n9\n", 1);
        assert!(matches!(
            verify_export(&jsonl(&e)[..], &wrong_size, &v, None),
            Err(VerifyError::Checkpoint(_))
        ));
        // A rewritten history: the old checkpoint saw other first entries.
        let mut rewritten = e.clone();
        rewritten[1] = entries(2)[1].clone();
        rewritten[1] = String::from_utf8(rewritten[1].clone())
            .unwrap()
            .replace("acct-1", "acct-Z")
            .into_bytes();
        let old = checkpoint(&e[..4], &key);
        let new_cp = checkpoint(&rewritten, &key);
        assert_eq!(
            verify_export(&jsonl(&rewritten)[..], &new_cp, &v, Some(&old)),
            Err(VerifyError::NotExtending { size: 4 })
        );
        let bigger = checkpoint(&entries(12), &key);
        assert_eq!(
            verify_export(&jsonl(&e)[..], &cp, &v, Some(&bigger)),
            Err(VerifyError::Shrunk {
                older: 12,
                newer: 8
            })
        );
    }

    #[test]
    fn proofs_verify_and_any_changed_byte_fails() {
        let (e, key, v) = setup(13);
        let cp = checkpoint(&e, &key);
        let leaves: Vec<Hash> = e.iter().map(|x| leaf_hash(x)).collect();
        for i in 0..e.len() {
            let bundle = proof_bundle(
                i as u64,
                &crate::tlog::merkle::inclusion_proof(i, &leaves),
                &cp,
            );
            assert_eq!(verify_proof(&bundle, &v, &e[i]).unwrap(), (i as u64, 13));
            let next = (i + 1) % e.len();
            assert_eq!(
                verify_proof(&bundle, &v, &e[next]),
                Err(VerifyError::OtherIndex {
                    index: i as u64,
                    seq: next as u64
                })
            );
        }
        // The step that failed is named: a hash too few, or an entry that is not the leaf.
        let proof = crate::tlog::merkle::inclusion_proof(5, &leaves);
        let short = proof_bundle(5, &proof[1..], &cp);
        assert_eq!(
            verify_proof(&short, &v, &e[5]),
            Err(VerifyError::NotIncluded {
                index: 5,
                step: ProofError::InclusionLength {
                    index: 5,
                    size: 13,
                    found: 3,
                    expected: 4
                }
            })
        );
        let not_an_entry = b"not an entry";
        assert_eq!(
            verify_proof(&proof_bundle(5, &proof, &cp), &v, not_an_entry)
                .unwrap_err()
                .to_string(),
            "the entry is not included at index 5 under the checkpoint: \
             inclusion proof: leaf 5 of 13 does not hash to the root"
        );
        let bundle = proof_bundle(5, &crate::tlog::merkle::inclusion_proof(5, &leaves), &cp);
        for i in 0..bundle.len() {
            let mut b = bundle.clone().into_bytes();
            b[i] ^= 0x01;
            if let Ok(text) = String::from_utf8(b) {
                assert!(verify_proof(&text, &v, &e[5]).is_err(), "byte {i}");
            }
        }
        assert_eq!(
            verify_proof("nonsense", &v, &e[0]),
            Err(VerifyError::Proof("no blank line before the checkpoint"))
        );
    }
}
