//! The network side: a TLS 1.3 listener that requires a client certificate issued by this
//! vault's CA, feeding tonic with the vault's services, gRPC health and reflection.

use super::connections::{Admission, Ending, Limits, Peer, Tracked};
use super::revoking_verifier::noting_refused_certificate;
use crate::daemon::service::{
    AccountsService, AuditService, AuthnLayer, CredentialsService, EventsService, GrantsService,
    KeysService, PrincipalsService, SecretsService, SystemService,
};
use crate::vault::{CertificateHolder, Held, Vault};
use crate::wire::pb;
use rustls_pki_types::pem::{self, PemObject};
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_stream::wrappers::ReceiverStream;

/// Concurrent calls one connection may have open (HTTP/2 streams).
const MAX_STREAMS_PER_CONNECTION: u32 = 64;
/// How long a connection stays open once its access ended: the answer to the call that ended
/// it (a renewal's new certificate, a principal's own role change) leaves in that time.
const CLOSE_GRACE: Duration = Duration::from_millis(500);
/// How long a client may take to finish its TLS handshake (a real one takes milliseconds).
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a stopping daemon waits for its connections to close once every stream has been
/// ended (calls in flight finish; a peer that reads nothing is not waited for).
const STOP_DEADLINE: Duration = Duration::from_secs(5);
/// Refused connections recorded in the audit log per minute; the rest are counted and the
/// count is recorded with the next one, so a flood cannot fill the disk.
const REFUSALS_PER_MINUTE: u32 = 20;

/// The fixed-window limiter for refused-connection entries.
#[derive(Default)]
struct RefusalLimiter {
    window: Option<std::time::Instant>,
    recorded: u32,
    suppressed: u64,
}

impl RefusalLimiter {
    /// Whether to record this refusal now, with how many were suppressed before it.
    fn admit(&mut self, now: std::time::Instant) -> Option<u64> {
        if self
            .window
            .is_none_or(|start| now.duration_since(start) >= Duration::from_secs(60))
        {
            self.window = Some(now);
            self.recorded = 0;
        }
        if self.recorded < REFUSALS_PER_MINUTE {
            self.recorded += 1;
            Some(std::mem::take(&mut self.suppressed))
        } else {
            self.suppressed += 1;
            None
        }
    }
}

/// Records a refused TLS connection in the audit log, within the limiter's budget.
async fn record_refusal(
    vault: &Vault,
    limiter: &std::sync::Mutex<RefusalLimiter>,
    peer: std::net::SocketAddr,
    error: &str,
    certificate: Option<String>,
) {
    let admitted = limiter
        .lock()
        .ok()
        .and_then(|mut l| l.admit(std::time::Instant::now()));
    let Some(suppressed) = admitted else {
        return;
    };
    let mut detail = error.chars().take(200).collect::<String>();
    if suppressed > 0 {
        detail.push_str(&format!(" ({suppressed} earlier refusals not recorded)"));
    }
    if let Err(e) = vault
        .record_refused_connection(peer.to_string(), certificate, detail)
        .await
    {
        tracing::error!(error = %e, "could not record a refused connection");
    }
}

/// Follows the store's writability: NOT_SERVING while the audit log cannot be written. The
/// server aborts the task when it shuts down, so a normal stop is not reported as a failure.
fn follow_writability(
    vault: &Vault,
    health: tonic_health::server::HealthReporter,
) -> tokio::task::JoinHandle<()> {
    let mut writable = vault.writable();
    tokio::spawn(async move {
        while writable.changed().await.is_ok() {
            let status = if *writable.borrow_and_update() {
                tonic_health::ServingStatus::Serving
            } else {
                tonic_health::ServingStatus::NotServing
            };
            tracing::warn!(?status, "health changed");
            health.set_service_status("", status).await;
            for name in SERVICE_NAMES {
                health.set_service_status(*name, status).await;
            }
        }
        // The writer is gone while serving: nothing can be recorded any more, so nothing is
        // served.
        tracing::error!("the storage writer stopped");
        health
            .set_service_status("", tonic_health::ServingStatus::NotServing)
            .await;
        for name in SERVICE_NAMES {
            health
                .set_service_status(*name, tonic_health::ServingStatus::NotServing)
                .await;
        }
    })
}

