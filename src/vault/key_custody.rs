//! Who may add a way to open the data key. A new escrow recipient or unseal key opens every
//! secret of every backup, so an operator only proposes it; it takes effect when the authority
//! approves it with a statement signed by her pinned key (`authz::key_custody`), verified here in
//! the same transaction that wraps the key. The proposal and the approval are each on the audit
//! record; the approval's signed bytes stay in `key_changes` as evidence.
//!
//! With the daemon stopped, the holder of the unseal key on the server may do the same directly
//! (`vaultd keys`), as for `vaultd authority-key`: that key already opens everything.

use super::data_key_wraps_and_rekey::{add_recipient_wrap, parse_recipient, views, Wraps};
use super::{Caller, Vault};
use crate::authz::grant;
use crate::authz::key_custody::{CustodyAction, CustodyApproval};
use crate::store::grants::current_authority_key;
use crate::store::key_changes::{self, KeyChangeRecord};
use crate::store::meta::{self, names, WrapKind};
use crate::tlog::action::Action;
use crate::vault::audit_facts::AuditFacts;
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;

/// How long a proposal waits for the authority before it lapses.
pub const PROPOSAL_LIFETIME_SECS: i64 = 7 * 86_400;
/// How many proposals may wait at once: an operator cannot fill the table.
pub const MAX_PENDING: usize = 16;
/// A statement is a few hundred bytes; anything much longer is not one.
const MAX_STATEMENT_BYTES: usize = 4096;
/// How far an approval's time may stray from the vault's clock (and precede the proposal).
const CLOCK_SKEW_SECS: i64 = 300;

/// A proposed change as shown to the operator who proposed it and to the authority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyChange {
    pub id: String,
    pub action: CustodyAction,
    pub recipient: String,
    pub proposed_by: String,
    pub proposed_at: i64,
    /// What the authority's statement must name.
    pub vault_id: String,
}

impl AuditFacts for KeyChange {
    fn audit_detail(&self) -> Option<String> {
        Some(format!(
            "{} {}; change {}; waits for the authority's approval",
            self.action.code(),
            self.recipient,
            self.id
        ))
    }
}

/// The pending changes.
#[derive(Debug, Clone)]
pub struct KeyChanges(pub Vec<KeyChange>);

impl AuditFacts for KeyChanges {
    fn audit_detail(&self) -> Option<String> {
        Some(format!("{} pending", self.0.len()))
    }
}

/// What an approval did.
#[derive(Debug, Clone)]
pub struct Approved {
    pub change: KeyChange,
    pub key_id: String,
    pub wraps: Wraps,
}

impl AuditFacts for Approved {
    fn audit_detail(&self) -> Option<String> {
        let c = &self.change;
        Some(format!(
            "{} {}; change {} proposed by {}; approved under authority key {}",
            c.action.code(),
            c.recipient,
            c.id,
            c.proposed_by,
            self.key_id
        ))
    }
}

/// Whether `id` looks like a change id (128 bits, lowercase hex).
fn is_change_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The audit action of a proposal of `action`.
pub fn proposal_action(action: CustodyAction) -> Action {
    match action {
        CustodyAction::EscrowAdd => Action::KeyEscrowPropose,
        CustodyAction::UnsealReplace => Action::KeyUnsealPropose,
    }
}

fn view(record: KeyChangeRecord, vault_id: &str) -> Result<KeyChange> {
    let action = CustodyAction::from_code(&record.action)
        .ok_or_else(|| Error::Integrity(format!("key change {}: unknown action", record.id)))?;
    Ok(KeyChange {
        id: record.id,
        action,
        recipient: record.recipient,
        proposed_by: record.proposed_by,
        proposed_at: record.proposed_at,
        vault_id: vault_id.to_owned(),
    })
}

fn vault_id(conn: &rusqlite::Connection) -> Result<String> {
    Ok(meta::require_text(conn, names::VAULT_ID)?)
}

/// The changes still waiting (those older than the lifetime have lapsed).
fn pending(conn: &rusqlite::Connection, now: i64) -> Result<Vec<KeyChange>> {
    let id = vault_id(conn)?;
    key_changes::pending_since(conn, now - PROPOSAL_LIFETIME_SECS)?
        .into_iter()
        .map(|r| view(r, &id))
        .collect()
}

/// Applies a change to the wrappings (the data key in memory).
fn apply(
    tx: &rusqlite::Transaction<'_>,
    key: &crate::crypto::data_key::DataKey,
    action: CustodyAction,
    recipient: &str,
) -> Result<Wraps> {
    let wraps = meta::all_wraps(tx)?;
    let already = match action {
        CustodyAction::EscrowAdd => wraps.iter().any(|(w, _)| w.label == recipient),
        CustodyAction::UnsealReplace => wraps
            .iter()
            .any(|(w, _)| w.kind == WrapKind::Escrow && w.label == recipient),
    };
    if already {
        return Err(Error::BadRequest(Unusable::AlreadyRecipient));
    }
    match action {
        CustodyAction::EscrowAdd => {
            add_recipient_wrap(tx, key, WrapKind::Escrow, recipient.to_owned())?
        }
        CustodyAction::UnsealReplace => {
            meta::remove_wraps(tx, WrapKind::Identity, None)?;
            add_recipient_wrap(tx, key, WrapKind::Identity, recipient.to_owned())?;
        }
    }
    Ok(views(tx)?)
}

