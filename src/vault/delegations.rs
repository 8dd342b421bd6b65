//! Delegations to an acting authority in the domain: pinning one the Secrétaire générale
//! signed (checked against the pinned key and the vault's rules), listing them, and ending one.
//! Each act and each refusal is audited. Only she may delegate or end a delegation: a statement
//! needs her key's signature, and an authority who acts under a delegation of that key is
//! refused both (she cannot extend or pass on what she was given).

use super::acting_authority::delegations_of;
use super::audit_facts::Audited;
use super::grants::{check_accounts, field, unique, view as grant_view, GrantPolicy, GrantView};
use super::{Caller, Vault};
use crate::authz::delegation::{
    Delegation, MAX_DELEGATION_ACCOUNTS, MAX_DELEGATION_REASON, MAX_STATEMENT_BYTES,
};
use crate::authz::grant;
use crate::ids::{PrincipalName, Role};
use crate::limits::{self, Problem};
use crate::store::delegations::{self, DelegationRecord};
/// What an audit export carries for delegated grants' chains (the service layer sends them).
pub use crate::store::delegations::{ChainStatements, Statement};
use crate::store::grants::{self, AuthorityKey, Candidates};
use crate::store::{now, principals};
use crate::tlog::action::Action;
use crate::tlog::detail::Detail;
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;
use rusqlite::Connection;

/// How far in the past a delegation may start (the time between her signature and its
/// registration, and clocks a little apart); any earlier start is a window in the past.
pub const START_SKEW_SECS: i64 = 600;
/// Times between 1970 and 9999, so no window arithmetic overflows.
const LATEST: i64 = 253_402_300_799;

/// A delegation with its state when read.
#[derive(Debug, Clone)]
pub struct DelegationView {
    pub record: DelegationRecord,
    /// See [`delegation_state`].
    pub state: &'static str,
}

impl crate::vault::audit_facts::AuditFacts for DelegationView {
    fn audit_detail(&self) -> Option<String> {
        self.record.audit_detail()
    }
}

/// A revoked delegation, the grants its revocation ended, and how many issued under it stay
/// live (each still valid until its own end).
#[derive(Debug, Clone)]
pub struct DelegationRevoked {
    pub delegation: DelegationView,
    pub ended: Vec<GrantView>,
    pub still_live: u64,
}

impl crate::vault::audit_facts::AuditFacts for DelegationRevoked {
    fn audit_detail(&self) -> Option<String> {
        self.delegation.record.audit_detail()
    }
}

fn view(record: DelegationRecord, current_key: Option<&str>) -> DelegationView {
    DelegationView {
        state: delegation_state(&record, now(), current_key),
        record,
    }
}

impl crate::vault::audit_facts::AuditFacts for DelegationRecord {
    /// Who acts, from when until when, for which accounts, under which key, and why (or, once
    /// revoked, the revocation's reason): what a review reads back from the log alone.
    fn audit_detail(&self) -> Option<String> {
        let accounts = match &self.accounts {
            Some(list) => crate::tlog::detail::list_within(list, crate::tlog::bounds::MAX_TEXT / 2),
            None => "*".to_owned(),
        };
        let detail = Detail::default()
            .with("delegation", &self.id)
            .with("delegate", &self.delegate)
            .with("from", crate::times::format_time(self.not_before))
            .with("until", crate::times::format_time(self.not_after))
            .with("accounts", accounts)
            .with("delegate_key", &self.delegate_key_id)
            .with("key", &self.sg_key_id);
        Some(match &self.revoke_reason {
            Some(reason) => detail.text("reason", reason),
            None => detail.text("reason", &self.reason),
        })
    }
}

/// Refuses an acting authority what only the Secrétaire générale may do.
pub(crate) fn refuse_acting_authority(
    conn: &Connection,
    caller: &str,
    key: &AuthorityKey,
) -> Result<()> {
    match delegations_of(conn, caller, key)? {
        Some(_) => Err(Error::BadRequest(Unusable::ActingAuthority)),
        None => Ok(()),
    }
}

/// The pinned authority key, once `signed` (at most `max_bytes`) verifies under it: her
/// signature first, since nothing else of an unsigned statement is worth reading. A
/// delegate's key is not hers, so a statement a delegate signed stops here.
pub(super) fn verified_by_her_key(
    conn: &Connection,
    signed: &[u8],
    signature: &[u8],
    max_bytes: usize,
) -> Result<grants::AuthorityKey> {
    if signed.len() > max_bytes {
        return Err(field("statement", Problem::TooLong { max: max_bytes }));
    }
    let key = grants::current_authority_key(conn)?.ok_or(Error::NoAuthorityKey)?;
    grant::verify(&key.public_key, signed, signature).map_err(|_| Error::BadSignature)?;
    Ok(key)
}

