//! Releasing a credential: the decision (`authz::decision::decide`) over the caller's verified
//! live grants, the use counted and the holding recorded in the same transaction as the read, so
//! concurrent calls can never exceed a grant's uses. Nothing here reads history.

use super::acting_authority::{delegation_facts, release_facts};
use super::verified_grants::VerifiedGrants;
use super::{Caller, Vault};
use crate::authz::decision::{decide, AccountState, CosignFacts, Decision, DenyReason, GrantFacts};
use crate::crypto::data_key::{Binding, DataKey};
use crate::ids::AccountId;
use crate::secret::SecretBytes;
use crate::store::accounts;
use crate::store::approvals::CosignatureRecord;
use crate::store::grants::{self, GrantRecord};
use crate::store::principals;
use crate::store::secrets::{self, Field};
use crate::store::staged::StagedHolder;
use crate::tlog::action::Action;
use crate::tlog::detail::Detail;
use crate::vault::error::{Error, Result};
use crate::wire::reason::{RequestHint, Unusable};
use rusqlite::Connection;
use std::sync::Arc;

/// What a login asks for, as a refused attempt's entry names it (an allowed one names what left).
pub const LOGIN_FIELDS: &str = "login+password+totp";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialField {
    Password,
    Login,
    Totp,
    /// A staged rotation's new password, to the person who staged it (`staged_release.rs`).
    PasswordStaged,
    /// The current code of a staged rotation's new TOTP seed (never the seed), to the person
    /// who staged it: what a platform asks for before it takes the new seed.
    TotpStaged,
}

impl CredentialField {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "" | "password" => Some(Self::Password),
            "login" => Some(Self::Login),
            "totp" => Some(Self::Totp),
            "password-staged" => Some(Self::PasswordStaged),
            "totp-staged" => Some(Self::TotpStaged),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Password => "password",
            Self::Login => "login",
            Self::Totp => "totp",
            Self::PasswordStaged => "password-staged",
            Self::TotpStaged => "totp-staged",
        }
    }

    /// The staged change's field this asks for, if it asks for a staged value.
    fn staged(&self) -> Option<Field> {
        match self {
            Self::PasswordStaged => Some(Field::Password),
            Self::TotpStaged => Some(Field::Totp),
            _ => None,
        }
    }
}

/// What one release hands over: one field, or the three a person needs to log in to the
/// platform (login, password, current TOTP code) as one act: one use of the grant, one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    One(CredentialField),
    Login,
}

impl From<CredentialField> for Selection {
    fn from(field: CredentialField) -> Self {
        Selection::One(field)
    }
}

/// One value of a release.
pub struct Released {
    pub field: CredentialField,
    pub value: SecretBytes,
    /// The secret version released (password), 0 otherwise.
    pub version: u64,
    /// Seconds the TOTP code stays valid; 0 otherwise.
    pub valid_for_secs: u64,
}

/// What leaves the vault on an allowed release.
pub struct Release {
    /// Why, in the caller's words (kept in the audit entry).
    pub why: Option<String>,
    pub account_id: String,
    /// What was asked for; with `Login`, `values` lacks the TOTP code when the account has no seed.
    pub selection: Selection,
    /// In the order login, password, totp.
    pub values: Vec<Released>,
    pub grant_id: String,
    pub grant_not_after: i64,
    /// The staged change a staged value came from (its entry names it).
    pub stage_id: Option<String>,
}

impl Release {
    /// The value released for `field`, if it was.
    pub fn value(&self, field: CredentialField) -> Option<&Released> {
        self.values.iter().find(|v| v.field == field)
    }

    /// What was released, as the entry and the reply name it: `password`, or
    /// `login+password+totp` (`login+password` for an account without a 2FA seed).
    pub fn fields(&self) -> String {
        let names: Vec<&str> = self.values.iter().map(|v| v.field.as_str()).collect();
        names.join("+")
    }

    /// The password version released, if a password was.
    fn password_version(&self) -> Option<u64> {
        self.value(CredentialField::Password).map(|v| v.version)
    }
}

