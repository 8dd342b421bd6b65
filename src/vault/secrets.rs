//! Secret versions: append a new one (sealed under the data key, in one transaction, so a crash
//! leaves the old version or the new one, never a torn one) and list their metadata.

use super::{Caller, Vault};
use crate::crypto::data_key::Binding;
use crate::crypto::password;
use crate::error::{Error, Result};
use crate::ids::AccountId;
use crate::limits;
use crate::secret::SecretBytes;
use crate::store::accounts;
use crate::store::secrets::{self, Field, VersionRecord};

/// What a `secret set` carries, already moved into zeroizing memory.
pub struct SecretInput {
    pub account_id: String,
    pub password: Option<SecretBytes>,
    /// Generate a password of this length inside the vault instead.
    pub generate_length: Option<u32>,
    /// The decoded TOTP seed.
    pub totp_seed: Option<SecretBytes>,
    pub reason: String,
}

enum Refusal {
    Unknown,
    Archived,
}

impl Vault {
    pub async fn set_secret(&self, caller: &Caller, input: SecretInput) -> Result<VersionRecord> {
        let account_id = AccountId::parse(&input.account_id)?.to_string();
        limits::check_reason(&input.reason)?;
        let (password, generated) = match (input.password, input.generate_length) {
            (Some(_), Some(_)) => return Err(Error::BadRequest("password and generate together")),
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
        if password.is_none() && input.totp_seed.is_none() {
            return Err(Error::BadRequest(
                "nothing to set: give a password or a TOTP seed",
            ));
        }
        let key = self.key()?;
        let by = caller.name().to_owned();
        let reason = input.reason;
        let totp = input.totp_seed;
        let id = account_id.clone();
        let outcome = self
            .store
            .write(move |tx| {
                let Some(account) = accounts::get(tx, &id)? else {
                    return Ok(Err(Refusal::Unknown));
                };
                if account.archived {
                    return Ok(Err(Refusal::Archived));
                }
                let version = secrets::next_version(tx, &id)?;
                secrets::insert_version(tx, &id, version, &by, &reason, generated)?;
                for (field, value) in [(Field::Password, &password), (Field::Totp, &totp)] {
                    if let Some(value) = value {
                        let sealed = key.seal(
                            &Binding::secret(&id, version, field.as_str()),
                            value.expose(),
                        );
                        secrets::insert_field(tx, &id, version, field, &sealed)?;
                    }
                }
                let history = secrets::history(tx, &id)?;
                Ok(Ok(history.into_iter().find(|v| v.version == version)))
            })
            .await?;
        match outcome {
            Err(Refusal::Unknown) => Err(Error::UnknownAccount(account_id)),
            Err(Refusal::Archived) => Err(Error::Archived(account_id)),
            Ok(Some(version)) => Ok(version),
            Ok(None) => Err(Error::Internal("new version vanished".into())),
        }
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
        let fields = self.store.run(|c| secrets::all_fields(c)).await?;
        for f in &fields {
            key.open(
                &Binding::secret(&f.account_id, f.version, &f.field),
                &f.sealed,
            )
            .map_err(|e| {
                Error::Integrity(format!("{} v{} {}: {e}", f.account_id, f.version, f.field))
            })?;
        }
        Ok(fields.len() as u64)
    }
}
