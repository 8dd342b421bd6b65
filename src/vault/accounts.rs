//! Accounts: add, list, show, archive (operator), metadata only.

use super::{Caller, Vault};
use crate::ids::{AccountId, Platform};
use crate::limits::{self, check_text};
use crate::store::accounts::{self, AccountRecord, NewAccount};
use crate::store::staged;
use crate::store::StoreError;
use crate::tlog::action::Action;
use crate::vault::error::{Error, Result};

/// An account as the operator describes it, before checks.
pub struct NewAccountInput {
    pub id: String,
    pub platform: String,
    pub login: String,
    pub url: String,
    pub note: String,
}

impl NewAccountInput {
    fn check(self) -> Result<NewAccount> {
        let id = AccountId::parse(&self.id)?;
        let platform: Platform = self.platform.parse()?;
        check_text("login", &self.login, true, limits::MAX_LOGIN, false)?;
        limits::check_url(&self.url)?;
        check_text("note", &self.note, false, limits::MAX_NOTE, true)?;
        Ok(NewAccount {
            id: id.to_string(),
            platform: platform.to_string(),
            login: self.login,
            url: self.url,
            note: self.note,
        })
    }
}

fn is_unique_violation(e: &StoreError) -> bool {
    matches!(
        e,
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::ConstraintViolation
    )
}

impl Vault {
    pub async fn add_account(
        &self,
        caller: &Caller,
        input: NewAccountInput,
    ) -> Result<AccountRecord> {
        let draft = caller.draft(Action::AccountAdd, input.id.clone());
        let by = caller.name().to_owned();
        self.audited(draft, move |tx| {
            let account = input.check()?;
            let id = account.id.clone();
            accounts::insert(tx, &account, &by).map_err(|e| {
                if is_unique_violation(&e) {
                    Error::DuplicateAccount(id.clone())
                } else {
                    e.into()
                }
            })?;
            accounts::get(tx, &id)?.ok_or_else(|| Error::Internal("account vanished".into()))
        })
        .await
    }

    pub async fn list_accounts(&self, include_archived: bool) -> Result<Vec<AccountRecord>> {
        Ok(self
            .store
            .run(move |c| {
                let mut list = accounts::list(c, include_archived)?;
                // One row per staged change, merged by account: no query per account.
                let mut marks: std::collections::HashMap<String, staged::StagedMark> =
                    staged::marks(c)?
                        .into_iter()
                        .map(|m| (m.account_id.clone(), m))
                        .collect();
                for account in &mut list {
                    account.staged = marks.remove(&account.id);
                }
                Ok(list)
            })
            .await?)
    }

    pub async fn show_account(&self, id: &str) -> Result<AccountRecord> {
        let id = AccountId::parse(id)?.to_string();
        let key = id.clone();
        self.store
            .run(move |c| {
                let mut account = accounts::get(c, &key)?;
                if let Some(account) = &mut account {
                    account.staged = staged::mark_of(c, &key)?;
                }
                Ok(account)
            })
            .await?
            .ok_or(Error::UnknownAccount(id))
    }

    pub async fn archive_account(&self, caller: &Caller, id: &str) -> Result<AccountRecord> {
        let draft = caller.draft(Action::AccountArchive, id);
        let by = caller.name().to_owned();
        let id = id.to_owned();
        self.audited(draft, move |tx| {
            let id = AccountId::parse(&id)?.to_string();
            let before =
                accounts::get(tx, &id)?.ok_or_else(|| Error::UnknownAccount(id.clone()))?;
            if before.archived {
                return Err(Error::Archived(id));
            }
            accounts::archive(tx, &id, &by)?;
            accounts::get(tx, &id)?.ok_or_else(|| Error::Internal("account vanished".into()))
        })
        .await
    }
}
