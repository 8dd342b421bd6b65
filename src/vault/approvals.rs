//! How many signatures an account's grants need, in the domain: registering the Secrétaire
//! générale's signed statement (`authz::approvals`), checked under the pinned key, never a
//! delegate's (the rule binds her delegates, so they cannot lift it). An administrative event:
//! each statement and each refusal is audited, and the report reads the rule from the entry.

use super::delegations::refuse_acting_authority;
use super::grants::field;
use super::{Caller, Vault};
use crate::authz::approvals::{Approvals, MAX_STATEMENT_BYTES};
use crate::ids::AccountId;
use crate::limits::Problem;
use crate::store::accounts::{self, AccountRecord};
use crate::store::approvals::{self, ApprovalsRecord};
use crate::store::now;
use crate::tlog::action::Action;
use crate::tlog::detail::Detail;
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;
use rusqlite::Connection;

/// How long a statement stays good to register after she signed it: replaying an old one
/// (her "2" after her later "1") is refused by its id, and by its age when the id was lost.
pub const MAX_STATEMENT_AGE_SECS: i64 = 86_400;
/// How far ahead of the vault's clock her machine's may be.
pub const CLOCK_SKEW_SECS: i64 = 600;

/// An account after its rule changed, with the statement that changed it.
pub struct ApprovalsSet {
    pub account: AccountRecord,
    pub statement: ApprovalsRecord,
}

impl crate::vault::audit_facts::AuditFacts for ApprovalsSet {
    /// The rule, the statement and the key that signed it: what the review report reads back.
    fn audit_detail(&self) -> Option<String> {
        let s = &self.statement;
        Some(
            Detail::default()
                .with("approvals", s.required)
                .with("statement", &s.id)
                .with("key", &s.sg_key_id)
                .with("signed", crate::times::format_time(s.signed_at))
                .build(),
        )
    }
}

/// Verifies a statement under the pinned key and checks it against the vault's rules: the
/// record to register.
fn check_statement(
    conn: &Connection,
    caller: &str,
    signed: &[u8],
    signature: &[u8],
    at: i64,
) -> Result<ApprovalsRecord> {
    let key =
        super::delegations::verified_by_her_key(conn, signed, signature, MAX_STATEMENT_BYTES)?;
    let s = Approvals::decode(signed).map_err(|_| Error::BadRequest(Unusable::NotApprovals))?;
    if s.key_id != key.key_id {
        return Err(Error::BadSignature);
    }
    refuse_acting_authority(conn, caller, &key)?;
    if s.id.len() != 32 || !crate::ids::check_prefix(&s.id) {
        return Err(field("statement", Problem::BadFormat));
    }
    let account = AccountId::parse(&s.account)?.to_string();
    match accounts::get(conn, &account)? {
        None => return Err(Error::UnknownAccount(account)),
        Some(a) if a.archived => return Err(Error::Archived(account)),
        Some(_) => {}
    }
    if s.at > at + CLOCK_SKEW_SECS {
        return Err(field("at", Problem::BadFormat));
    }
    // Whole seconds: two statements she signs in the same second are both newer than an older
    // one (each id still registers once).
    let older_than_rule = approvals::in_force(conn, &account)?.is_some_and(|r| r.signed_at > s.at);
    if s.at < at - MAX_STATEMENT_AGE_SECS
        || approvals::statement_exists(conn, &s.id)?
        || older_than_rule
    {
        return Err(Error::BadRequest(Unusable::ApprovalsReplayed));
    }
    Ok(ApprovalsRecord {
        id: s.id,
        account_id: account,
        required: s.required,
        signed: signed.to_vec(),
        signature: signature.to_vec(),
        sg_key_id: key.key_id,
        signed_at: s.at,
        registered_by: caller.to_owned(),
        registered_at: at,
    })
}

impl Vault {
    /// Sets how many signatures an account's grants need, on the Secrétaire générale's signed
    /// statement. A statement edited by one byte, signed by another key (a delegate's), for an
    /// unknown account, or replayed is refused, recorded, and changes nothing.
    pub async fn set_approvals(
        &self,
        caller: &Caller,
        signed: Vec<u8>,
        signature: Vec<u8>,
    ) -> Result<ApprovalsSet> {
        // The target as the (not yet verified) statement names it.
        let claimed = Approvals::decode(&signed)
            .ok()
            .and_then(|s| AccountId::parse(&s.account).ok().map(|a| a.to_string()))
            .unwrap_or_else(|| "approvals".into());
        let draft = caller.draft(Action::AccountApprovals, claimed);
        let by = caller.name().to_owned();
        self.audited(draft, move |tx| {
            let statement = check_statement(tx, &by, &signed, &signature, now())?;
            approvals::register(tx, &statement)?;
            let account = accounts::get(tx, &statement.account_id)?
                .ok_or_else(|| Error::UnknownAccount(statement.account_id.clone()))?;
            Ok(ApprovalsSet { account, statement })
        })
        .await
    }
}