impl crate::vault::audit_facts::AuditFacts for Release {
    fn audit_grant(&self) -> Option<String> {
        Some(self.grant_id.clone())
    }
    /// `field=password version=3 reason=…` (or `field=login+password+totp version=3 …` for a
    /// login): each fact its own word, the caller's reason last and cut to fit, so that a long
    /// reason never costs the entry its version (a review report reads who holds which
    /// password from these).
    fn audit_detail(&self) -> Option<String> {
        let detail = Detail::default()
            .with("field", self.fields())
            .with_some("version", self.password_version().filter(|v| *v != 0))
            .with_some("stage", self.stage_id.as_deref());
        Some(match &self.why {
            Some(why) => detail.text("reason", why),
            None => detail.build(),
        })
    }
}

/// The facts `decide` needs about `records`, each verified under the pinned key, or, for a
/// grant an acting authority signed, under her key and through her delegation (read by id).
fn grant_facts(
    conn: &Connection,
    key: Option<&grants::AuthorityKey>,
    verified: &VerifiedGrants,
    records: Vec<GrantRecord>,
) -> Result<Vec<(GrantFacts, GrantRecord)>> {
    records
        .into_iter()
        .map(|record| {
            let (body, delegation) = match (key, &record.delegation_id) {
                (None, _) => (None, None),
                (Some(k), None) => (verified.open(k, &record), None),
                (Some(k), Some(_)) => match release_facts(conn, k, &record)? {
                    Some((delegate_key, facts)) => {
                        (verified.open(&delegate_key, &record), Some(facts))
                    }
                    None => (None, None),
                },
            };
            let cosignature = match (key, &record.cosignature) {
                (Some(k), Some(c)) => cosign_facts(conn, k, verified, &record, c)?,
                _ => None,
            };
            let facts = GrantFacts {
                id: record.id.clone(),
                body,
                stored_grantee: record.grantee.clone(),
                revoked: record.revoked_at.is_some(),
                uses: record.uses,
                delegation,
                cosignature,
            };
            Ok((facts, record))
        })
        .collect()
}

/// What `decide` needs of a grant's second signature: verified (and remembered) under the
/// current authority key, or under the delegate's key of the delegation it names, read by id
/// and verified again. None when it does not verify or rests on nothing in force.
fn cosign_facts(
    conn: &Connection,
    current: &grants::AuthorityKey,
    verified: &VerifiedGrants,
    record: &GrantRecord,
    cosignature: &CosignatureRecord,
) -> Result<Option<CosignFacts>> {
    let delegation = match &cosignature.delegation_id {
        None => None,
        Some(id) => match delegation_facts(conn, current, id)? {
            Some(found) => Some(found),
            None => return Ok(None),
        },
    };
    let key = delegation.as_ref().map_or(current, |(k, _)| k);
    if key.key_id != cosignature.key_id
        || !verified.cosigned(key, &record.signed, &cosignature.signature)
    {
        return Ok(None);
    }
    Ok(Some(CosignFacts {
        key_id: key.key_id.clone(),
        delegation: delegation.map(|(_, facts)| facts),
    }))
}

