//! `vault.v1.Grants`: requests, signed grants, revocation, listing, the authority key.

use super::authn::caller;
use super::{async_stream_from, audited_read, finish, Streamed};
use crate::tlog::action::Action;
use crate::vault::delegations::DelegationView;
use crate::vault::{AuthorityKey, RequestRecord};
use crate::vault::{GrantFilter, GrantView, Vault};
use crate::wire::pb;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct GrantsService {
    vault: Arc<Vault>,
}

impl GrantsService {
    pub fn new(vault: Arc<Vault>) -> Self {
        Self { vault }
    }
}

impl From<RequestRecord> for pb::GrantRequest {
    fn from(r: RequestRecord) -> Self {
        pb::GrantRequest {
            id: r.id,
            requester: r.requester,
            accounts: r.accounts,
            purpose: r.purpose,
            duration_secs: r.duration_secs,
            created_at: r.created_at,
            state: r.state,
            decided_by: r.decided_by.unwrap_or_default(),
            decided_at: r.decided_at.unwrap_or_default(),
            deny_reason: r.deny_reason.unwrap_or_default(),
            grant_id: r.grant_id.unwrap_or_default(),
        }
    }
}

impl From<GrantView> for pb::Grant {
    fn from(v: GrantView) -> Self {
        let g = v.record;
        pb::Grant {
            id: g.id,
            grantee: g.grantee,
            accounts: g.accounts,
            purpose: g.purpose,
            not_before: g.not_before,
            not_after: g.not_after,
            max_uses: g.max_uses.unwrap_or(0),
            uses: g.uses,
            issued_at: g.issued_at,
            key_id: g.key_id,
            request_id: g.request_id.unwrap_or_default(),
            signer: g.signer,
            self_grant: v.self_grant,
            state: v.state.into(),
            revoked_at: g.revoked_at.unwrap_or_default(),
            revoked_by: g.revoked_by.unwrap_or_default(),
            revoke_reason: g.revoke_reason.unwrap_or_default(),
            delegation_id: g.delegation_id.unwrap_or_default(),
            signed: g.signed,
            needs_two_signatures: g.needs_two_signatures,
            cosigner: g
                .cosignature
                .as_ref()
                .map(|c| c.signer.clone())
                .unwrap_or_default(),
            cosign_key_id: g
                .cosignature
                .as_ref()
                .map(|c| c.key_id.clone())
                .unwrap_or_default(),
            cosigned_at: g.cosignature.as_ref().map_or(0, |c| c.registered_at),
            second_signers: v.second_signers,
        }
    }
}

impl From<AuthorityKey> for pb::AuthorityKeyInfo {
    fn from(k: AuthorityKey) -> Self {
        pb::AuthorityKeyInfo {
            key_id: k.key_id,
            public_key: k.public_key,
            pinned_at: k.pinned_at,
            pinned_by: k.pinned_by,
            sequence: k.sequence,
        }
    }
}

#[tonic::async_trait]
impl pb::grants_server::Grants for GrantsService {
    async fn request(
        &self,
        request: Request<pb::GrantRequestCreate>,
    ) -> Result<Response<pb::GrantRequest>, Status> {
        let caller = caller(&request)?;
        let r = request.into_inner();
        let target = r.accounts.join(",");
        let result = self
            .vault
            .request_grant(&caller, r.accounts, r.purpose, r.duration_secs)
            .await;
        Ok(Response::new(
            finish(&caller, Action::GrantRequest, &target, result)?.into(),
        ))
    }

    async fn pending(
        &self,
        request: Request<pb::PendingRequest>,
    ) -> Result<Response<pb::GrantRequestList>, Status> {
        let caller = caller(&request)?;
        let pending = match self.vault.pending_requests().await {
            Ok(requests) => self
                .vault
                .awaiting_second_signature()
                .await
                .map(|grants| (requests, grants)),
            Err(e) => Err(e),
        };
        let (requests, grants) =
            audited_read(&self.vault, &caller, Action::GrantPending, "", pending).await?;
        Ok(Response::new(pb::GrantRequestList {
            requests: requests.into_iter().map(Into::into).collect(),
            awaiting_second_signature: grants.into_iter().map(Into::into).collect(),
        }))
    }

