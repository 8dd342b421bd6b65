//! The network side: a TLS 1.3 listener that requires a client certificate issued by this
//! vault's CA, feeding tonic with the vault's services, gRPC health and reflection.

use crate::pb;
use crate::service::{
    AccountsService, CredentialsService, GrantsService, PrincipalsService, SecretsService,
    SystemService,
};
use crate::store::meta::{self, names};
use crate::vault::Vault;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_stream::wrappers::ReceiverStream;

/// How long a client may take to finish its TLS handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// The stored certificates or keys could not be loaded.
    #[error("TLS set-up failed: {0}")]
    Tls(String),
    /// The vault could not be read.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// tonic failed.
    #[error("gRPC server failed: {0}")]
    Transport(#[from] tonic::transport::Error),
    /// Reflection could not load its descriptors.
    #[error("reflection set-up failed: {0}")]
    Reflection(String),
}

fn pem_certs(pem: &str) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>, ServeError> {
    rustls_pemfile::certs(&mut pem.as_bytes())
        .collect::<Result<_, _>>()
        .map_err(|e| ServeError::Tls(e.to_string()))
}

/// rustls configuration: TLS 1.3 only, the vault's CA as the only client trust root, h2.
async fn tls_config(vault: &Vault) -> Result<rustls::ServerConfig, ServeError> {
    let (ca_pem, cert_pem, key_pem) = vault
        .store()
        .run(|c| {
            Ok((
                meta::require_text(c, names::CA_CERT)?,
                meta::require_text(c, names::SERVER_CERT)?,
                zeroize::Zeroizing::new(meta::require(c, names::SERVER_KEY)?),
            ))
        })
        .await?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    for cert in pem_certs(&ca_pem)? {
        roots
            .add(cert)
            .map_err(|e| ServeError::Tls(e.to_string()))?;
    }
    let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
        Arc::new(roots),
        provider.clone(),
    )
    .build()
    .map_err(|e| ServeError::Tls(e.to_string()))?;
    let key = rustls_pemfile::private_key(&mut key_pem.as_slice())
        .map_err(|e| ServeError::Tls(e.to_string()))?
        .ok_or_else(|| ServeError::Tls("no server key".into()))?;
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13])
        .map_err(|e| ServeError::Tls(e.to_string()))?
        .with_client_cert_verifier(verifier)
        .with_single_cert(pem_certs(&cert_pem)?, key)
        .map_err(|e| ServeError::Tls(e.to_string()))?;
    config.alpn_protocols = vec![b"h2".to_vec()];
    Ok(config)
}

/// Serves the vault on `listener` until `shutdown` completes.
pub async fn serve(
    vault: Arc<Vault>,
    listener: TcpListener,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), ServeError> {
    let acceptor = TlsAcceptor::from(Arc::new(tls_config(&vault).await?));
    let (connections, incoming) = tokio::sync::mpsc::channel(64);
    let accept_loop = tokio::spawn(async move {
        loop {
            let (tcp, peer) = match listener.accept().await {
                Ok(accepted) => accepted,
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            };
            let acceptor = acceptor.clone();
            let connections = connections.clone();
            tokio::spawn(async move {
                match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(tcp)).await {
                    Ok(Ok(tls)) => {
                        let _ = connections.send(Ok::<_, std::io::Error>(tls)).await;
                    }
                    Ok(Err(e)) => {
                        tracing::warn!(%peer, error = %e, "connection refused: TLS handshake failed")
                    }
                    Err(_) => tracing::warn!(%peer, "connection refused: TLS handshake timed out"),
                }
            });
        }
    });

    let (health, health_service) = tonic_health::server::health_reporter();
    health
        .set_serving::<pb::system_server::SystemServer<SystemService>>()
        .await;
    let reflection = tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(pb::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .build_v1()
        .map_err(|e| ServeError::Reflection(e.to_string()))?;

    let result = tonic::transport::Server::builder()
        .add_service(health_service)
        .add_service(reflection)
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
        .serve_with_incoming_shutdown(ReceiverStream::new(incoming), shutdown)
        .await;
    accept_loop.abort();
    Ok(result?)
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("installing a SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
    tracing::info!("shutting down");
}