/// A time or count that explains a denial to the caller.
fn denial_detail(
    reason: DenyReason,
    caller: &str,
    grants: &[(GrantFacts, GrantRecord)],
    now: i64,
) -> Option<String> {
    let mine = grants
        .iter()
        .filter(|(f, _)| f.body.as_ref().is_some_and(|b| b.grantee == caller));
    match reason {
        DenyReason::Expired => mine
            .map(|(_, r)| r.not_after)
            .max()
            .map(crate::times::format_time),
        // The earliest start among the caller's grants that have not started yet.
        DenyReason::NotYetValid => mine
            .map(|(_, r)| r.not_before)
            .filter(|start| *start > now)
            .min()
            .map(crate::times::format_time),
        DenyReason::Revoked => mine
            .filter_map(|(_, r)| r.revoked_at)
            .max()
            .map(crate::times::format_time),
        DenyReason::Exhausted => mine
            .filter_map(|(_, r)| r.max_uses.map(|m| format!("{}/{m}", r.uses)))
            .next(),
        // The grant waiting for its second signature: the one to cosign.
        DenyReason::SecondSignatureMissing => mine
            .filter(|(f, _)| f.cosignature.is_none())
            .map(|(_, r)| r.id.clone())
            .next()
            .or_else(|| grants.first().map(|(_, r)| r.id.clone())),
        // The delegation the refused grant was signed under.
        DenyReason::DelegationExpired | DenyReason::OutsideDelegation => mine
            .filter_map(|(_, r)| Some((r.id.as_str(), r.delegation_id.as_ref()?)))
            .map(|(grant, delegation)| {
                crate::tlog::detail::Detail::default()
                    .with("grant", grant)
                    .with("delegation", delegation)
                    .build()
            })
            .next(),
        _ => None,
    }
}

/// What `decide` allowed: the grant to use, until when, and the account's login.
pub(crate) struct Allowed {
    pub grant_id: String,
    pub not_after: i64,
    /// The grant's signed limit on uses, for counting this one.
    pub max_uses: Option<u64>,
    login: String,
}

/// Runs `decide` over `records` (verified here).
fn decide_over(
    conn: &Connection,
    records: Vec<GrantRecord>,
    facts: &ReleaseContext<'_>,
) -> Result<(Decision, Vec<(GrantFacts, GrantRecord)>)> {
    let verified = grant_facts(conn, facts.key.as_ref(), facts.verified, records)?;
    let list: Vec<GrantFacts> = verified.iter().map(|(f, _)| f.clone()).collect();
    let decision = decide(
        facts.caller.name(),
        facts.caller.roles(),
        facts.account_id,
        facts.state,
        facts.sealed,
        &list,
        facts.now,
    );
    Ok((decision, verified))
}

/// What a decision is taken over, besides the grants.
struct ReleaseContext<'a> {
    caller: &'a Caller,
    account_id: &'a str,
    state: AccountState,
    sealed: bool,
    now: i64,
    key: Option<grants::AuthorityKey>,
    verified: &'a VerifiedGrants,
}

/// Selects the caller's live grants for the account, verifies them and runs `decide`; a denial
/// looks at a bounded number of past grants to name its reason, and becomes `Error::Denied`.
/// No step reads history: the cost is the same after ten years of grants and releases.
pub(crate) fn allowed_grant(
    tx: &Connection,
    verified: &VerifiedGrants,
    caller: &Caller,
    account_id: &str,
    sealed: bool,
    now: i64,
) -> Result<Allowed> {
    let account = accounts::release_facts(tx, account_id)?;
    let context = ReleaseContext {
        caller,
        account_id,
        state: match &account {
            None => AccountState::Unknown,
            Some(a) if a.archived => AccountState::Archived,
            Some(a) if a.required_signatures >= 2 => AccountState::ActiveTwoSignatures,
            Some(_) => AccountState::Active,
        },
        sealed,
        now,
        key: grants::current_authority_key(tx)?,
        verified,
    };
    let live = grants::live_grants_for(tx, caller.name(), account_id, now)?;
    let (decision, facts) = decide_over(tx, live, &context)?;
    match decision {
        Decision::Allow(grant_id) => {
            // The limit counted against is the signed one, which `decide` checked.
            let (not_after, max_uses) = facts
                .iter()
                .find(|(f, _)| f.id == grant_id)
                .and_then(|(f, r)| Some((r.not_after, f.body.as_ref()?.max_uses)))
                .ok_or_else(|| Error::Internal("allowed under a grant not verified".into()))?;
            let login = account
                .ok_or_else(|| Error::Internal("allowed without an account".into()))?
                .login;
            Ok(Allowed {
                grant_id,
                not_after,
                max_uses,
                login,
            })
        }
        Decision::Deny(reason) => {
            // Say why with the latest past grants too (expired, revoked...), a bounded few.
            let (reason, facts) = match reason {
                DenyReason::NoGrant
                | DenyReason::Exhausted
                | DenyReason::NotYetValid
                | DenyReason::BadSignature => {
                    let recent = grants::recent_grants_for(tx, caller.name(), account_id)?;
                    match decide_over(tx, recent, &context)? {
                        (Decision::Deny(past), facts) => (past, facts),
                        (Decision::Allow(_), _) => (reason, facts),
                    }
                }
                _ => (reason, facts),
            };
            Err(Error::Denied {
                reason,
                account: account_id.to_owned(),
                detail: denial_detail(reason, caller.name(), &facts, now),
                request: request_hint(tx, reason, caller.name(), account_id)?,
            })
        }
    }
}