/// Verifies a delegation statement under the pinned key and checks it against the vault's
/// rules: the record to pin.
fn check_statement(
    conn: &Connection,
    policy: GrantPolicy,
    caller: &str,
    signed: &[u8],
    signature: &[u8],
    at: i64,
) -> Result<DelegationRecord> {
    let key = verified_by_her_key(conn, signed, signature, MAX_STATEMENT_BYTES)?;
    let d = Delegation::decode(signed).map_err(|_| Error::BadRequest(Unusable::NotADelegation))?;
    if d.key_id != key.key_id {
        return Err(Error::BadSignature);
    }
    refuse_acting_authority(conn, caller, &key)?;
    if d.id.len() != 32 || !crate::ids::check_prefix(&d.id) {
        return Err(field("delegation", Problem::BadFormat));
    }
    limits::check_text("reason", &d.reason, false, MAX_DELEGATION_REASON, false)?;
    let delegate = PrincipalName::parse(&d.delegate)?.to_string();
    if delegate == caller {
        return Err(Error::BadRequest(Unusable::SelfDelegation));
    }
    match principals::by_name(conn, &delegate)? {
        None => return Err(Error::UnknownPrincipal(delegate)),
        Some(p) if p.disabled => return Err(Error::Disabled(delegate)),
        Some(p) if !p.roles.contains(&Role::Authority) => {
            return Err(Error::BadRequest(Unusable::DelegateNotAuthority))
        }
        Some(_) => {}
    }
    let delegate_key = d
        .delegate_public_key()
        .ok_or_else(|| field("key", Problem::BadFormat))?;
    let delegate_key_id = grant::key_id(&delegate_key);
    // Her own key would make every grant she signs look delegated, and the reverse.
    if delegate_key_id == key.key_id {
        return Err(field("key", Problem::BadFormat));
    }
    for t in [d.not_before, d.not_after, d.issued_at] {
        if !(0..=LATEST).contains(&t) {
            return Err(field("until", Problem::BadFormat));
        }
    }
    if d.not_after <= d.not_before {
        return Err(Error::BadRequest(Unusable::WindowOrder));
    }
    if d.not_after <= at || d.not_before < at - START_SKEW_SECS {
        return Err(Error::BadRequest(Unusable::WindowInPast));
    }
    if d.not_after - d.not_before > policy.max_delegation_secs {
        // Named as a duration so that its limit reads in days.
        return Err(field(
            "duration",
            Problem::TooLong {
                max: (policy.max_delegation_secs / 86_400) as usize,
            },
        ));
    }
    if let Some(accounts) = &d.accounts {
        if accounts.len() > MAX_DELEGATION_ACCOUNTS {
            return Err(field(
                "account",
                Problem::TooLong {
                    max: MAX_DELEGATION_ACCOUNTS,
                },
            ));
        }
        if check_accounts(conn, accounts)? != *accounts {
            return Err(Error::BadRequest(Unusable::GrantAccountsOrder));
        }
    }
    Ok(DelegationRecord {
        id: d.id,
        signed: signed.to_vec(),
        signature: signature.to_vec(),
        sg_key_id: key.key_id,
        delegate,
        delegate_key_id,
        delegate_key,
        not_before: d.not_before,
        not_after: d.not_after,
        accounts: d.accounts,
        reason: d.reason,
        issued_at: d.issued_at,
        registered_by: caller.to_owned(),
        registered_at: at,
        revoked_at: None,
        revoked_by: None,
        revoke_reason: None,
    })
}

fn resolve(conn: &Connection, prefix: &str) -> Result<String> {
    let found = if crate::ids::check_prefix(prefix) {
        delegations::ids_with(conn, prefix)?
    } else {
        Candidates::default()
    };
    unique(prefix, found, |_| {
        Error::BadRequest(Unusable::UnknownDelegation)
    })
}

impl Vault {
    /// Pins a delegation the Secrétaire générale signed. A statement edited by one byte, signed
    /// by another key, naming an unknown principal or one without the authority role, with a
    /// window in the past or longer than allowed, or replayed (even after its revocation) is
    /// refused, recorded, and pins nothing.
    pub async fn delegate(
        &self,
        caller: &Caller,
        signed: Vec<u8>,
        signature: Vec<u8>,
    ) -> Result<DelegationView> {
        // The target as the (not yet verified) statement names it: who would act.
        let claimed = Delegation::decode(&signed)
            .map(|d| d.delegate)
            .unwrap_or_else(|_| "delegation".into());
        let draft = caller.draft(Action::AuthorityDelegate, claimed);
        let policy = self.grant_policy;
        let by = caller.name().to_owned();
        self.audited(draft, move |tx| {
            let record = check_statement(tx, policy, &by, &signed, &signature, now())?;
            if !delegations::insert(tx, &record)? {
                return Err(Error::BadRequest(Unusable::DelegationKnown));
            }
            let key = record.sg_key_id.clone();
            Ok(view(record, Some(&key)))
        })
        .await
    }

