//! Why a call failed, as a stable code carried in gRPC metadata next to the status, and the one
//! table from reason to gRPC status code. The daemon fills it in; `vault-cli` turns it into a
//! sentence in the reader's language. The status message itself stays a short English hint for
//! stock clients such as grpcurl.

use crate::authz::decision::DenyReason;
use crate::limits::{FieldError, Problem};
use tonic::Code;

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
    /// A rotation is staged for the account already (detail: who, since when).
    RotationStaged,
    /// A staged value asked for by someone other than the person who staged it (detail: who).
    StagedByAnother,
    NoAuthorityKey,
    NotSigningKey,
    Busy,
    AccessEnded,
    /// An acting authority's delegation does not cover the moment (ended, revoked, not begun).
    DelegationExpired,
    /// An acting authority acted on an account her delegation does not cover.
    OutsideDelegation,
    /// The account needs two signatures and the grant carries one (detail: the grant's id).
    SecondSignatureMissing,
    /// A grant signed by an authority whom no delegation names, with a key not the pinned one.
    NotDelegated,
}

impl Reason {
    /// Each reason's wire code and the gRPC status code it travels under: the only such table.
    pub(crate) const TABLE: [(Reason, &'static str, Code); 39] = [
        (Reason::Sealed, "sealed", Code::FailedPrecondition),
        (
            Reason::ForbiddenRole,
            "forbidden_role",
            Code::PermissionDenied,
        ),
        (Reason::NotEnrolled, "not_enrolled", Code::Unauthenticated),
        (
            Reason::PrincipalDisabled,
            "principal_disabled",
            Code::PermissionDenied,
        ),
        (Reason::UnknownAccount, "unknown_account", Code::NotFound),
        (Reason::Archived, "archived", Code::FailedPrecondition),
        (
            Reason::DuplicateAccount,
            "duplicate_account",
            Code::AlreadyExists,
        ),
        (
            Reason::UnknownPrincipal,
            "unknown_principal",
            Code::NotFound,
        ),
        (
            Reason::DuplicatePrincipal,
            "duplicate_principal",
            Code::AlreadyExists,
        ),
        (Reason::InvalidInput, "invalid_input", Code::InvalidArgument),
        (Reason::BadRequest, "bad_request", Code::InvalidArgument),
        (
            Reason::BadPassphrase,
            "bad_passphrase",
            Code::Unauthenticated,
        ),
        (
            Reason::TooManyAttempts,
            "too_many_attempts",
            Code::ResourceExhausted,
        ),
        (
            Reason::NoPassphrase,
            "no_passphrase",
            Code::FailedPrecondition,
        ),
        (
            Reason::LastOperator,
            "last_operator",
            Code::FailedPrecondition,
        ),
        (Reason::Unavailable, "unavailable", Code::Unavailable),
        (Reason::Internal, "internal", Code::Internal),
        (Reason::NoGrant, "no_grant", Code::PermissionDenied),
        (Reason::Expired, "expired", Code::PermissionDenied),
        (Reason::NotYetValid, "not_yet_valid", Code::PermissionDenied),
        (Reason::Revoked, "revoked", Code::PermissionDenied),
        (Reason::Exhausted, "exhausted", Code::PermissionDenied),
        (
            Reason::BadSignature,
            "bad_signature",
            Code::PermissionDenied,
        ),
        (Reason::UnknownGrant, "unknown_grant", Code::NotFound),
        (Reason::UnknownRequest, "unknown_request", Code::NotFound),
        (Reason::AmbiguousId, "ambiguous_id", Code::InvalidArgument),
        (
            Reason::DuplicateGrant,
            "duplicate_grant",
            Code::AlreadyExists,
        ),
        (
            Reason::AlreadyDecided,
            "already_decided",
            Code::FailedPrecondition,
        ),
        (
            Reason::AlreadyRevoked,
            "already_revoked",
            Code::FailedPrecondition,
        ),
        (
            Reason::RotationStaged,
            "rotation_staged",
            Code::FailedPrecondition,
        ),
        (
            Reason::StagedByAnother,
            "staged_by_another",
            Code::PermissionDenied,
        ),
        (
            Reason::NoAuthorityKey,
            "no_authority_key",
            Code::FailedPrecondition,
        ),
        (
            Reason::NotSigningKey,
            "not_signing_key",
            Code::FailedPrecondition,
        ),
        (Reason::Busy, "busy", Code::ResourceExhausted),
        (Reason::AccessEnded, "access_ended", Code::Aborted),
        (
            Reason::DelegationExpired,
            "delegation_expired",
            Code::PermissionDenied,
        ),
        (
            Reason::OutsideDelegation,
            "outside_delegation",
            Code::PermissionDenied,
        ),
        (
            Reason::SecondSignatureMissing,
            "second_signature_missing",
            Code::PermissionDenied,
        ),
        (
            Reason::NotDelegated,
            "not_delegated",
            Code::PermissionDenied,
        ),
    ];

    fn row(&self) -> (Reason, &'static str, Code) {
        Self::TABLE
            .into_iter()
            .find(|(r, _, _)| r == self)
            .unwrap_or((Reason::Internal, "internal", Code::Internal))
    }

    pub fn code(&self) -> &'static str {
        self.row().1
    }

