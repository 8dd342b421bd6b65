//! `vault.v1.System`: status, seal, unseal, whoami, backup.

use super::authn::caller;
use super::{async_stream_from, finish, Streamed};
use crate::secret::SecretString;
use crate::tlog::action::Action;
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
            .record(caller.draft(Action::VaultStatus, "vault"), report)
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
        let inner = request.into_inner();
        // Both fields wiped once read, whatever happens.
        let passphrase = zeroize::Zeroizing::new(inner.passphrase);
        let identity = zeroize::Zeroizing::new(inner.identity);
        let refuse = |e: crate::vault::error::Error| {
            self.vault.record(
                caller.draft(Action::VaultUnseal, "vault"),
                Err::<bool, _>(e),
            )
        };
        let result = match (passphrase.is_empty(), identity.is_empty()) {
            (false, true) => match std::str::from_utf8(&passphrase) {
                Ok(text) => {
                    let passphrase = SecretString::new(text.to_owned());
                    self.vault.unseal_with_passphrase(&caller, passphrase).await
                }
                Err(_) => refuse(crate::vault::error::Error::BadPassphrase).await,
            },
            (true, false) => match std::str::from_utf8(&identity) {
                Ok(text) => {
                    let identity = SecretString::new(text.to_owned());
                    self.vault.unseal_with_identity_as(&caller, &identity).await
                }
                Err(_) => {
                    refuse(crate::vault::error::Error::BadRequest(
                        crate::wire::reason::Unusable::NotAgeIdentity,
                    ))
                    .await
                }
            },
            // Neither, or both: say which single thing to send.
            _ => {
                refuse(crate::vault::error::Error::BadRequest(
                    crate::wire::reason::Unusable::OneUnsealMethod,
                ))
                .await
            }
        };
        let already = finish(&caller, Action::VaultUnseal, "vault", result)?;
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
            Action::VaultSeal,
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
        let draft = caller.draft(Action::VaultWhoami, caller.name());
        self.vault.record(draft, Ok(())).await?;
        Ok(Response::new(pb::WhoAmIResponse {
            name: caller.name().into(),
            roles: caller.roles().iter().map(|r| r.to_string()).collect(),
            cert_not_after: caller.cert_not_after(),
        }))
    }

    type BackupStream = Streamed<pb::BackupChunk>;

    async fn backup(
        &self,
        request: Request<pb::BackupRequest>,
    ) -> Result<Response<Self::BackupStream>, Status> {
        let caller = caller(&request)?;
        let backup = self.vault.backup(&caller).await?;
        let stream = async_stream_from(
            &caller,
            move |tx: tokio::sync::mpsc::Sender<Result<pb::BackupChunk, Status>>| async move {
                let info = pb::BackupInfo {
                    size: backup.size,
                    sha256: backup.sha256.clone(),
                    recipients: backup.recipients.clone(),
                };
                let first = pb::BackupChunk {
                    info: Some(info),
                    data: Vec::new(),
                };
                if !send_in_time(&tx, Ok(first)).await {
                    return;
                }
                let file = match tokio::fs::File::open(backup.path()).await {
                    Ok(file) => file,
                    Err(e) => {
                        tracing::error!(error = %e, "reading the backup failed");
                        let _ = tx.send(Err(Status::internal("internal"))).await;
                        return;
                    }
                };
                send_file(file, &tx).await;
                // `backup` (and its temporary file) goes when the stream ends.
                drop(backup);
            },
        );
        Ok(Response::new(stream))
    }
}

/// Bytes per backup message.
const BACKUP_CHUNK: usize = 256 * 1024;
/// How long a reader may leave a backup message unread before the backup is abandoned (its
/// file removed and the next backup allowed).
const BACKUP_SEND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// Sends one message unless the reader stalls past the timeout or has gone.
async fn send_in_time(
    tx: &tokio::sync::mpsc::Sender<Result<pb::BackupChunk, Status>>,
    message: Result<pb::BackupChunk, Status>,
) -> bool {
    matches!(
        tokio::time::timeout(BACKUP_SEND_TIMEOUT, tx.send(message)).await,
        Ok(Ok(()))
    )
}

/// Streams a file in chunks until its end, the reader going away, or a read error.
async fn send_file(
    mut file: tokio::fs::File,
    tx: &tokio::sync::mpsc::Sender<Result<pb::BackupChunk, Status>>,
) {
    use tokio::io::AsyncReadExt;
    loop {
        let mut data = Vec::with_capacity(BACKUP_CHUNK);
        match (&mut file)
            .take(BACKUP_CHUNK as u64)
            .read_to_end(&mut data)
            .await
        {
            Ok(0) => return,
            Ok(_) => {
                let chunk = pb::BackupChunk { info: None, data };
                if !send_in_time(tx, Ok(chunk)).await {
                    return;
                }
            }
            Err(e) => {
                tracing::error!(error = %e, "reading the backup failed");
                let _ = tx.send(Err(Status::internal("internal"))).await;
                return;
            }
        }
    }
}