/// The caller's own request that says more than "ask for a grant": one still pending (for any
/// refusal a new grant would cure), else, with no grant at all, the last one the authority
/// denied and why. Two lookups through partial indexes, each bounded (store/grants.rs).
fn request_hint(
    tx: &Connection,
    reason: DenyReason,
    caller: &str,
    account_id: &str,
) -> Result<Option<RequestHint>> {
    let cured_by_a_grant = matches!(
        reason,
        DenyReason::NoGrant | DenyReason::Expired | DenyReason::Revoked | DenyReason::Exhausted
    );
    if !cured_by_a_grant {
        return Ok(None);
    }
    if let Some(pending) = grants::pending_request_for(tx, caller, account_id)? {
        return Ok(Some(RequestHint {
            id: pending.id,
            denied: false,
            at: pending.at,
            reason: None,
        }));
    }
    // A denial older than a grant the caller had is stale news; with no grant, it is the news.
    if reason != DenyReason::NoGrant {
        return Ok(None);
    }
    Ok(
        grants::last_denial_for(tx, caller, account_id)?.map(|denied| RequestHint {
            id: denied.id,
            denied: true,
            at: denied.at,
            reason: denied.deny_reason,
        }),
    )
}

/// The caller as the writer sees it now: resolved before the transaction (and perhaps from the
/// remembered principals), it may have been disabled, renewed or re-roled since. Refused then,
/// in the release's own transaction, so no disable can race a release. One row by its key,
/// read only when some principal was written since the caller was looked up (the writer
/// counts those writes: store/principals_generation.rs).
pub(crate) fn still_holds_access(tx: &Connection, caller: &Caller) -> Result<()> {
    if caller.certificate().is_empty() {
        return Ok(()); // the vault's own acts
    }
    if caller.principals_unchanged() {
        return Ok(());
    }
    let Some(now) = principals::by_name(tx, caller.name())? else {
        return Err(Error::NotEnrolled);
    };
    if now.disabled {
        return Err(Error::Disabled(now.name));
    }
    if now.cert_fingerprint != caller.certificate() {
        return Err(Error::NotEnrolled);
    }
    match caller.roles().iter().find(|role| !now.roles.contains(role)) {
        Some(lost) => Err(Error::Forbidden(*lost)),
        None => Ok(()),
    }
}

/// The account's current value of `field` and its version, opened (None: never set).
pub(crate) fn open_latest(
    tx: &Connection,
    key: &DataKey,
    account_id: &str,
    field: Field,
) -> Result<Option<(u64, SecretBytes)>> {
    match secrets::latest_field(tx, account_id, field)? {
        None => Ok(None),
        Some((version, sealed)) => key
            .open(
                &Binding::secret(account_id, version, field.as_str()),
                &sealed,
            )
            .map(|v| Some((version, v)))
            .map_err(|e| {
                Error::Integrity(format!("{account_id} v{version} {}: {e}", field.as_str()))
            }),
    }
}

