//! What can go wrong in `vault-cli`, each turned into a sentence in the reader's language that
//! says what happened and what to do next.

use crate::messages as m;
use vaultd::i18n::{describe_failure, describe_field, Lang};
use vaultd::limits::FieldError;
use vaultd::wire::client::certificate_revoked;
use vaultd::wire::client::ConnectError;
use vaultd::wire::reason::Failure;

#[derive(Debug)]
pub enum CliError {
    /// The daemon refused or failed, with its reason code when it gave one.
    Status(tonic::Status),
    /// The channel could not be opened.
    Connect(vaultd::wire::client::ConnectError),
    /// A field failed its check before any round trip.
    Field(FieldError),
    /// A fixed message with its arguments filled in.
    Message(String),
    /// What was checked does not hold (a fork, a rollback, a rewritten log): exit status 3,
    /// so that scripts and timers can tell it from a failure to run.
    Refused(String),
    /// The authority said no (a request denied): exit status 4, as for the vault's refusals.
    Denied(String),
    /// The command line asks for something that cannot be (a bad time, a missing option that
    /// clap cannot require): exit status 2, as for clap's own usage errors.
    Usage(String),
}

impl From<tonic::Status> for CliError {
    fn from(s: tonic::Status) -> Self {
        CliError::Status(s)
    }
}

impl From<FieldError> for CliError {
    fn from(e: FieldError) -> Self {
        CliError::Field(e)
    }
}

impl CliError {
    /// The process's exit status, for scripts: 1 error, 2 usage (a bad value), 3 a check failed
    /// (tampering, bad signature, fork), 4 the vault denied the call.
    pub fn exit_code(&self) -> u8 {
        match self {
            // A value the command line gave that the CLI or the vault found invalid (a window
            // longer than the vault allows, a name with a control character) is a usage error.
            CliError::Usage(_) | CliError::Field(_) => 2,
            CliError::Status(status) if invalid_field(status) => 2,
            // An ambiguous id prefix is a usage error: the command line must name one id.
            CliError::Status(status)
                if Failure::from_status(status)
                    .is_some_and(|f| f.reason == vaultd::wire::reason::Reason::AmbiguousId) =>
            {
                2
            }
            CliError::Refused(_) => 3,
            CliError::Denied(_) => 4,
            CliError::Status(status) if self.denied_by_vault(status) => 4,
            CliError::Connect(e) if certificate_revoked(e) => 4,
            _ => 1,
        }
    }

    /// Whether the vault refused by its rules (role, grant, seal, disabled identity...), as
    /// opposed to a call it could not carry out (bad input, unknown name, failure).
    fn denied_by_vault(&self, status: &tonic::Status) -> bool {
        use vaultd::wire::reason::Reason::*;
        match Failure::from_status(status) {
            Some(failure) => matches!(
                failure.reason,
                Sealed
                    | ForbiddenRole
                    | NotEnrolled
                    | PrincipalDisabled
                    | Archived
                    | BadPassphrase
                    | TooManyAttempts
                    | LastOperator
                    | NoGrant
                    | Expired
                    | NotYetValid
                    | Revoked
                    | Exhausted
                    | BadSignature
                    | NotSigningKey
                    | StagedByAnother
            ),
            None => certificate_revoked(status),
        }
    }

    /// A short code for `--json` errors: the vault's reason code when it gave one.
    pub fn reason_code(&self) -> String {
        match self {
            CliError::Status(status) => Failure::from_status(status)
                .map(|f| f.reason.code().to_owned())
                .unwrap_or_else(|| format!("{:?}", status.code()).to_lowercase()),
            CliError::Connect(_) => "unreachable".into(),
            CliError::Field(e) => format!("invalid_{}", e.field),
            CliError::Message(_) => "error".into(),
            CliError::Refused(_) => "verification_failed".into(),
            CliError::Usage(_) => "usage".into(),
            CliError::Denied(_) => "request_denied".into(),
        }
    }

    pub fn describe(&self, lang: Lang) -> String {
        match self {
            CliError::Status(status) => match Failure::from_status(status) {
                Some(failure) => describe_failure(lang, &failure),
                // TLS 1.3 lets the client send its call before the server has checked its
                // certificate; a refused certificate then shows as a connection closed early.
                None if status.code() == tonic::Code::Cancelled
                    && status_detail(status).contains("connection closed") =>
                {
                    m::CLOSED_EARLY.text(lang).to_owned()
                }
                None if matches!(
                    status.code(),
                    tonic::Code::Unavailable | tonic::Code::Unknown
                ) =>
                {
                    unreachable(lang, certificate_revoked(status), &status_detail(status))
                }
                None => m::SERVER_ERROR.fill(
                    lang,
                    &[
                        ("code", &format!("{:?}", status.code())),
                        ("detail", &status_detail(status)),
                    ],
                ),
            },
            CliError::Connect(ConnectError::NotEnrolled(name)) => {
                m::NOT_ENROLLED_YET.fill(lang, &[("name", name)])
            }
            CliError::Connect(ConnectError::BadAddress(address)) => {
                m::BAD_ADDRESS.fill(lang, &[("address", address)])
            }
            CliError::Connect(ConnectError::NotHttps(address)) => {
                m::SERVER_NOT_HTTPS.fill(lang, &[("address", address)])
            }
            CliError::Connect(e) => unreachable(lang, certificate_revoked(e), &chain(e)),
            CliError::Field(e) => describe_field(lang, e),
            CliError::Message(text)
            | CliError::Refused(text)
            | CliError::Usage(text)
            | CliError::Denied(text) => text.clone(),
        }
    }
}

/// Whether the vault refused a value for what it is (a field too long, badly formed).
fn invalid_field(status: &tonic::Status) -> bool {
    Failure::from_status(status).is_some_and(|f| f.field.is_some())
}

/// Why the vault could not be reached; a certificate the vault revoked at the handshake (its
/// principal is disabled) is said plainly rather than as a transport error.
fn unreachable(lang: Lang, revoked: bool, detail: &str) -> String {
    if revoked {
        m::CERTIFICATE_REVOKED.text(lang).to_owned()
    } else {
        m::CANNOT_REACH.fill(lang, &[("detail", &detail)])
    }
}

fn status_detail(status: &tonic::Status) -> String {
    use std::error::Error;
    let mut detail = status.message().to_owned();
    let mut source = status.source();
    while let Some(s) = source {
        detail.push_str(": ");
        detail.push_str(&s.to_string());
        source = s.source();
    }
    detail
}

/// An error with its causes, as `a: b: c`.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let next = s.to_string();
        if !text.contains(&next) {
            text.push_str(": ");
            text.push_str(&next);
        }
        source = s.source();
    }
    text
}

pub type Result<T> = std::result::Result<T, CliError>;
