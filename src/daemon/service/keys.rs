//! `vault.v1.Keys`: the data key's wrappings (operator).

use super::authn::caller;
use super::finish;
use crate::secret::SecretString;
use crate::tlog::action::Action;
use crate::vault::data_key_wraps_and_rekey::Wraps;
use crate::vault::error::Error;
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
    ) -> Result<Response<pb::KeyList>, Status> {
        let caller = caller(&request)?;
        let recipient = request.into_inner().recipient;
        let result = self.vault.add_escrow(&caller, &recipient).await;
        Ok(Response::new(key_list(finish(
            &caller,
            Action::KeyEscrowAdd,
            &recipient,
            result,
        )?)))
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
    ) -> Result<Response<pb::KeyList>, Status> {
        let caller = caller(&request)?;
        let recipient = request.into_inner().recipient;
        let result = self.vault.replace_unseal_key(&caller, &recipient).await;
        Ok(Response::new(key_list(finish(
            &caller,
            Action::KeyUnsealReplace,
            &recipient,
            result,
        )?)))
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