/// Decides, counts the use and reads the values, inside one transaction.
fn release_in(
    tx: &Connection,
    key: Option<&DataKey>,
    verified: &VerifiedGrants,
    caller: &Caller,
    account_id: &str,
    selection: Selection,
) -> Result<Release> {
    still_holds_access(tx, caller)?;
    let now = crate::store::now();
    let Allowed {
        grant_id,
        not_after: grant_not_after,
        max_uses,
        login,
    } = allowed_grant(tx, verified, caller, account_id, key.is_none(), now)?;
    let key = key.ok_or_else(|| Error::Internal("allowed while sealed".into()))?;
    // A staged value: only its stager's, checked before the use is counted.
    let staged = match selection {
        Selection::One(field) => field
            .staged()
            .map(|f| super::staged_release::staged_for(tx, caller, account_id, f))
            .transpose()?,
        Selection::Login => None,
    };
    if !grants::count_use(tx, &grant_id, max_uses)? {
        return Err(Error::Denied {
            reason: DenyReason::Exhausted,
            account: account_id.to_owned(),
            detail: None,
            request: None,
        });
    }
    let open = |f: Field| open_latest(tx, key, account_id, f);
    let login = || Released {
        field: CredentialField::Login,
        value: SecretBytes::new(login.clone().into_bytes()),
        version: 0,
        valid_for_secs: 0,
    };
    let password = || -> Result<Released> {
        let (version, value) =
            open(Field::Password)?.ok_or(Error::BadRequest(Unusable::NoPassword))?;
        grants::record_holding(
            tx,
            account_id,
            version,
            caller.name(),
            &grant_id,
            grant_not_after,
        )?;
        Ok(Released {
            field: CredentialField::Password,
            value,
            version,
            valid_for_secs: 0,
        })
    };
    // The current code, never the seed; None when the account has no seed.
    let totp = || -> Result<Option<Released>> {
        Ok(open(Field::Totp)?.map(|(_, seed)| {
            let (code, valid_for) = crate::authz::totp::current(seed.expose(), now.max(0) as u64);
            Released {
                field: CredentialField::Totp,
                value: SecretBytes::new(code.into_bytes()),
                version: 0,
                valid_for_secs: valid_for,
            }
        }))
    };
    let staged_value = |field: CredentialField| -> Result<Released> {
        let change = staged
            .as_ref()
            .ok_or_else(|| Error::Internal("no staged change checked".into()))?;
        let holder = StagedHolder {
            grantee: caller.name().to_owned(),
            grant_id: grant_id.clone(),
            grant_not_after,
        };
        let (value, valid_for_secs) =
            super::staged_release::open_for(tx, key, change, &holder, now)?;
        Ok(Released {
            field,
            value,
            version: 0,
            valid_for_secs,
        })
    };
    let values = match selection {
        Selection::One(CredentialField::Login) => vec![login()],
        Selection::One(field @ (CredentialField::PasswordStaged | CredentialField::TotpStaged)) => {
            vec![staged_value(field)?]
        }
        Selection::One(CredentialField::Password) => vec![password()?],
        Selection::One(CredentialField::Totp) => {
            vec![totp()?.ok_or(Error::BadRequest(Unusable::NoTotpSeed))?]
        }
        // A login without a 2FA seed is still a login: the reply and the entry say which
        // fields left, and the client says there is no seed.
        Selection::Login => [Some(login()), Some(password()?), totp()?]
            .into_iter()
            .flatten()
            .collect(),
    };
    Ok(Release {
        why: None,
        account_id: account_id.to_owned(),
        selection,
        values,
        grant_id,
        grant_not_after,
        stage_id: staged.map(|s| s.stage_id),
    })
}

