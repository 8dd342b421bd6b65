//! Reading the audit log for reviewers: filtered queries, exports, inclusion proofs and the
//! latest checkpoint. Writing it happens with every call (see `Vault::audited`).

use super::{Caller, Vault};
use crate::store::audit;
use crate::store::witnesses;
use crate::tlog::action::Action;
use crate::tlog::cosignature::WitnessVerifier;
use crate::tlog::merkle::{consistency_proof_from, inclusion_proof_from, Hash};
use crate::tlog::note::{Checkpoint, Verifier};
use crate::tlog::verify::proof_bundle;
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;

/// Most entries one query page returns.
pub const MAX_PAGE: u64 = 1000;
/// Most bytes of entries one page returns.
const PAGE_BYTES: usize = 1 << 20;

/// Which entries a query keeps.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub since: Option<i64>,
    pub until: Option<i64>,
    pub principal: Option<String>,
    pub account: Option<String>,
    pub action: Option<String>,
    pub outcome: Option<String>,
}

/// A page of matching entries.
pub struct AuditPage {
    pub entries: Vec<Vec<u8>>,
    pub next_seq: u64,
    pub log_size: u64,
}

impl crate::vault::audit_facts::AuditFacts for AuditPage {}

/// The size a checkpoint note covers.
fn checkpoint_size(note: &str) -> Result<u64> {
    let text = note
        .split_once("\n\n")
        .map(|(t, _)| format!("{t}\n"))
        .unwrap_or_default();
    Checkpoint::parse(&text)
        .map(|c| c.size)
        .map_err(|e| Error::Integrity(format!("stored checkpoint: {e}")))
}

impl Vault {
    /// A page of the entries that match `filter`, from `from_seq` on, at most `limit`. The
    /// filter runs in SQL on indexed columns (time, principal, action, outcome, targets), so a
    /// narrow query over a long log reads only what it returns.
    pub async fn audit_query(
        &self,
        filter: AuditFilter,
        from_seq: u64,
        limit: u64,
    ) -> Result<AuditPage> {
        let limit = limit.clamp(1, MAX_PAGE);
        Ok(self
            .store
            .run(move |c| {
                let log_size = checkpoint_size(&audit::latest_checkpoint(c)?).unwrap_or(0);
                let query = audit::EntryQuery {
                    from_seq,
                    below_seq: log_size,
                    since_ms: filter.since.map(|s| s.saturating_mul(1000)),
                    until_ms: filter.until.map(|u| u.saturating_mul(1000)),
                    principal: filter.principal,
                    action: filter.action,
                    outcome: filter.outcome,
                    target: filter.account,
                    limit,
                };
                let mut entries = audit::query(c, &query)?;
                let full = entries.len() as u64 == limit;
                // A page also ends at its byte budget (at least one entry), so that any log,
                // even one with entries written before they were bounded, reads page by page.
                let mut bytes = 0;
                let fits = entries
                    .iter()
                    .position(|(_, e)| {
                        bytes += e.len();
                        bytes > PAGE_BYTES
                    })
                    .map(|at| at.max(1));
                let cut = fits.is_some_and(|at| at < entries.len());
                if let Some(at) = fits {
                    entries.truncate(at);
                }
                // A full or cut page continues after its last entry; a short one saw the rest.
                let next_seq = match entries.last() {
                    Some((seq, _)) if full || cut => seq + 1,
                    _ => log_size.max(from_seq),
                };
                Ok(AuditPage {
                    entries: entries.into_iter().map(|(_, bytes)| bytes).collect(),
                    next_seq,
                    log_size,
                })
            })
            .await?)
    }

    /// The latest signed checkpoint note.
    pub async fn audit_checkpoint(&self) -> Result<String> {
        Ok(self.store.run(|c| audit::latest_checkpoint(c)).await?)
    }

    /// The verifier key string reviewers keep.
    pub fn audit_verifier_key(&self) -> String {
        self.store.audit_verifier().to_key_string()
    }

    /// Entries `from..from+count` (exact bytes), for exports.
    pub async fn audit_entries(&self, from: u64, count: u64) -> Result<Vec<Vec<u8>>> {
        Ok(self
            .store
            .run(move |c| {
                Ok(audit::entries(c, from, count)?
                    .into_iter()
                    .map(|(_, b)| b)
                    .collect())
            })
            .await?)
    }

    /// The checkpoint note and the size it covers.
    pub async fn audit_head(&self) -> Result<(String, u64)> {
        let note = self.audit_checkpoint().await?;
        let size = checkpoint_size(&note)?;
        Ok((note, size))
    }

    /// A C2SP tlog-proof for entry `seq` under the latest checkpoint, and the entry's bytes.
    pub async fn audit_prove(&self, seq: u64) -> Result<(String, Vec<u8>)> {
        self.store
            .run(move |c| {
                let note = audit::latest_checkpoint(c)?;
                let size = checkpoint_size(&note)
                    .map_err(|e| crate::store::StoreError::Damaged(e.to_string()))?;
                if seq >= size {
                    return Ok(None);
                }
                let proof =
                    inclusion_proof_from(seq, size, &mut |level, i| audit::tree_node(c, level, i))?;
                let entry = audit::entries(c, seq, 1)?
                    .into_iter()
                    .next()
                    .map(|(_, b)| b)
                    .unwrap_or_default();
                Ok(Some((proof_bundle(seq, &proof, &note), entry)))
            })
            .await?
            .ok_or(Error::BadRequest(Unusable::NoSuchEntry))
    }

