//! The gRPC services: thin tonic impls, the only code that sees generated types. The caller is
//! resolved once, before any handler, by the `authn` layer from the `access` table (who may call
//! what); each handler takes that caller, converts the request, calls the domain, converts back.
//! May import: `vault`, `wire` and the shared modules; never `store`.

pub mod access;
mod accounts;
mod audit;
mod authn;
mod credentials;
mod events;
mod grants;
mod keys;
mod principals;
mod secrets;
mod status;
mod system;

pub use accounts::AccountsService;
pub use audit::AuditService;
pub use authn::AuthnLayer;
pub use credentials::CredentialsService;
pub use events::EventsService;
pub use grants::GrantsService;
pub use keys::KeysService;
pub use principals::PrincipalsService;
pub use secrets::SecretsService;
pub use system::SystemService;

use crate::tlog::action::Action;
use crate::vault::error::Error;
use crate::vault::{Caller, Vault};
use tonic::Status;

/// Records a read in the audit log (who looked at what) and converts its result.
pub(crate) async fn audited_read<T: crate::vault::audit_facts::AuditFacts>(
    vault: &Vault,
    caller: &Caller,
    action: Action,
    target: &str,
    result: Result<T, Error>,
) -> Result<T, Status> {
    vault
        .record(caller.draft(action, target), result)
        .await
        .map_err(Status::from)
}

/// Logs a call's outcome (never its secret fields, and the target bounded as the audit log
/// bounds it) and converts domain errors.
pub(crate) fn finish<T>(
    caller: &Caller,
    action: Action,
    target: &str,
    result: Result<T, Error>,
) -> Result<T, Status> {
    let action = action.wire();
    let target = logged_target(target);
    let target = target.as_ref();
    match &result {
        Ok(_) => tracing::info!(principal = caller.name(), action, target, "allowed"),
        Err(e) => tracing::warn!(principal = caller.name(), action, target, error = %e, "refused"),
    }
    result.map_err(Status::from)
}

/// A call's target as the journal shows it: a name, or up to `MAX_TARGETS` names joined with
/// commas (a grant request's accounts), as they are; anything else, which a caller can make
/// megabytes long or fill with escapes, as the audit log's short escaped excerpt with its length
/// and SHA-256.
fn logged_target(target: &str) -> std::borrow::Cow<'_, str> {
    use crate::tlog::bounds;
    let mut names = 0;
    let fits = target.split(',').all(|name| {
        names += 1;
        names <= bounds::MAX_TARGETS && bounds::is_name(name)
    });
    if fits {
        std::borrow::Cow::Borrowed(target)
    } else {
        std::borrow::Cow::Owned(bounds::excerpt(target))
    }
}

/// A server stream of `T`.
pub(super) type Streamed<T> =
    std::pin::Pin<Box<dyn tokio_stream::Stream<Item = Result<T, tonic::Status>> + Send>>;

/// A response stream for `caller` fed by a task through a small channel (back-pressure on slow
/// readers). The stream ends, with an `access_ended` status, when the caller's access does
/// (disabled, re-roled, renewed), when the vault is sealed and when the daemon stops: every
/// server stream is made here, so none outlives the access it was opened under.
pub(super) fn async_stream_from<T, F, Fut>(caller: &Caller, produce: F) -> Streamed<T>
where
    T: Send + 'static,
    F: FnOnce(tokio::sync::mpsc::Sender<Result<T, Status>>) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let (tx, rx) = tokio::sync::mpsc::channel(8);
    let ends = tx.clone();
    let producing = produce(tx);
    let access = caller.access();
    let principal = caller.name().to_owned();
    tokio::spawn(async move {
        let ended = async move {
            match access {
                Some(access) => access.ended(crate::vault::Held::Stream).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            () = producing => {}
            why = ended => {
                tracing::info!(principal, why = why.hint(), "stream ended");
                // Without waiting: a reader that reads nothing must not keep this task.
                let _ = ends.try_send(Err(Status::from(Error::AccessEnded(why))));
            }
        }
    });
    Box::pin(tokio_stream::wrappers::ReceiverStream::new(rx))
}

#[cfg(test)]
mod tests {
    use super::logged_target;

    #[test]
    fn targets_are_logged_as_names_or_as_a_bounded_excerpt() {
        for kept in ["facebook-cest", "vault", "x-cest,youtube-cest", "cert:0a1b"] {
            assert_eq!(logged_target(kept), kept);
        }
        let many = vec!["a-cest"; 33].join(",");
        let huge = "c".repeat(4 << 20);
        for refused in [
            huge.as_str(),
            many.as_str(),
            "x\u{1b}[2J",
            "a\nb",
            "",
            "a,,b",
        ] {
            let logged = logged_target(refused);
            assert!(logged.starts_with("refused:"), "{logged}");
            assert!(logged.len() < 200, "{logged}");
            assert!(
                logged.contains(&format!("len {}", refused.len())),
                "{logged}"
            );
        }
    }
}