    async fn get_request(
        &self,
        request: Request<pb::GetGrantRequest>,
    ) -> Result<Response<pb::GrantRequest>, Status> {
        let caller = caller(&request)?;
        let r = request.into_inner();
        let found = self.vault.get_request(&caller, &r.id, r.for_approval).await;
        // Read to be approved, it is the approval's first step and on record as one: about
        // the request (its whole id), or what was asked when refused.
        let (action, target) = match (&found, r.for_approval) {
            (Ok(found), true) => (Action::GrantApprove, found.id.clone()),
            (Err(_), true) => (Action::GrantApprove, r.id),
            (_, false) => (Action::GrantShow, r.id),
        };
        let found = audited_read(&self.vault, &caller, action, &target, found).await?;
        Ok(Response::new(found.into()))
    }

    type WaitStream = Streamed<pb::WaitOutcome>;

    async fn wait(
        &self,
        request: Request<pb::WaitGrantRequest>,
    ) -> Result<Response<Self::WaitStream>, Status> {
        let caller = caller(&request)?;
        let asked = request.into_inner();
        // Whether the caller may see this request, on the record like any read of it.
        let found = self.vault.get_request(&caller, &asked.id, false).await;
        let found = audited_read(&self.vault, &caller, Action::GrantWait, &asked.id, found).await?;
        let timeout = std::time::Duration::from_secs(asked.timeout_secs);
        let (vault, waiter) = (self.vault.clone(), caller.clone());
        let stream = async_stream_from(
            &caller,
            move |tx: tokio::sync::mpsc::Sender<Result<pb::WaitOutcome, Status>>| async move {
                let decided = vault.wait_for_decision(&waiter, &found.id, timeout).await;
                let outcome = decided.map(|o| pb::WaitOutcome {
                    request: Some(o.request.into()),
                    grant: o.grant.map(Into::into),
                });
                let _ = tx.send(outcome.map_err(Status::from)).await;
            },
        );
        Ok(Response::new(stream))
    }

    async fn deny(
        &self,
        request: Request<pb::DenyGrantRequest>,
    ) -> Result<Response<pb::GrantRequest>, Status> {
        let caller = caller(&request)?;
        let r = request.into_inner();
        let result = self.vault.deny_request(&caller, &r.id, r.reason).await;
        Ok(Response::new(
            finish(&caller, Action::GrantDeny, &r.id, result)?.into(),
        ))
    }

    async fn register(
        &self,
        request: Request<pb::RegisterGrant>,
    ) -> Result<Response<pb::Grant>, Status> {
        let caller = caller(&request)?;
        let r = request.into_inner();
        let result = self
            .vault
            .register_grant(&caller, r.signed, r.signature)
            .await;
        let action = match &result {
            Ok(v) if v.record.request_id.is_some() => Action::GrantApprove,
            _ => Action::GrantIssue,
        };
        let target = result
            .as_ref()
            .map(|v| v.record.id.clone())
            .unwrap_or_default();
        Ok(Response::new(
            finish(&caller, action, &target, result)?.into(),
        ))
    }

    async fn revoke(
        &self,
        request: Request<pb::RevokeGrant>,
    ) -> Result<Response<pb::Grant>, Status> {
        let caller = caller(&request)?;
        let r = request.into_inner();
        let result = self.vault.revoke_grant(&caller, &r.id, r.reason).await;
        Ok(Response::new(
            finish(&caller, Action::GrantRevoke, &r.id, result)?.into(),
        ))
    }

    async fn cosign(
        &self,
        request: Request<pb::CosignGrant>,
    ) -> Result<Response<pb::Grant>, Status> {
        let caller = caller(&request)?;
        let r = request.into_inner();
        let result = self.vault.cosign_grant(&caller, &r.id, r.signature).await;
        Ok(Response::new(
            finish(&caller, Action::GrantCosign, &r.id, result)?.into(),
        ))
    }

    async fn get(&self, request: Request<pb::GetGrant>) -> Result<Response<pb::Grant>, Status> {
        let caller = caller(&request)?;
        let id = request.into_inner().id;
        let grant = self.vault.grant(&caller, &id).await;
        let grant = audited_read(&self.vault, &caller, Action::GrantGet, &id, grant).await?;
        Ok(Response::new(grant.into()))
    }

