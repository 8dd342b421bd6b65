//! Art. 3 grants in the domain: requests (admin), decisions and registration of signed grants
//! (authority), revocation, listing, and the pinned authority key. Signatures are checked here
//! against the pinned key over the exact stored bytes.

use super::acting_authority::{check_decision, delegation_for_grant, record_decision};
use super::{Caller, Vault};
use crate::authz::grant::{self, GrantBody};
use crate::ids::{AccountId, PrincipalName, Role};
use crate::limits::{self, FieldError, Problem};
use crate::store::events::{self, EventBody, EventKind};
use crate::store::grants::{self, Candidates, GrantRecord, RequestRecord};
use crate::store::{accounts, now, principals, StoreError};
use crate::tlog::action::Action;
use crate::tlog::detail::Detail;
use crate::vault::audit_facts::Audited;
use crate::vault::error::{Error, Result};
use crate::vault::events::{approved_body, grant_body, request_body};
use crate::wire::reason::Unusable;
use rusqlite::Connection;

/// Longest purpose text, in characters.
pub const MAX_PURPOSE: usize = 500;
/// Most accounts one grant or request may name.
pub const MAX_GRANT_ACCOUNTS: usize = 32;

/// Grant rules the operator may configure.
#[derive(Debug, Clone, Copy)]
pub struct GrantPolicy {
    /// Longest allowed window (not_after - not_before), in seconds.
    pub max_grant_secs: i64,
    /// Longest delegation window to an acting authority, in seconds.
    pub max_delegation_secs: i64,
}

impl Default for GrantPolicy {
    fn default() -> Self {
        Self {
            max_grant_secs: 366 * 86_400,
            max_delegation_secs: crate::authz::delegation::DEFAULT_MAX_DELEGATION_SECS,
        }
    }
}

/// A grant with what the vault knows of it.
#[derive(Debug, Clone)]
pub struct GrantView {
    pub record: GrantRecord,
    pub self_grant: bool,
    /// active, expired, not_yet_valid, revoked, exhausted, superseded (signed by a key since
    /// replaced) or grantee_disabled.
    pub state: &'static str,
    /// When just registered awaiting a second signature: who may add it now (empty otherwise,
    /// and when nobody can: no delegation in force covers it).
    pub second_signers: Vec<String>,
}

impl crate::vault::audit_facts::AuditFacts for GrantView {
    fn audit_grant(&self) -> Option<String> {
        Some(self.record.id.clone())
    }
    /// Who the grant names, its window and signing key, and its purpose (or, once revoked, the
    /// revocation's reason): what a review report needs to read it back from the log alone.
    fn audit_detail(&self) -> Option<String> {
        let r = &self.record;
        let detail = Detail::default()
            .with("grantee", &r.grantee)
            .with("from", crate::times::format_time(r.not_before))
            .with("until", crate::times::format_time(r.not_after))
            .with_some("uses", r.max_uses)
            .with_some("request", r.request_id.as_ref())
            .with("key", &r.key_id)
            .with_some("delegation", r.delegation_id.as_ref())
            .with_some("cosign_key", r.cosignature.as_ref().map(|c| &c.key_id))
            .with_some(
                "cosign_delegation",
                r.cosignature
                    .as_ref()
                    .and_then(|c| c.delegation_id.as_ref()),
            );
        Some(match &r.revoke_reason {
            Some(reason) => detail.text("reason", reason),
            None => detail.text("purpose", &r.purpose),
        })
    }
}

/// Which grants and requests a listing shows.
#[derive(Debug, Clone, Default)]
pub struct GrantFilter {
    pub active_only: bool,
    pub grantee: Option<String>,
    pub account: Option<String>,
    pub mine: bool,
}

pub(super) fn field(name: &'static str, problem: Problem) -> Error {
    FieldError {
        field: name,
        problem,
    }
    .into()
}

fn check_purpose(purpose: &str) -> Result<()> {
    limits::check_text("purpose", purpose, true, MAX_PURPOSE, false)?;
    Ok(())
}

