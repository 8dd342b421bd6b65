//! A grant's second signature (`vault-cli grant cosign GRANT_ID`), for the accounts whose
//! grants need two: another key in force than the first signer's (the Secrétaire générale's,
//! or a delegate's within her delegation) signs the grant's SAME stored bytes. Refused: the
//! same key or person again, a signature over other bytes, a delegate's whose delegation does
//! not cover the grant, a grant revoked, ended or cosigned already. Each act and refusal is
//! audited (`grant.cosign`).

use super::acting_authority::{covers_grant, delegations_of, not_covered};
use super::grants::{field, grant_state, resolve_grant, view, GrantView};
use super::{Caller, Vault};
use crate::authz::grant::{self, GrantBody};
use crate::limits::Problem;
use crate::store::approvals::{self, CosignatureRecord};
use crate::store::delegations::DelegationRecord;
use crate::store::grants::{self, AuthorityKey, GrantRecord};
use crate::store::now;
use crate::tlog::action::Action;
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;
use rusqlite::Connection;

/// Length of an Ed25519 signature: nothing else is read.
const SIGNATURE_LEN: usize = 64;

/// The key a second signature verifies under, and the delegation its signer acts under: her
/// own key for the Secrétaire générale, else a key of the caller's delegations by the current
/// key that covered the grant's issue time and accounts and is in force now.
fn cosigner(
    conn: &Connection,
    current: &AuthorityKey,
    caller: &str,
    record: &GrantRecord,
    body: &GrantBody,
    signature: &[u8],
    at: i64,
) -> Result<(String, Option<String>)> {
    let Some(mine) = delegations_of(conn, caller, current)? else {
        // Not hers, and no delegation names the caller: a delegation to ask for (a forged
        // signature by a delegate still reads as a bad signature below).
        grant::verify(&current.public_key, &record.signed, signature)
            .map_err(|_| Error::NotDelegated)?;
        return Ok((current.key_id.clone(), None));
    };
    let verifying: Vec<DelegationRecord> = mine
        .into_iter()
        .filter(|d| grant::verify(&d.delegate_key, &record.signed, signature).is_ok())
        .collect();
    if verifying.is_empty() {
        return Err(Error::BadSignature);
    }
    let in_force_now = |d: &&DelegationRecord| d.not_before <= at && at < d.ends();
    match verifying
        .iter()
        .filter(in_force_now)
        .find(|d| covers_grant(d, body))
    {
        Some(d) => Ok((d.delegate_key_id.clone(), Some(d.id.clone()))),
        // Said for the moment that fails: the grant's issue time, else now.
        None => {
            let at_issue = verifying
                .iter()
                .any(|d| d.not_before <= body.issued_at && body.issued_at < d.ends());
            let moment = if at_issue { at } else { body.issued_at };
            Err(not_covered(&verifying, moment, &body.accounts))
        }
    }
}

impl Vault {
    /// Adds a second signature to a grant (role authority), over exactly its stored bytes.
    pub async fn cosign_grant(
        &self,
        caller: &Caller,
        prefix: &str,
        signature: Vec<u8>,
    ) -> Result<GrantView> {
        let draft = caller.draft(Action::GrantCosign, prefix);
        let prefix = prefix.to_owned();
        let by = caller.name().to_owned();
        self.audited(draft, move |tx| {
            if signature.len() != SIGNATURE_LEN {
                return Err(field("signature", Problem::BadFormat));
            }
            let id = resolve_grant(tx, &prefix)?;
            let record = grants::get_grant(tx, &id)?.ok_or(Error::UnknownGrant(id.clone()))?;
            if record.revoked_at.is_some() {
                return Err(Error::AlreadyRevoked(id));
            }
            if record.cosignature.is_some() {
                return Err(Error::BadRequest(Unusable::AlreadyCosigned));
            }
            let current = grants::current_authority_key(tx)?.ok_or(Error::NoAuthorityKey)?;
            let at = now();
            if matches!(
                grant_state(&record, at, Some(&current.key_id)),
                "expired" | "exhausted" | "superseded"
            ) {
                return Err(Error::BadRequest(Unusable::GrantEnded));
            }
            // Four eyes: not the person who signed first, whatever key she holds.
            if record.signer == by {
                return Err(Error::BadRequest(Unusable::SameSigner));
            }
            let body = GrantBody::decode(&record.signed).map_err(|_| Error::BadSignature)?;
            let (key_id, delegation_id) =
                cosigner(tx, &current, &by, &record, &body, &signature, at)?;
            if key_id == record.key_id {
                return Err(Error::BadRequest(Unusable::SameSigner));
            }
            let added = approvals::insert_cosignature(
                tx,
                &CosignatureRecord {
                    grant_id: id.clone(),
                    signature,
                    key_id,
                    delegation_id: delegation_id.clone(),
                    signer: by.clone(),
                    registered_at: at,
                },
            )?;
            if !added {
                return Err(Error::BadRequest(Unusable::AlreadyCosigned));
            }
            let record = grants::get_grant(tx, &id)?.ok_or(Error::UnknownGrant(id))?;
            // A delegate's second signature is a decision she took for the Secrétaire
            // générale: it goes in her digest like an approval.
            if let Some(delegation) = &delegation_id {
                let body = super::events::grant_body(&record, &by, at);
                super::acting_authority::record_decision(tx, delegation, "cosign", body)?;
            }
            Ok(view(record, at, Some(&current.key_id)))
        })
        .await
    }
}
