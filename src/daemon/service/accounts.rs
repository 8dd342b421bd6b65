//! `vault.v1.Accounts`: account metadata (operator writes; every role but none reads secrets).

use super::authn::caller;
use super::{audited_read, finish};
use crate::tlog::action::Action;
use crate::vault::AccountRecord;
use crate::vault::{NewAccountInput, Vault};
use crate::wire::pb;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct AccountsService {
    vault: Arc<Vault>,
}

impl AccountsService {
    pub fn new(vault: Arc<Vault>) -> Self {
        Self { vault }
    }
}

impl From<AccountRecord> for pb::Account {
    fn from(a: AccountRecord) -> Self {
        let staged = a.staged.as_ref();
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
        };
        let result = self.vault.add_account(&caller, input).await;
        Ok(Response::new(
            finish(&caller, Action::AccountAdd, &target, result)?.into(),
        ))
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
            accounts: accounts.into_iter().map(Into::into).collect(),
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
        Ok(Response::new(account.into()))
    }

    async fn archive(
        &self,
        request: Request<pb::ArchiveAccountRequest>,
    ) -> Result<Response<pb::Account>, Status> {
        let caller = caller(&request)?;
        let id = request.into_inner().id;
        let result = self.vault.archive_account(&caller, &id).await;
        Ok(Response::new(
            finish(&caller, Action::AccountArchive, &id, result)?.into(),
        ))
    }
}
