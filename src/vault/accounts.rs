//! Accounts: add, list, show, archive, set (operator), metadata only. `set` changes what a
//! rotation needs to know: where the password is changed, and how old it may get.

use super::{Caller, Vault};
use crate::ids::{AccountId, Platform};
use crate::limits::{self, check_text};
use crate::store::accounts::{self, AccountRecord, NewAccount};
use crate::store::staged;
use crate::store::StoreError;
use crate::tlog::action::Action;
use crate::tlog::detail::Detail;
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;

/// An account as the operator describes it, before checks.
pub struct NewAccountInput {
    pub id: String,
    pub platform: String,
    pub login: String,
    pub url: String,
    pub note: String,
    /// Empty: none of its own.
    pub change_url: String,
    /// None: the vault's default.
    pub max_age: Option<i64>,
}

impl NewAccountInput {
    fn check(self) -> Result<NewAccount> {
        let id = AccountId::parse(&self.id)?;
        let platform: Platform = self.platform.parse()?;
        check_text("login", &self.login, true, limits::MAX_LOGIN, false)?;
        limits::check_url(&self.url)?;
        check_text("note", &self.note, false, limits::MAX_NOTE, true)?;
        limits::check_change_url(&self.change_url)?;
        if let Some(secs) = self.max_age {
            limits::check_max_age(secs)?;
        }
        Ok(NewAccount {
            id: id.to_string(),
            platform: platform.to_string(),
            login: self.login,
            url: self.url,
            note: self.note,
            change_url: (!self.change_url.is_empty()).then_some(self.change_url),
            max_age: self.max_age,
        })
    }
}

/// What `account set` changes: each `None` leaves it as it is; `Some(None)` goes back to the
/// default (the platform's known page, the vault's maximum age).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct AccountChange {
    pub change_url: Option<Option<String>>,
    pub max_age: Option<Option<i64>>,
}

/// An account after `account set`, and what changed (its audit detail).
pub struct AccountChanged {
    pub account: AccountRecord,
    change: AccountChange,
}

impl AccountChanged {
    pub fn into_account(self) -> AccountRecord {
        self.account
    }
}

impl crate::vault::audit_facts::AuditFacts for AccountChanged {
    /// `change_url=https://… max_age=2592000s`, `change_url=none`, `max_age=default`: the new
    /// settings (a change URL is bounded well below an entry's detail bound).
    fn audit_detail(&self) -> Option<String> {
        let url = self
            .change
            .change_url
            .as_ref()
            .map(|u| u.as_deref().unwrap_or("none").to_owned());
        let age = self.change.max_age.map(|a| match a {
            Some(secs) => format!("{secs}s"),
            None => "default".to_owned(),
        });
        Some(
            Detail::default()
                .with_some("change_url", url)
                .with_some("max_age", age)
                .build(),
        )
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

    /// Changes an account's change-password page or maximum password age (operator).
    pub async fn set_account(
        &self,
        caller: &Caller,
        id: &str,
        change: AccountChange,
    ) -> Result<AccountChanged> {
        let draft = caller.draft(Action::AccountSet, id);
        let default_max_age = self.default_max_age();
        let id = id.to_owned();
        let changed = self
            .audited(draft, move |tx| {
                let id = AccountId::parse(&id)?.to_string();
                if change == AccountChange::default() {
                    return Err(Error::BadRequest(Unusable::NothingToChange));
                }
                if let Some(Some(url)) = &change.change_url {
                    limits::check_change_url(url)?;
                }
                if let Some(Some(secs)) = change.max_age {
                    limits::check_max_age(secs)?;
                }
                let before =
                    accounts::get(tx, &id)?.ok_or_else(|| Error::UnknownAccount(id.clone()))?;
                if before.archived {
                    return Err(Error::Archived(id));
                }
                if let Some(url) = &change.change_url {
                    let url = url.as_deref().filter(|u| !u.is_empty());
                    accounts::set_change_url(tx, &id, url)?;
                }
                if let Some(max_age) = change.max_age {
                    accounts::set_max_age(tx, &id, max_age, default_max_age, crate::store::now())?;
                }
                let account = accounts::get(tx, &id)?
                    .ok_or_else(|| Error::Internal("account vanished".into()))?;
                Ok(AccountChanged { account, change })
            })
            .await;
        if changed.is_ok() {
            // A shorter age may bring the next "rotation due" nearer.
            self.clock.wake();
        }
        changed
    }
}
