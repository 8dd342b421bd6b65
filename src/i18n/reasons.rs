//! Why the vault refused a call, as a sentence in the reader's language: each refusal reason
//! and each field error has its message in the catalog (`reason-*`).

use super::delegation_reasons;
use super::requests::describe_request;
use super::Lang;
use crate::limits::{FieldError, Problem};
use crate::msg;
use crate::wire::reason::{Failure, Reason, RequestHint};
use std::fmt::Display;

msg!(crate::i18n::VAULTD, SEALED = "reason-sealed");
msg!(
    crate::i18n::VAULTD,
    FORBIDDEN_ROLE = "reason-forbidden-role"
);
msg!(crate::i18n::VAULTD, NOT_ENROLLED = "reason-not-enrolled");
msg!(
    crate::i18n::VAULTD,
    PRINCIPAL_DISABLED = "reason-principal-disabled"
);
msg!(
    crate::i18n::VAULTD,
    UNKNOWN_ACCOUNT = "reason-unknown-account"
);
msg!(crate::i18n::VAULTD, ARCHIVED = "reason-archived");
msg!(
    crate::i18n::VAULTD,
    DUPLICATE_ACCOUNT = "reason-duplicate-account"
);
msg!(
    crate::i18n::VAULTD,
    UNKNOWN_PRINCIPAL = "reason-unknown-principal"
);
msg!(
    crate::i18n::VAULTD,
    DUPLICATE_PRINCIPAL = "reason-duplicate-principal"
);
msg!(crate::i18n::VAULTD, BAD_REQUEST = "reason-bad-request");
msg!(
    crate::i18n::VAULTD,
    BAD_PASSPHRASE = "reason-bad-passphrase"
);
msg!(
    crate::i18n::VAULTD,
    TOO_MANY_ATTEMPTS = "reason-too-many-attempts"
);
msg!(crate::i18n::VAULTD, NO_PASSPHRASE = "reason-no-passphrase");
msg!(crate::i18n::VAULTD, LAST_OPERATOR = "reason-last-operator");
msg!(crate::i18n::VAULTD, UNAVAILABLE = "reason-unavailable");
msg!(crate::i18n::VAULTD, BUSY = "reason-busy");
msg!(crate::i18n::VAULTD, ACCESS_ENDED = "reason-access-ended");
msg!(crate::i18n::VAULTD, INTERNAL = "reason-internal");
msg!(crate::i18n::VAULTD, NO_GRANT = "reason-no-grant");
msg!(
    crate::i18n::VAULTD,
    NO_GRANT_PENDING = "reason-no-grant-pending"
);
msg!(
    crate::i18n::VAULTD,
    NO_GRANT_DENIED = "reason-no-grant-denied"
);
msg!(
    crate::i18n::VAULTD,
    GRANT_ENDED_PENDING = "reason-grant-ended-pending"
);
msg!(crate::i18n::VAULTD, EXPIRED = "reason-expired");
msg!(crate::i18n::VAULTD, NOT_YET_VALID = "reason-not-yet-valid");
msg!(crate::i18n::VAULTD, REVOKED = "reason-revoked");
msg!(crate::i18n::VAULTD, EXHAUSTED = "reason-exhausted");
msg!(crate::i18n::VAULTD, BAD_SIGNATURE = "reason-bad-signature");
msg!(crate::i18n::VAULTD, NOT_DELEGATED = "reason-not-delegated");
msg!(
    crate::i18n::VAULTD,
    DELEGATION_EXPIRED = "reason-delegation-expired"
);
msg!(
    crate::i18n::VAULTD,
    OUTSIDE_DELEGATION = "reason-outside-delegation"
);
msg!(
    crate::i18n::VAULTD,
    SECOND_SIGNATURE_MISSING = "reason-second-signature-missing"
);
msg!(crate::i18n::VAULTD, UNKNOWN_GRANT = "reason-unknown-grant");
msg!(
    crate::i18n::VAULTD,
    UNKNOWN_REQUEST = "reason-unknown-request"
);
msg!(crate::i18n::VAULTD, AMBIGUOUS_ID = "reason-ambiguous-id");
msg!(
    crate::i18n::VAULTD,
    AMBIGUOUS_ID_MORE = "reason-ambiguous-id-more"
);
msg!(
    crate::i18n::VAULTD,
    DUPLICATE_GRANT = "reason-duplicate-grant"
);
msg!(
    crate::i18n::VAULTD,
    ALREADY_DECIDED = "reason-already-decided"
);
msg!(
    crate::i18n::VAULTD,
    ALREADY_REVOKED = "reason-already-revoked"
);
msg!(
    crate::i18n::VAULTD,
    ROTATION_STAGED = "reason-rotation-staged"
);
msg!(
    crate::i18n::VAULTD,
    STAGED_BY_ANOTHER = "reason-staged-by-another"
);
msg!(
    crate::i18n::VAULTD,
    NO_AUTHORITY_KEY = "reason-no-authority-key"
);
msg!(
    crate::i18n::VAULTD,
    NOT_SIGNING_KEY = "reason-not-signing-key"
);
msg!(
    crate::i18n::VAULTD,
    INVALID_DURATION_TOO_LONG = "reason-invalid-duration-too-long"
);
msg!(crate::i18n::VAULTD, INVALID_EMPTY = "reason-invalid-empty");
msg!(
    crate::i18n::VAULTD,
    INVALID_TOO_LONG = "reason-invalid-too-long"
);
msg!(
    crate::i18n::VAULTD,
    INVALID_TOO_SHORT = "reason-invalid-too-short"
);
msg!(
    crate::i18n::VAULTD,
    INVALID_RESERVED = "reason-invalid-reserved"
);
msg!(
    crate::i18n::VAULTD,
    INVALID_FORMAT = "reason-invalid-format"
);
/// A field error as a sentence.
pub fn describe_field(lang: Lang, error: &FieldError) -> String {
    let field = super::labels::field_label(lang, error.field);
    let field: &dyn Display = &field;
    match error.problem {
        Problem::Empty => INVALID_EMPTY.fill(lang, &[("field", field)]),
        // A window's length is counted in days (the vault's max_grant_days).
        Problem::TooLong { max } if error.field == "duration" => {
            INVALID_DURATION_TOO_LONG.fill(lang, &[("field", field), ("limit", &max)])
        }
        Problem::TooLong { max } => {
            INVALID_TOO_LONG.fill(lang, &[("field", field), ("limit", &max)])
        }
        Problem::TooShort { min } => {
            INVALID_TOO_SHORT.fill(lang, &[("field", field), ("limit", &min)])
        }
        Problem::BadFormat => INVALID_FORMAT.fill(lang, &[("field", field)]),
        Problem::Reserved => INVALID_RESERVED.fill(lang, &[("field", field)]),
    }
}

