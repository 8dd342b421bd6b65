//! Who is told that a grant waits for its second signature (`grant.awaiting_second_signature`,
//! written in the commit that registers it): the signers who could add it at that moment. They
//! are the Secrétaire générale (when a delegate signed first: the principal who registered that
//! delegation) and each delegate whose delegation by the current key is in force and covers the
//! grant, as `grant cosign` would accept them; the first signer is never among them (four eyes).

use super::acting_authority::covers_grant;
use super::events::grant_body;
use crate::authz::grant::GrantBody;
use crate::store::delegations;
use crate::store::events::{self, EventBody, EventKind};
use crate::store::grants::{self, GrantRecord};
use crate::vault::error::Result;
use rusqlite::Connection;

/// The principals who may add the second signature to `record` at `at`, the Secrétaire
/// générale first, each once, the first signer left out. Bounded by the delegations read
/// (`delegations::MAX_LOOKUP`) plus her.
pub(crate) fn other_signers(
    conn: &Connection,
    record: &GrantRecord,
    body: &GrantBody,
    at: i64,
) -> Result<Vec<String>> {
    let Some(current) = grants::current_authority_key(conn)? else {
        return Ok(Vec::new());
    };
    let mut names: Vec<String> = Vec::new();
    // A delegate signed first: the one she acts for can sign with her own key.
    if let Some(id) = &record.delegation_id {
        if let Some(d) = delegations::get(conn, id)? {
            names.push(d.registered_by);
        }
    }
    for d in delegations::in_force(conn, &current.key_id, at)? {
        if covers_grant(&d, body) {
            names.push(d.delegate);
        }
    }
    let mut seen = std::collections::HashSet::new();
    names.retain(|n| *n != record.signer && seen.insert(n.clone()));
    Ok(names)
}

/// Writes `grant.awaiting_second_signature` for a grant just registered (in its commit) when
/// an account it names needs two signatures, and returns who was told (none: nobody can add
/// the second signature now, which the first signer must hear); nothing for any other grant.
pub(crate) fn tell_if_awaiting(
    conn: &Connection,
    record: &GrantRecord,
    body: &GrantBody,
) -> Result<Vec<String>> {
    if !record.needs_two_signatures || record.cosignature.is_some() {
        return Ok(Vec::new());
    }
    let at = record.registered_at;
    let cosigners = other_signers(conn, record, body, at)?;
    let event = EventBody {
        delegation_id: record.delegation_id.clone().unwrap_or_default(),
        cosigners: cosigners.clone(),
        ..grant_body(record, &record.signer, at)
    };
    events::append(conn, EventKind::GrantAwaitingSecondSignature, &event)?;
    Ok(cosigners)
}