    /// Ends a delegation now: grants its delegate signs from now on are refused. Those she
    /// signed while it was in force keep their own term (their delegation covered their issue
    /// time), unless `end_grants`: then each one still live is revoked in the same commit, on
    /// record as a grant revocation of its own (its holders' passwords to be changed, as for any
    /// revoked grant). Either way the answer says how many stay live. `end_grants` on a
    /// delegation revoked already ends what it left live.
    pub async fn revoke_delegation(
        &self,
        caller: &Caller,
        prefix: &str,
        reason: String,
        end_grants: bool,
    ) -> Result<DelegationRevoked> {
        let draft = caller.draft(Action::AuthorityDelegationRevoke, prefix);
        // Each grant ended is a grant revocation by the same caller, in the same request.
        let grant_draft = caller.draft(Action::GrantRevoke, "");
        let prefix = prefix.to_owned();
        let by = caller.name().to_owned();
        let refusals = self.refusals.clone();
        self.store
            .transact_audited_all(
                move |tx| {
                    limits::check_reason(&reason)?;
                    let key = grants::current_authority_key(tx)?.ok_or(Error::NoAuthorityKey)?;
                    refuse_acting_authority(tx, &by, &key)?;
                    let id = resolve(tx, &prefix)?;
                    let at = now();
                    // Revoked already: only a later --end-grants has something left to do
                    // (she let the grants run, then decided to end them too).
                    if !delegations::revoke(tx, &id, &by, &reason, at)? && !end_grants {
                        return Err(Error::BadRequest(Unusable::DelegationRevoked));
                    }
                    let mut ended = Vec::new();
                    if end_grants {
                        let live = delegations::live_grants(
                            tx,
                            &id,
                            at,
                            delegations::MAX_ENDED_GRANTS + 1,
                        )?;
                        if live.len() > delegations::MAX_ENDED_GRANTS as usize {
                            return Err(field(
                                "grants",
                                Problem::TooLong {
                                    max: delegations::MAX_ENDED_GRANTS as usize,
                                },
                            ));
                        }
                        for grant_id in live {
                            grants::revoke(tx, &grant_id, &by, &reason)?;
                            if let Some(record) = grants::get_grant(tx, &grant_id)? {
                                ended.push(grant_view(record, at, Some(&key.key_id)));
                            }
                        }
                    }
                    let still_live = delegations::count_live_grants(tx, &id, at)?;
                    let record = delegations::get(tx, &id)?
                        .ok_or(Error::BadRequest(Unusable::UnknownDelegation))?;
                    Ok(DelegationRevoked {
                        delegation: view(record, Some(&key.key_id)),
                        ended,
                        still_live,
                    })
                },
                move |result: &Result<DelegationRevoked>| {
                    let mut entries: Vec<_> =
                        refusals.admit(draft.with(result)).into_iter().collect();
                    if let Ok(revoked) = result {
                        entries.extend(revoked.ended.iter().map(|g| {
                            let mut entry = grant_draft.clone();
                            entry.targets = vec![g.record.id.clone()];
                            entry.with(&Ok::<_, Error>(g.clone()))
                        }));
                    }
                    entries
                },
            )
            .await
    }

    /// The statements an audit export carries so every delegated grant's chain can be checked
    /// offline (read by the export itself, which is on record).
    pub async fn chain_statements(&self) -> Result<ChainStatements> {
        Ok(self.store.run(|c| delegations::chain_statements(c)).await?)
    }

    /// Every delegation, newest first, each with its state (a delegation by another authority
    /// key than the current one ended with its rotation).
    pub async fn list_delegations(&self) -> Result<Vec<DelegationView>> {
        Ok(self
            .store
            .run(|c| {
                let current = grants::current_authority_key(c)?.map(|k| k.key_id);
                let list = delegations::list(c)?;
                Ok::<_, crate::store::StoreError>(
                    list.into_iter()
                        .map(|d| view(d, current.as_deref()))
                        .collect(),
                )
            })
            .await?)
    }
}

/// A delegation's state at `now` for a listing: active, not_yet_valid, expired, revoked, or
/// superseded (signed by an authority key since replaced).
pub fn delegation_state(d: &DelegationRecord, now: i64, current_key: Option<&str>) -> &'static str {
    if d.revoked_at.is_some() {
        "revoked"
    } else if current_key != Some(d.sg_key_id.as_str()) {
        "superseded"
    } else if now < d.not_before {
        "not_yet_valid"
    } else if now >= d.not_after {
        "expired"
    } else {
        "active"
    }
}
