//! `vault.v1.Audit`: queries, tail, export, proofs and checkpoints for reviewers, and the list
//! of witnesses whose cosignatures the vault keeps. Each call is itself on record.

use super::authn::caller;
use super::{async_stream_from, audited_read, finish, Streamed};
use crate::ids::Role;
use crate::limits::{FieldError, Problem};
use crate::times::parse_time;
use crate::tlog::action::Action;
use crate::vault::error::Error;
use crate::vault::witnesses::Witness;
use crate::vault::{AuditFilter, Vault, MAX_PAGE};
use crate::wire::pb;
use std::sync::Arc;
use tonic::{Request, Response, Status};

/// Entries per export message.
const EXPORT_CHUNK: u64 = 2000;
/// Bytes of entries per streamed message: far below any client's message limit, whatever the
/// entries' sizes (one entry per message when a single entry is larger, as in logs written
/// before entries were bounded).
const MESSAGE_BUDGET: usize = 1 << 20;

/// Splits entries into messages of at most MESSAGE_BUDGET bytes (at least one entry each).
fn by_byte_budget(entries: Vec<Vec<u8>>) -> Vec<Vec<Vec<u8>>> {
    let mut messages = Vec::new();
    let mut current: Vec<Vec<u8>> = Vec::new();
    let mut bytes = 0;
    for entry in entries {
        if !current.is_empty() && bytes + entry.len() > MESSAGE_BUDGET {
            messages.push(std::mem::take(&mut current));
            bytes = 0;
        }
        bytes += entry.len();
        current.push(entry);
    }
    if !current.is_empty() {
        messages.push(current);
    }
    messages
}

/// Where a carried item goes in an export message.
enum Carried {
    Delegation(pb::SignedStatement),
    DelegatedGrant(pb::SignedStatement),
    AuthorityGrant(pb::SignedStatement),
    Cosignature(pb::GrantCosignature),
    Approvals(pb::SignedStatement),
}

impl Carried {
    fn size(&self) -> usize {
        match self {
            Self::Delegation(s)
            | Self::DelegatedGrant(s)
            | Self::AuthorityGrant(s)
            | Self::Approvals(s) => s.id.len() + s.signed.len() + s.signature.len(),
            Self::Cosignature(c) => {
                c.grant.len() + c.signature.len() + c.key_id.len() + c.delegation.len()
            }
        }
    }

    fn put(self, message: &mut pb::AuditExportChunk) {
        match self {
            Self::Delegation(s) => message.delegations.push(s),
            Self::DelegatedGrant(s) => message.delegated_grants.push(s),
            Self::AuthorityGrant(s) => message.authority_grants.push(s),
            Self::Cosignature(c) => message.cosignatures.push(c),
            Self::Approvals(s) => message.approvals.push(s),
        }
    }
}

/// The statements that check every grant's signatures offline, as export messages of at most
/// MESSAGE_BUDGET bytes each (a statement is at most a few KiB): delegations, delegated grants,
/// grants signed by an authority key, second signatures, approvals statements; the authority
/// keys with the first.
fn chain_messages(s: crate::vault::delegations::ChainStatements) -> Vec<pb::AuditExportChunk> {
    let statement =
        |(id, signed, signature): crate::vault::delegations::Statement| pb::SignedStatement {
            id,
            signed,
            signature,
        };
    let mut messages = vec![pb::AuditExportChunk {
        authority_keys: s.authority_keys,
        ..Default::default()
    }];
    let mut bytes = 0;
    let items = (s
        .delegations
        .into_iter()
        .map(|d| Carried::Delegation(statement(d))))
    .chain(
        s.delegated_grants
            .into_iter()
            .map(|g| Carried::DelegatedGrant(statement(g))),
    )
    .chain(
        s.authority_grants
            .into_iter()
            .map(|g| Carried::AuthorityGrant(statement(g))),
    )
    .chain(s.cosignatures.into_iter().map(|c| {
        Carried::Cosignature(pb::GrantCosignature {
            grant: c.grant_id,
            signature: c.signature,
            key_id: c.key_id,
            delegation: c.delegation_id.unwrap_or_default(),
        })
    }))
    .chain(
        s.approvals
            .into_iter()
            .map(|a| Carried::Approvals(statement(a))),
    );
    for item in items {
        let size = item.size();
        if bytes + size > MESSAGE_BUDGET {
            messages.push(pb::AuditExportChunk::default());
            bytes = 0;
        }
        bytes += size;
        item.put(messages.last_mut().expect("one message at least"));
    }
    messages
}

pub struct AuditService {
    vault: Arc<Vault>,
}

