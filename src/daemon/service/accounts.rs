//! `vault.v1.Accounts`: account metadata (operator writes; every role but none reads secrets).

use super::authn::caller;
use super::{audited_read, finish};
use crate::tlog::action::Action;
use crate::vault::AccountRecord;
use crate::vault::{AccountChange, NewAccountInput, Vault};
use crate::wire::pb;
use pb::set_account_request::{ChangeUrl, MaxAge};
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct AccountsService {
    vault: Arc<Vault>,
}

impl AccountsService {
    pub fn new(vault: Arc<Vault>) -> Self {
        Self { vault }
    }

    /// An account as the wire shows it: with the age that applies to it, as of now since when
    /// its password is due or its rotation recommended, and the rotation staged for it.
    fn account(&self, a: AccountRecord) -> pb::Account {
        let staged = a.staged.as_ref();
        let default_max_age = self.vault.default_max_age();
        let due_since = self.vault.rotation_due_since(&a);
        let effective_max_age = a.max_age_or(default_max_age);
        pb::Account {
            staged_by: staged.map(|s| s.staged_by.clone()).unwrap_or_default(),
            staged_at: staged.map_or(0, |s| s.staged_at),
            staged_field: staged
                .map(|s| s.field.as_str().to_owned())
                .unwrap_or_default(),
            staged_stale: staged.is_some_and(|s| s.stale),
            id: a.id,
            platform: a.platform,
            login: a.login,
            url: a.url,
            note: a.note,
            archived: a.archived,
            created_at: a.created_at,
            created_by: a.created_by,
            current_version: a.current_version,
            has_password: a.has_password,
            has_totp: a.has_totp,
            rotation_recommended: a.rotation_recommended,
            effective_max_age_secs: effective_max_age,
            max_age_secs: a.max_age.unwrap_or(0),
            change_url: a.change_url.unwrap_or_default(),
            password_set_at: a.password_set_at.unwrap_or(0),
            rotation_due_since: due_since.unwrap_or(0),
            rotation_recommended_since: a.recommended_since.unwrap_or(0),
            required_signatures: u32::from(a.required_signatures),
        }
    }
}

#[tonic::async_trait]
impl pb::accounts_server::Accounts for AccountsService {
    async fn add(
        &self,
        request: Request<pb::AddAccountRequest>,
    ) -> Result<Response<pb::Account>, Status> {
        let caller = caller(&request)?;
        let r = request.into_inner();
        let target = r.id.clone();
        let input = NewAccountInput {
            id: r.id,
            platform: r.platform,
            login: r.login,
            url: r.url,
            note: r.note,
            change_url: r.change_url,
            max_age: (r.max_age_secs != 0).then_some(r.max_age_secs),
        };
        let result = self.vault.add_account(&caller, input).await;
        Ok(Response::new(self.account(finish(
            &caller,
            Action::AccountAdd,
            &target,
            result,
        )?)))
    }

    async fn list(
        &self,
        request: Request<pb::ListAccountsRequest>,
    ) -> Result<Response<pb::ListAccountsResponse>, Status> {
        let caller = caller(&request)?;
        let accounts = self
            .vault
            .list_accounts(request.into_inner().include_archived)
            .await;
        let accounts =
            audited_read(&self.vault, &caller, Action::AccountList, "", accounts).await?;
        Ok(Response::new(pb::ListAccountsResponse {
            accounts: accounts.into_iter().map(|a| self.account(a)).collect(),
        }))
    }

    async fn show(
        &self,
        request: Request<pb::ShowAccountRequest>,
    ) -> Result<Response<pb::Account>, Status> {
        let caller = caller(&request)?;
        let id = request.into_inner().id;
        let account = self.vault.show_account(&id).await;
        let account = audited_read(&self.vault, &caller, Action::AccountShow, &id, account).await?;
        Ok(Response::new(self.account(account)))
    }

    async fn archive(
        &self,
        request: Request<pb::ArchiveAccountRequest>,
    ) -> Result<Response<pb::Account>, Status> {
        let caller = caller(&request)?;
        let id = request.into_inner().id;
        let result = self.vault.archive_account(&caller, &id).await;
        Ok(Response::new(self.account(finish(
            &caller,
            Action::AccountArchive,
            &id,
            result,
        )?)))
    }

    async fn set(
        &self,
        request: Request<pb::SetAccountRequest>,
    ) -> Result<Response<pb::Account>, Status> {
        let caller = caller(&request)?;
        let r = request.into_inner();
        let change = AccountChange {
            change_url: r.change_url.map(|c| match c {
                ChangeUrl::SetChangeUrl(url) => Some(url),
                ChangeUrl::ClearChangeUrl(_) => None,
            }),
            max_age: r.max_age.map(|m| match m {
                MaxAge::SetMaxAgeSecs(secs) => Some(secs),
                MaxAge::DefaultMaxAge(_) => None,
            }),
        };
        let result = self.vault.set_account(&caller, &r.id, change).await;
        let changed = finish(&caller, Action::AccountSet, &r.id, result)?;
        Ok(Response::new(self.account(changed.into_account())))
    }

    async fn set_approvals(
        &self,
        request: Request<pb::SetApprovalsRequest>,
    ) -> Result<Response<pb::Account>, Status> {
        let caller = caller(&request)?;
        let r = request.into_inner();
        let result = self
            .vault
            .set_approvals(&caller, r.signed, r.signature)
            .await;
        let target = result
            .as_ref()
            .map(|s| s.account.id.clone())
            .unwrap_or_default();
        let set = finish(&caller, Action::AccountApprovals, &target, result)?;
        Ok(Response::new(self.account(set.account)))
    }
}