impl Vault {
    /// An operator's proposal: recorded, nothing wrapped until the authority approves.
    pub async fn propose_key_change(
        &self,
        caller: &Caller,
        action: CustodyAction,
        recipient: &str,
    ) -> Result<KeyChange> {
        let draft = caller.draft(proposal_action(action), recipient);
        let recipient = parse_recipient(recipient);
        let proposed_by = caller.name().to_owned();
        self.audited(draft, move |tx| {
            let recipient = recipient?;
            let now = crate::store::now();
            let waiting = pending(tx, now)?;
            if waiting.len() >= MAX_PENDING {
                return Err(Error::BadRequest(Unusable::TooManyKeyChanges));
            }
            if meta::all_wraps(tx)?
                .iter()
                .any(|(w, _)| w.label == recipient)
            {
                return Err(Error::BadRequest(Unusable::AlreadyRecipient));
            }
            let record = KeyChangeRecord {
                id: hex::encode(crate::crypto::random_bytes::<16>()),
                action: action.code().to_owned(),
                recipient,
                proposed_by,
                proposed_at: now,
                state: "pending".into(),
                approved_by: None,
                approved_at: None,
            };
            key_changes::insert(tx, &record)?;
            view(record, &vault_id(tx)?)
        })
        .await
    }

    /// The changes waiting for the authority.
    pub async fn pending_key_changes(&self, caller: &Caller) -> Result<KeyChanges> {
        let result = self
            .store
            .run(|c| Ok(pending(c, crate::store::now())))
            .await
            .map_err(Error::from)
            .and_then(|r| r.map(KeyChanges));
        self.record(caller.draft(Action::KeyChangeList, "vault"), result)
            .await
    }

    /// The authority's approval: `signed` (an `authz::key_custody` statement) must verify under
    /// the pinned authority key and name this vault and a pending change exactly; then the change
    /// takes effect in the same transaction as its audit entry.
    pub async fn approve_key_change(
        &self,
        caller: &Caller,
        signed: Vec<u8>,
        signature: Vec<u8>,
    ) -> Result<Approved> {
        let statement = if signed.len() <= MAX_STATEMENT_BYTES {
            CustodyApproval::decode(&signed).map_err(|_| ())
        } else {
            Err(())
        };
        // The log names the change only when it has the shape of one: the caller chose it.
        let target = match &statement {
            Ok(s) if is_change_id(&s.change) => s.change.clone(),
            _ => "key-change".into(),
        };
        let draft = caller.draft(Action::KeyChangeApprove, &target);
        let key = self.key();
        let approved_by = caller.name().to_owned();
        self.audited(draft, move |tx| {
            let statement = statement.map_err(|_| Error::BadRequest(Unusable::NotAnApproval))?;
            let authority = current_authority_key(tx)?.ok_or(Error::NoAuthorityKey)?;
            if statement.key_id != authority.key_id
                || grant::verify(&authority.public_key, &signed, &signature).is_err()
            {
                return Err(Error::BadSignature);
            }
            let now = crate::store::now();
            let record = key_changes::get(tx, &statement.change)?
                .ok_or_else(|| Error::BadRequest(Unusable::UnknownKeyChange))?;
            if record.state != "pending" {
                return Err(Error::BadRequest(Unusable::KeyChangeDecided));
            }
            if record.proposed_at < now - PROPOSAL_LIFETIME_SECS {
                return Err(Error::BadRequest(Unusable::UnknownKeyChange));
            }
            let change = view(record, &vault_id(tx)?)?;
            let matches = statement.vault == change.vault_id
                && statement.action == change.action
                && statement.recipient == change.recipient
                && statement.approved_at >= change.proposed_at - CLOCK_SKEW_SECS
                && statement.approved_at <= now + CLOCK_SKEW_SECS;
            if !matches {
                return Err(Error::BadRequest(Unusable::KeyChangeMismatch));
            }
            let key = key?;
            let wraps = apply(tx, &key, change.action, &change.recipient)?;
            if !key_changes::approve(tx, &change.id, &approved_by, now, &signed, &signature)? {
                return Err(Error::BadRequest(Unusable::KeyChangeDecided));
            }
            Ok(Approved {
                change,
                key_id: authority.key_id,
                wraps,
            })
        })
        .await
    }

    /// The same change made on the server with the daemon stopped, by whoever holds the unseal
    /// key there (`vaultd keys`): recorded under `by`, as `vaultd authority-key` is.
    pub async fn change_key_custody_offline(
        &self,
        by: &str,
        action: CustodyAction,
        recipient: &str,
    ) -> Result<Wraps> {
        let audited_action = match action {
            CustodyAction::EscrowAdd => Action::KeyEscrowAdd,
            CustodyAction::UnsealReplace => Action::KeyUnsealReplace,
        };
        let draft = Caller::system(by).draft(audited_action, recipient);
        let key = self.key();
        let recipient = parse_recipient(recipient);
        self.audited(draft, move |tx| {
            let (key, recipient) = (key?, recipient?);
            apply(tx, &key, action, &recipient)
        })
        .await
    }
}