impl AuditService {
    pub fn new(vault: Arc<Vault>) -> Self {
        Self { vault }
    }
}

fn time_bound(field: &'static str, text: &str) -> Result<Option<i64>, Error> {
    if text.is_empty() {
        return Ok(None);
    }
    parse_time(text).map(Some).ok_or(Error::Invalid(FieldError {
        field,
        problem: Problem::BadFormat,
    }))
}

fn witness_to_pb(w: Witness) -> pb::Witness {
    pb::Witness {
        name: w.name,
        verifier_key: w.verifier_key,
        added_by: w.added_by,
        added_at: w.added_at,
    }
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// The action filter a query runs with. An auditor reads the whole log; anyone else the access
/// table lets query (the authority, for her console) reads releases and their refusals only:
/// the filter is forced to `credential.get`, and asking for another action is refused, so no
/// other entry can reach her whatever the request says.
fn readable_action(roles: &[Role], asked: Option<String>) -> Result<Option<String>, Error> {
    if roles.contains(&Role::Auditor) {
        return Ok(asked);
    }
    let releases = Action::CredentialGet.wire();
    match asked {
        Some(action) if action != releases => Err(Error::Forbidden(Role::Auditor)),
        _ => Ok(Some(releases.to_owned())),
    }
}

#[tonic::async_trait]
impl pb::audit_server::Audit for AuditService {
    async fn query(
        &self,
        request: Request<pb::AuditQuery>,
    ) -> Result<Response<pb::AuditPage>, Status> {
        let caller = caller(&request)?;
        let q = request.into_inner();
        let filter = (|| {
            Ok::<_, Error>(AuditFilter {
                since: time_bound("since", &q.since)?,
                until: time_bound("until", &q.until)?,
                principal: non_empty(q.principal.clone()),
                account: non_empty(q.account.clone()),
                action: readable_action(caller.roles(), non_empty(q.action.clone()))?,
                outcome: non_empty(q.outcome.clone()),
            })
        })();
        let page = match filter {
            Ok(filter) => {
                let limit = if q.limit == 0 {
                    MAX_PAGE
                } else {
                    q.limit as u64
                };
                self.vault.audit_query(filter, q.from_seq, limit).await
            }
            Err(e) => Err(e),
        };
        let page =
            audited_read(&self.vault, &caller, Action::AuditQuery, "audit-log", page).await?;
        Ok(Response::new(pb::AuditPage {
            entries: page.entries,
            next_seq: page.next_seq,
            log_size: page.log_size,
        }))
    }

    type TailStream = Streamed<pb::AuditPage>;

    async fn tail(
        &self,
        request: Request<pb::AuditTailRequest>,
    ) -> Result<Response<Self::TailStream>, Status> {
        let caller = caller(&request)?;
        // Subscribe before recording, so the tail's own entry is the first it shows.
        let mut appended = self.vault.subscribe_audit();
        audited_read(&self.vault, &caller, Action::AuditTail, "audit-log", Ok(())).await?;
        let stream = async_stream_from(
            &caller,
            move |tx: tokio::sync::mpsc::Sender<Result<pb::AuditPage, Status>>| async move {
                loop {
                    match appended.recv().await {
                        Ok(bytes) => {
                            let page = pb::AuditPage {
                                entries: vec![bytes.to_vec()],
                                next_seq: 0,
                                log_size: 0,
                            };
                            if tx.send(Ok(page)).await.is_err() {
                                break;
                            }
                        }
                        Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                            let status = Status::data_loss(format!(
                                "the tail fell {n} entries behind; use audit log to read them"
                            ));
                            let _ = tx.send(Err(status)).await;
                            break;
                        }
                        Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
                    }
                }
            },
        );
        Ok(Response::new(stream))
    }

    async fn key(
        &self,
        request: Request<pb::AuditKeyRequest>,
    ) -> Result<Response<pb::AuditKey>, Status> {
        let caller = caller(&request)?;
        let key = self.vault.audit_verifier_key();
        audited_read(&self.vault, &caller, Action::AuditKey, "audit-log", Ok(())).await?;
        Ok(Response::new(pb::AuditKey { verifier_key: key }))
    }

    async fn checkpoint(
        &self,
        request: Request<pb::AuditCheckpointRequest>,
    ) -> Result<Response<pb::AuditCheckpoint>, Status> {
        let caller = caller(&request)?;
        // Recorded first, so the checkpoint returned covers this call too.
        audited_read(
            &self.vault,
            &caller,
            Action::AuditCheckpoint,
            "audit-log",
            Ok(()),
        )
        .await?;
        let note = self.vault.audit_checkpoint().await.map_err(Status::from)?;
        let cosigned = self
            .vault
            .cosigned_checkpoints()
            .await
            .map_err(Status::from)?;
        Ok(Response::new(pb::AuditCheckpoint { note, cosigned }))
    }

    type ExportStream = Streamed<pb::AuditExportChunk>;

    async fn export(
        &self,
        request: Request<pb::AuditExportRequest>,
    ) -> Result<Response<Self::ExportStream>, Status> {
        let caller = caller(&request)?;
        audited_read(
            &self.vault,
            &caller,
            Action::AuditExport,
            "audit-log",
            Ok(()),
        )
        .await?;
        let (note, size) = self.vault.audit_head().await.map_err(Status::from)?;
        let vault = self.vault.clone();
        let stream = async_stream_from(
            &caller,
            move |tx: tokio::sync::mpsc::Sender<Result<pb::AuditExportChunk, Status>>| async move {
                let mut from = 0;
                while from < size {
                    let count = EXPORT_CHUNK.min(size - from);
                    let chunk = match vault.audit_entries(from, count).await {
                        Ok(entries) if entries.len() as u64 == count => entries,
                        Ok(_) => {
                            let _ = tx
                                .send(Err(Status::data_loss("the audit log is missing entries")))
                                .await;
                            return;
                        }
                        Err(e) => {
                            let _ = tx.send(Err(Status::from(e))).await;
                            return;
                        }
                    };
                    from += count;
                    for entries in by_byte_budget(chunk) {
                        let message = pb::AuditExportChunk {
                            entries,
                            ..Default::default()
                        };
                        if tx.send(Ok(message)).await.is_err() {
                            return;
                        }
                    }
                }
                // Read after the entries: every delegated grant they name is registered already.
                let statements = match vault.chain_statements().await {
                    Ok(s) => s,
                    Err(e) => {
                        let _ = tx.send(Err(Status::from(e))).await;
                        return;
                    }
                };
                for message in chain_messages(statements) {
                    if tx.send(Ok(message)).await.is_err() {
                        return;
                    }
                }
                let cosigned = vault.cosigned_checkpoints().await.unwrap_or_default();
                let _ = tx
                    .send(Ok(pb::AuditExportChunk {
                        checkpoint: note,
                        cosigned,
                        ..Default::default()
                    }))
                    .await;
            },
        );
        Ok(Response::new(stream))
    }

    async fn add_cosignature(
        &self,
        request: Request<pb::AddCosignatureRequest>,
    ) -> Result<Response<pb::AddCosignatureResponse>, Status> {
        let caller = caller(&request)?;
        let note = request.into_inner().note;
        let result = self.vault.add_cosignature(&caller, note).await;
        finish(&caller, Action::AuditCosign, "audit-log", result)?;
        Ok(Response::new(pb::AddCosignatureResponse {}))
    }

    async fn add_witness(
        &self,
        request: Request<pb::AddWitnessRequest>,
    ) -> Result<Response<pb::Witness>, Status> {
        let caller = caller(&request)?;
        let key = request.into_inner().verifier_key;
        let result = self.vault.add_witness(&caller, &key).await;
        let witness = finish(&caller, Action::AuditWitnessAdd, "witnesses", result)?;
        Ok(Response::new(witness_to_pb(witness)))
    }

    async fn list_witnesses(
        &self,
        request: Request<pb::ListWitnessesRequest>,
    ) -> Result<Response<pb::WitnessList>, Status> {
        let caller = caller(&request)?;
        let result = self.vault.list_witnesses().await;
        let listed = audited_read(
            &self.vault,
            &caller,
            Action::AuditWitnessList,
            "witnesses",
            result,
        )
        .await?;
        Ok(Response::new(pb::WitnessList {
            witnesses: listed.0.into_iter().map(witness_to_pb).collect(),
        }))
    }

    async fn remove_witness(
        &self,
        request: Request<pb::RemoveWitnessRequest>,
    ) -> Result<Response<pb::RemoveWitnessResponse>, Status> {
        let caller = caller(&request)?;
        let name = request.into_inner().name;
        let result = self.vault.remove_witness(&caller, &name).await;
        finish(&caller, Action::AuditWitnessRemove, "witnesses", result)?;
        Ok(Response::new(pb::RemoveWitnessResponse {}))
    }

    async fn consistency(
        &self,
        request: Request<pb::AuditConsistencyRequest>,
    ) -> Result<Response<pb::AuditConsistency>, Status> {
        let caller = caller(&request)?;
        let from = request.into_inner().from_size;
        let result = self.vault.audit_consistency(from).await;
        let (checkpoint, proof) = audited_read(
            &self.vault,
            &caller,
            Action::AuditConsistency,
            &from.to_string(),
            result,
        )
        .await?;
        Ok(Response::new(pb::AuditConsistency {
            checkpoint,
            proof: proof.iter().map(|h| h.as_bytes().to_vec()).collect(),
        }))
    }

    async fn prove(
        &self,
        request: Request<pb::AuditProveRequest>,
    ) -> Result<Response<pb::AuditProof>, Status> {
        let caller = caller(&request)?;
        let seq = request.into_inner().seq;
        audited_read(
            &self.vault,
            &caller,
            Action::AuditProve,
            &seq.to_string(),
            Ok(()),
        )
        .await?;
        let (bundle, entry) = self.vault.audit_prove(seq).await.map_err(Status::from)?;
        Ok(Response::new(pb::AuditProof { bundle, entry }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_messages_stay_within_the_byte_budget_and_keep_every_entry_in_order() {
        let small = |n: u8| vec![n; 300_000];
        let huge = vec![9u8; 3 * MESSAGE_BUDGET];
        let entries = vec![
            small(1),
            small(2),
            small(3),
            small(4),
            huge.clone(),
            small(5),
        ];
        let messages = by_byte_budget(entries.clone());
        assert_eq!(messages.concat(), entries);
        for m in &messages {
            let bytes: usize = m.iter().map(Vec::len).sum();
            assert!(
                bytes <= MESSAGE_BUDGET || m.len() == 1,
                "{bytes} bytes in {}",
                m.len()
            );
        }
        assert_eq!(
            messages.iter().map(Vec::len).collect::<Vec<_>>(),
            [3, 1, 1, 1]
        );
    }

    #[test]
    fn every_carried_statement_goes_out_once_in_its_field_within_the_byte_budget() {
        use crate::store::approvals::CosignatureRecord;
        // Statements of 300 KB each: four of them cannot share one message.
        let statement = |id: &str| (id.to_owned(), vec![1u8; 300_000], vec![2u8; 64]);
        let s = crate::vault::delegations::ChainStatements {
            delegations: vec![statement("d1")],
            delegated_grants: vec![statement("g1")],
            authority_keys: vec![vec![7; 32]],
            authority_grants: vec![statement("g2"), statement("g3")],
            cosignatures: vec![CosignatureRecord {
                grant_id: "g2".into(),
                signature: vec![3; 64],
                key_id: "k2".into(),
                delegation_id: Some("d1".into()),
                signer: "admin2".into(),
                registered_at: 5,
            }],
            approvals: vec![statement("s1")],
        };
        let messages = chain_messages(s);
        assert!(messages.len() >= 2, "{}", messages.len());
        assert_eq!(messages[0].authority_keys, vec![vec![7u8; 32]]);
        let ids = |f: fn(&pb::AuditExportChunk) -> &Vec<pb::SignedStatement>| {
            messages
                .iter()
                .flat_map(|m| f(m).iter().map(|s| s.id.as_str()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(|m| &m.delegations), ["d1"]);
        assert_eq!(ids(|m| &m.delegated_grants), ["g1"]);
        assert_eq!(ids(|m| &m.authority_grants), ["g2", "g3"]);
        assert_eq!(ids(|m| &m.approvals), ["s1"]);
        let cosignatures: Vec<&pb::GrantCosignature> =
            messages.iter().flat_map(|m| &m.cosignatures).collect();
        assert_eq!(cosignatures.len(), 1);
        assert_eq!(
            (
                cosignatures[0].grant.as_str(),
                cosignatures[0].key_id.as_str(),
                cosignatures[0].delegation.as_str()
            ),
            ("g2", "k2", "d1")
        );
        for m in &messages {
            assert!(prost::Message::encoded_len(m) <= MESSAGE_BUDGET + 1024);
        }
    }

    #[test]
    fn only_an_auditor_reads_other_actions_than_releases() {
        let asked = |a: &str| Some(a.to_owned());
        // An auditor's filter is left as asked, none included.
        assert_eq!(readable_action(&[Role::Auditor], None).unwrap(), None);
        assert_eq!(
            readable_action(&[Role::Auditor, Role::Authority], asked("grant.register")).unwrap(),
            asked("grant.register")
        );
        // The authority gets releases whatever she asks, and a refusal for anything else.
        for asked_for in [None, asked("credential.get")] {
            assert_eq!(
                readable_action(&[Role::Authority], asked_for).unwrap(),
                asked("credential.get")
            );
        }
        for other in ["grant.register", "audit.query", "principal.enroll"] {
            let result = readable_action(&[Role::Authority], asked(other));
            assert!(
                matches!(result, Err(Error::Forbidden(Role::Auditor))),
                "{other}"
            );
        }
    }
}