/// The vault's gRPC services, as health knows them.
const SERVICE_NAMES: &[&str] = &[
    "vault.v1.System",
    "vault.v1.Principals",
    "vault.v1.Accounts",
    "vault.v1.Secrets",
    "vault.v1.Grants",
    "vault.v1.Credentials",
    "vault.v1.Audit",
    "vault.v1.Keys",
    "vault.v1.Events",
];

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The stored certificates or keys could not be loaded.
    #[error("TLS set-up failed: {0}")]
    Tls(String),
    /// The vault could not be read.
    #[error(transparent)]
    Vault(#[from] crate::vault::error::Error),
    /// tonic failed.
    #[error("gRPC server failed: {0}")]
    Transport(#[from] tonic::transport::Error),
    /// Reflection could not load its descriptors.
    #[error("reflection set-up failed: {0}")]
    Reflection(String),
}

fn pem_certs(pem: &str) -> Result<Vec<CertificateDer<'static>>, ServeError> {
    CertificateDer::pem_slice_iter(pem.as_bytes())
        .collect::<Result<_, _>>()
        .map_err(|e| ServeError::Tls(e.to_string()))
}

/// rustls configuration: TLS 1.3 only, the vault's CA as the only client trust root, h2.
async fn tls_config(vault: &Vault) -> Result<rustls::ServerConfig, ServeError> {
    let crate::vault::TlsMaterial {
        ca_pem,
        cert_pem,
        key_pem,
    } = vault.tls_material().await?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    for cert in pem_certs(&ca_pem)? {
        roots
            .add(cert)
            .map_err(|e| ServeError::Tls(e.to_string()))?;
    }
    let webpki = rustls::server::WebPkiClientVerifier::builder_with_provider(
        Arc::new(roots),
        provider.clone(),
    )
    .build()
    .map_err(|e| ServeError::Tls(e.to_string()))?;
    vault.refresh_revoked_certificates().await?;
    let verifier = Arc::new(super::revoking_verifier::RevokingVerifier::new(
        webpki,
        vault.revoked_certificates(),
    ));
    let key = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|e| match e {
        pem::Error::NoItemsFound => ServeError::Tls("no server key".into()),
        e => ServeError::Tls(e.to_string()),
    })?;
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13])
        .map_err(|e| ServeError::Tls(e.to_string()))?
        .with_client_cert_verifier(verifier)
        .with_single_cert(pem_certs(&cert_pem)?, key)
        .map_err(|e| ServeError::Tls(e.to_string()))?;
    config.alpn_protocols = vec![b"h2".to_vec()];
    without_resumption(&mut config);
    Ok(config)
}

/// No TLS session is resumed: a resumed session skips the client-certificate check, so a
/// principal disabled (or a certificate replaced) after its first connection would still get
/// in. No tickets are sent and no session is cached; every connection runs the verifier. The
/// cost is one full handshake per connection, which vault-cli makes once per command.
fn without_resumption(config: &mut rustls::ServerConfig) {
    config.send_tls13_tickets = 0;
    config.session_storage = Arc::new(rustls::server::NoServerSessionStorage {});
}