/// "the prefix 3fa2c1 matches 12 ids: 3fa2c1…, …, and 2 more; give more digits".
fn describe_ambiguous(lang: Lang, prefix: &dyn Display, detail: &str) -> String {
    let (ids, more) = crate::wire::reason::parse_candidates(detail);
    let listed = ids.join(", ");
    let ids_text = if more > 0 {
        AMBIGUOUS_ID_MORE.fill(lang, &[("ids", &listed), ("more", &more)])
    } else {
        listed
    };
    let count = ids.len() as u64 + more;
    AMBIGUOUS_ID.fill(
        lang,
        &[("target", prefix), ("count", &count), ("ids", &ids_text)],
    )
}

/// A daemon's refusal as a sentence in the reader's language.
pub fn describe_failure(lang: Lang, failure: &Failure) -> String {
    if let Some(field) = &failure.field {
        return describe_field(lang, field);
    }
    let target = failure.target.clone().unwrap_or_default();
    let target: &dyn Display = &target;
    let msg = match failure.reason {
        Reason::Sealed => SEALED,
        Reason::ForbiddenRole => FORBIDDEN_ROLE,
        Reason::NotEnrolled => NOT_ENROLLED,
        Reason::PrincipalDisabled => PRINCIPAL_DISABLED,
        Reason::UnknownAccount => UNKNOWN_ACCOUNT,
        Reason::Archived => ARCHIVED,
        Reason::DuplicateAccount => DUPLICATE_ACCOUNT,
        Reason::UnknownPrincipal => UNKNOWN_PRINCIPAL,
        Reason::DuplicatePrincipal => DUPLICATE_PRINCIPAL,
        Reason::BadRequest => BAD_REQUEST,
        Reason::BadPassphrase => BAD_PASSPHRASE,
        Reason::TooManyAttempts => {
            let secs = failure.retry_after_secs.unwrap_or(1);
            return TOO_MANY_ATTEMPTS.fill(lang, &[("seconds", &secs)]);
        }
        Reason::NoPassphrase => NO_PASSPHRASE,
        Reason::LastOperator => LAST_OPERATOR,
        Reason::Unavailable => UNAVAILABLE,
        Reason::Busy => BUSY,
        Reason::AccessEnded => ACCESS_ENDED,
        Reason::InvalidInput | Reason::Internal => INTERNAL,
        Reason::NoGrant => NO_GRANT,
        Reason::Expired => EXPIRED,
        Reason::NotYetValid => NOT_YET_VALID,
        Reason::Revoked => REVOKED,
        Reason::Exhausted => EXHAUSTED,
        Reason::BadSignature => BAD_SIGNATURE,
        Reason::DelegationExpired => DELEGATION_EXPIRED,
        Reason::OutsideDelegation => OUTSIDE_DELEGATION,
        Reason::SecondSignatureMissing => SECOND_SIGNATURE_MISSING,
        Reason::NotDelegated => NOT_DELEGATED,
        Reason::UnknownGrant => UNKNOWN_GRANT,
        Reason::UnknownRequest => UNKNOWN_REQUEST,
        Reason::AmbiguousId => AMBIGUOUS_ID,
        Reason::DuplicateGrant => DUPLICATE_GRANT,
        Reason::AlreadyDecided => ALREADY_DECIDED,
        Reason::AlreadyRevoked => ALREADY_REVOKED,
        Reason::RotationStaged => {
            return rotation_staged(lang, target, failure.detail.as_deref().unwrap_or_default());
        }
        Reason::StagedByAnother => STAGED_BY_ANOTHER,
        Reason::NoAuthorityKey => NO_AUTHORITY_KEY,
        Reason::NotSigningKey => NOT_SIGNING_KEY,
    };
    let mut detail = failure.detail.clone().unwrap_or_default();
    if matches!(
        failure.reason,
        Reason::DelegationExpired | Reason::OutsideDelegation
    ) {
        if failure.request.is_none() {
            let grantee = delegation_reasons::for_grantee(lang, failure.reason, target, &detail);
            if let Some(text) = grantee {
                return text;
            }
        }
        detail = delegation_reasons::detail_text(lang, failure.reason, &detail);
    }
    if failure.reason == Reason::AmbiguousId {
        return describe_ambiguous(lang, target, &detail);
    }
    if let Some(hint) = &failure.request {
        return with_request(lang, msg, failure.reason, target, &detail, hint);
    }
    if failure.reason == Reason::BadRequest {
        let request = describe_request(lang, failure.target.as_deref().unwrap_or_default());
        return msg.fill(lang, &[("target", &request)]);
    }
    msg.fill(lang, &[("target", target), ("detail", &detail)])
}

