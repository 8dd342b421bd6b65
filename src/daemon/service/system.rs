//! `vault.v1.System`: status, seal, unseal, whoami.

use super::authn::caller;
use super::finish;
use crate::secret::SecretString;
use crate::vault::Vault;
use crate::wire::pb;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct SystemService {
    vault: Arc<Vault>,
}

impl SystemService {
    pub fn new(vault: Arc<Vault>) -> Self {
        Self { vault }
    }
}

#[tonic::async_trait]
impl pb::system_server::System for SystemService {
    async fn status(
        &self,
        request: Request<pb::StatusRequest>,
    ) -> Result<Response<pb::StatusResponse>, Status> {
        let caller = caller(&request)?;
        let report = self.vault.status().await;
        let report = self
            .vault
            .record(caller.draft("vault.status", "vault"), report)
            .await?;
        Ok(Response::new(pb::StatusResponse {
            sealed: report.sealed,
            version: crate::VERSION.into(),
            accounts: report.accounts,
            archived_accounts: report.archived_accounts,
            principals: report.principals,
            secret_versions: report.secret_versions,
            schema_version: report.schema_version,
        }))
    }

    async fn unseal(
        &self,
        request: Request<pb::UnsealRequest>,
    ) -> Result<Response<pb::UnsealResponse>, Status> {
        let caller = caller(&request)?;
        let mut bytes = request.into_inner().passphrase;
        let result = match String::from_utf8(std::mem::take(&mut bytes)) {
            Ok(text) => {
                let passphrase = SecretString::new(text);
                self.vault.unseal_with_passphrase(&caller, passphrase).await
            }
            Err(not_utf8) => {
                // Wipe the bytes before refusing, and put the refusal on record.
                drop(zeroize::Zeroizing::new(not_utf8.into_bytes()));
                let bad = Err(crate::vault::error::Error::BadPassphrase);
                self.vault
                    .record(caller.draft("vault.unseal", "vault"), bad)
                    .await
            }
        };
        let already = finish(&caller, "vault.unseal", "vault", result)?;
        Ok(Response::new(pb::UnsealResponse {
            already_unsealed: already,
        }))
    }

    async fn seal(
        &self,
        request: Request<pb::SealRequest>,
    ) -> Result<Response<pb::SealResponse>, Status> {
        let caller = caller(&request)?;
        let already = finish(
            &caller,
            "vault.seal",
            "vault",
            self.vault.seal(&caller).await,
        )?;
        Ok(Response::new(pb::SealResponse {
            already_sealed: already,
        }))
    }

    async fn who_am_i(
        &self,
        request: Request<pb::WhoAmIRequest>,
    ) -> Result<Response<pb::WhoAmIResponse>, Status> {
        let caller = caller(&request)?;
        let draft = caller.draft("vault.whoami", caller.name());
        self.vault.record(draft, Ok(())).await?;
        Ok(Response::new(pb::WhoAmIResponse {
            name: caller.name().into(),
            roles: caller.roles().iter().map(|r| r.to_string()).collect(),
        }))
    }
}