/// Checks that every account exists and is active; returns them sorted without duplicates.
pub(super) fn check_accounts(conn: &Connection, ids: &[String]) -> Result<Vec<String>> {
    if ids.is_empty() {
        return Err(field("account", Problem::Empty));
    }
    if ids.len() > MAX_GRANT_ACCOUNTS {
        return Err(field(
            "account",
            Problem::TooLong {
                max: MAX_GRANT_ACCOUNTS,
            },
        ));
    }
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let id = AccountId::parse(id)?.to_string();
        match accounts::get(conn, &id)? {
            None => return Err(Error::UnknownAccount(id)),
            Some(a) if a.archived => return Err(Error::Archived(id)),
            Some(_) => out.push(id),
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The one id that starts with `prefix`; several are refused, naming the first few.
pub(super) fn unique(
    prefix: &str,
    found: Candidates,
    unknown: fn(String) -> Error,
) -> Result<String> {
    if !crate::ids::check_prefix(prefix) {
        return Err(field("id", Problem::BadFormat));
    }
    match found.total {
        0 => Err(unknown(prefix.to_owned())),
        1 => Ok(found.ids.into_iter().next().unwrap_or_default()),
        total => Err(Error::AmbiguousId {
            prefix: prefix.to_owned(),
            candidates: found.ids,
            total,
        }),
    }
}

pub(crate) fn resolve_grant(conn: &Connection, prefix: &str) -> Result<String> {
    let found = if crate::ids::check_prefix(prefix) {
        grants::grant_ids_with_prefix(conn, prefix)?
    } else {
        Candidates::default()
    };
    unique(prefix, found, Error::UnknownGrant)
}

fn resolve_request(conn: &Connection, prefix: &str) -> Result<String> {
    let found = if crate::ids::check_prefix(prefix) {
        grants::request_ids_with_prefix(conn, prefix)?
    } else {
        Candidates::default()
    };
    unique(prefix, found, Error::UnknownRequest)
}

/// Most uses a grant may allow (a million releases is years of work).
pub const MAX_USES: u64 = 1_000_000;

/// The state of a grant at `now`, from its row (for display; releases re-verify the body).
/// `current_key` is the pinned authority key's id: a grant signed by another key no longer
/// verifies, whatever its window ("superseded"); a grant revoked before a rotation stays
/// "revoked", the act that ended it.
///
/// A grant for an account that needs two signatures and carrying one is
/// "awaiting_second_signature" until it ends (what the console and `grant list` show).
pub fn grant_state(g: &GrantRecord, now: i64, current_key: Option<&str>) -> &'static str {
    if g.revoked_at.is_some() {
        "revoked"
    } else if current_key != Some(g.authority_key_id.as_str()) {
        "superseded"
    } else if now >= g.not_after {
        "expired"
    } else if g.needs_two_signatures && g.cosignature.is_none() {
        AWAITING_SECOND_SIGNATURE
    } else if now < g.not_before {
        "not_yet_valid"
    } else if g.max_uses.is_some_and(|m| g.uses >= m) {
        "exhausted"
    } else {
        "active"
    }
}

/// The state of a grant that needs a second signature to serve (`grant cosign`).
pub const AWAITING_SECOND_SIGNATURE: &str = "awaiting_second_signature";

/// A grant that would still serve but whose grantee is disabled serves no one: it reads as
/// ended ("grantee_disabled") while the grantee stays disabled.
fn with_grantee(mut view: GrantView, disabled: &std::collections::HashSet<String>) -> GrantView {
    let would_serve = matches!(
        view.state,
        "active" | "not_yet_valid" | "exhausted" | AWAITING_SECOND_SIGNATURE
    );
    if would_serve && disabled.contains(&view.record.grantee) {
        view.state = "grantee_disabled";
    }
    view
}

pub(crate) fn view(record: GrantRecord, at: i64, current_key: Option<&str>) -> GrantView {
    GrantView {
        self_grant: record.grantee == record.signer,
        state: grant_state(&record, at, current_key),
        record,
        second_signers: Vec::new(),
    }
}

/// Verifies a signed grant under the pinned key, or under the key of a delegation to the
/// caller in force (its id returned), and checks it against the vault's rules.
fn check_signed_grant(
    conn: &Connection,
    policy: GrantPolicy,
    caller: &str,
    signed: &[u8],
    signature: &[u8],
) -> Result<(GrantBody, Option<String>)> {
    let key = grants::current_authority_key(conn)?.ok_or(Error::NoAuthorityKey)?;
    // The key it claims picks the check; bytes that claim nothing are checked under her key, so
    // that damage reads as a bad signature, never as a reason to look elsewhere.
    let claimed = GrantBody::decode(signed).ok().map(|b| b.key_id);
    let (body, delegation) = match claimed {
        Some(claimed) if claimed != key.key_id => {
            let (body, delegation) =
                delegation_for_grant(conn, &key, caller, signed, signature, &claimed, now())?;
            (body, Some(delegation))
        }
        _ => {
            let body = grant::open(&key.public_key, signed, signature).map_err(|e| match e {
                grant::GrantError::Malformed => Error::BadRequest(Unusable::NotAGrant),
                _ => Error::BadSignature,
            })?;
            if body.key_id != key.key_id {
                return Err(Error::BadSignature);
            }
            (body, None)
        }
    };
    if body.id.len() != 32 || !crate::ids::check_prefix(&body.id) {
        return Err(field("grant", Problem::BadFormat));
    }
    check_purpose(&body.purpose)?;
    // Times between 1970 and 9999, so the window below cannot overflow.
    const LATEST: i64 = 253_402_300_799;
    for t in [body.not_before, body.not_after, body.issued_at] {
        if !(0..=LATEST).contains(&t) {
            return Err(field("not_after", Problem::BadFormat));
        }
    }
    if body.not_after <= body.not_before {
        return Err(Error::BadRequest(Unusable::WindowOrder));
    }
    if body.not_after - body.not_before > policy.max_grant_secs {
        return Err(field(
            "duration",
            Problem::TooLong {
                max: (policy.max_grant_secs / 86_400) as usize,
            },
        ));
    }
    if body.max_uses == Some(0) {
        return Err(field("max_uses", Problem::TooShort { min: 1 }));
    }
    // Stored as a signed 64-bit integer: a larger count could never be reached anyway.
    if body.max_uses.is_some_and(|m| m > MAX_USES) {
        return Err(field(
            "max_uses",
            Problem::TooLong {
                max: MAX_USES as usize,
            },
        ));
    }
    let grantee = PrincipalName::parse(&body.grantee)?.to_string();
    match principals::by_name(conn, &grantee)? {
        None => return Err(Error::UnknownPrincipal(grantee)),
        Some(p) if p.disabled => return Err(Error::Disabled(grantee)),
        Some(_) => {}
    }
    let accounts = check_accounts(conn, &body.accounts)?;
    if accounts != body.accounts {
        return Err(Error::BadRequest(Unusable::GrantAccountsOrder));
    }
    Ok((body, delegation))
}

/// How many requests one requester may have waiting for a decision at once.
pub const MAX_PENDING_PER_REQUESTER: u64 = 10;

impl Vault {
    /// An administrator asks for access to accounts.
    pub async fn request_grant(
        &self,
        caller: &Caller,
        account_ids: Vec<String>,
        purpose: String,
        duration_secs: i64,
    ) -> Result<RequestRecord> {
        let draft = caller.draft_many(Action::GrantRequest, &account_ids);
        let max = self.grant_policy.max_grant_secs;
        let requester = caller.name().to_owned();
        let created = self
            .audited(draft, move |tx| {
                check_purpose(&purpose)?;
                if duration_secs < 0 {
                    return Err(field("duration", Problem::BadFormat));
                }
                if duration_secs > max {
                    return Err(field(
                        "duration",
                        Problem::TooLong {
                            max: (max / 86_400) as usize,
                        },
                    ));
                }
                let accounts = check_accounts(tx, &account_ids)?;
                // Each request mails the authority: one requester cannot flood her.
                if grants::pending_count_by(tx, &requester)? >= MAX_PENDING_PER_REQUESTER {
                    return Err(Error::BadRequest(Unusable::TooManyPendingRequests));
                }
                let record = RequestRecord {
                    id: crate::ids::new_id(),
                    requester,
                    accounts,
                    purpose,
                    duration_secs,
                    created_at: now(),
                    state: "pending".into(),
                    decided_by: None,
                    decided_at: None,
                    deny_reason: None,
                    grant_id: None,
                };
                grants::insert_request(tx, &record)?;
                events::append(tx, EventKind::RequestCreated, &request_body(&record))?;
                Ok(record)
            })
            .await;
        if created.is_ok() {
            // Its reminder is a new deadline for the clock.
            self.clock.wake();
        }
        created
    }

    pub async fn pending_requests(&self) -> Result<Vec<RequestRecord>> {
        Ok(self.store.run(|c| grants::pending_requests(c)).await?)
    }

    /// Grants registered but waiting for their second signature (`grant cosign`): the other
    /// half of what the authority has to decide, for the pending view. Grants signed under a
    /// key since replaced are left out (no signature would make them serve).
    pub async fn awaiting_second_signature(&self) -> Result<Vec<GrantView>> {
        let at = now();
        let (records, current) = self
            .store
            .run(move |c| {
                let current = grants::current_authority_key(c)?.map(|k| k.key_id);
                Ok::<_, StoreError>((grants::awaiting_second_signature(c, at)?, current))
            })
            .await?;
        Ok(records
            .into_iter()
            .map(|r| view(r, at, current.as_deref()))
            .filter(|v| v.state == AWAITING_SECOND_SIGNATURE)
            .collect())
    }

    /// A request by id or prefix; an administrator sees only their own. Read for an approval,
    /// it must be pending and the caller the authority.
    pub async fn get_request(
        &self,
        caller: &Caller,
        prefix: &str,
        for_approval: bool,
    ) -> Result<RequestRecord> {
        if for_approval && !caller.roles().contains(&Role::Authority) {
            return Err(Error::Forbidden(Role::Authority));
        }
        let prefix = prefix.to_owned();
        // The authority decides requests and the auditor reviews them; others see their own.
        let is_authority = caller
            .roles()
            .iter()
            .any(|r| matches!(r, Role::Authority | Role::Auditor));
        let name = caller.name().to_owned();
        // A read: resolved on the query connection, outcome carried out of the closure.
        self.store
            .run(move |c| {
                let found = resolve_request(c, &prefix).and_then(|id| {
                    grants::get_request(c, &id)?.ok_or(Error::UnknownRequest(prefix.clone()))
                });
                Ok(match found {
                    Ok(record) if !is_authority && record.requester != name => {
                        Err(Error::UnknownRequest(prefix))
                    }
                    Ok(record) if for_approval && record.state != "pending" => {
                        Err(Error::AlreadyDecided(record.id))
                    }
                    other => other,
                })
            })
            .await?
    }

    pub async fn deny_request(
        &self,
        caller: &Caller,
        prefix: &str,
        reason: String,
    ) -> Result<RequestRecord> {
        let draft = caller.draft(Action::GrantDeny, prefix);
        let prefix = prefix.to_owned();
        let by = caller.name().to_owned();
        let denied = self
            .audited(draft, move |tx| {
                limits::check_reason(&reason)?;
                let id = resolve_request(tx, &prefix)?;
                let acting = match grants::get_request(tx, &id)? {
                    Some(request) => check_decision(tx, &by, &request.accounts, now())?,
                    None => None,
                };
                if !grants::decide_request(tx, &id, "denied", &by, Some(&reason), None)? {
                    return Err(Error::AlreadyDecided(id));
                }
                let denied = grants::get_request(tx, &id)?.ok_or(Error::UnknownRequest(id))?;
                events::append(tx, EventKind::RequestDenied, &request_body(&denied))?;
                if let Some(delegation) = acting {
                    record_decision(tx, &delegation, "deny", request_body(&denied))?;
                }
                Ok(denied)
            })
            .await;
        if denied.is_ok() {
            self.decisions.decided();
        }
        denied
    }

    /// Registers a grant the authority signed. When it answers a request, it must match it
    /// (grantee, accounts, purpose) and the request becomes approved.
    pub async fn register_grant(
        &self,
        caller: &Caller,
        signed: Vec<u8>,
        signature: Vec<u8>,
    ) -> Result<GrantView> {
        // The action and target as the (not yet verified) document states them.
        let claimed = GrantBody::decode(&signed).ok();
        let action = match claimed.as_ref().map(|b| b.request.is_some()) {
            Some(true) => Action::GrantApprove,
            _ => Action::GrantIssue,
        };
        let targets = claimed
            .as_ref()
            .map(|b| b.accounts.clone())
            .unwrap_or_default();
        // The grant and request it names are set from the outcome: a refused document's ids
        // may exist nowhere.
        let draft = caller.draft_many(action, &targets);
        let policy = self.grant_policy;
        let refusals = self.refusals.clone();
        let signer = caller.name().to_owned();
        let registered = self
            .store
            .transact_audited(
                move |tx| {
                    let (body, delegation_id) =
                        check_signed_grant(tx, policy, &signer, &signed, &signature)?;
                    if grants::get_grant(tx, &body.id)?.is_some() {
                        return Err(Error::DuplicateGrant(body.id));
                    }
                    if let Some(request_id) = &body.request {
                        let request = grants::get_request(tx, request_id)?
                            .ok_or_else(|| Error::UnknownRequest(request_id.clone()))?;
                        if request.state != "pending" {
                            return Err(Error::AlreadyDecided(request.id));
                        }
                        if request.requester != body.grantee
                            || request.accounts != body.accounts
                            || request.purpose != body.purpose
                        {
                            return Err(Error::BadRequest(Unusable::GrantRequestMismatch));
                        }
                        grants::decide_request(
                            tx,
                            request_id,
                            "approved",
                            &signer,
                            None,
                            Some(&body.id),
                        )?;
                    }
                    let record = GrantRecord {
                        id: body.id.clone(),
                        key_id: body.key_id.clone(),
                        grantee: body.grantee.clone(),
                        accounts: body.accounts.clone(),
                        purpose: body.purpose.clone(),
                        not_before: body.not_before,
                        not_after: body.not_after,
                        max_uses: body.max_uses,
                        issued_at: body.issued_at,
                        request_id: body.request.clone(),
                        signer,
                        registered_at: now(),
                        uses: 0,
                        revoked_at: None,
                        revoked_by: None,
                        revoke_reason: None,
                        delegation_id,
                        authority_key_id: String::new(),
                        signed,
                        signature,
                        cosignature: None,
                        needs_two_signatures: false,
                    };
                    grants::insert_grant(tx, &record)?;
                    // Read back: which authority key it rests on is the store's to say.
                    let record = grants::get_grant(tx, &record.id)?
                        .ok_or_else(|| Error::UnknownGrant(record.id.clone()))?;
                    let request = match &record.request_id {
                        Some(request_id) => Some(
                            grants::get_request(tx, request_id)?
                                .ok_or_else(|| Error::UnknownRequest(request_id.clone()))?,
                        ),
                        None => None,
                    };
                    if let Some(request) = &request {
                        events::append(
                            tx,
                            EventKind::RequestApproved,
                            &approved_body(request, &record),
                        )?;
                    }
                    // An account it names needs two signatures: the other signers are told.
                    let second_signers =
                        super::second_signers::tell_if_awaiting(tx, &record, &body)?;
                    if let Some(delegation) = &record.delegation_id {
                        let (decision, body) = match &request {
                            Some(request) => ("approve", approved_body(request, &record)),
                            None => (
                                "issue",
                                grant_body(&record, &record.signer, record.registered_at),
                            ),
                        };
                        record_decision(tx, delegation, decision, body)?;
                    }
                    // It verified under the pinned key (or a delegation by it) just now.
                    let key_id = record.authority_key_id.clone();
                    Ok(GrantView {
                        second_signers,
                        ..view(record, now(), Some(&key_id))
                    })
                },
                move |result: &Result<GrantView>| {
                    let mut draft = draft.with(result);
                    match result {
                        // The grant that is already registered.
                        Err(Error::DuplicateGrant(id)) => draft.grant = Some(id.clone()),
                        // The request, already decided.
                        Err(Error::AlreadyDecided(id)) => {
                            draft.detail = Some(Detail::default().with("request", id).build())
                        }
                        _ => {}
                    }
                    refusals.admit(draft)
                },
            )
            .await;
        // An approval is the decision of the request it answers.
        if matches!(&registered, Ok(grant) if grant.record.request_id.is_some()) {
            self.decisions.decided();
        }
        registered
    }

    pub async fn revoke_grant(
        &self,
        caller: &Caller,
        prefix: &str,
        reason: String,
    ) -> Result<GrantView> {
        let draft = caller.draft(Action::GrantRevoke, prefix);
        let prefix = prefix.to_owned();
        let by = caller.name().to_owned();
        self.audited(draft, move |tx| {
            limits::check_reason(&reason)?;
            let id = resolve_grant(tx, &prefix)?;
            let acting = match grants::get_grant(tx, &id)? {
                Some(grant) => check_decision(tx, &by, &grant.accounts, now())?,
                None => None,
            };
            if !grants::revoke(tx, &id, &by, &reason)? {
                return Err(Error::AlreadyRevoked(id));
            }
            let record = grants::get_grant(tx, &id)?.ok_or(Error::UnknownGrant(id))?;
            if let Some(delegation) = acting {
                let body = EventBody {
                    reason: reason.clone(),
                    ..grant_body(&record, &by, record.revoked_at.unwrap_or_default())
                };
                record_decision(tx, &delegation, "revoke", body)?;
            }
            let current = grants::current_authority_key(tx)?.map(|k| k.key_id);
            Ok(view(record, now(), current.as_deref()))
        })
        .await
    }

    /// One grant by id or prefix: any for authority and auditor, an admin's own (another's
    /// reads as unknown).
    pub async fn grant(&self, caller: &Caller, prefix: &str) -> Result<GrantView> {
        let sees_all = caller
            .roles()
            .iter()
            .any(|r| matches!(r, Role::Authority | Role::Auditor));
        let me = caller.name().to_owned();
        let prefix = prefix.to_owned();
        self.store
            .run(move |c| {
                let found = (|| {
                    let id = resolve_grant(c, &prefix)?;
                    let record = grants::get_grant(c, &id)?
                        .filter(|g| sees_all || g.grantee == me)
                        .ok_or_else(|| Error::UnknownGrant(prefix.clone()))?;
                    let current = grants::current_authority_key(c)?.map(|k| k.key_id);
                    Ok(view(record, now(), current.as_deref()))
                })();
                Ok::<_, StoreError>(found)
            })
            .await?
    }

    /// Grants and requests the caller may see: all for authority and auditor, own for admin.
    pub async fn list_grants(
        &self,
        caller: &Caller,
        mut filter: GrantFilter,
    ) -> Result<(Vec<GrantView>, Vec<RequestRecord>)> {
        let sees_all = caller
            .roles()
            .iter()
            .any(|r| matches!(r, Role::Authority | Role::Auditor));
        if filter.mine || !sees_all {
            filter.grantee = Some(caller.name().to_owned());
            filter.mine = true;
        }
        let me = caller.name().to_owned();
        let (grants, requests) = self
            .store
            .run(move |c| {
                let requests = if filter.mine {
                    grants::requests_by(c, &me)?
                } else {
                    grants::all_requests(c)?
                };
                let current = grants::current_authority_key(c)?.map(|k| k.key_id);
                let listed = grants::list(
                    c,
                    filter.grantee.as_deref(),
                    filter.account.as_deref(),
                    filter.active_only.then(now),
                )?;
                let disabled: std::collections::HashSet<String> = principals::list(c)?
                    .into_iter()
                    .filter(|p| p.disabled)
                    .map(|p| p.name)
                    .collect();
                Ok::<_, StoreError>((listed, requests, filter, current, disabled))
            })
            .await
            .map(|(g, r, f, current, disabled)| {
                let at = now();
                let grants = g
                    .into_iter()
                    .map(|record| with_grantee(view(record, at, current.as_deref()), &disabled))
                    .filter(|v| !f.active_only || v.state == "active")
                    .collect();
                let requests = r
                    .into_iter()
                    // `--to NAME`: that grantee's requests only, as for the grants.
                    .filter(|q| f.grantee.as_ref().is_none_or(|g| &q.requester == g))
                    .filter(|q| f.account.as_ref().is_none_or(|a| q.accounts.contains(a)))
                    .filter(|q| !f.active_only || q.state == "pending")
                    .collect();
                (grants, requests)
            })?;
        Ok((grants, requests))
    }

    pub async fn authority_key(&self) -> Result<grants::AuthorityKey> {
        self.store
            .run(|c| grants::current_authority_key(c))
            .await?
            .ok_or(Error::NoAuthorityKey)
    }

    /// Pins a new authority key on the strength of a statement signed by the current one.
    pub async fn rotate_authority_key(
        &self,
        caller: &Caller,
        new_public_key: Vec<u8>,
        signature: Vec<u8>,
    ) -> Result<grants::AuthorityKey> {
        let draft = caller.draft(Action::AuthorityRotate, "authority-key");
        let by = caller.name().to_owned();
        self.audited(draft, move |tx| {
            if new_public_key.len() != 32 {
                return Err(field("public_key", Problem::BadFormat));
            }
            let current = grants::current_authority_key(tx)?.ok_or(Error::NoAuthorityKey)?;
            let statement =
                grant::rotation_statement(&current.key_id, current.sequence, &new_public_key);
            grant::verify(&current.public_key, &statement, &signature)
                .map_err(|_| Error::BadSignature)?;
            let new_key_id = grant::key_id(&new_public_key);
            if new_key_id == current.key_id
                || !grants::pin_authority_key(tx, &new_key_id, &new_public_key, &by)?
            {
                return Err(Error::BadRequest(Unusable::RetiredKey));
            }
            grants::current_authority_key(tx)?.ok_or(Error::NoAuthorityKey)
        })
        .await
    }

    /// Pins an authority key with the vault's own authority (init, dev, or the server-side
    /// unseal key through `vaultd authority-key`).
    pub async fn pin_authority_key(&self, by: &str, public_key: Vec<u8>) -> Result<String> {
        let draft = Caller::system(by).draft(Action::AuthorityPin, "authority-key");
        let sealed = self.key().err();
        let by = by.to_owned();
        let pinned = self
            .audited(draft, move |tx| {
                if let Some(e) = sealed {
                    return Err(e);
                }
                if public_key.len() != 32 {
                    return Err(field("public_key", Problem::BadFormat));
                }
                if !grants::pin_authority_key(tx, &grant::key_id(&public_key), &public_key, &by)? {
                    return Err(Error::BadRequest(Unusable::RetiredKey));
                }
                grants::current_authority_key(tx)?.ok_or(Error::NoAuthorityKey)
            })
            .await?;
        Ok(pinned.key_id)
    }
}