impl Vault {
    /// Releases a credential field, or the three fields of a login, to `caller` if a valid
    /// grant allows it now. The attempt, allowed or denied, is in the audit log before this
    /// returns.
    pub async fn release(
        &self,
        caller: &Caller,
        account_id: &str,
        selection: impl Into<Selection>,
        why: Option<String>,
    ) -> Result<Release> {
        let selection = selection.into();
        let asked = match selection {
            Selection::One(field) => field.as_str(),
            Selection::Login => LOGIN_FIELDS,
        };
        let mut draft = caller.draft(Action::CredentialGet, account_id);
        draft.detail = Some(Detail::default().with("field", asked).build());
        let key: Option<Arc<DataKey>> = self.key().ok();
        let verified = self.verified_grants.clone();
        let caller = caller.clone();
        let account_id = account_id.to_owned();
        let released = self
            .audited(draft, move |tx| {
                if let Some(text) = &why {
                    crate::limits::check_text(
                        "reason",
                        text,
                        false,
                        crate::limits::MAX_REASON,
                        false,
                    )?;
                }
                let account_id = AccountId::parse(&account_id)?.to_string();
                let mut release = release_in(
                    tx,
                    key.as_deref(),
                    &verified,
                    &caller,
                    &account_id,
                    selection,
                )?;
                release.why = why;
                Ok(release)
            })
            .await;
        if let Ok(release) = &released {
            if release.value(CredentialField::Password).is_some() {
                // Held until its grant ends: a deadline for the clock, if nearer than its own.
                self.clock.wake_before(release.grant_not_after);
            }
        }
        released
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tlog::detail::field;

    fn value(field: CredentialField, version: u64) -> Released {
        Released {
            field,
            value: SecretBytes::new(b"x".to_vec()),
            version,
            valid_for_secs: 0,
        }
    }

    fn release(version: u64, why: Option<String>) -> Release {
        Release {
            why,
            account_id: "facebook-cest".into(),
            selection: Selection::One(CredentialField::Password),
            values: vec![value(CredentialField::Password, version)],
            grant_id: "g1".into(),
            grant_not_after: 0,
            stage_id: None,
        }
    }

    fn login(totp: bool) -> Release {
        let mut values = vec![
            value(CredentialField::Login, 0),
            value(CredentialField::Password, 3),
        ];
        if totp {
            values.push(value(CredentialField::Totp, 0));
        }
        Release {
            why: Some("publication".into()),
            selection: Selection::Login,
            values,
            ..release(3, None)
        }
    }

    #[test]
    fn a_login_entry_names_the_fields_released_and_the_password_version() {
        use crate::vault::audit_facts::AuditFacts;
        let all = login(true).audit_detail().unwrap();
        assert_eq!(
            all,
            "field=login+password+totp version=3 reason=publication"
        );
        // No 2FA seed: the entry says what did leave, not what was asked.
        let no_seed = login(false).audit_detail().unwrap();
        assert_eq!(field(&no_seed, "field"), Some("login+password"));
        assert_eq!(field(&no_seed, "version"), Some("3"));
        // A staged value names its stage, and no version (it is none yet).
        let mut staged = release(0, None);
        staged.values = vec![value(CredentialField::PasswordStaged, 0)];
        staged.stage_id = Some("s1".into());
        assert_eq!(
            staged.audit_detail().unwrap(),
            "field=password-staged stage=s1"
        );
        // A single login or TOTP code has no version.
        let mut code = release(0, None);
        code.values = vec![value(CredentialField::Totp, 0)];
        assert_eq!(code.audit_detail().unwrap(), "field=totp");
    }

    #[test]
    fn a_release_entry_holds_its_field_version_and_reason_as_separate_facts() {
        use crate::vault::audit_facts::AuditFacts;
        let plain = release(3, None).audit_detail().unwrap();
        assert_eq!(field(&plain, "field"), Some("password"));
        assert_eq!(field(&plain, "version"), Some("3"));
        assert_eq!(field(&plain, "reason"), None);
        let why = release(1, Some("campagne d'été version=9".into()))
            .audit_detail()
            .unwrap();
        assert_eq!(field(&why, "version"), Some("1"), "{why}");
        assert_eq!(field(&why, "reason"), Some("campagne d'été version=9"));
        // 500 characters of é are 1000 bytes: the reason is cut, the facts stay.
        let long = release(2, Some("é".repeat(500))).audit_detail().unwrap();
        let kept = crate::tlog::bounds::text(&long);
        assert_eq!(kept, long, "not an excerpt");
        assert_eq!(field(&kept, "version"), Some("2"));
        assert!(field(&kept, "reason").unwrap().starts_with("ééé"));
    }
}
