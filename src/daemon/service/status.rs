//! The one conversion from domain errors to gRPC statuses: a small fixed code table, the reason
//! in metadata, and a short English hint as message. Internal detail is logged, never sent.

use crate::authz::decision::DenyReason;
use crate::vault::error::Error;
use tonic::{Code, Status};

impl From<Error> for Status {
    fn from(error: Error) -> Status {
        let failure = error.failure();
        let code = match &error {
            Error::Sealed
            | Error::Archived(_)
            | Error::LastOperator(_)
            | Error::NoPassphrase
            | Error::NoAuthorityKey
            | Error::AlreadyDecided(_)
            | Error::AlreadyRevoked(_) => Code::FailedPrecondition,
            Error::Denied { reason, .. } => match reason {
                DenyReason::Sealed => Code::FailedPrecondition,
                DenyReason::UnknownAccount => Code::NotFound,
                _ => Code::PermissionDenied,
            },
            Error::UnknownGrant(_) | Error::UnknownRequest(_) => Code::NotFound,
            Error::DuplicateGrant(_) => Code::AlreadyExists,
            Error::AmbiguousId(_) | Error::BadSignature => Code::InvalidArgument,
            Error::Forbidden(_) | Error::Disabled(_) => Code::PermissionDenied,
            Error::NotEnrolled | Error::BadPassphrase => Code::Unauthenticated,
            Error::UnknownAccount(_) | Error::UnknownPrincipal(_) => Code::NotFound,
            Error::DuplicateAccount(_) | Error::DuplicatePrincipal(_) => Code::AlreadyExists,
            Error::Invalid(_) | Error::BadRequest(_) => Code::InvalidArgument,
            Error::TooManyAttempts(_) => Code::ResourceExhausted,
            _ if error.is_unavailable() => Code::Unavailable,
            _ => Code::Internal,
        };
        let message = match code {
            Code::Internal | Code::Unavailable => {
                tracing::error!(error = %error, "call failed");
                failure.reason.code().to_owned()
            }
            _ => error.to_string(),
        };
        let mut status = Status::new(code, message);
        failure.write_metadata(status.metadata_mut());
        status
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::reason::{Failure, Reason};

    #[test]
    fn internal_detail_never_reaches_the_client() {
        let status = Status::from(Error::Integrity("facebook-cest v3 password: tag".into()));
        assert_eq!(status.code(), Code::Internal);
        assert!(!status.message().contains("facebook"));
        assert_eq!(
            Failure::from_status(&status).unwrap().reason,
            Reason::Internal
        );
    }

    #[test]
    fn sealed_is_failed_precondition_with_its_reason() {
        let status = Status::from(Error::Sealed);
        assert_eq!(status.code(), Code::FailedPrecondition);
        assert_eq!(
            Failure::from_status(&status).unwrap().reason,
            Reason::Sealed
        );
    }
}
