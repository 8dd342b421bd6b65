//! Sealing and unsealing: putting the data key in memory (from an age identity file or a
//! passphrase) and forgetting it. Wrong passphrases are throttled.

use super::{Caller, Vault};
use crate::crypto::data_key::{Binding, DataKey};
use crate::crypto::data_key_wrap;
use crate::secret::SecretString;
use crate::store::meta::{self, WrapKind};
use crate::tlog::action::Action;
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The plaintext sealed at init under the data key, to tell the right key from a wrong one.
pub(crate) const KEY_CHECK_PLAINTEXT: &[u8] = b"vaultd data key check";
const KEY_CHECK_BINDING: &str = "key-check";

/// Wrong passphrases allowed before a lock-out.
const FREE_FAILURES: u32 = 3;
const FIRST_LOCKOUT: Duration = Duration::from_secs(5);
const MAX_LOCKOUT: Duration = Duration::from_secs(300);

/// Failed passphrase attempts; from the fourth on, each locks unsealing for a doubling while.
#[derive(Debug, Default)]
pub(super) struct Throttle {
    failures: u32,
    locked_until: Option<Instant>,
}

impl Throttle {
    pub(super) fn check(&self, now: Instant) -> Result<()> {
        match self.locked_until {
            Some(until) if until > now => {
                Err(Error::TooManyAttempts((until - now).as_secs().max(1)))
            }
            _ => Ok(()),
        }
    }

    pub(super) fn fail(&mut self, now: Instant) {
        self.failures += 1;
        if self.failures >= FREE_FAILURES {
            let doublings = (self.failures - FREE_FAILURES).min(16);
            let lockout = (FIRST_LOCKOUT * 2u32.pow(doublings)).min(MAX_LOCKOUT);
            self.locked_until = Some(now + lockout);
        }
    }

    pub(super) fn succeed(&mut self) {
        *self = Self::default();
    }
}

/// Which wrapping an identity file opened.
enum UnsealedWith {
    UnsealKey,
    /// An escrow recipient's key (break-glass), by its recipient.
    Escrow(String),
}

/// Whether `key` opens the vault's key check (`sealed`, from `vault_meta`): it is this vault's
/// data key.
pub(crate) fn opens_key_check(key: &DataKey, sealed: &[u8]) -> bool {
    key.open(&Binding::vault_key(KEY_CHECK_BINDING), sealed)
        .is_ok()
}

pub(crate) fn seal_key_check(key: &DataKey) -> Vec<u8> {
    key.seal(&Binding::vault_key(KEY_CHECK_BINDING), KEY_CHECK_PLAINTEXT)
}

impl Vault {
    fn install_key(&self, key: DataKey) -> Result<()> {
        *self
            .data_key
            .write()
            .map_err(|_| Error::Internal("data key lock poisoned".into()))? = Some(Arc::new(key));
        Ok(())
    }

    /// Confirms that `key` is this vault's data key.
    async fn check_key(&self, key: DataKey) -> Result<DataKey> {
        let sealed = self
            .store
            .run(|c| meta::require(c, meta::names::KEY_CHECK))
            .await?;
        if !opens_key_check(&key, &sealed) {
            return Err(Error::Integrity(
                "the unwrapped key is not this vault's data key".into(),
            ));
        }
        Ok(key)
    }

    /// Unseals with the contents of an age identity file (automatic unseal at start); audited
    /// as the vault itself.
    pub async fn unseal_with_identity(&self, identity_file: &SecretString) -> Result<()> {
        self.unseal_with_identity_as(&Caller::system("vaultd"), identity_file)
            .await
            .map(|_| ())
    }

    /// Unseals with the contents of an age identity file sent by an operator (`vault-cli
    /// unseal --key-file`). Returns true when the vault was already unsealed. The entry says
    /// which key it was: the unseal identity, or an escrow key (break-glass) by its recipient.
    pub async fn unseal_with_identity_as(
        &self,
        caller: &Caller,
        identity_file: &SecretString,
    ) -> Result<bool> {
        let mut draft = caller.draft(Action::VaultUnseal, "vault");
        draft.detail = Some("identity file".into());
        if !self.is_sealed() {
            return self.record(draft, Ok(true)).await;
        }
        let result = self.unseal_with_identity_inner(identity_file).await;
        if let Ok(UnsealedWith::Escrow(recipient)) = &result {
            draft.detail = Some(format!("escrow key {recipient}"));
        }
        self.record(draft, result.map(|_| false)).await
    }

