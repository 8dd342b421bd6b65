//! Rotation in two phases, so the vault is never without the password the platform has.
//!
//! 1. `stage`: the vault makes a new password (or takes the new TOTP seed a platform showed) and
//!    keeps it beside the current version, sealed under its own binding. The administrator gets
//!    the current password (to log in) and the new one (to type) in the same act: one audit
//!    entry `secret.rotate` naming both fields, one use of their grant, and a holding of the
//!    current version, as any release.
//! 2. `confirm` makes the staged value a version (its entry `secret.rotate.confirm`); the old
//!    one stays in history. `abort` discards it (`secret.rotate.abort`).
//!
//! Until confirmed, releases give the current password, so a rotation given up half-way loses
//! nothing; and the staged value stays in the vault, so a confirmation forgotten after the
//! platform took the new password loses nothing either.
//!
//! Who: staging discloses passwords, so it needs what a release needs (an administrator, a grant
//! `decide` allows; art. 14), and an operator without a grant is refused like anyone. Confirming
//! and aborting disclose nothing: the person who staged may always (their grant may have ended
//! between the platform's page and the confirmation, and a refusal then would lose the new
//! password), an operator may (the vault's custodian, for a change left behind), and another
//! administrator under a grant for the account may.

use super::credentials::{allowed_grant, open_latest, still_holds_access};
use super::{Caller, Vault};
use crate::crypto::data_key::Binding;
use crate::crypto::password;
use crate::ids::{AccountId, Role};
use crate::limits;
use crate::secret::SecretBytes;
use crate::store::secrets::{self, Field, VersionRecord};
use crate::store::staged::{self, Staged};
use crate::store::{accounts, grants};
use crate::tlog::action::Action;
use crate::tlog::detail::Detail;
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;

/// A generated password's length when the caller names none (as `secret set --generate`).
pub const DEFAULT_LENGTH: u32 = limits::DEFAULT_GENERATED;

/// What to stage.
pub enum NewValue {
    /// A password the vault generates, of this length (None: [`DEFAULT_LENGTH`]).
    Password { length: Option<u32> },
    /// A TOTP seed the platform showed (base32 text, checked here).
    TotpSeed(SecretBytes),
}

/// A staged change as callers see it (no value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagedInfo {
    pub account_id: String,
    pub stage_id: String,
    pub field: Field,
    pub generated: bool,
    pub staged_at: i64,
    pub staged_by: String,
    pub reason: String,
}

impl From<&Staged> for StagedInfo {
    fn from(s: &Staged) -> Self {
        StagedInfo {
            account_id: s.account_id.clone(),
            stage_id: s.stage_id.clone(),
            field: s.field,
            generated: s.generated,
            staged_at: s.staged_at,
            staged_by: s.staged_by.clone(),
            reason: s.reason.clone(),
        }
    }
}

/// What a stage releases: the staged change, the current password (to log in with) and the new
/// one (to type on the platform's page), and where that page is.
pub struct Staging {
    pub staged: StagedInfo,
    pub grant_id: String,
    /// The current password and its version; None when the account has none yet.
    pub current: Option<(u64, SecretBytes)>,
    /// The new password; None for a TOTP seed (the caller gave it).
    pub new_password: Option<SecretBytes>,
    pub change_url: String,
}

impl crate::vault::audit_facts::AuditFacts for Staging {
    fn audit_grant(&self) -> Option<String> {
        Some(self.grant_id.clone())
    }
    /// `field=password+password-staged version=3 stage=…`: what left the vault, the version
    /// the caller now holds (the review reads holdings from it), and the stage.
    fn audit_detail(&self) -> Option<String> {
        let staged_field = match self.staged.field {
            Field::Password => "password-staged",
            Field::Totp => "totp-staged",
        };
        let released = match &self.current {
            Some(_) => format!("password+{staged_field}"),
            None => staged_field.to_owned(),
        };
        Some(
            Detail::default()
                .with("field", released)
                .with_some("version", self.current.as_ref().map(|(v, _)| *v))
                .with("stage", &self.staged.stage_id)
                .text("reason", &self.staged.reason),
        )
    }
}

/// A confirmation: the version the staged change became, and who knows it.
pub struct Confirmed {
    pub version: VersionRecord,
    pub field: Field,
    pub stage_id: String,
    pub staged_at: i64,
    pub staged_by: String,
    /// The grant it was staged under: the new password is held under it.
    pub grant_id: Option<String>,
}

impl crate::vault::audit_facts::AuditFacts for Confirmed {
    fn audit_grant(&self) -> Option<String> {
        self.grant_id.clone()
    }
    /// `field=password version=4 stage=… staged_by=admin staged_for=120s`: the review reads
    /// the new current version and its holder (the person who staged it, under the entry's
    /// grant) from it, and how long the change waited.
    fn audit_detail(&self) -> Option<String> {
        Some(
            Detail::default()
                .with("field", self.field.as_str())
                .with("version", self.version.version)
                .with("stage", &self.stage_id)
                .with("staged_by", &self.staged_by)
                .with(
                    "staged_for",
                    format!("{}s", self.version.created_at - self.staged_at),
                )
                .build(),
        )
    }
}

