//! How domain outcomes read in the audit log: allowed, or denied/error with a reason code, and
//! the grant involved. (Entries themselves: `tlog::entry`; storage: `store::audit`.) Each domain
//! type says what it adds to its entry next to its definition.

use crate::tlog::entry::{AuditDraft, Outcome};
use crate::vault::error::Error;

/// The detail key a refused request's code is recorded under (`unusable=same_signer`).
pub const UNUSABLE: &str = "unusable";

/// What an allowed outcome adds to its audit entry.
pub trait AuditFacts {
    /// The grant used or acted on.
    fn audit_grant(&self) -> Option<String> {
        None
    }
    /// A short non-secret detail (a version, a field).
    fn audit_detail(&self) -> Option<String> {
        None
    }
}

use crate::tlog::bounds::MAX_TEXT;
use crate::tlog::detail::Detail;

impl AuditFacts for () {}
impl AuditFacts for crate::store::accounts::AccountRecord {}
impl AuditFacts for crate::store::principals::PrincipalRecord {}
impl AuditFacts for crate::store::grants::RequestRecord {
    fn audit_grant(&self) -> Option<String> {
        self.grant_id.clone()
    }
    /// A new request: its id, duration and purpose; a denied one: who asked, for what, and why.
    fn audit_detail(&self) -> Option<String> {
        let detail = Detail::default().with("request", &self.id);
        Some(match self.deny_reason.as_deref() {
            Some(reason) => detail
                .with("requester", &self.requester)
                .with(
                    "accounts",
                    crate::tlog::detail::list_within(&self.accounts, MAX_TEXT / 2),
                )
                .text("reason", reason),
            None => detail
                .with("for", format!("{}s", self.duration_secs))
                .text("purpose", &self.purpose),
        })
    }
}
impl AuditFacts for crate::store::grants::AuthorityKey {
    fn audit_detail(&self) -> Option<String> {
        Some(format!("key {}", self.key_id))
    }
}
impl AuditFacts for crate::store::secrets::VersionRecord {
    /// The version, and which fields it set (a new password ends "rotation recommended").
    fn audit_detail(&self) -> Option<String> {
        let fields: Vec<&str> = [("password", self.password_set), ("totp", self.totp_set)]
            .iter()
            .filter(|(_, set)| *set)
            .map(|(name, _)| *name)
            .collect();
        Some(
            Detail::words(format!("v{}", self.version))
                .with("fields", fields.join(","))
                .build(),
        )
    }
}
impl<T> AuditFacts for Vec<T> {}
impl<A, B> AuditFacts for (A, B) {}
impl AuditFacts for bool {}
impl AuditFacts for u64 {}
impl AuditFacts for String {}

/// Completes a draft with a result.
pub trait Audited {
    fn with<T: AuditFacts>(self, result: &Result<T, Error>) -> AuditDraft;
}

impl Audited for AuditDraft {
    fn with<T: AuditFacts>(mut self, result: &Result<T, Error>) -> AuditDraft {
        match result {
            Ok(value) => {
                self.outcome = Outcome::Allowed;
                self.grant = value.audit_grant().or(self.grant);
                self.detail = value.audit_detail().or(self.detail);
            }
            Err(e) => {
                let failure = e.failure();
                self.outcome = match failure.reason {
                    crate::wire::reason::Reason::Internal
                    | crate::wire::reason::Reason::Unavailable => Outcome::Error,
                    _ => Outcome::Denied,
                };
                self.reason = Some(failure.reason.code().to_owned());
                // "Unusable request" alone would hide why (a second signature by the same
                // signer, a grant ended...): the code says it to a reviewer, in any language.
                if failure.reason == crate::wire::reason::Reason::BadRequest
                    && self.detail.is_none()
                {
                    self.detail = failure.target.map(|code| {
                        crate::tlog::detail::Detail::default()
                            .with(UNUSABLE, code)
                            .build()
                    });
                }
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_denied_request_of_many_long_accounts_keeps_its_reason_in_the_bounded_entry() {
        let request = crate::store::grants::RequestRecord {
            id: "req1".into(),
            requester: "admin".into(),
            accounts: (0..32).map(|i| format!("{i:080}")).collect(),
            purpose: "Campagne".into(),
            duration_secs: 3600,
            created_at: 0,
            state: "denied".into(),
            decided_by: Some("sg".into()),
            decided_at: Some(1),
            deny_reason: Some("Pas pendant la période électorale".into()),
            grant_id: None,
        };
        let detail = request.audit_detail().unwrap();
        // What the entry keeps is the detail itself, not an excerpt of it.
        assert_eq!(crate::tlog::bounds::text(&detail), detail);
        let field = |key| crate::tlog::detail::field(&detail, key);
        assert_eq!(field("reason"), Some("Pas pendant la période électorale"));
        assert_eq!(field("requester"), Some("admin"));
        assert!(field("accounts").unwrap().ends_with(",+29"), "{detail}");
    }

    #[test]
    fn an_unusable_request_records_which_refusal_it_was() {
        let refused: Result<u64, Error> =
            Err(Error::BadRequest(crate::wire::reason::Unusable::SameSigner));
        let caller_draft = || AuditDraft {
            principal: "authority".into(),
            action: crate::tlog::action::Action::GrantCosign,
            targets: vec!["a011".into()],
            outcome: Outcome::Allowed,
            reason: None,
            grant: None,
            request_id: "r".into(),
            peer: "p".into(),
            detail: None,
        };
        let entry = caller_draft().with(&refused);
        assert_eq!(entry.reason.as_deref(), Some("bad_request"));
        assert_eq!(entry.detail.as_deref(), Some("unusable=same_signer"));
        // A detail the act set already is kept.
        let set = AuditDraft {
            detail: Some("version=2".into()),
            ..caller_draft()
        };
        assert_eq!(set.with(&refused).detail.as_deref(), Some("version=2"));
    }
}