    /// The gRPC status code a failure with this reason is sent with.
    pub fn status_code(&self) -> Code {
        self.row().2
    }

    pub fn from_code(code: &str) -> Option<Reason> {
        Self::TABLE
            .iter()
            .find(|(_, c, _)| *c == code)
            .map(|(r, _, _)| *r)
    }
}

impl From<DenyReason> for Reason {
    fn from(reason: DenyReason) -> Reason {
        match reason {
            DenyReason::NoGrant => Reason::NoGrant,
            DenyReason::Expired => Reason::Expired,
            DenyReason::NotYetValid => Reason::NotYetValid,
            DenyReason::Revoked => Reason::Revoked,
            DenyReason::Exhausted => Reason::Exhausted,
            DenyReason::UnknownAccount => Reason::UnknownAccount,
            DenyReason::Archived => Reason::Archived,
            DenyReason::Sealed => Reason::Sealed,
            DenyReason::ForbiddenRole => Reason::ForbiddenRole,
            DenyReason::BadSignature => Reason::BadSignature,
            DenyReason::DelegationExpired => Reason::DelegationExpired,
            DenyReason::OutsideDelegation => Reason::OutsideDelegation,
            DenyReason::SecondSignatureMissing => Reason::SecondSignatureMissing,
        }
    }
}

/// Why a well-formed request cannot be used (the `bad_request` reason's target). The daemon
/// sends the code; each client words it in the reader's language (`i18n::requests`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unusable {
    EscrowNotRecipient,
    OutputExists,
    NeedUnsealMethod,
    NoSuchEntry,
    NotAGrant,
    NotAgeIdentity,
    WindowOrder,
    NothingToSet,
    PasswordAndGenerate,
    BadCsr,
    GrantRequestMismatch,
    GrantAccountsOrder,
    NoTotpSeed,
    NoPassword,
    WrongUnsealIdentity,
    RetiredKey,
    UnknownMethod,
    MalformedMessage,
    NoBackupRecipient,
    KeyCopiesMissing,
    NotABackup,
    TargetNotEmpty,
    OneUnsealMethod,
    PassphraseNeeded,
    LastUnsealMethod,
    NoSuchRecipient,
    AlreadyRecipient,
    NotACosignature,
    CosignatureGoesBack,
    WitnessLimit,
    UnknownKeyChange,
    KeyChangeDecided,
    KeyChangeMismatch,
    TooManyKeyChanges,
    NotAnApproval,
    TooManyWaits,
    PublicUrlNotHttps,
    WitnessNotListed,
    CosignatureInvalid,
    NotAWitnessKey,
    WitnessAlreadyListed,
    /// Confirm or abort with no rotation staged (never staged, or confirmed or aborted).
    NothingStaged,
    TooManyFollows,
    UnknownEvent,
    TooManyPendingRequests,
    NotADelegation,
    DelegationKnown,
    DelegateNotAuthority,
    SelfDelegation,
    WindowInPast,
    ActingAuthority,
    UnknownDelegation,
    DelegationRevoked,
    /// `account set` naming nothing to change.
    NothingToChange,
    /// Bytes that are not an approvals statement (`authz/approvals.rs`).
    NotApprovals,
    /// An approvals statement already registered, or older than the account's rule in force.
    ApprovalsReplayed,
    /// A second signature by the key that made the first.
    SameSigner,
    /// A grant that carries its second signature already.
    AlreadyCosigned,
    /// A grant that ended (expired, exhausted, superseded): nothing left to cosign.
    GrantEnded,
}