impl crate::vault::audit_facts::AuditFacts for StagedInfo {
    fn audit_detail(&self) -> Option<String> {
        Some(
            Detail::default()
                .with("stage", &self.stage_id)
                .with("staged_by", &self.staged_by)
                .build(),
        )
    }
}

/// The page where the account's password is changed: the account's own, else the platform's
/// known page, else the account URL's `/.well-known/change-password` (RFC 8615 and the W3C's
/// change-password URL), else nothing.
pub fn change_url(platform: &str, account_url: &str, own: Option<&str>) -> String {
    if let Some(own) = own.filter(|u| !u.is_empty()) {
        return own.to_owned();
    }
    let known = match platform {
        "facebook" => Some("https://accountscenter.facebook.com/password_and_security"),
        "instagram" => Some("https://accountscenter.instagram.com/password_and_security"),
        "youtube" => Some("https://myaccount.google.com/signinoptions/password"),
        "linkedin" => Some("https://www.linkedin.com/mypreferences/d/change-password"),
        "x" => Some("https://x.com/settings/password"),
        _ => None,
    };
    if let Some(known) = known {
        return known.to_owned();
    }
    match account_url.trim_end_matches('/') {
        "" => String::new(),
        base => {
            // The origin only: scheme://host[:port].
            let origin_end = base
                .find("://")
                .map(|s| s + 3)
                .and_then(|start| base[start..].find('/').map(|end| start + end))
                .unwrap_or(base.len());
            format!("{}/.well-known/change-password", &base[..origin_end])
        }
    }
}

/// Who may confirm or abort `change`: the person who staged it, an operator, or an
/// administrator a grant for the account allows now.
fn may_decide(
    tx: &rusqlite::Connection,
    verified: &super::verified_grants::VerifiedGrants,
    caller: &Caller,
    change: &Staged,
    sealed: bool,
) -> Result<()> {
    if caller.name() == change.staged_by || caller.roles().contains(&Role::Operator) {
        return Ok(());
    }
    allowed_grant(
        tx,
        verified,
        caller,
        &change.account_id,
        sealed,
        crate::store::now(),
    )
    .map(|_| ())
}

impl Vault {
    /// Stages a new value for `account_id` and releases it with the current password.
    pub async fn stage_rotation(
        &self,
        caller: &Caller,
        account_id: &str,
        new_value: NewValue,
        reason: String,
    ) -> Result<Staging> {
        let draft = caller.draft(Action::SecretRotate, account_id);
        let key = self.key();
        let verified = self.verified_grants.clone();
        let caller = caller.clone();
        let account_id = account_id.to_owned();
        let staged = self
            .audited(draft, move |tx| {
                limits::check_reason(&reason)?;
                let account_id = AccountId::parse(&account_id)?.to_string();
                still_holds_access(tx, &caller)?;
                let now = crate::store::now();
                let allowed =
                    allowed_grant(tx, &verified, &caller, &account_id, key.is_err(), now)?;
                let key = key?;
                if let Some(waiting) = staged::get(tx, &account_id)? {
                    return Err(Error::RotationStaged {
                        account: account_id,
                        staged_by: waiting.staged_by,
                        staged_at: waiting.staged_at,
                    });
                }
                let (field, value, generated) = match new_value {
                    NewValue::Password { length } => {
                        let length = length.unwrap_or(DEFAULT_LENGTH);
                        limits::check_generate_length(length)?;
                        (Field::Password, password::generate(length), true)
                    }
                    NewValue::TotpSeed(text) => {
                        (Field::Totp, limits::decode_totp_seed(text.expose())?, false)
                    }
                };
                let account = accounts::get(tx, &account_id)?
                    .ok_or_else(|| Error::UnknownAccount(account_id.clone()))?;
                if !grants::count_use(tx, &allowed.grant_id, allowed.max_uses)? {
                    return Err(Error::Denied {
                        reason: crate::authz::decision::DenyReason::Exhausted,
                        account: account_id,
                        detail: None,
                        request: None,
                    });
                }
                let current = open_latest(tx, &key, &account_id, Field::Password)?;
                if let Some((version, _)) = &current {
                    grants::record_holding(
                        tx,
                        &account_id,
                        *version,
                        caller.name(),
                        &allowed.grant_id,
                        allowed.not_after,
                    )?;
                }
                let change = Staged {
                    account_id: account_id.clone(),
                    stage_id: crate::ids::new_id(),
                    field,
                    sealed: Vec::new(),
                    generated,
                    staged_at: now,
                    staged_by: caller.name().to_owned(),
                    grant_id: Some(allowed.grant_id.clone()),
                    reason,
                };
                let binding = Binding::staged(&account_id, &change.stage_id, field.as_str());
                let change = Staged {
                    sealed: key.seal(&binding, value.expose()),
                    ..change
                };
                staged::insert(tx, &change)?;
                Ok(Staging {
                    staged: StagedInfo::from(&change),
                    grant_id: allowed.grant_id,
                    current,
                    new_password: (field == Field::Password).then_some(value),
                    change_url: change_url(
                        &account.platform,
                        &account.url,
                        account.change_url.as_deref(),
                    ),
                })
            })
            .await;
        if staged.is_ok() {
            // The current version is held until the grant ends; the staged one may go stale.
            self.clock.wake();
        }
        staged
    }

