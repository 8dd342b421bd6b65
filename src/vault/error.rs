//! The domain's errors: codes and values, never UI text. Each maps to one reason code
//! (`Error::failure`, the table in `wire::reason` gives its gRPC status); clients and the daemon's
//! own messages word it in the reader's language. Internal detail (SQL, crypto) stays in the
//! daemon's log and never reaches the caller.

use crate::authz::decision::DenyReason;
use crate::ids::Role;
use crate::limits::FieldError;
use crate::store::StoreError;
use crate::wire::reason::{Failure, Reason, Unusable};

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The data key is not in memory.
    #[error("the vault is sealed")]
    Sealed,
    /// The caller lacks the role the call needs.
    #[error("role {0} required")]
    Forbidden(Role),
    /// The client certificate belongs to no principal.
    #[error("client certificate not enrolled")]
    NotEnrolled,
    /// The principal exists but is disabled.
    #[error("principal {0} is disabled")]
    Disabled(String),
    /// No such account.
    #[error("unknown account {0}")]
    UnknownAccount(String),
    /// The account is archived.
    #[error("account {0} is archived")]
    Archived(String),
    /// An account with that id exists.
    #[error("account {0} already exists")]
    DuplicateAccount(String),
    /// No such principal.
    #[error("unknown principal {0}")]
    UnknownPrincipal(String),
    /// A principal with that name exists.
    #[error("principal {0} already exists")]
    DuplicatePrincipal(String),
    /// The change would leave no enabled operator.
    #[error("{0} is the last enabled operator")]
    LastOperator(String),
    /// The release decision said no.
    #[error("denied ({}) for {account}", .reason.code())]
    Denied {
        reason: DenyReason,
        account: String,
        /// A time or grant id that helps the caller (never a secret).
        detail: Option<String>,
        /// The caller's pending request for the account, or its last denial.
        request: Option<crate::wire::reason::RequestHint>,
    },
    /// No grant with that id or prefix.
    #[error("unknown grant {0}")]
    UnknownGrant(String),
    /// No request with that id or prefix.
    #[error("unknown grant request {0}")]
    UnknownRequest(String),
    /// An id prefix that matches more than one: the first few it matches, and how many.
    #[error("id prefix {prefix} is ambiguous ({total} ids)")]
    AmbiguousId {
        prefix: String,
        candidates: Vec<String>,
        total: u64,
    },
    /// The grant id is registered already (a replay).
    #[error("grant {0} is already registered")]
    DuplicateGrant(String),
    /// The request was approved or denied already.
    #[error("request {0} was already decided")]
    AlreadyDecided(String),
    /// The grant was revoked already.
    #[error("grant {0} is already revoked")]
    AlreadyRevoked(String),
    /// A rotation is staged for the account already: confirm or abort it first.
    #[error("a rotation of {account} is staged already")]
    RotationStaged {
        account: String,
        staged_by: String,
        staged_at: i64,
    },
    /// A staged value asked for by someone other than the person who staged it.
    #[error("the rotation of {account} was staged by someone else")]
    StagedByAnother { account: String, staged_by: String },
    /// The vault pins no authority key yet.
    #[error("no authority key is pinned")]
    NoAuthorityKey,
    /// A grant or statement whose signature does not verify under the pinned key.
    #[error("the signature does not verify under the pinned authority key")]
    BadSignature,
    /// A grant signed by a key that is not the authority's, from an authority no delegation
    /// names: she must be delegated to before she signs.
    #[error("no delegation names the signer")]
    NotDelegated,
    /// A field failed its check.
    #[error(transparent)]
    Invalid(#[from] FieldError),
    /// A request that is well-formed but unusable (e.g. a certificate request that fails to verify).
    #[error("bad request: {}", .0.code())]
    BadRequest(Unusable),
    /// The unseal passphrase is wrong.
    #[error("wrong unseal passphrase")]
    BadPassphrase,
    /// Too many wrong passphrases: locked for a while.
    #[error("too many failed unseal attempts; retry in {0} s")]
    TooManyAttempts(u64),
    /// The vault has no passphrase wrapping.
    #[error("this vault has no unseal passphrase")]
    NoPassphrase,
    /// Storage failed.
    #[error(transparent)]
    Storage(#[from] StoreError),
    /// A sealed value or key failed to open: damage or tampering.
    #[error("integrity failure: {0}")]
    Integrity(String),
    /// What a stream was opened under ended (access changed, seal, stop).
    #[error("the stream ended: {}", .0.hint())]
    AccessEnded(super::sessions::Ended),
    /// Anything else that is our fault.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// True when the cause is the disk or the database being unable to write for now.
    pub fn is_unavailable(&self) -> bool {
        use rusqlite::ErrorCode::*;
        let code = match self {
            Error::Storage(StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _))) => {
                Some(e.code)
            }
            Error::Storage(StoreError::Failed(_, code)) => *code,
            _ => None,
        };
        matches!(
            code,
            Some(
                DiskFull | SystemIoFailure | ReadOnly | DatabaseBusy | DatabaseLocked | CannotOpen
            )
        )
    }

    /// What the client is told.
    pub fn failure(&self) -> Failure {
        match self {
            Error::Sealed => Failure::new(Reason::Sealed),
            Error::Forbidden(role) => {
                Failure::new(Reason::ForbiddenRole).with_target(role.as_str())
            }
            Error::NotEnrolled => Failure::new(Reason::NotEnrolled),
            Error::Disabled(p) => Failure::new(Reason::PrincipalDisabled).with_target(p),
            Error::UnknownAccount(a) => Failure::new(Reason::UnknownAccount).with_target(a),
            Error::Archived(a) => Failure::new(Reason::Archived).with_target(a),
            Error::DuplicateAccount(a) => Failure::new(Reason::DuplicateAccount).with_target(a),
            Error::UnknownPrincipal(p) => Failure::new(Reason::UnknownPrincipal).with_target(p),
            Error::DuplicatePrincipal(p) => Failure::new(Reason::DuplicatePrincipal).with_target(p),
            Error::LastOperator(p) => Failure::new(Reason::LastOperator).with_target(p),
            Error::Invalid(field) => Failure::invalid(*field),
            Error::Denied {
                reason,
                account,
                detail,
                request,
            } => {
                let target = match reason {
                    DenyReason::ForbiddenRole => "admin",
                    _ => account.as_str(),
                };
                let mut f = Failure::new(Reason::from(*reason)).with_target(target);
                f.detail = detail.clone();
                f.request = request.clone();
                f
            }
            Error::UnknownGrant(id) => Failure::new(Reason::UnknownGrant).with_target(id),
            Error::UnknownRequest(id) => Failure::new(Reason::UnknownRequest).with_target(id),
            Error::AmbiguousId {
                prefix,
                candidates,
                total,
            } => Failure::new(Reason::AmbiguousId)
                .with_target(prefix)
                .with_detail(crate::wire::reason::candidates_detail(candidates, *total)),
            Error::DuplicateGrant(id) => Failure::new(Reason::DuplicateGrant).with_target(id),
            Error::AlreadyDecided(id) => Failure::new(Reason::AlreadyDecided).with_target(id),
            Error::AlreadyRevoked(id) => Failure::new(Reason::AlreadyRevoked).with_target(id),
            Error::RotationStaged {
                account,
                staged_by,
                staged_at,
            } => Failure {
                // Who and for how long, so the caller can ask them or see it is forgotten:
                // `by=admin age=7800 since=…Z`; the client words the age (`depuis 2 h 10 min`),
                // measured here so that a client's wrong clock cannot change it.
                detail: Some(
                    crate::tlog::detail::Detail::default()
                        .with("by", staged_by)
                        .with("age", (crate::store::now() - staged_at).max(0))
                        .with("since", crate::times::format_time(*staged_at))
                        .build(),
                ),
                ..Failure::new(Reason::RotationStaged).with_target(account)
            },
            // Who staged it: the one to ask (the caller holds a grant for the account, so the
            // name tells them nothing their grant would not).
            Error::StagedByAnother { account, staged_by } => Failure::new(Reason::StagedByAnother)
                .with_target(account)
                .with_detail(staged_by),
            Error::NoAuthorityKey => Failure::new(Reason::NoAuthorityKey),
            Error::BadSignature => Failure::new(Reason::BadSignature),
            Error::NotDelegated => Failure::new(Reason::NotDelegated),
            Error::BadRequest(what) => Failure::new(Reason::BadRequest).with_target(what.code()),
            Error::BadPassphrase => Failure::new(Reason::BadPassphrase),
            Error::TooManyAttempts(secs) => Failure {
                retry_after_secs: Some(*secs),
                ..Failure::new(Reason::TooManyAttempts)
            },
            Error::NoPassphrase => Failure::new(Reason::NoPassphrase),
            Error::AccessEnded(_) => Failure::new(Reason::AccessEnded),
            Error::Storage(StoreError::Busy) => Failure::new(Reason::Busy),
            _ if self.is_unavailable() => Failure::new(Reason::Unavailable),
            Error::Storage(_) | Error::Integrity(_) | Error::Internal(_) => {
                Failure::new(Reason::Internal)
            }
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