impl Unusable {
    pub const ALL: [Unusable; 59] = [
        Unusable::EscrowNotRecipient,
        Unusable::OutputExists,
        Unusable::NeedUnsealMethod,
        Unusable::NoSuchEntry,
        Unusable::NotAGrant,
        Unusable::NotAgeIdentity,
        Unusable::WindowOrder,
        Unusable::NothingToSet,
        Unusable::PasswordAndGenerate,
        Unusable::BadCsr,
        Unusable::GrantRequestMismatch,
        Unusable::GrantAccountsOrder,
        Unusable::NoTotpSeed,
        Unusable::NoPassword,
        Unusable::WrongUnsealIdentity,
        Unusable::RetiredKey,
        Unusable::UnknownMethod,
        Unusable::MalformedMessage,
        Unusable::NoBackupRecipient,
        Unusable::KeyCopiesMissing,
        Unusable::NotABackup,
        Unusable::TargetNotEmpty,
        Unusable::OneUnsealMethod,
        Unusable::PassphraseNeeded,
        Unusable::LastUnsealMethod,
        Unusable::NoSuchRecipient,
        Unusable::AlreadyRecipient,
        Unusable::NotACosignature,
        Unusable::CosignatureGoesBack,
        Unusable::WitnessLimit,
        Unusable::UnknownKeyChange,
        Unusable::KeyChangeDecided,
        Unusable::KeyChangeMismatch,
        Unusable::TooManyKeyChanges,
        Unusable::NotAnApproval,
        Unusable::TooManyWaits,
        Unusable::PublicUrlNotHttps,
        Unusable::WitnessNotListed,
        Unusable::CosignatureInvalid,
        Unusable::NotAWitnessKey,
        Unusable::WitnessAlreadyListed,
        Unusable::NothingStaged,
        Unusable::TooManyFollows,
        Unusable::UnknownEvent,
        Unusable::TooManyPendingRequests,
        Unusable::NotADelegation,
        Unusable::DelegationKnown,
        Unusable::DelegateNotAuthority,
        Unusable::SelfDelegation,
        Unusable::WindowInPast,
        Unusable::ActingAuthority,
        Unusable::UnknownDelegation,
        Unusable::DelegationRevoked,
        Unusable::NothingToChange,
        Unusable::NotApprovals,
        Unusable::ApprovalsReplayed,
        Unusable::SameSigner,
        Unusable::AlreadyCosigned,
        Unusable::GrantEnded,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            Unusable::EscrowNotRecipient => "escrow_not_recipient",
            Unusable::OutputExists => "output_exists",
            Unusable::NeedUnsealMethod => "need_unseal_method",
            Unusable::NoSuchEntry => "no_such_entry",
            Unusable::NotAGrant => "not_a_grant",
            Unusable::NotAgeIdentity => "not_age_identity",
            Unusable::WindowOrder => "window_order",
            Unusable::NothingToSet => "nothing_to_set",
            Unusable::PasswordAndGenerate => "password_and_generate",
            Unusable::BadCsr => "bad_csr",
            Unusable::GrantRequestMismatch => "grant_request_mismatch",
            Unusable::GrantAccountsOrder => "grant_accounts_order",
            Unusable::NoTotpSeed => "no_totp_seed",
            Unusable::NoPassword => "no_password",
            Unusable::WrongUnsealIdentity => "wrong_unseal_identity",
            Unusable::RetiredKey => "retired_key",
            Unusable::UnknownMethod => "unknown_method",
            Unusable::MalformedMessage => "malformed_message",
            Unusable::NoBackupRecipient => "no_backup_recipient",
            Unusable::KeyCopiesMissing => "key_copies_missing",
            Unusable::NotABackup => "not_a_backup",
            Unusable::TargetNotEmpty => "target_not_empty",
            Unusable::OneUnsealMethod => "one_unseal_method",
            Unusable::PassphraseNeeded => "passphrase_needed",
            Unusable::LastUnsealMethod => "last_unseal_method",
            Unusable::NoSuchRecipient => "no_such_recipient",
            Unusable::AlreadyRecipient => "already_recipient",
            Unusable::NotACosignature => "not_a_cosignature",
            Unusable::CosignatureGoesBack => "cosignature_goes_back",
            Unusable::WitnessLimit => "witness_limit",
            Unusable::UnknownKeyChange => "unknown_key_change",
            Unusable::KeyChangeDecided => "key_change_decided",
            Unusable::KeyChangeMismatch => "key_change_mismatch",
            Unusable::TooManyKeyChanges => "too_many_key_changes",
            Unusable::NotAnApproval => "not_an_approval",
            Unusable::TooManyWaits => "too_many_waits",
            Unusable::PublicUrlNotHttps => "public_url_not_https",
            Unusable::WitnessNotListed => "witness_not_listed",
            Unusable::CosignatureInvalid => "cosignature_invalid",
            Unusable::NotAWitnessKey => "not_a_witness_key",
            Unusable::WitnessAlreadyListed => "witness_already_listed",
            Unusable::NothingStaged => "nothing_staged",
            Unusable::TooManyFollows => "too_many_follows",
            Unusable::UnknownEvent => "unknown_event",
            Unusable::TooManyPendingRequests => "too_many_pending_requests",
            Unusable::NotADelegation => "not_a_delegation",
            Unusable::DelegationKnown => "delegation_known",
            Unusable::DelegateNotAuthority => "delegate_not_authority",
            Unusable::SelfDelegation => "self_delegation",
            Unusable::WindowInPast => "window_in_past",
            Unusable::ActingAuthority => "acting_authority",
            Unusable::UnknownDelegation => "unknown_delegation",
            Unusable::DelegationRevoked => "delegation_revoked",
            Unusable::NothingToChange => "nothing_to_change",
            Unusable::NotApprovals => "not_approvals",
            Unusable::ApprovalsReplayed => "approvals_replayed",
            Unusable::SameSigner => "same_signer",
            Unusable::AlreadyCosigned => "already_cosigned",
            Unusable::GrantEnded => "grant_ended",
        }
    }

    pub fn from_code(code: &str) -> Option<Unusable> {
        Self::ALL.into_iter().find(|u| u.code() == code)
    }
}

