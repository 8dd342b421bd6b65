//! Accounts: add, list, show, archive (operator), metadata only.

use super::{Caller, Vault};
use crate::error::{Error, Result};
use crate::ids::{AccountId, Platform};
use crate::limits::{self, check_text};
use crate::store::accounts::{self, AccountRecord, NewAccount};
use crate::store::StoreError;

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
        let account = input.check()?;
        let by = caller.name().to_owned();
        let id = account.id.clone();
        self.store
            .write(move |tx| {
                accounts::insert(tx, &account, &by)?;
                accounts::get(tx, &account.id)?
                    .ok_or_else(|| StoreError::Damaged("account vanished".into()))
            })
            .await
            .map_err(|e| {
                if is_unique_violation(&e) {
                    Error::DuplicateAccount(id)
                } else {
                    e.into()
                }
            })
    }

    pub async fn list_accounts(&self, include_archived: bool) -> Result<Vec<AccountRecord>> {
        Ok(self
            .store
            .run(move |c| accounts::list(c, include_archived))
            .await?)
    }

    pub async fn show_account(&self, id: &str) -> Result<AccountRecord> {
        let id = AccountId::parse(id)?.to_string();
        let key = id.clone();
        self.store
            .run(move |c| accounts::get(c, &key))
            .await?
            .ok_or(Error::UnknownAccount(id))
    }

    pub async fn archive_account(&self, caller: &Caller, id: &str) -> Result<AccountRecord> {
        let id = AccountId::parse(id)?.to_string();
        let by = caller.name().to_owned();
        let key = id.clone();
        let outcome = self
            .store
            .write(move |tx| {
                let Some(before) = accounts::get(tx, &key)? else {
                    return Ok(None);
                };
                if before.archived {
                    return Ok(Some(Err(())));
                }
                accounts::archive(tx, &key, &by)?;
                Ok(Some(Ok(accounts::get(tx, &key)?)))
            })
            .await?;
        match outcome {
            None => Err(Error::UnknownAccount(id)),
            Some(Err(())) => Err(Error::Archived(id)),
            Some(Ok(Some(record))) => Ok(record),
            Some(Ok(None)) => Err(Error::Internal("account vanished".into())),
        }
    }
}
