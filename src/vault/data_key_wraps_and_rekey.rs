//! What an operator does to the data key: its wrappings (listing them, removing escrow
//! recipients, changing the unseal passphrase; adding a recipient or replacing the unseal key
//! needs the authority's approval, see `key_custody`; vault unsealed:
//! each wraps the data key in memory again, nothing is re-sealed), and rekeying it (`vaultd
//! rekey`, daemon stopped: a new data key, every sealed value re-sealed and every wrapping
//! remade in one transaction). Each is on the audit record. The age wrapping itself is
//! `crypto::data_key_wrap`.
//!
//! Removing a recipient or replacing a key stops it opening the vault's current database, not
//! copies made before (backups are encrypted to whoever the recipients were then): rekey after
//! removing a recipient you no longer trust.

use super::sealed_key_file_copies::KeyFileContents;
use super::{Caller, Vault};
use crate::crypto::data_key::{Binding, DataKey};
use crate::crypto::data_key_wrap;
use crate::secret::SecretString;
use crate::store::meta::{self, names, KeyWrap, WrapKind};
use crate::store::secrets;
use crate::tlog::action::Action;
use crate::vault::audit_facts::AuditFacts;
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;
use std::time::Instant;

/// One way to open the data key, as shown to an operator (never the wrapped bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrapView {
    pub kind: WrapKind,
    /// The age recipient (unseal key, escrow); empty for the passphrase.
    pub recipient: String,
    pub created_at: i64,
}

/// The wrappings after a change.
#[derive(Debug, Clone)]
pub struct Wraps(pub Vec<WrapView>);

impl AuditFacts for Wraps {
    fn audit_detail(&self) -> Option<String> {
        let count = |kind| self.0.iter().filter(|w| w.kind == kind).count();
        Some(format!(
            "now {} unseal key(s), {} passphrase(s), {} escrow recipient(s)",
            count(WrapKind::Identity),
            count(WrapKind::Passphrase),
            count(WrapKind::Escrow)
        ))
    }
}

/// What a rekey did.
#[derive(Debug, Clone, Copy)]
pub struct Rekeyed {
    pub values: u64,
    pub wraps: usize,
}

impl AuditFacts for Rekeyed {
    fn audit_detail(&self) -> Option<String> {
        Some(format!(
            "new data key; {} secret values re-sealed; {} wrapping(s)",
            self.values, self.wraps
        ))
    }
}

pub(super) fn views(
    conn: &rusqlite::Connection,
) -> std::result::Result<Wraps, crate::store::StoreError> {
    Ok(Wraps(
        meta::all_wraps(conn)?
            .into_iter()
            .map(|(w, created_at)| WrapView {
                kind: w.kind,
                recipient: w.label,
                created_at,
            })
            .collect(),
    ))
}

/// Wraps the data key to an age recipient and keeps the wrapping as `kind`.
pub(super) fn add_recipient_wrap(
    tx: &rusqlite::Transaction<'_>,
    key: &DataKey,
    kind: WrapKind,
    recipient: String,
) -> Result<()> {
    let wrapped = data_key_wrap::wrap_to_recipient(key, &recipient)
        .map_err(|_| Error::BadRequest(Unusable::EscrowNotRecipient))?;
    meta::add_wrap(
        tx,
        &KeyWrap {
            kind,
            label: recipient,
            wrapped,
        },
    )?;
    Ok(())
}

/// Keeps `wrapped` (the data key sealed under the passphrase's scrypt key) as the passphrase's
/// wrapping (the vault has at most one).
fn add_passphrase_wrap(
    tx: &rusqlite::Transaction<'_>,
    wrapped: Vec<u8>,
) -> std::result::Result<(), crate::store::StoreError> {
    meta::add_wrap(
        tx,
        &KeyWrap {
            kind: WrapKind::Passphrase,
            label: String::new(),
            wrapped,
        },
    )
}

pub(super) fn parse_recipient(recipient: &str) -> Result<String> {
    let recipient = recipient.trim();
    recipient
        .parse::<age::x25519::Recipient>()
        .map_err(|_| Error::BadRequest(Unusable::EscrowNotRecipient))?;
    Ok(recipient.to_owned())
}

impl Vault {
    /// The vault's wrappings of its data key.
    pub async fn key_wraps(&self, caller: &Caller) -> Result<Wraps> {
        let result = self.store.run(|c| views(c)).await.map_err(Error::from);
        self.record(caller.draft(Action::KeyList, "vault"), result)
            .await
    }