/// A second rotation refused: who staged the first and for how long, in the reader's words
/// (`admin, depuis 2 h 10 min`). The detail is `by=… age=SECONDS since=…`; an older daemon's
/// free text is shown as it came.
fn rotation_staged(lang: Lang, target: &dyn Display, detail: &str) -> String {
    use crate::tlog::detail::field;
    let by = field(detail, "by");
    let age = field(detail, "age").and_then(|a| a.parse::<i64>().ok());
    let (by, age) = match (by, age) {
        (Some(by), Some(age)) => (by.to_owned(), super::duration_text(lang, age)),
        _ => (detail.to_owned(), String::new()),
    };
    ROTATION_STAGED.fill(lang, &[("target", target), ("by", &by), ("age", &age)])
}

/// How much of a request id a refusal shows: enough to tell one's requests apart and to give
/// back to `grant wait` as a prefix.
const REQUEST_ID_SHOWN: usize = 8;

/// A refused release that the caller's own request explains: the request pending (wait for
/// it), or with no grant at all the request denied (the authority's reason), instead of "ask
/// for one"; a grant that ended is named in a few words before the request waiting.
fn with_request(
    lang: Lang,
    msg: super::Msg,
    reason: Reason,
    target: &dyn Display,
    detail: &str,
    hint: &RequestHint,
) -> String {
    let id: String = hint.id.chars().take(REQUEST_ID_SHOWN).collect();
    let at = hint.at_text();
    match (reason, hint.denied) {
        (Reason::NoGrant, false) => NO_GRANT_PENDING.fill(
            lang,
            &[("target", target), ("request", &id), ("since", &at)],
        ),
        (Reason::NoGrant, true) => NO_GRANT_DENIED.fill(
            lang,
            &[
                ("target", target),
                ("request", &id),
                ("at", &at),
                ("reason", &hint.reason.as_deref().unwrap_or("—")),
            ],
        ),
        (_, false) => {
            let mut why = super::reason_label(lang, reason.code());
            if !detail.is_empty() {
                why = format!("{why}, {detail}");
            }
            GRANT_ENDED_PENDING.fill(
                lang,
                &[
                    ("target", target),
                    ("why", &why),
                    ("request", &id),
                    ("since", &at),
                ],
            )
        }
        // The daemon sends a denial only with no grant at all.
        (_, true) => msg.fill(lang, &[("target", target), ("detail", &detail)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(reason: Reason, denied: bool, detail: Option<&str>) -> Failure {
        let mut failure = Failure::new(reason).with_target("facebook-cest");
        failure.detail = detail.map(str::to_owned);
        failure.request = Some(RequestHint {
            id: "0123456789abcdef0123456789abcdef".into(),
            denied,
            at: 1_796_032_800,
            reason: denied.then(|| "Pas pendant la période électorale".to_owned()),
        });
        failure
    }

    #[test]
    fn a_second_rotation_names_who_staged_the_first_and_its_age_in_words() {
        let failure = Failure {
            detail: Some("by=alice age=7830 since=2026-11-30T10:00:00Z".into()),
            ..Failure::new(Reason::RotationStaged).with_target("facebook-cest")
        };
        let fr = describe_failure(Lang::Fr, &failure);
        assert!(fr.contains("par alice depuis 2 h 10 min"), "{fr}");
        assert!(!fr.contains("2026-11-30"), "{fr}");
        let en = describe_failure(Lang::En, &failure);
        assert!(en.contains("by alice 2 h 10 min ago"), "{en}");
        assert!(en.contains("secret rotate facebook-cest --confirm"), "{en}");
    }

    #[test]
    fn a_refusal_names_the_callers_pending_request_instead_of_asking_for_one() {
        let en = describe_failure(Lang::En, &refused(Reason::NoGrant, false, None));
        assert_eq!(
            en,
            "no valid art. 3 grant for facebook-cest yet: your request 01234567 has been waiting \
             for the Secrétaire générale's decision since 2026-11-30T10:00:00Z; wait for it \
             with: vault-cli grant wait 01234567"
        );
        let fr = describe_failure(Lang::Fr, &refused(Reason::NoGrant, false, None));
        assert!(
            fr.contains("votre demande 01234567 attend la décision"),
            "{fr}"
        );
        assert!(!fr.contains("grant request"), "{fr}");
    }

    #[test]
    fn a_refusal_names_the_last_denial_and_the_authoritys_reason() {
        let en = describe_failure(Lang::En, &refused(Reason::NoGrant, true, None));
        assert!(
            en.contains("your request 01234567 was denied on 2026-11-30T10:00:00Z (\"Pas pendant la période électorale\"); ask again with: vault-cli grant request facebook-cest"),
            "{en}"
        );
        let fr = describe_failure(Lang::Fr, &refused(Reason::NoGrant, true, None));
        assert!(
            fr.contains(
                "a été refusée le 2026-11-30T10:00:00Z (« Pas pendant la période électorale »)"
            ),
            "{fr}"
        );
    }

    #[test]
    fn an_ended_grant_is_named_before_the_request_waiting() {
        let failure = refused(Reason::Expired, false, Some("2026-11-29T17:00:00Z"));
        let en = describe_failure(Lang::En, &failure);
        assert_eq!(
            en,
            "no valid art. 3 grant for facebook-cest (grant expired, 2026-11-29T17:00:00Z); your \
             request 01234567 has been waiting for the Secrétaire générale's decision since \
             2026-11-30T10:00:00Z; wait for it with: vault-cli grant wait 01234567"
        );
        let fr = describe_failure(Lang::Fr, &failure);
        assert!(
            fr.starts_with("aucune autorisation valide (art. 3) pour facebook-cest (autorisation expirée, 2026-11-29T17:00:00Z) ; votre demande 01234567 attend"),
            "{fr}"
        );
    }
}
