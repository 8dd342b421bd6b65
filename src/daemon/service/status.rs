//! The one conversion from domain errors to gRPC statuses: the error's reason (`Error::failure`)
//! picks the status code from the table in `wire::reason`, the reason and its values go in
//! metadata, and the message is a short English hint. Internal detail is logged, never sent.

use crate::vault::error::Error;
use tonic::{Code, Status};

impl From<Error> for Status {
    fn from(error: Error) -> Status {
        let failure = error.failure();
        let code = failure.reason.status_code();
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