    /// Removes an escrow recipient's wrapping (never the last way to unseal).
    pub async fn remove_escrow(&self, caller: &Caller, recipient: &str) -> Result<Wraps> {
        let draft = caller.draft(Action::KeyEscrowRemove, recipient);
        let recipient = recipient.trim().to_owned();
        let sealed = self.is_sealed();
        self.audited(draft, move |tx| {
            if sealed {
                return Err(Error::Sealed);
            }
            let all = meta::all_wraps(tx)?;
            if !all
                .iter()
                .any(|(w, _)| w.kind == WrapKind::Escrow && w.label == recipient)
            {
                return Err(Error::BadRequest(Unusable::NoSuchRecipient));
            }
            if all.len() == 1 {
                return Err(Error::BadRequest(Unusable::LastUnsealMethod));
            }
            meta::remove_wraps(tx, WrapKind::Escrow, Some(&recipient))?;
            Ok(views(tx)?)
        })
        .await
    }

    /// Sets the unseal passphrase: `current` must open the existing one (throttled like
    /// unsealing); a vault without one gets one (`current` None).
    pub async fn change_passphrase(
        &self,
        caller: &Caller,
        current: Option<SecretString>,
        new: SecretString,
    ) -> Result<Wraps> {
        let draft = caller.draft(Action::KeyPassphraseChange, "vault");
        let checked = self.check_current_passphrase(current).await;
        let key = self.key();
        let wrapped = match (&checked, &key) {
            (Ok(()), Ok(key)) => {
                let (key, new) = (key.clone(), new);
                tokio::task::spawn_blocking(move || data_key_wrap::wrap_to_passphrase(&key, &new))
                    .await
                    .map_err(|e| Error::Internal(e.to_string()))?
                    .map_err(|e| Error::Internal(e.to_string()))
            }
            _ => Ok(Vec::new()),
        };
        self.audited(draft, move |tx| {
            checked?;
            key?;
            let wrapped = wrapped?;
            meta::remove_wraps(tx, WrapKind::Passphrase, None)?;
            add_passphrase_wrap(tx, wrapped)?;
            Ok(views(tx)?)
        })
        .await
    }

    /// Confirms the current passphrase opens a passphrase wrapping to this vault's data key;
    /// a vault with none needs none. Wrong attempts count toward the unseal throttle.
    async fn check_current_passphrase(&self, current: Option<SecretString>) -> Result<()> {
        let key = self.key()?;
        let wraps = self
            .store
            .run(|c| meta::wraps(c, WrapKind::Passphrase))
            .await?;
        if wraps.is_empty() {
            return Ok(());
        }
        let current = current.ok_or(Error::BadRequest(Unusable::PassphraseNeeded))?;
        // One attempt at a time, as for unsealing, so the throttle counts each before the next.
        let _one_at_a_time = self.unseal_gate.lock().await;
        self.throttle()?.check(Instant::now())?;
        let opens = tokio::task::spawn_blocking(move || {
            wraps.iter().any(|w| {
                data_key_wrap::unwrap_with_passphrase(&w.wrapped, &current)
                    .is_ok_and(|k| k.expose() == key.expose())
            })
        })
        .await
        .map_err(|e| Error::Internal(e.to_string()))?;
        if opens {
            self.throttle()?.succeed();
            Ok(())
        } else {
            self.throttle()?.fail(Instant::now());
            Err(Error::BadPassphrase)
        }
    }