    async fn list(
        &self,
        request: Request<pb::ListGrants>,
    ) -> Result<Response<pb::GrantList>, Status> {
        let caller = caller(&request)?;
        let r = request.into_inner();
        let target = r.account.clone();
        let filter = GrantFilter {
            active_only: r.active_only,
            grantee: (!r.grantee.is_empty()).then_some(r.grantee),
            account: (!r.account.is_empty()).then_some(r.account),
            mine: r.mine,
        };
        let listed = self.vault.list_grants(&caller, filter).await;
        let (grants, requests) =
            audited_read(&self.vault, &caller, Action::GrantList, &target, listed).await?;
        Ok(Response::new(pb::GrantList {
            grants: grants.into_iter().map(Into::into).collect(),
            requests: requests.into_iter().map(Into::into).collect(),
        }))
    }

    async fn authority_key(
        &self,
        request: Request<pb::AuthorityKeyRequest>,
    ) -> Result<Response<pb::AuthorityKeyInfo>, Status> {
        let caller = caller(&request)?;
        let key = self.vault.authority_key().await;
        let key = audited_read(
            &self.vault,
            &caller,
            Action::AuthorityKey,
            "authority-key",
            key,
        )
        .await?;
        Ok(Response::new(key.into()))
    }

    async fn rotate_authority_key(
        &self,
        request: Request<pb::RotateAuthorityKeyRequest>,
    ) -> Result<Response<pb::AuthorityKeyInfo>, Status> {
        let caller = caller(&request)?;
        let r = request.into_inner();
        let result = self
            .vault
            .rotate_authority_key(&caller, r.new_public_key, r.signature)
            .await;
        Ok(Response::new(
            finish(&caller, Action::AuthorityRotate, "authority-key", result)?.into(),
        ))
    }

    async fn delegate(
        &self,
        request: Request<pb::RegisterDelegation>,
    ) -> Result<Response<pb::Delegation>, Status> {
        let caller = caller(&request)?;
        let r = request.into_inner();
        let result = self.vault.delegate(&caller, r.signed, r.signature).await;
        let target = result
            .as_ref()
            .map(|d| d.record.delegate.clone())
            .unwrap_or_else(|_| "delegation".into());
        Ok(Response::new(
            finish(&caller, Action::AuthorityDelegate, &target, result)?.into(),
        ))
    }

    async fn list_delegations(
        &self,
        request: Request<pb::ListDelegationsRequest>,
    ) -> Result<Response<pb::DelegationList>, Status> {
        let caller = caller(&request)?;
        let listed = self.vault.list_delegations().await;
        let list = audited_read(
            &self.vault,
            &caller,
            Action::AuthorityDelegationList,
            "delegations",
            listed,
        )
        .await?;
        Ok(Response::new(pb::DelegationList {
            delegations: list.into_iter().map(Into::into).collect(),
        }))
    }

    async fn revoke_delegation(
        &self,
        request: Request<pb::RevokeDelegationRequest>,
    ) -> Result<Response<pb::Delegation>, Status> {
        let caller = caller(&request)?;
        let r = request.into_inner();
        let result = self
            .vault
            .revoke_delegation(&caller, &r.id, r.reason, r.end_grants)
            .await;
        let revoked = finish(&caller, Action::AuthorityDelegationRevoke, &r.id, result)?;
        Ok(Response::new(pb::Delegation {
            ended_grants: revoked.ended.into_iter().map(|g| g.record.id).collect(),
            grants_still_live: revoked.still_live,
            ..revoked.delegation.into()
        }))
    }
}

impl From<DelegationView> for pb::Delegation {
    fn from(v: DelegationView) -> Self {
        let d = v.record;
        pb::Delegation {
            all_accounts: d.accounts.is_none(),
            accounts: d.accounts.unwrap_or_default(),
            id: d.id,
            delegate: d.delegate,
            delegate_key_id: d.delegate_key_id,
            not_before: d.not_before,
            not_after: d.not_after,
            reason: d.reason,
            issued_at: d.issued_at,
            key_id: d.sg_key_id,
            registered_by: d.registered_by,
            registered_at: d.registered_at,
            revoked_at: d.revoked_at.unwrap_or_default(),
            revoked_by: d.revoked_by.unwrap_or_default(),
            revoke_reason: d.revoke_reason.unwrap_or_default(),
            state: v.state.into(),
            ended_grants: Vec::new(),
            grants_still_live: 0,
        }
    }
}