    /// The latest checkpoint and the consistency proof from `from_size` to its size, read from
    /// stored tree nodes. A `from_size` past the log's size gets no proof (a rollback).
    pub async fn audit_consistency(&self, from_size: u64) -> Result<(String, Vec<Hash>)> {
        Ok(self
            .store
            .run(move |c| {
                let note = audit::latest_checkpoint(c)?;
                let size = checkpoint_size(&note)
                    .map_err(|e| crate::store::StoreError::Damaged(e.to_string()))?;
                let proof = consistency_proof_from(from_size, size, &mut |level, i| {
                    audit::tree_node(c, level, i)
                })?;
                Ok((note, proof))
            })
            .await?)
    }

    /// Keeps a witness's cosignature: `note` must be one of this vault's checkpoints (its own
    /// signature verifies) carrying exactly one other signature line, the witness's, which must
    /// verify under the key the vault lists for that name (`audit witness add`): a line under an
    /// unlisted name, or one the listed key does not verify (another key of the same name,
    /// random bytes), is refused. A witness's size never goes back.
    pub async fn add_cosignature(&self, caller: &Caller, note: String) -> Result<Cosigned> {
        let ours = self.store.audit_verifier().clone();
        let checked = check_cosigned(&note, &ours);
        let mut draft = caller.draft(Action::AuditCosign, "audit-log");
        if let Ok(c) = &checked {
            draft.detail = Some(format!("witness {}; size {}", c.witness, c.size));
        }
        self.audited(draft, move |tx| {
            let cosigned = checked?;
            let key = listed_key(tx, &cosigned.witness)?
                .ok_or(Error::BadRequest(Unusable::WitnessNotListed))?;
            if !verified_by(&note, &ours, &key) {
                return Err(Error::BadRequest(Unusable::CosignatureInvalid));
            }
            // Only a kept note that this key verifies holds the witness back: one stored before
            // the vault listed witnesses may be anyone's.
            if let Some((size, kept)) = audit::cosigned_by(tx, &cosigned.witness)? {
                if size > cosigned.size && verified_by(&kept, &ours, &key) {
                    return Err(Error::BadRequest(Unusable::CosignatureGoesBack));
                }
            }
            audit::put_cosigned(tx, &cosigned.witness, cosigned.size, &note)?;
            Ok(cosigned)
        })
        .await
    }

    /// Every listed witness's latest cosigned checkpoint, if its listed key verifies it.
    pub async fn cosigned_checkpoints(&self) -> Result<Vec<String>> {
        let ours = self.store.audit_verifier().clone();
        Ok(self
            .store
            .run(move |c| {
                let mut kept = Vec::new();
                for record in witnesses::list(c)? {
                    let Ok(key) = WitnessVerifier::parse(&record.verifier_key) else {
                        continue;
                    };
                    if let Some((_, note)) = audit::cosigned_by(c, &record.name)? {
                        if verified_by(&note, &ours, &key) {
                            kept.push(note);
                        }
                    }
                }
                Ok(kept)
            })
            .await?)
    }
}

/// The verifier key listed under `name`.
fn listed_key(conn: &rusqlite::Connection, name: &str) -> Result<Option<WitnessVerifier>> {
    match witnesses::key_of(conn, name)? {
        None => Ok(None),
        Some(text) => WitnessVerifier::parse(&text)
            .map(Some)
            .map_err(|e| Error::Integrity(format!("listed witness {name}: {e}"))),
    }
}

/// Whether `note` is one of our checkpoints carrying a line that `key` verifies.
fn verified_by(note: &str, ours: &Verifier, key: &WitnessVerifier) -> bool {
    let Ok(checkpoint) = Checkpoint::open(note, ours) else {
        return false;
    };
    let body = checkpoint.text();
    let Some(at) = note.rfind("\n\n") else {
        return false;
    };
    note[at + 2..]
        .lines()
        .any(|line| matches!(key.check_line(line, &body), Ok(Some(_))))
}

/// Largest cosigned note accepted: a checkpoint and a few signature lines.
const MAX_COSIGNED_NOTE: usize = 4096;

/// A witness's cosignature as the vault keeps it.
#[derive(Debug, Clone)]
pub struct Cosigned {
    pub witness: String,
    pub size: u64,
}

impl crate::vault::audit_facts::AuditFacts for Cosigned {}

/// Checks the shape of a cosigned checkpoint: ours, plus exactly one other well-formed line.
fn check_cosigned(note: &str, ours: &Verifier) -> Result<Cosigned> {
    let refused = || Error::BadRequest(Unusable::NotACosignature);
    if note.len() > MAX_COSIGNED_NOTE {
        return Err(refused());
    }
    let checkpoint = Checkpoint::open(note, ours).map_err(|_| refused())?;
    let signatures = &note[note.rfind("\n\n").ok_or_else(refused)? + 2..];
    let mut others = signatures.lines().filter_map(|line| {
        let (name, blob) = line.strip_prefix("\u{2014} ")?.split_once(' ')?;
        (name != ours.name).then_some((name, blob))
    });
    let (Some((witness, blob)), None) = (others.next(), others.next()) else {
        return Err(refused());
    };
    use base64::Engine;
    let blob = base64::engine::general_purpose::STANDARD
        .decode(blob)
        .map_err(|_| refused())?;
    // cosignature/v1: key id (4), timestamp (8), Ed25519 signature (64).
    if blob.len() != 76
        || witness.is_empty()
        || witness.len() > 80
        || witness.contains(|c: char| c.is_whitespace() || c.is_control() || c == '+')
    {
        return Err(refused());
    }
    Ok(Cosigned {
        witness: witness.to_owned(),
        size: checkpoint.size,
    })
}