pub const KEY_REASON: &str = "vault-reason";
pub const KEY_TARGET: &str = "vault-target";
pub const KEY_FIELD: &str = "vault-field";
pub const KEY_PROBLEM: &str = "vault-problem";
pub const KEY_LIMIT: &str = "vault-limit";
pub const KEY_RETRY_AFTER: &str = "vault-retry-after";
pub const KEY_DETAIL: &str = "vault-detail";
/// Binary (base64 on the wire): a denial reason is the authority's words, in any language.
pub const KEY_REQUEST: &str = "vault-request-bin";
/// A request hint longer than this is not one the vault sent: ignored.
const MAX_REQUEST_HINT: usize = 4096;

/// The caller's own request that explains a refused release: still pending (since `at`), or
/// the last one denied (on `at`, with the authority's reason). Never a secret: the requester
/// sees these through `grant` already. It travels with the refusal rather than through a second
/// call: read in the decision's own transaction it cannot contradict the decision, it costs no
/// second round trip nor audit entry, and every client (grpcurl too) gets it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RequestHint {
    pub id: String,
    pub denied: bool,
    pub at: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl RequestHint {
    /// `at` as the vault's other times read (RFC 3339, UTC).
    pub fn at_text(&self) -> String {
        crate::times::format_time(self.at)
    }
}

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
    /// A refused release: the caller's pending request for the account, or its last denial.
    pub request: Option<RequestHint>,
}

impl Failure {
    pub fn new(reason: Reason) -> Self {
        Self {
            reason,
            target: None,
            field: None,
            retry_after_secs: None,
            detail: None,
            request: None,
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
        if let Some(hint) = self
            .request
            .as_ref()
            .and_then(|r| serde_json::to_vec(r).ok())
        {
            md.insert_bin(
                KEY_REQUEST,
                tonic::metadata::MetadataValue::from_bytes(&hint),
            );
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
            request: md
                .get_bin(KEY_REQUEST)
                .and_then(|v| v.to_bytes().ok())
                .filter(|b| b.len() <= MAX_REQUEST_HINT)
                .and_then(|b| serde_json::from_slice(&b).ok()),
        })
    }
}

