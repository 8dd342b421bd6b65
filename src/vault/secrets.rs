//! Secret versions: append a new one (sealed under the data key, in one transaction, so a crash
//! leaves the old version or the new one, never a torn one) and list their metadata.

use super::credentials::allowed_grant;
use super::{Caller, Vault};
use crate::crypto::data_key::Binding;
use crate::crypto::password;
use crate::ids::{AccountId, Role};
use crate::limits;
use crate::secret::SecretBytes;
use crate::store::secrets::{self, Field, VersionRecord};
use crate::store::{accounts, grants};
use crate::tlog::action::Action;
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;

/// What a `secret set` carries, already moved into zeroizing memory.
pub struct SecretInput {
    pub account_id: String,
    pub password: Option<SecretBytes>,
    /// Generate a password of this length inside the vault instead.
    pub generate_length: Option<u32>,
    /// The TOTP seed as base32 text, decoded and checked here.
    pub totp_seed: Option<SecretBytes>,
    pub reason: String,
}

/// Checks the input and settles the password (given, generated or none).
fn settle(input: &mut SecretInput) -> Result<(Option<SecretBytes>, bool)> {
    limits::check_reason(&input.reason)?;
    let settled = match (input.password.take(), input.generate_length) {
        (Some(_), Some(_)) => return Err(Error::BadRequest(Unusable::PasswordAndGenerate)),
        (Some(p), None) => {
            limits::check_password(p.expose())?;
            (Some(p), false)
        }
        (None, Some(length)) => {
            limits::check_generate_length(length)?;
            (Some(password::generate(length)), true)
        }
        (None, None) => (None, false),
    };
    if settled.0.is_none() && input.totp_seed.is_none() {
        return Err(Error::BadRequest(Unusable::NothingToSet));
    }
    if let Some(text) = input.totp_seed.take() {
        input.totp_seed = Some(limits::decode_totp_seed(text.expose())?);
    }
    Ok(settled)
}

/// A version set, and the grant it was set under (an administrator's): who set the password
/// under a grant holds it, and the entry says which grant, so a review report reading the log
/// alone knows the holding the vault records.
struct VersionSet {
    version: VersionRecord,
    under_grant: Option<String>,
}

impl crate::vault::audit_facts::AuditFacts for VersionSet {
    fn audit_grant(&self) -> Option<String> {
        self.under_grant.clone()
    }
    fn audit_detail(&self) -> Option<String> {
        self.version.audit_detail()
    }
}

impl Vault {
    /// Appends a secret version. Operators may; an administrator may for an account a valid
    /// grant gives them (after changing the password on the platform).
    pub async fn set_secret(
        &self,
        caller: &Caller,
        mut input: SecretInput,
    ) -> Result<VersionRecord> {
        let draft = caller.draft(Action::SecretSet, input.account_id.clone());
        let key = self.key();
        let verified = self.verified_grants.clone();
        let caller = caller.clone();
        let set = self
            .audited(draft, move |tx| {
                let account_id = AccountId::parse(&input.account_id)?.to_string();
                // The grant an administrator sets the password under (an operator needs none).
                let mut under_grant = None;
                if !caller.roles().contains(&Role::Operator) {
                    if !caller.roles().contains(&Role::Admin) {
                        return Err(Error::Forbidden(Role::Operator));
                    }
                    under_grant = Some(allowed_grant(
                        tx,
                        &verified,
                        &caller,
                        &account_id,
                        key.is_err(),
                        crate::store::now(),
                    )?);
                    // An administrator stores the password they set on the platform; 2FA seeds
                    // are the operator's.
                    if input.totp_seed.is_some() {
                        return Err(Error::Forbidden(Role::Operator));
                    }
                }
                let (password, generated) = settle(&mut input)?;
                let key = key?;
                let account = accounts::get(tx, &account_id)?
                    .ok_or_else(|| Error::UnknownAccount(account_id.clone()))?;
                if account.archived {
                    return Err(Error::Archived(account_id));
                }
                let version = secrets::next_version(tx, &account_id)?;
                secrets::insert_version(
                    tx,
                    &account_id,
                    version,
                    caller.name(),
                    &input.reason,
                    generated,
                )?;
                for (field, value) in [
                    (Field::Password, &password),
                    (Field::Totp, &input.totp_seed),
                ] {
                    if let Some(value) = value {
                        let sealed = key.seal(
                            &Binding::secret(&account_id, version, field.as_str()),
                            value.expose(),
                        );
                        secrets::insert_field(tx, &account_id, version, field, &sealed)?;
                    }
                }
                // Whoever set it under a grant knows it: when that grant ends, rotation is due.
                let mut holding_grant = None;
                if let (Some(grant), Some(_)) = (&under_grant, &password) {
                    grants::record_holding(
                        tx,
                        &account_id,
                        version,
                        caller.name(),
                        &grant.grant_id,
                        grant.not_after,
                    )?;
                    holding_grant = Some(grant.grant_id.clone());
                }
                let version = secrets::version(tx, &account_id, version)?
                    .ok_or_else(|| Error::Internal("new version vanished".into()))?;
                Ok(VersionSet {
                    version,
                    under_grant: holding_grant,
                })
            })
            .await
            .map(|set| set.version);
        if set.is_ok() {
            // A password set under a grant is held until the grant ends: a deadline for the clock.
            self.clock.wake();
        }
        set
    }

    pub async fn secret_history(&self, account_id: &str) -> Result<Vec<VersionRecord>> {
        let id = AccountId::parse(account_id)?.to_string();
        let key = id.clone();
        let (exists, history) = self
            .store
            .run(move |c| {
                Ok((
                    accounts::get(c, &key)?.is_some(),
                    secrets::history(c, &key)?,
                ))
            })
            .await?;
        if !exists {
            return Err(Error::UnknownAccount(id));
        }
        Ok(history)
    }

    /// Opens every stored sealed value once, to prove none is torn or tampered with. Returns how
    /// many were checked.
    pub async fn check_integrity(&self) -> Result<u64> {
        let key = self.key()?;
        let (fields, staged) = self
            .store
            .run(|c| Ok((secrets::all_fields(c)?, crate::store::staged::all(c)?)))
            .await?;
        for change in &staged {
            let binding =
                Binding::staged(&change.account_id, &change.stage_id, change.field.as_str());
            key.open(&binding, &change.sealed).map_err(|e| {
                Error::Integrity(format!(
                    "{} staged {}: {e}",
                    change.account_id, change.stage_id
                ))
            })?;
        }
        for f in &fields {
            key.open(
                &Binding::secret(&f.account_id, f.version, &f.field),
                &f.sealed,
            )
            .map_err(|e| {
                Error::Integrity(format!("{} v{} {}: {e}", f.account_id, f.version, f.field))
            })?;
        }
        Ok((fields.len() + staged.len()) as u64)
    }
}
