//! `vault.v1.Secrets`: append secret versions (operator) and read their metadata. The secret
//! bytes are moved out of the request into zeroizing memory at once.

use super::authn::caller;
use super::{audited_read, finish};
use crate::secret::SecretBytes;
use crate::tlog::action::Action;
use crate::vault::rotation::{NewValue, StagedInfo};
use crate::vault::VersionRecord;
use crate::vault::{SecretInput, Vault};
use crate::wire::pb;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct SecretsService {
    vault: Arc<Vault>,
}

impl SecretsService {
    pub fn new(vault: Arc<Vault>) -> Self {
        Self { vault }
    }
}

impl From<VersionRecord> for pb::SecretVersion {
    fn from(v: VersionRecord) -> Self {
        pb::SecretVersion {
            account_id: v.account_id,
            version: v.version,
            created_at: v.created_at,
            created_by: v.created_by,
            reason: v.reason,
            password_set: v.password_set,
            totp_set: v.totp_set,
            generated: v.generated,
            stage_id: v.stage_id.unwrap_or_default(),
        }
    }
}

impl From<StagedInfo> for pb::StagedRotation {
    fn from(s: StagedInfo) -> Self {
        pb::StagedRotation {
            account_id: s.account_id,
            stage_id: s.stage_id,
            field: s.field.as_str().into(),
            staged_at: s.staged_at,
            staged_by: s.staged_by,
            reason: s.reason,
            generated: s.generated,
        }
    }
}

#[tonic::async_trait]
impl pb::secrets_server::Secrets for SecretsService {
    async fn rotate(
        &self,
        request: Request<pb::RotateSecretRequest>,
    ) -> Result<Response<pb::RotateSecretResponse>, Status> {
        let caller = caller(&request)?;
        let mut r = request.into_inner();
        let seed = SecretBytes::take_from(&mut r.totp_seed);
        let new_value = if seed.is_empty() {
            NewValue::Password {
                length: (r.length > 0).then_some(r.length),
            }
        } else {
            NewValue::TotpSeed(seed)
        };
        let result = self
            .vault
            .stage_rotation(&caller, &r.account_id, new_value, r.reason)
            .await;
        let staging = finish(&caller, Action::SecretRotate, &r.account_id, result)?;
        let (current_version, current_password) = match &staging.current {
            Some((version, value)) => (*version, value.expose().to_vec()),
            None => (0, Vec::new()),
        };
        Ok(Response::new(pb::RotateSecretResponse {
            current_password,
            current_version,
            new_password: staging
                .new_password
                .as_ref()
                .map(|p| p.expose().to_vec())
                .unwrap_or_default(),
            change_url: staging.change_url.clone(),
            staged: Some(staging.staged.clone().into()),
        }))
    }

    async fn confirm_rotation(
        &self,
        request: Request<pb::RotationDecision>,
    ) -> Result<Response<pb::SecretVersion>, Status> {
        let caller = caller(&request)?;
        let id = request.into_inner().account_id;
        let result = self.vault.confirm_rotation(&caller, &id).await;
        let confirmed = finish(&caller, Action::SecretRotateConfirm, &id, result)?;
        Ok(Response::new(confirmed.version.into()))
    }

    async fn abort_rotation(
        &self,
        request: Request<pb::RotationDecision>,
    ) -> Result<Response<pb::StagedRotation>, Status> {
        let caller = caller(&request)?;
        let id = request.into_inner().account_id;
        let result = self.vault.abort_rotation(&caller, &id).await;
        Ok(Response::new(
            finish(&caller, Action::SecretRotateAbort, &id, result)?.into(),
        ))
    }

    async fn set(
        &self,
        request: Request<pb::SetSecretRequest>,
    ) -> Result<Response<pb::SecretVersion>, Status> {
        // Operators, or an administrator holding a valid grant for this account (checked, and
        // audited, in the domain).
        let caller = caller(&request)?;
        let mut r = request.into_inner();
        let password = SecretBytes::take_from(&mut r.password);
        let totp_seed = SecretBytes::take_from(&mut r.totp_seed);
        let target = r.account_id.clone();
        let input = SecretInput {
            account_id: r.account_id,
            password: (!password.is_empty()).then_some(password),
            generate_length: (r.generate_length > 0).then_some(r.generate_length),
            totp_seed: (!totp_seed.is_empty()).then_some(totp_seed),
            reason: r.reason,
        };
        let result = self.vault.set_secret(&caller, input).await;
        Ok(Response::new(
            finish(&caller, Action::SecretSet, &target, result)?.into(),
        ))
    }

    async fn history(
        &self,
        request: Request<pb::SecretHistoryRequest>,
    ) -> Result<Response<pb::SecretHistoryResponse>, Status> {
        let caller = caller(&request)?;
        let id = request.into_inner().account_id;
        let result = self.vault.secret_history(&id).await;
        let versions =
            audited_read(&self.vault, &caller, Action::SecretHistory, &id, result).await?;
        Ok(Response::new(pb::SecretHistoryResponse {
            versions: versions.into_iter().map(Into::into).collect(),
        }))
    }
}
