//! What an acting authority (a delegate of the Secrétaire générale) may do, read from the
//! pinned delegations: which delegation a grant signed by a delegate's key rests on, the facts
//! `decide` needs about it at a release, and whether a delegate's decision on some accounts
//! falls inside a delegation in force. A delegation counts only while it was signed by the
//! current authority key, so rotating her key ends them all at once.

use crate::authz::decision::{DelegationFacts, DenyReason};
use crate::authz::delegation::Delegation;
use crate::authz::grant::{self, GrantBody};
use crate::store::delegations::{self, DelegationRecord};
use crate::store::events::{self, EventBody, EventKind};
use crate::store::grants::{AuthorityKey, GrantRecord};
use crate::tlog::detail::Detail;
use crate::vault::error::{Error, Result};
use rusqlite::Connection;

/// A refusal naming the accounts and what the delegation allowed.
fn refused(reason: DenyReason, accounts: &[String], detail: String) -> Error {
    Error::Denied {
        reason,
        account: accounts.join(","),
        detail: Some(detail),
        request: None,
    }
}

/// Why none of `candidates` covers `accounts` at `at` (each candidate is the caller's own):
/// delegation_expired naming the latest that named every account but not this moment (ended,
/// revoked or not begun), else outside_delegation when one is in force but does not name every
/// account, else delegation_expired with the latest end.
pub(crate) fn not_covered(candidates: &[DelegationRecord], at: i64, accounts: &[String]) -> Error {
    let in_force: Vec<&DelegationRecord> = candidates
        .iter()
        .filter(|d| d.not_before <= at && at < d.ends())
        .collect();
    let named_all = |d: &&DelegationRecord| accounts.iter().all(|a| d.covers(a));
    let ended_for_these = candidates.iter().filter(named_all).max_by_key(|d| d.ends());
    if let (Some(d), None) = (ended_for_these, in_force.iter().copied().find(named_all)) {
        let detail = Detail::default()
            .with("delegation", &d.id)
            .with("until", crate::times::format_time(d.ends()))
            .build();
        return refused(DenyReason::DelegationExpired, accounts, detail);
    }
    if let Some(d) = in_force.first() {
        let outside: Vec<String> = accounts.iter().filter(|a| !d.covers(a)).cloned().collect();
        // Facts, not words: the client says them in the reader's language.
        let detail = Detail::default()
            .with("delegation", &d.id)
            .with_some("scope", d.accounts.as_ref().map(|a| a.join(",")))
            .build();
        return refused(DenyReason::OutsideDelegation, &outside, detail);
    }
    let latest = candidates.iter().max_by_key(|d| d.ends());
    let detail = Detail::default()
        .with_some("delegation", latest.map(|d| &d.id))
        .with_some("until", latest.map(|d| crate::times::format_time(d.ends())))
        .build();
    refused(DenyReason::DelegationExpired, accounts, detail)
}

/// The caller's delegations by the current authority key, if the caller acts under any; None
/// for an authority who was never a delegate of that key (the Secrétaire générale herself).
pub(crate) fn delegations_of(
    conn: &Connection,
    caller: &str,
    current: &AuthorityKey,
) -> Result<Option<Vec<DelegationRecord>>> {
    if !delegations::is_delegate(conn, caller, &current.key_id)? {
        return Ok(None);
    }
    Ok(Some(delegations::by_delegate(
        conn,
        caller,
        &current.key_id,
    )?))
}

/// Refuses a decision (deny a request, revoke a grant) on `accounts` by an acting authority
/// unless one of her delegations is in force now and covers them all: the id of that
/// delegation. The Secrétaire générale herself decides on any account (None).
pub(crate) fn check_decision(
    conn: &Connection,
    caller: &str,
    accounts: &[String],
    now: i64,
) -> Result<Option<String>> {
    // With no authority key pinned there is no delegation either.
    let Some(current) = crate::store::grants::current_authority_key(conn)? else {
        return Ok(None);
    };
    let Some(mine) = delegations_of(conn, caller, &current)? else {
        return Ok(None);
    };
    let covering = mine
        .iter()
        .find(|d| d.not_before <= now && now < d.ends() && accounts.iter().all(|a| d.covers(a)));
    match covering {
        Some(d) => Ok(Some(d.id.clone())),
        None => Err(not_covered(&mine, now, accounts)),
    }
}

