//! Reading the audit log for reviewers: filtered queries, exports, inclusion proofs and the
//! latest checkpoint. Writing it happens with every call (see `Vault::audited`).

use super::Vault;
use crate::store::audit;
use crate::tlog::entry::AuditEntry;
use crate::tlog::merkle::inclusion_proof_from;
use crate::tlog::note::Checkpoint;
use crate::tlog::verify::proof_bundle;
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;

/// Most entries one query page returns.
pub const MAX_PAGE: u64 = 1000;
/// Entries read from the database per step of a scan.
const SCAN_STEP: u64 = 5000;

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

impl AuditFilter {
    pub fn keeps(&self, e: &AuditEntry) -> bool {
        let time = e.unix_time().unwrap_or_default();
        self.since.is_none_or(|s| time >= s)
            && self.until.is_none_or(|u| time < u)
            && self.principal.as_ref().is_none_or(|p| &e.principal == p)
            && self
                .account
                .as_ref()
                .is_none_or(|a| e.target.split(',').any(|t| t == a))
            && self.action.as_ref().is_none_or(|a| &e.action == a)
            && self
                .outcome
                .as_ref()
                .is_none_or(|o| e.outcome.as_str() == o)
    }
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
                let mut page = AuditPage {
                    entries: Vec::new(),
                    next_seq: from_seq,
                    log_size,
                };
                while (page.entries.len() as u64) < limit {
                    let chunk = audit::entries(c, page.next_seq, SCAN_STEP)?;
                    if chunk.is_empty() {
                        break;
                    }
                    for (seq, bytes) in chunk {
                        page.next_seq = seq + 1;
                        if AuditEntry::parse(&bytes).is_some_and(|e| filter.keeps(&e)) {
                            page.entries.push(bytes);
                            if page.entries.len() as u64 == limit {
                                break;
                            }
                        }
                    }
                }
                page.log_size = page.log_size.max(page.next_seq);
                Ok(page)
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
}