/// Serves the vault on `listener` until `shutdown` completes.
pub async fn serve(
    vault: Arc<Vault>,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), ServeError> {
    let acceptor = TlsAcceptor::from(Arc::new(tls_config(&vault).await?));
    let (connections, incoming) = tokio::sync::mpsc::channel(64);
    let refusals = Arc::new(std::sync::Mutex::new(RefusalLimiter::default()));
    let admission = Admission::new(Limits::from_process());
    tracing::info!(limits = ?admission.limits(), "connection limits");
    let audit_vault = vault.clone();
    let accept_loop = tokio::spawn(async move {
        let mut last_accept_error: Option<std::time::Instant> = None;
        loop {
            let (tcp, peer) = match listener.accept().await {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of descriptors, typically: say so at most once a second.
                    if last_accept_error.is_none_or(|at| at.elapsed() >= Duration::from_secs(1)) {
                        tracing::warn!(error = %e, "accept failed");
                        last_accept_error = Some(std::time::Instant::now());
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            // Calls are small request/response records: without NODELAY each waits on the
            // peer's delayed ACK (about 40 ms on Linux) before it leaves.
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(%peer, error = %e, "TCP_NODELAY not set");
            }
            let acceptor = acceptor.clone();
            let connections = connections.clone();
            let (vault, refusals) = (audit_vault.clone(), refusals.clone());
            let handshakes = admission.clone();
            let (ticket_tx, ticket) = tokio::sync::oneshot::channel::<u64>();
            let task = tokio::spawn(async move {
                let id = ticket.await.unwrap_or_default();
                let (handshake, refused) = noting_refused_certificate(tokio::time::timeout(
                    HANDSHAKE_TIMEOUT,
                    acceptor.accept(tcp),
                ))
                .await;
                handshakes.handshake_ended(id);
                let error = match handshake {
                    Ok(Ok(tls)) => {
                        let fingerprint: Option<Arc<str>> = tls
                            .get_ref()
                            .1
                            .peer_certificates()
                            .and_then(|c| c.first())
                            .map(|c| crate::identity::pki::fingerprint(c).into());
                        let certificate = fingerprint.as_deref().unwrap_or_default();
                        let holder = match vault.certificate_holder(certificate).await {
                            Ok(holder) => holder,
                            Err(e) => {
                                tracing::warn!(%peer, error = %e, "connection closed: its certificate's holder is unknown");
                                return;
                            }
                        };
                        let principal = holder.count_as(certificate);
                        let ending: Ending = match holder {
                            CertificateHolder::Principal(access) => Box::pin(async move {
                                access.ended(Held::Connection).await;
                                tokio::time::sleep(CLOSE_GRACE).await;
                            }),
                            // Disabled since the verifier let it through.
                            CertificateHolder::Disabled => {
                                tracing::debug!(%peer, "connection closed: principal disabled");
                                return;
                            }
                            CertificateHolder::Nobody => Box::pin(std::future::pending()),
                        };
                        match handshakes.establish(principal) {
                            Some(slot) => {
                                let who = Peer {
                                    fingerprint,
                                    address: peer.to_string().into(),
                                };
                                let tracked = Tracked::new(tls, who, slot, ending);
                                let _ = connections.send(Ok::<_, std::io::Error>(tracked)).await;
                                return;
                            }
                            // Counted, not recorded: the caps protect the daemon, and a flood
                            // of entries would be its own attack.
                            None => {
                                tracing::debug!(%peer, "connection closed: connection limits reached");
                                return;
                            }
                        }
                    }
                    Ok(Err(e)) => e.to_string(),
                    Err(_) => "TLS handshake timed out".to_owned(),
                };
                tracing::warn!(%peer, error = %error, "connection refused: TLS handshake failed");
                record_refusal(&vault, &refusals, peer, &error, refused).await;
            });
            let id = admission.handshake_started(task.abort_handle());
            let _ = ticket_tx.send(id);
        }
    });

    let (health, health_service) = tonic_health::server::health_reporter();
    for name in SERVICE_NAMES {
        health
            .set_service_status(*name, tonic_health::ServingStatus::Serving)
            .await;
    }
    let writability = follow_writability(&vault, health.clone());
    // The events time causes (a request overdue, a grant ended), for as long as it serves.
    let clock = {
        let vault = vault.clone();
        tokio::spawn(async move { vault.run_clock().await })
    };
    // Reflection under both names: `grpc.reflection.v1`, and `v1alpha`, which older grpcurl,
    // grpcui, Postman and stock Python grpcio-reflection clients still ask for.
    let reflection_builder = || {
        tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(pb::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
    };
    let reflection = reflection_builder()
        .build_v1()
        .map_err(|e| ServeError::Reflection(e.to_string()))?;
    let reflection_v1alpha = reflection_builder()
        .build_v1alpha()
        .map_err(|e| ServeError::Reflection(e.to_string()))?;

    // A stop ends every stream first: graceful shutdown waits for open calls, and a tail or
    // an export is a call that would otherwise never finish.
    let stop_vault = vault.clone();
    let shutdown = async move {
        shutdown.await;
        stop_vault.stop_sessions();
    };
    let server = tonic::transport::Server::builder()
        // HTTP/2 chosen on purpose: a bounded number of streams per connection (vault-cli
        // makes one call at a time, services a handful), and pings that find dead peers
        // (e.g. an `audit tail` whose machine went away) within 40 s.
        .max_concurrent_streams(Some(MAX_STREAMS_PER_CONNECTION))
        .http2_keepalive_interval(Some(Duration::from_secs(30)))
        .http2_keepalive_timeout(Some(Duration::from_secs(10)))
        .layer(AuthnLayer::new(vault.clone()))
        .add_service(health_service)
        .add_service(reflection)
        .add_service(reflection_v1alpha)
        .add_service(pb::system_server::SystemServer::new(SystemService::new(
            vault.clone(),
        )))
        .add_service(pb::principals_server::PrincipalsServer::new(
            PrincipalsService::new(vault.clone()),
        ))
        .add_service(pb::accounts_server::AccountsServer::new(
            AccountsService::new(vault.clone()),
        ))
        .add_service(pb::secrets_server::SecretsServer::new(SecretsService::new(
            vault.clone(),
        )))
        .add_service(pb::grants_server::GrantsServer::new(GrantsService::new(
            vault.clone(),
        )))
        .add_service(pb::credentials_server::CredentialsServer::new(
            CredentialsService::new(vault.clone()),
        ))
        .add_service(pb::audit_server::AuditServer::new(AuditService::new(
            vault.clone(),
        )))
        .add_service(pb::keys_server::KeysServer::new(KeysService::new(
            vault.clone(),
        )))
        .add_service(pb::events_server::EventsServer::new(EventsService::new(
            vault.clone(),
        )))
        .serve_with_incoming_shutdown(ReceiverStream::new(incoming), shutdown);
    let stopped_late = async {
        vault.stopping().await;
        tokio::time::sleep(STOP_DEADLINE).await;
    };
    let result = tokio::select! {
        result = server => result,
        () = stopped_late => {
            tracing::warn!("connections still open at the stop deadline: closed");
            Ok(())
        }
    };
    accept_loop.abort();
    writability.abort();
    clock.abort();
    Ok(result?)
}

/// A future that completes on Ctrl-C or SIGTERM. The handlers are installed when this is
/// called, not when the future is first polled, so a signal sent right after the daemon says it
/// is ready (the dev banner, "listening") is never the default action that kills it uncleanly.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate()).expect("installing a SIGTERM handler");
    let mut interrupt = signal(SignalKind::interrupt()).expect("installing a SIGINT handler");
    async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = term.recv() => {}
        }
        tracing::info!("shutting down");
    }
}