/// Puts a decision an acting authority took under `delegation_id` among the vault's events
/// (delegation.decision, in the decision's own commit), naming whom she acts for: the
/// principal who registered the delegation. The notifier reads that name from the event, so
/// the digest goes to the Secrétaire générale as the record says, never to a role's list.
pub(crate) fn record_decision(
    conn: &Connection,
    delegation_id: &str,
    decision: &str,
    body: EventBody,
) -> Result<()> {
    let Some(d) = delegations::get(conn, delegation_id)? else {
        return Err(Error::BadRequest(
            crate::wire::reason::Unusable::UnknownDelegation,
        ));
    };
    let body = EventBody {
        delegation_id: d.id,
        acting_for: d.registered_by,
        decision: decision.to_owned(),
        ..body
    };
    events::append(conn, EventKind::DelegationDecision, &body)?;
    Ok(())
}

/// For a grant whose key is not the authority's: verifies it under the key of a delegation
/// by the current authority key to the caller, and returns that delegation's id if one was in
/// force now and at the grant's issue time and covers all its accounts. A key no delegation to
/// the caller names is a bad signature, as any unknown key is.
pub(crate) fn delegation_for_grant(
    conn: &Connection,
    current: &AuthorityKey,
    caller: &str,
    signed: &[u8],
    signature: &[u8],
    claimed_key_id: &str,
    now: i64,
) -> Result<(GrantBody, String)> {
    let candidates: Vec<DelegationRecord> =
        delegations::by_delegate_key(conn, claimed_key_id, &current.key_id)?
            .into_iter()
            .filter(|d| d.delegate == caller)
            .collect();
    let Some(key) = candidates.first().map(|d| d.delegate_key.clone()) else {
        // A key that is not hers from someone no delegation names is no forgery to report but
        // a missing delegation to ask for; her own key since replaced, or a delegate signing
        // with another key than the one her delegation names, is a bad signature.
        let retired = crate::store::grants::is_retired_authority_key(conn, claimed_key_id)?;
        if !retired && !delegations::is_delegate(conn, caller, &current.key_id)? {
            return Err(Error::NotDelegated);
        }
        return Err(Error::BadSignature);
    };
    let body = grant::open(&key, signed, signature).map_err(|_| Error::BadSignature)?;
    if grant::key_id(&key) != body.key_id {
        return Err(Error::BadSignature);
    }
    let covers =
        |d: &&DelegationRecord| d.not_before <= now && now < d.ends() && covers_grant(d, &body);
    match candidates.iter().find(covers) {
        Some(d) => Ok((body.clone(), d.id.clone())),
        None => Err(not_covered(&candidates, now, &body.accounts)),
    }
}

/// Whether a delegation covered a grant's issue time and every account it names.
pub(crate) fn covers_grant(d: &DelegationRecord, body: &GrantBody) -> bool {
    d.not_before <= body.issued_at
        && body.issued_at < d.ends()
        && body.accounts.iter().all(|a| d.covers(a))
}

/// For a release: the key a delegated grant verifies under and what `decide` needs of its
/// delegation, from the statement as she signed it (verified again under the current key; the
/// columns are only an index). None when the delegation is gone, damaged, or by another
/// authority key (rotated since): the grant then verifies under nothing, as a superseded one.
pub(crate) fn release_facts(
    conn: &Connection,
    current: &AuthorityKey,
    record: &GrantRecord,
) -> Result<Option<(AuthorityKey, DelegationFacts)>> {
    match &record.delegation_id {
        Some(id) => delegation_facts(conn, current, id),
        None => Ok(None),
    }
}

/// The delegate's key and what `decide` needs of delegation `id` (see [`release_facts`]): for
/// a grant signed under it, or a second signature made under it.
pub(crate) fn delegation_facts(
    conn: &Connection,
    current: &AuthorityKey,
    id: &str,
) -> Result<Option<(AuthorityKey, DelegationFacts)>> {
    let Some(d) = delegations::get(conn, id)? else {
        return Ok(None);
    };
    if d.sg_key_id != current.key_id
        || grant::verify(&current.public_key, &d.signed, &d.signature).is_err()
    {
        return Ok(None);
    }
    let Ok(statement) = Delegation::decode(&d.signed) else {
        return Ok(None);
    };
    let Some(public_key) = statement.delegate_public_key() else {
        return Ok(None);
    };
    if statement.key_id != current.key_id || statement.id != d.id {
        return Ok(None);
    }
    let key = AuthorityKey {
        key_id: grant::key_id(&public_key),
        public_key,
        pinned_at: d.registered_at,
        pinned_by: d.registered_by.clone(),
        sequence: current.sequence,
    };
    // Times are whole seconds: a grant registered before the revocation in the same second was
    // registered under it (the writer orders the two), so a revocation ends it after that second.
    // A registration after it was refused already.
    let ends = d.revoked_at.map_or(statement.not_after, |r| {
        r.saturating_add(1).min(statement.not_after)
    });
    let facts = DelegationFacts {
        not_before: statement.not_before,
        ends,
        accounts: statement.accounts,
    };
    Ok(Some((key, facts)))
}