    /// Replaces the data key: every secret value, the CA key, the key files' copies and the
    /// key check are re-sealed under a new key, and every wrapping is remade for the same
    /// recipients (and the passphrase, which must then be given), all in one transaction.
    /// For `vaultd rekey` with the daemon stopped (nothing else seals meanwhile), so it is
    /// recorded as the vault's own act.
    pub async fn rekey(&self, passphrase: Option<SecretString>) -> Result<Rekeyed> {
        let draft = Caller::system("vaultd-rekey").draft(Action::VaultRekey, "vault");
        let copy = passphrase
            .as_ref()
            .map(|p| SecretString::new(p.expose().to_owned()));
        let checked = self.check_current_passphrase(copy).await;
        let old = self.key();
        let new = DataKey::generate();
        // The passphrase wrapping (scrypt) is made before the transaction, off the writer.
        let new_passphrase_wrap = match (&checked, passphrase) {
            (Ok(()), Some(pass)) => {
                let key = DataKey::from_bytes(new.expose())
                    .map_err(|e| Error::Internal(e.to_string()))?;
                Some(
                    tokio::task::spawn_blocking(move || {
                        data_key_wrap::wrap_to_passphrase(&key, &pass)
                    })
                    .await
                    .map_err(|e| Error::Internal(e.to_string()))?
                    .map_err(|e| Error::Internal(e.to_string()))?,
                )
            }
            _ => None,
        };
        let installed =
            DataKey::from_bytes(new.expose()).map_err(|e| Error::Internal(e.to_string()))?;
        let result = self
            .audited(draft, move |tx| {
                checked?;
                let old = old?;
                let values = secrets::reseal_all(tx, |f| {
                    let binding = Binding::secret(&f.account_id, f.version, &f.field);
                    let plain = old.open(&binding, &f.sealed).map_err(|e| {
                        Error::Integrity(format!(
                            "{} v{} {}: {e}",
                            f.account_id, f.version, f.field
                        ))
                    })?;
                    Ok::<_, Error>(new.seal(&binding, plain.expose()))
                })?;
                let values = values + reseal_staged(tx, &old, &new)?;
                reseal_vault_values(tx, &old, &new)?;
                let wraps = rewrap(tx, &new, new_passphrase_wrap)?;
                Ok(Rekeyed { values, wraps })
            })
            .await?;
        self.install_new_key(installed)?;
        Ok(result)
    }
}

/// Re-seals the staged changes (new passwords waiting for their confirmation). Returns how many.
fn reseal_staged(tx: &rusqlite::Transaction<'_>, old: &DataKey, new: &DataKey) -> Result<u64> {
    let changes = crate::store::staged::all(tx)?;
    for change in &changes {
        let binding = Binding::staged(&change.account_id, &change.stage_id, change.field.as_str());
        let plain = old.open(&binding, &change.sealed).map_err(|e| {
            Error::Integrity(format!(
                "{} staged {}: {e}",
                change.account_id, change.stage_id
            ))
        })?;
        crate::store::staged::reseal(tx, &change.account_id, &new.seal(&binding, plain.expose()))?;
    }
    Ok(changes.len() as u64)
}

/// Re-seals the values kept in `vault_meta` under the data key.
fn reseal_vault_values(tx: &rusqlite::Transaction<'_>, old: &DataKey, new: &DataKey) -> Result<()> {
    let copies = KeyFileContents::open_sealed(tx, old)?
        .ok_or(Error::BadRequest(Unusable::KeyCopiesMissing))?;
    for (name, value) in copies.sealed_rows(new) {
        meta::put(tx, name, &value)?;
    }
    let sealed_ca = meta::require(tx, names::CA_KEY_SEALED)?;
    let ca_binding = Binding::vault_key(super::CA_KEY_BINDING);
    let ca_key = old
        .open(&ca_binding, &sealed_ca)
        .map_err(|e| Error::Integrity(format!("CA key: {e}")))?;
    meta::put(
        tx,
        names::CA_KEY_SEALED,
        &new.seal(&ca_binding, ca_key.expose()),
    )?;
    meta::put(tx, names::KEY_CHECK, &super::seal_key_check(new))?;
    Ok(())
}

/// Remakes every wrapping for the new key: the same age recipients, and the passphrase's
/// (already made) when the vault has one. Returns how many there are.
fn rewrap(
    tx: &rusqlite::Transaction<'_>,
    new: &DataKey,
    passphrase_wrap: Option<Vec<u8>>,
) -> Result<usize> {
    let old = meta::all_wraps(tx)?;
    let had_passphrase = old.iter().any(|(w, _)| w.kind == WrapKind::Passphrase);
    if had_passphrase && passphrase_wrap.is_none() {
        return Err(Error::BadRequest(Unusable::PassphraseNeeded));
    }
    for kind in [WrapKind::Identity, WrapKind::Passphrase, WrapKind::Escrow] {
        meta::remove_wraps(tx, kind, None)?;
    }
    let mut count = 0;
    for (wrap, _) in old.iter().filter(|(w, _)| w.kind != WrapKind::Passphrase) {
        let wrapped = data_key_wrap::wrap_to_recipient(new, &wrap.label)
            .map_err(|e| Error::Internal(e.to_string()))?;
        meta::add_wrap(
            tx,
            &KeyWrap {
                kind: wrap.kind,
                label: wrap.label.clone(),
                wrapped,
            },
        )?;
        count += 1;
    }
    if let Some(wrapped) = passphrase_wrap.filter(|_| had_passphrase) {
        add_passphrase_wrap(tx, wrapped)?;
        count += 1;
    }
    Ok(count)
}
