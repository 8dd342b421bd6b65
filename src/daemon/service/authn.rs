//! Who the caller is, resolved once per call before any handler runs: a tower layer turns the
//! peer's client certificate into a [`Caller`] (enrolled, enabled, holding the role that the
//! `access` table asks for the RPC), puts it in the request's extensions, and refuses the call
//! otherwise. Every refusal is on record (`Vault::authenticate` audits it).

use super::access::{self, Rpc};
use crate::daemon::connections::Peer;
use crate::tlog::action::Action;
use crate::vault::error::Error;
use crate::vault::{Caller, Origin, Vault};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tonic::body::Body;
use tonic::codegen::http::{Request, Response};
use tonic::codegen::Service;
use tonic::Status;

/// Wraps every vault service with caller resolution.
#[derive(Clone)]
pub struct AuthnLayer {
    vault: Arc<Vault>,
}

impl AuthnLayer {
    pub fn new(vault: Arc<Vault>) -> Self {
        Self { vault }
    }
}

impl<S> tower_layer::Layer<S> for AuthnLayer {
    type Service = Authn<S>;

    fn layer(&self, inner: S) -> Self::Service {
        Authn {
            inner,
            vault: self.vault.clone(),
        }
    }
}

#[derive(Clone)]
pub struct Authn<S> {
    inner: S,
    vault: Arc<Vault>,
}

type BoxFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send>>;

impl<S> Service<Request<Body>> for Authn<S>
where
    S: Service<Request<Body>, Response = Response<Body>> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = BoxFuture<Self::Response, Self::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<Body>) -> Self::Future {
        // The clone that was made ready goes with this call (tower's usual swap).
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let vault = self.vault.clone();
        Box::pin(async move {
            let path = request.uri().path().to_owned();
            if access::is_public(&path) {
                return inner.call(request).await;
            }
            let (fingerprint, peer) = peer(&request);
            let origin = Origin {
                peer,
                request_id: request_id(&request),
            };
            let Some(rpc) = access::lookup(&path) else {
                // Not a vault RPC we know: fail closed, and on record (who probed what).
                record_unknown_method(&vault, fingerprint, origin, &path).await;
                return Ok(Status::unimplemented("unknown method").into_http());
            };
            match resolve(&vault, fingerprint, origin, rpc).await {
                Ok(caller) => {
                    request.extensions_mut().insert(caller.clone());
                    let response = inner.call(request).await?;
                    if answered_malformed(&response) {
                        record_malformed(&vault, &caller, rpc).await;
                    }
                    Ok(response)
                }
                Err(status) => Ok(status.into_http()),
            }
        })
    }
}

/// The peer's certificate fingerprint and address, as the connection's handshake established
/// them (`connections::Peer`, worked out once per connection).
fn peer(request: &Request<Body>) -> (Option<String>, String) {
    match request.extensions().get::<Peer>() {
        Some(peer) => (
            peer.fingerprint.as_deref().map(str::to_owned),
            peer.address.to_string(),
        ),
        None => (None, "unknown".into()),
    }
}

/// The call's id in the audit log: always one of ours (random, so no client can make two
/// entries share it), followed by the client's own `x-request-id` when it gave one, kept to
/// 32 of `a-z 0-9 - _ .` so that it can be matched with the client's logs.
fn request_id(request: &Request<Body>) -> String {
    let ours = crate::ids::new_request_id();
    let theirs: String = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .filter(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
        .take(32)
        .collect();
    if theirs.is_empty() {
        ours
    } else {
        format!("{ours}:{theirs}")
    }
}

/// Whether the call was answered with the codec's `malformed_message` status: the request's
/// bytes did not decode, so no handler ran and nothing else recorded it. Such an answer is
/// trailers-only, so its status is in the headers.
fn answered_malformed(response: &Response<Body>) -> bool {
    let headers = response.headers();
    let get = |key: &str| headers.get(key).and_then(|v| v.to_str().ok());
    get("grpc-status") == Some("3")
        && get(crate::wire::reason::KEY_REASON)
            == Some(crate::wire::reason::Reason::BadRequest.code())
        && get(crate::wire::reason::KEY_TARGET)
            == Some(crate::wire::reason::Unusable::MalformedMessage.code())
}

/// Records a request whose message did not decode, naming the RPC by its action (within the
/// caller's refusal budget).
async fn record_malformed(vault: &Vault, caller: &Caller, rpc: &Rpc) {
    let refused: Result<(), Error> = Err(Error::BadRequest(
        crate::wire::reason::Unusable::MalformedMessage,
    ));
    let _ = vault
        .record(
            caller.draft(Action::RpcMalformed, rpc.action.wire()),
            refused,
        )
        .await;
}

/// Records a call to a method no row of the access table names, when the caller is known.
async fn record_unknown_method(
    vault: &Vault,
    fingerprint: Option<String>,
    origin: Origin,
    path: &str,
) {
    let Some(fingerprint) = fingerprint else {
        return;
    };
    let Ok(caller) = vault
        .authenticate(&fingerprint, &[], Action::RpcUnknown, origin)
        .await
    else {
        return; // the refusal itself is on record
    };
    let refused: Result<(), Error> = Err(Error::BadRequest(
        crate::wire::reason::Unusable::UnknownMethod,
    ));
    // The path as the client sent it: bounded and escaped by the entry's own rules.
    let _ = vault
        .record(caller.draft(Action::RpcUnknown, path), refused)
        .await;
}

async fn resolve(
    vault: &Vault,
    fingerprint: Option<String>,
    origin: Origin,
    rpc: &Rpc,
) -> Result<Caller, Status> {
    let Some(fingerprint) = fingerprint else {
        return Err(Status::from(Error::NotEnrolled));
    };
    let peer = origin.peer.clone();
    vault
        .authenticate(&fingerprint, rpc.access.roles(), rpc.action, origin)
        .await
        .map_err(|e| {
            tracing::warn!(%peer, %fingerprint, action = rpc.action.wire(), error = %e, "call refused");
            Status::from(e)
        })
}

/// The caller that the layer resolved for this request. Handlers call this first; without the
/// layer in front (a wiring mistake), the call is refused rather than run unauthenticated.
pub fn caller<T>(request: &tonic::Request<T>) -> Result<Caller, Status> {
    request
        .extensions()
        .get::<Caller>()
        .cloned()
        .ok_or_else(|| Status::from(Error::NotEnrolled))
}
