//! Why a call failed, as a stable code carried in gRPC metadata next to the status. The daemon
//! fills it in; `vault-cli` turns it into a sentence in the reader's language. The status message
//! itself stays a short English hint for stock clients such as grpcurl.

use crate::limits::{FieldError, Problem};

/// A refusal or failure reason code. The strings are part of the wire contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reason {
    Sealed,
    ForbiddenRole,
    NotEnrolled,
    PrincipalDisabled,
    UnknownAccount,
    Archived,
    DuplicateAccount,
    UnknownPrincipal,
    DuplicatePrincipal,
    InvalidInput,
    BadRequest,
    BadPassphrase,
    TooManyAttempts,
    NoPassphrase,
    LastOperator,
    Unavailable,
    Internal,
    NoGrant,
    Expired,
    NotYetValid,
    Revoked,
    Exhausted,
    BadSignature,
    UnknownGrant,
    UnknownRequest,
    AmbiguousId,
    DuplicateGrant,
    AlreadyDecided,
    AlreadyRevoked,
    NoAuthorityKey,
    NotSigningKey,
}

impl Reason {
    const TABLE: [(Reason, &'static str); 31] = [
        (Reason::Sealed, "sealed"),
        (Reason::ForbiddenRole, "forbidden_role"),
        (Reason::NotEnrolled, "not_enrolled"),
        (Reason::PrincipalDisabled, "principal_disabled"),
        (Reason::UnknownAccount, "unknown_account"),
        (Reason::Archived, "archived"),
        (Reason::DuplicateAccount, "duplicate_account"),
        (Reason::UnknownPrincipal, "unknown_principal"),
        (Reason::DuplicatePrincipal, "duplicate_principal"),
        (Reason::InvalidInput, "invalid_input"),
        (Reason::BadRequest, "bad_request"),
        (Reason::BadPassphrase, "bad_passphrase"),
        (Reason::TooManyAttempts, "too_many_attempts"),
        (Reason::NoPassphrase, "no_passphrase"),
        (Reason::LastOperator, "last_operator"),
        (Reason::Unavailable, "unavailable"),
        (Reason::Internal, "internal"),
        (Reason::NoGrant, "no_grant"),
        (Reason::Expired, "expired"),
        (Reason::NotYetValid, "not_yet_valid"),
        (Reason::Revoked, "revoked"),
        (Reason::Exhausted, "exhausted"),
        (Reason::BadSignature, "bad_signature"),
        (Reason::UnknownGrant, "unknown_grant"),
        (Reason::UnknownRequest, "unknown_request"),
        (Reason::AmbiguousId, "ambiguous_id"),
        (Reason::DuplicateGrant, "duplicate_grant"),
        (Reason::AlreadyDecided, "already_decided"),
        (Reason::AlreadyRevoked, "already_revoked"),
        (Reason::NoAuthorityKey, "no_authority_key"),
        (Reason::NotSigningKey, "not_signing_key"),
    ];

    pub fn code(&self) -> &'static str {
        Self::TABLE
            .iter()
            .find(|(r, _)| r == self)
            .map(|(_, c)| *c)
            .unwrap_or("internal")
    }

    pub fn from_code(code: &str) -> Option<Reason> {
        Self::TABLE
            .iter()
            .find(|(_, c)| *c == code)
            .map(|(r, _)| *r)
    }
}

pub const KEY_REASON: &str = "vault-reason";
pub const KEY_TARGET: &str = "vault-target";
pub const KEY_FIELD: &str = "vault-field";
pub const KEY_PROBLEM: &str = "vault-problem";
pub const KEY_LIMIT: &str = "vault-limit";
pub const KEY_RETRY_AFTER: &str = "vault-retry-after";
pub const KEY_DETAIL: &str = "vault-detail";

/// The structured part of a failed call, as both ends see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub reason: Reason,
    /// What was refused: an account id, a principal name, a role.
    pub target: Option<String>,
    pub field: Option<FieldError>,
    pub retry_after_secs: Option<u64>,
    /// More about it: a time, a grant id (never a secret).
    pub detail: Option<String>,
}

impl Failure {
    pub fn new(reason: Reason) -> Self {
        Self {
            reason,
            target: None,
            field: None,
            retry_after_secs: None,
            detail: None,
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn with_target(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }

    pub fn invalid(field: FieldError) -> Self {
        Self {
            field: Some(field),
            ..Self::new(Reason::InvalidInput)
        }
    }

    /// Writes the failure into a status's metadata.
    pub fn write_metadata(&self, md: &mut tonic::metadata::MetadataMap) {
        let mut put = |key: &'static str, value: &str| {
            if let Ok(v) = value.parse() {
                md.insert(key, v);
            }
        };
        put(KEY_REASON, self.reason.code());
        if let Some(t) = &self.target {
            put(KEY_TARGET, t);
        }
        if let Some(f) = &self.field {
            put(KEY_FIELD, f.field);
            put(KEY_PROBLEM, f.problem.code());
            if let Some(limit) = f.problem.limit() {
                put(KEY_LIMIT, &limit.to_string());
            }
        }
        if let Some(s) = self.retry_after_secs {
            put(KEY_RETRY_AFTER, &s.to_string());
        }
        if let Some(d) = &self.detail {
            put(KEY_DETAIL, d);
        }
    }

    /// Reads a failure back from a status; None when the status carries no vault reason
    /// (e.g. a transport error).
    pub fn from_status(status: &tonic::Status) -> Option<Failure> {
        let md = status.metadata();
        let get = |key: &str| md.get(key).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let reason = Reason::from_code(&get(KEY_REASON)?)?;
        let field = match (get(KEY_FIELD), get(KEY_PROBLEM)) {
            (Some(field), Some(problem)) => {
                let limit = get(KEY_LIMIT).and_then(|l| l.parse().ok());
                Problem::from_code(&problem, limit).map(|problem| FieldError {
                    field: known_field(&field),
                    problem,
                })
            }
            _ => None,
        };
        Some(Failure {
            reason,
            target: get(KEY_TARGET),
            field,
            retry_after_secs: get(KEY_RETRY_AFTER).and_then(|s| s.parse().ok()),
            detail: get(KEY_DETAIL),
        })
    }
}

/// Maps a field name from the wire onto the static names the limits use.
fn known_field(name: &str) -> &'static str {
    const FIELDS: [&str; 20] = [
        "account",
        "principal",
        "role",
        "platform",
        "login",
        "url",
        "note",
        "reason",
        "password",
        "length",
        "totp_seed",
        "csr",
        "passphrase",
        "purpose",
        "duration",
        "max_uses",
        "grant",
        "field",
        "id",
        "public_key",
    ];
    FIELDS
        .iter()
        .find(|f| **f == name)
        .copied()
        .unwrap_or("input")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_has_a_distinct_code() {
        for (r, c) in Reason::TABLE {
            assert_eq!(Reason::from_code(c), Some(r));
        }
    }

    #[test]
    fn a_failure_survives_the_trip_through_status_metadata() {
        let failure = Failure {
            retry_after_secs: Some(30),
            ..Failure::invalid(FieldError {
                field: "login",
                problem: Problem::TooLong { max: 256 },
            })
            .with_target("facebook-cest")
            .with_detail("2026-11-28T12:00:00Z")
        };
        let mut status = tonic::Status::invalid_argument("invalid login");
        failure.write_metadata(status.metadata_mut());
        assert_eq!(Failure::from_status(&status), Some(failure));
    }
}
