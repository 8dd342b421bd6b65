//! Why the vault refused a call, as a sentence in the reader's language: each refusal reason
//! and each field error has its message in the catalog (`reason-*`).

use super::requests::describe_request;
use super::Lang;
use crate::limits::{FieldError, Problem};
use crate::msg;
use crate::wire::reason::{Failure, Reason};
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
msg!(crate::i18n::VAULTD, EXPIRED = "reason-expired");
msg!(crate::i18n::VAULTD, NOT_YET_VALID = "reason-not-yet-valid");
msg!(crate::i18n::VAULTD, REVOKED = "reason-revoked");
msg!(crate::i18n::VAULTD, EXHAUSTED = "reason-exhausted");
msg!(crate::i18n::VAULTD, BAD_SIGNATURE = "reason-bad-signature");
msg!(crate::i18n::VAULTD, UNKNOWN_GRANT = "reason-unknown-grant");
msg!(
    crate::i18n::VAULTD,
    UNKNOWN_REQUEST = "reason-unknown-request"
);
msg!(crate::i18n::VAULTD, AMBIGUOUS_ID = "reason-ambiguous-id");
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
        Reason::UnknownGrant => UNKNOWN_GRANT,
        Reason::UnknownRequest => UNKNOWN_REQUEST,
        Reason::AmbiguousId => AMBIGUOUS_ID,
        Reason::DuplicateGrant => DUPLICATE_GRANT,
        Reason::AlreadyDecided => ALREADY_DECIDED,
        Reason::AlreadyRevoked => ALREADY_REVOKED,
        Reason::NoAuthorityKey => NO_AUTHORITY_KEY,
        Reason::NotSigningKey => NOT_SIGNING_KEY,
    };
    let detail = failure.detail.clone().unwrap_or_default();
    if failure.reason == Reason::BadRequest {
        let request = describe_request(lang, failure.target.as_deref().unwrap_or_default());
        return msg.fill(lang, &[("target", &request)]);
    }
    msg.fill(lang, &[("target", target), ("detail", &detail)])
}