    /// Makes the staged change of `account_id` its new version.
    pub async fn confirm_rotation(&self, caller: &Caller, account_id: &str) -> Result<Confirmed> {
        let draft = caller.draft(Action::SecretRotateConfirm, account_id);
        let key = self.key();
        let verified = self.verified_grants.clone();
        let caller = caller.clone();
        let account_id = account_id.to_owned();
        let confirmed = self
            .audited(draft, move |tx| {
                let account_id = AccountId::parse(&account_id)?.to_string();
                still_holds_access(tx, &caller)?;
                let change = staged::get(tx, &account_id)?
                    .ok_or(Error::BadRequest(Unusable::NothingStaged))?;
                may_decide(tx, &verified, &caller, &change, key.is_err())?;
                let key = key?;
                let binding = Binding::staged(&account_id, &change.stage_id, change.field.as_str());
                let value = key.open(&binding, &change.sealed).map_err(|e| {
                    Error::Integrity(format!("{account_id} staged {}: {e}", change.stage_id))
                })?;
                let version = secrets::next_version(tx, &account_id)?;
                secrets::insert_rotated_version(
                    tx,
                    &account_id,
                    version,
                    caller.name(),
                    &change.reason,
                    change.generated,
                    &change.stage_id,
                )?;
                let sealed = key.seal(
                    &Binding::secret(&account_id, version, change.field.as_str()),
                    value.expose(),
                );
                secrets::insert_field(tx, &account_id, version, change.field, &sealed)?;
                // Whoever staged a password under a grant knows the new one: held like any
                // release, so its own exposure is tracked (rotation recommended when it ends).
                if let (Field::Password, Some(grant_id)) = (change.field, &change.grant_id) {
                    if let Some(grant) = grants::get_grant(tx, grant_id)? {
                        grants::record_holding(
                            tx,
                            &account_id,
                            version,
                            &change.staged_by,
                            grant_id,
                            grant.not_after,
                        )?;
                    }
                }
                // And under each grant it was fetched under before (credential get --field
                // password-staged): the holdings wait for the version they become.
                if change.field == Field::Password {
                    for held in staged::holders(tx, &change.stage_id)? {
                        grants::record_holding(
                            tx,
                            &account_id,
                            version,
                            &held.grantee,
                            &held.grant_id,
                            held.grant_not_after,
                        )?;
                    }
                }
                staged::remove(tx, &account_id)?;
                let version = secrets::version(tx, &account_id, version)?
                    .ok_or_else(|| Error::Internal("new version vanished".into()))?;
                Ok(Confirmed {
                    version,
                    field: change.field,
                    stage_id: change.stage_id,
                    staged_at: change.staged_at,
                    staged_by: change.staged_by,
                    grant_id: change.grant_id,
                })
            })
            .await;
        if confirmed.is_ok() {
            self.clock.wake();
        }
        confirmed
    }

    /// Discards the staged change of `account_id`.
    pub async fn abort_rotation(&self, caller: &Caller, account_id: &str) -> Result<StagedInfo> {
        let draft = caller.draft(Action::SecretRotateAbort, account_id);
        let sealed = self.is_sealed();
        let verified = self.verified_grants.clone();
        let caller = caller.clone();
        let account_id = account_id.to_owned();
        self.audited(draft, move |tx| {
            let account_id = AccountId::parse(&account_id)?.to_string();
            still_holds_access(tx, &caller)?;
            let change =
                staged::get(tx, &account_id)?.ok_or(Error::BadRequest(Unusable::NothingStaged))?;
            may_decide(tx, &verified, &caller, &change, sealed)?;
            staged::remove(tx, &account_id)?;
            Ok(StagedInfo::from(&change))
        })
        .await
    }

    /// The account's staged change, if any (no value).
    pub async fn staged_rotation(&self, account_id: &str) -> Result<Option<StagedInfo>> {
        let id = AccountId::parse(account_id)?.to_string();
        self.store
            .run(move |c| Ok(staged::get(c, &id)?.as_ref().map(StagedInfo::from)))
            .await
            .map_err(Error::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_change_page_is_the_accounts_then_the_platforms_then_the_well_known_one() {
        assert_eq!(
            change_url(
                "facebook",
                "https://facebook.com/cest",
                Some("https://example.org/pw")
            ),
            "https://example.org/pw"
        );
        assert_eq!(
            change_url("x", "https://x.com/cest", None),
            "https://x.com/settings/password"
        );
        assert_eq!(
            change_url("blog", "https://blog.cest.gouv.qc.ca/wp-admin/", Some("")),
            "https://blog.cest.gouv.qc.ca/.well-known/change-password"
        );
        assert_eq!(
            change_url("wiki", "https://wiki.example:8443", None),
            "https://wiki.example:8443/.well-known/change-password"
        );
        assert_eq!(change_url("other", "", None), "");
    }
}
