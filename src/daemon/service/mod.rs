//! The gRPC services: thin tonic impls, the only code that sees generated types. Each handler
//! authenticates its caller with the role it needs (`caller`), converts the request at the
//! boundary, calls the domain, and converts back.

mod accounts;
mod audit;
mod credentials;
mod grants;
mod principals;
mod secrets;
mod status;
mod system;

pub use accounts::AccountsService;
pub use audit::AuditService;
pub use credentials::CredentialsService;
pub use grants::GrantsService;
pub use principals::PrincipalsService;
pub use secrets::SecretsService;
pub use system::SystemService;

use crate::ids::Role;
use crate::vault::error::Error;
use crate::vault::{Caller, Origin, Vault};
use tonic::{Request, Status};

/// Resolves the peer's client certificate to a principal that holds `needs`, on every call, so a
/// disabled principal or a removed role takes effect at once. Refusals are audited as `action`.
pub(crate) async fn caller<T>(
    vault: &Vault,
    request: &Request<T>,
    needs: Option<Role>,
    action: &'static str,
) -> Result<Caller, Status> {
    let fingerprint = request
        .peer_certs()
        .and_then(|certs| certs.first().map(|c| crate::identity::pki::fingerprint(c)))
        .ok_or_else(|| Status::from(Error::NotEnrolled))?;
    let origin = Origin {
        peer: request
            .remote_addr()
            .map(|a| a.to_string())
            .unwrap_or_else(|| "unknown".into()),
        request_id: request
            .metadata()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .filter(|v| v.len() <= 64 && v.bytes().all(|b| b.is_ascii_graphic()))
            .map(str::to_owned)
            .unwrap_or_else(crate::ids::new_request_id),
    };
    vault
        .authenticate(&fingerprint, needs, action, origin)
        .await
        .map_err(|e| {
            tracing::warn!(peer = ?request.remote_addr(), fingerprint = %fingerprint, action, error = %e, "call refused");
            Status::from(e)
        })
}

/// Records a read in the audit log (who looked at what) and converts its result.
pub(crate) async fn audited_read<T: crate::vault::audit_facts::AuditFacts>(
    vault: &Vault,
    caller: &Caller,
    action: &'static str,
    target: &str,
    result: Result<T, Error>,
) -> Result<T, Status> {
    vault
        .record(caller.draft(action, target), result)
        .await
        .map_err(Status::from)
}

/// Logs a call's outcome (never its secret fields) and converts domain errors.
pub(crate) fn finish<T>(
    caller: &Caller,
    action: &'static str,
    target: &str,
    result: Result<T, Error>,
) -> Result<T, Status> {
    match &result {
        Ok(_) => tracing::info!(principal = caller.name(), action, target, "allowed"),
        Err(e) => tracing::warn!(principal = caller.name(), action, target, error = %e, "refused"),
    }
    result.map_err(Status::from)
}
