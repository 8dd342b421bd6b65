//! `vault.v1.Keys`: the data key's wrappings (operator).

use super::authn::caller;
use super::finish;
use crate::authz::key_custody::CustodyAction;
use crate::secret::SecretString;
use crate::tlog::action::Action;
use crate::vault::data_key_wraps_and_rekey::Wraps;
use crate::vault::error::Error;
use crate::vault::key_custody::{proposal_action, KeyChange};
use crate::vault::Vault;
use crate::wire::pb;
use crate::wire::reason::Unusable;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct KeysService {
    vault: Arc<Vault>,
}

impl KeysService {
    pub fn new(vault: Arc<Vault>) -> Self {
        Self { vault }
    }
}

fn key_change(change: KeyChange) -> pb::KeyChange {
    pb::KeyChange {
        id: change.id,
        action: change.action.code().into(),
        recipient: change.recipient,
        proposed_by: change.proposed_by,
        proposed_at: change.proposed_at,
        vault_id: change.vault_id,
    }
}

impl KeysService {
    /// An operator's proposal of a new way to open the data key.
    async fn propose(
        &self,
        caller: crate::vault::Caller,
        action: CustodyAction,
        recipient: String,
    ) -> Result<Response<pb::KeyChange>, Status> {
        let result = self
            .vault
            .propose_key_change(&caller, action, &recipient)
            .await;
        let change = finish(&caller, proposal_action(action), &recipient, result)?;
        Ok(Response::new(key_change(change)))
    }
}

fn key_list(wraps: Wraps) -> pb::KeyList {
    pb::KeyList {
        wrappings: wraps
            .0
            .into_iter()
            .map(|w| pb::KeyWrapping {
                kind: w.kind.as_str().into(),
                recipient: w.recipient,
                created_at: w.created_at,
            })
            .collect(),
    }
}

/// A passphrase from the wire: UTF-8, the bytes wiped either way; empty is none.
fn passphrase(bytes: Vec<u8>) -> Result<Option<SecretString>, Error> {
    let bytes = zeroize::Zeroizing::new(bytes);
    if bytes.is_empty() {
        return Ok(None);
    }
    std::str::from_utf8(&bytes)
        .map(|text| Some(SecretString::new(text.to_owned())))
        .map_err(|_| Error::BadPassphrase)
}

#[tonic::async_trait]
impl pb::keys_server::Keys for KeysService {
    async fn list(
        &self,
        request: Request<pb::ListKeysRequest>,
    ) -> Result<Response<pb::KeyList>, Status> {
        let caller = caller(&request)?;
        let wraps = finish(
            &caller,
            Action::KeyList,
            "vault",
            self.vault.key_wraps(&caller).await,
        )?;
        Ok(Response::new(key_list(wraps)))
    }

    async fn add_escrow(
        &self,
        request: Request<pb::EscrowRequest>,
    ) -> Result<Response<pb::KeyChange>, Status> {
        let caller = caller(&request)?;
        let recipient = request.into_inner().recipient;
        self.propose(caller, CustodyAction::EscrowAdd, recipient)
            .await
    }

    async fn remove_escrow(
        &self,
        request: Request<pb::EscrowRequest>,
    ) -> Result<Response<pb::KeyList>, Status> {
        let caller = caller(&request)?;
        let recipient = request.into_inner().recipient;
        let result = self.vault.remove_escrow(&caller, &recipient).await;
        Ok(Response::new(key_list(finish(
            &caller,
            Action::KeyEscrowRemove,
            &recipient,
            result,
        )?)))
    }

    async fn replace_unseal_key(
        &self,
        request: Request<pb::ReplaceUnsealKeyRequest>,
    ) -> Result<Response<pb::KeyChange>, Status> {
        let caller = caller(&request)?;
        let recipient = request.into_inner().recipient;
        self.propose(caller, CustodyAction::UnsealReplace, recipient)
            .await
    }

    async fn pending_changes(
        &self,
        request: Request<pb::PendingKeyChangesRequest>,
    ) -> Result<Response<pb::KeyChangeList>, Status> {
        let caller = caller(&request)?;
        let changes = finish(
            &caller,
            Action::KeyChangeList,
            "vault",
            self.vault.pending_key_changes(&caller).await,
        )?;
        Ok(Response::new(pb::KeyChangeList {
            changes: changes.0.into_iter().map(key_change).collect(),
        }))
    }

    async fn approve_change(
        &self,
        request: Request<pb::ApproveKeyChangeRequest>,
    ) -> Result<Response<pb::KeyList>, Status> {
        let caller = caller(&request)?;
        let inner = request.into_inner();
        let result = self
            .vault
            .approve_key_change(&caller, inner.signed, inner.signature)
            .await;
        let target = match &result {
            Ok(approved) => approved.change.id.clone(),
            Err(_) => "key-change".into(),
        };
        let approved = finish(&caller, Action::KeyChangeApprove, &target, result)?;
        Ok(Response::new(key_list(approved.wraps)))
    }

    async fn change_passphrase(
        &self,
        request: Request<pb::ChangePassphraseRequest>,
    ) -> Result<Response<pb::KeyList>, Status> {
        let caller = caller(&request)?;
        let inner = request.into_inner();
        let result = match (passphrase(inner.current), passphrase(inner.new_passphrase)) {
            (Ok(current), Ok(Some(new))) => {
                self.vault.change_passphrase(&caller, current, new).await
            }
            (Ok(_), Ok(None)) => {
                let refused = Err(Error::BadRequest(Unusable::NothingToSet));
                self.vault
                    .record(caller.draft(Action::KeyPassphraseChange, "vault"), refused)
                    .await
            }
            (Err(e), _) | (_, Err(e)) => {
                self.vault
                    .record(caller.draft(Action::KeyPassphraseChange, "vault"), Err(e))
                    .await
            }
        };
        Ok(Response::new(key_list(finish(
            &caller,
            Action::KeyPassphraseChange,
            "vault",
            result,
        )?)))
    }
}