#[cfg(test)]
mod tests {
    use prost::Message;

    /// Resumption stays off whatever rustls's defaults become.
    #[test]
    fn the_server_resumes_no_tls_session() {
        let mut config = rustls::ServerConfig::builder_with_provider(std::sync::Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_protocol_versions(&[&rustls::version::TLS13])
        .unwrap()
        .with_no_client_auth()
        .with_cert_resolver(std::sync::Arc::new(
            rustls::server::ResolvesServerCertUsingSni::new(),
        ));
        super::without_resumption(&mut config);
        assert_eq!(config.send_tls13_tickets, 0);
        assert!(!config.session_storage.can_cache());
        // rustls's default ticketer is never enabled (stateless tickets need one set).
        assert!(!config.ticketer.enabled());
    }

    /// Health reports every vault service by name: a new service must be added there.
    #[test]
    fn health_knows_every_service_of_the_proto() {
        let set = prost_types::FileDescriptorSet::decode(crate::wire::pb::FILE_DESCRIPTOR_SET)
            .expect("the descriptor set decodes");
        let mut services: Vec<String> = set
            .file
            .iter()
            .flat_map(|f| {
                f.service.iter().map(move |s| {
                    format!(
                        "{}.{}",
                        f.package.as_deref().unwrap_or_default(),
                        s.name.as_deref().unwrap_or_default()
                    )
                })
            })
            .collect();
        services.sort();
        let mut known: Vec<String> = super::SERVICE_NAMES.iter().map(|s| s.to_string()).collect();
        known.sort();
        assert_eq!(services, known);
    }
}