/// An ambiguous prefix's candidates as they travel in a failure's detail: the ids named,
/// separated by spaces, then `+N` when N more match (the count is the vault's, the list bounded).
pub fn candidates_detail(ids: &[String], total: u64) -> String {
    let mut detail = ids.join(" ");
    let more = total.saturating_sub(ids.len() as u64);
    if more > 0 {
        detail.push_str(&format!(" +{more}"));
    }
    detail
}

/// The ids and the count of unnamed others in a `candidates_detail`.
pub fn parse_candidates(detail: &str) -> (Vec<&str>, u64) {
    let mut ids = Vec::new();
    let mut more = 0;
    for word in detail.split_whitespace() {
        match word.strip_prefix('+').map(str::parse::<u64>) {
            Some(Ok(n)) => more = n,
            _ => ids.push(word),
        }
    }
    (ids, more)
}

/// Maps a field name from the wire onto the static names the limits use.
fn known_field(name: &str) -> &'static str {
    const FIELDS: [&str; 25] = [
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
        // A notification's record (Events.Record).
        "outcome",
        "channel",
        "recipients",
        "message_id",
        "attempt",
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
    fn an_ambiguous_prefix_names_its_first_candidates_and_counts_the_rest() {
        let ids = vec!["3fa2c1aa".to_owned(), "3fa2c1bb".to_owned()];
        assert_eq!(candidates_detail(&ids, 2), "3fa2c1aa 3fa2c1bb");
        assert_eq!(candidates_detail(&ids, 14), "3fa2c1aa 3fa2c1bb +12");
        assert_eq!(
            parse_candidates("3fa2c1aa 3fa2c1bb +12"),
            (vec!["3fa2c1aa", "3fa2c1bb"], 12)
        );
        assert_eq!(parse_candidates(""), (Vec::<&str>::new(), 0));
    }

    #[test]
    fn every_reason_has_a_distinct_code() {
        for (r, c, _) in Reason::TABLE {
            assert_eq!(Reason::from_code(c), Some(r));
            assert_eq!(r.code(), c);
        }
        for u in Unusable::ALL {
            assert_eq!(Unusable::from_code(u.code()), Some(u));
        }
    }

    #[test]
    fn release_denials_are_permission_denied_and_the_daemon_s_faults_are_not() {
        for r in DenyReason::ALL {
            assert_eq!(
                Reason::from(r).code(),
                r.code(),
                "one code on the wire and in the log"
            );
        }
        for r in [
            DenyReason::NoGrant,
            DenyReason::Expired,
            DenyReason::Revoked,
            DenyReason::Exhausted,
        ] {
            assert_eq!(Reason::from(r).status_code(), Code::PermissionDenied);
        }
        assert_eq!(
            Reason::from(DenyReason::Sealed).status_code(),
            Code::FailedPrecondition
        );
        assert_eq!(
            Reason::from(DenyReason::UnknownAccount).status_code(),
            Code::NotFound
        );
        assert_eq!(Reason::Internal.status_code(), Code::Internal);
        assert_eq!(Reason::Unavailable.status_code(), Code::Unavailable);
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

    #[test]
    fn a_denied_request_and_its_reason_in_any_language_survive_the_trip() {
        let mut failure = Failure::new(Reason::NoGrant).with_target("facebook-cest");
        failure.request = Some(RequestHint {
            id: "0123456789abcdef".into(),
            denied: true,
            at: 1_800_000_000,
            reason: Some("Pas pendant la période électorale « 2026 »".into()),
        });
        let mut status = tonic::Status::permission_denied("denied");
        failure.write_metadata(status.metadata_mut());
        assert_eq!(Failure::from_status(&status), Some(failure));
        // A hint too large to be the vault's is dropped, not the whole failure.
        let mut status = tonic::Status::permission_denied("denied");
        Failure::new(Reason::NoGrant).write_metadata(status.metadata_mut());
        status.metadata_mut().insert_bin(
            KEY_REQUEST,
            tonic::metadata::MetadataValue::from_bytes(&vec![b' '; MAX_REQUEST_HINT + 1]),
        );
        let read = Failure::from_status(&status).unwrap();
        assert_eq!((read.reason, read.request), (Reason::NoGrant, None));
    }
}