    async fn unseal_with_identity_inner(
        &self,
        identity_file: &SecretString,
    ) -> Result<UnsealedWith> {
        let recipient = data_key_wrap::recipient_of(identity_file)
            .map_err(|_| Error::BadRequest(Unusable::NotAgeIdentity))?;
        let wraps = self
            .store
            .run(|c| {
                let mut all = meta::wraps(c, WrapKind::Identity)?;
                all.extend(meta::wraps(c, WrapKind::Escrow)?);
                Ok(all)
            })
            .await?;
        let wrap = wraps
            .iter()
            .find(|w| w.label == recipient)
            .ok_or(Error::BadRequest(Unusable::WrongUnsealIdentity))?;
        let key = data_key_wrap::unwrap_with_identity(&wrap.wrapped, identity_file)
            .map_err(|e| Error::Integrity(e.to_string()))?;
        let key = self.check_key(key).await?;
        self.ensure_key_copies(&key).await?;
        self.install_key(key)?;
        Ok(match wrap.kind {
            WrapKind::Escrow => UnsealedWith::Escrow(wrap.label.clone()),
            _ => UnsealedWith::UnsealKey,
        })
    }

    /// Unseals with the passphrase. Returns true when the vault was already unsealed. Every
    /// attempt is audited; the key is installed only once its entry is durable.
    pub async fn unseal_with_passphrase(
        &self,
        caller: &Caller,
        passphrase: SecretString,
    ) -> Result<bool> {
        let mut draft = caller.draft(Action::VaultUnseal, "vault");
        draft.detail = Some("passphrase".into());
        let _one_at_a_time = self.unseal_gate.lock().await;
        let result = self.open_with_passphrase(passphrase).await;
        match result {
            Ok(Some(key)) => {
                self.record(draft, Ok(())).await?;
                self.install_key(key)?;
                Ok(false)
            }
            Ok(None) => self.record(draft, Ok(true)).await,
            Err(e) => self.record(draft, Err(e)).await,
        }
    }

    /// Checks the passphrase (throttled); None when already unsealed.
    async fn open_with_passphrase(&self, passphrase: SecretString) -> Result<Option<DataKey>> {
        if !self.is_sealed() {
            return Ok(None);
        }
        self.throttle()?.check(Instant::now())?;
        let wraps = self
            .store
            .run(|c| meta::wraps(c, WrapKind::Passphrase))
            .await?;
        if wraps.is_empty() {
            return Err(Error::NoPassphrase);
        }
        // scrypt is slow on purpose: keep it off the async workers.
        let opened = tokio::task::spawn_blocking(move || {
            wraps
                .iter()
                .find_map(|w| data_key_wrap::unwrap_with_passphrase(&w.wrapped, &passphrase).ok())
        })
        .await
        .map_err(|e| Error::Internal(e.to_string()))?;
        match opened {
            Some(key) => {
                let key = self.check_key(key).await?;
                self.throttle()?.succeed();
                self.ensure_key_copies(&key).await?;
                Ok(Some(key))
            }
            None => {
                self.throttle()?.fail(Instant::now());
                Err(Error::BadPassphrase)
            }
        }
    }

    pub(super) fn throttle(&self) -> Result<std::sync::MutexGuard<'_, Throttle>> {
        self.unseal_attempts
            .lock()
            .map_err(|_| Error::Internal("throttle lock poisoned".into()))
    }

    /// Forgets the data key. Returns true when it was already sealed. Sealing happens even if
    /// the audit entry cannot be written (it is the safe direction); the caller is told.
    pub async fn seal(&self, caller: &Caller) -> Result<bool> {
        let already = {
            let mut slot = self
                .data_key
                .write()
                .map_err(|_| Error::Internal("data key lock poisoned".into()))?;
            slot.take().is_none()
        };
        // Every stream ends: what it was opened under no longer holds.
        self.sessions.sealed();
        self.record(caller.draft(Action::VaultSeal, "vault"), Ok(already))
            .await
    }

    /// Installs a key just made by a rekey (its wrappings and re-sealed values committed).
    pub(crate) fn install_new_key(&self, key: DataKey) -> Result<()> {
        self.install_key(key)
    }

    /// Installs a key just created by `vaultd init` (no unwrap needed).
    pub(crate) fn unseal_with_new_key(&self, key: DataKey) -> Result<()> {
        self.install_key(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_throttle_locks_after_three_failures_and_doubles() {
        let mut t = Throttle::default();
        let now = Instant::now();
        for _ in 0..2 {
            t.fail(now);
            assert!(t.check(now).is_ok());
        }
        t.fail(now);
        assert!(matches!(t.check(now), Err(Error::TooManyAttempts(5))));
        assert!(t.check(now + Duration::from_secs(6)).is_ok());
        t.fail(now);
        assert!(matches!(t.check(now), Err(Error::TooManyAttempts(10))));
        for _ in 0..20 {
            t.fail(now);
        }
        assert!(matches!(t.check(now), Err(Error::TooManyAttempts(300))));
        t.succeed();
        assert!(t.check(now).is_ok());
    }
}
