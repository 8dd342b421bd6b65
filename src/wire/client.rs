//! Opening an mTLS channel to the daemon from an identity file: the vault's CA is the only trust
//! root, and the client certificate is the principal's.

use crate::identity::Identity;
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint, Identity as TlsIdentity};

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConnectError {
    /// The identity has not been completed with its enrollment yet.
    #[error("identity {0} is not enrolled yet (vault-cli identity install)")]
    NotEnrolled(String),
    /// The server address is not a valid URL.
    #[error("bad server address {0}")]
    BadAddress(String),
    /// The server address is not `https://`: refused before connecting.
    #[error("{0}: only https:// server addresses are accepted")]
    NotHttps(String),
    /// TLS or TCP failed.
    #[error("cannot reach the vault at {address}: {source}")]
    Transport {
        address: String,
        source: tonic::transport::Error,
    },
}

/// Connects to the vault named in `identity`, or at `server_override` when given. An address
/// that is not `https://` is refused before any connection: what follows may be a passphrase
/// or a password, never to be sent in clear.
pub async fn connect(
    identity: &Identity,
    server_override: Option<&str>,
) -> Result<Channel, ConnectError> {
    let not_enrolled = || ConnectError::NotEnrolled(identity.name.clone());
    let address = server_override
        .map(str::to_owned)
        .or_else(|| identity.server.clone())
        .ok_or_else(not_enrolled)?;
    if !crate::identity::is_https(&address) {
        return Err(ConnectError::NotHttps(address));
    }
    let (ca, cert) = match (&identity.ca_pem, &identity.cert_pem) {
        (Some(ca), Some(cert)) => (ca, cert),
        _ => return Err(not_enrolled()),
    };
    let server_name = identity
        .server_name
        .clone()
        .unwrap_or_else(|| "localhost".into());
    let tls = ClientTlsConfig::new()
        .ca_certificate(Certificate::from_pem(ca))
        .identity(TlsIdentity::from_pem(cert, identity.key_pem().expose()))
        .domain_name(server_name);
    let endpoint = Endpoint::from_shared(address.clone())
        .map_err(|_| ConnectError::BadAddress(address.clone()))?
        .connect_timeout(std::time::Duration::from_secs(10))
        // Small request/response records: send each at once rather than wait on delayed ACKs.
        .tcp_nodelay(true)
        .tls_config(tls)
        .map_err(|source| ConnectError::Transport {
            address: address.clone(),
            source,
        })?;
    endpoint
        .connect()
        .await
        .map_err(|source| ConnectError::Transport { address, source })
}

/// Whether the vault turned this client's certificate away at the handshake with the TLS
/// alert "certificate revoked" (its principal is disabled), among the error's causes. The TLS
/// layer hands the alert on inside an I/O error as text, so it is recognised there by the name
/// rustls gives the alert (taken from rustls' type, not typed here), or by type if it is kept.
pub fn certificate_revoked(error: &(dyn std::error::Error + 'static)) -> bool {
    let alert = rustls::AlertDescription::CertificateRevoked;
    let alert_name = format!("{alert:?}");
    let revoked = |e: &(dyn std::error::Error + 'static)| matches!(e.downcast_ref(), Some(rustls::Error::AlertReceived(received)) if *received == alert);
    let mut next = Some(error);
    while let Some(e) = next {
        if revoked(e) {
            return true;
        }
        if let Some(inner) = e
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref)
        {
            if revoked(inner) || inner.to_string().ends_with(&alert_name) {
                return true;
            }
        }
        next = e.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::certificate_revoked;
    use std::io;

    #[test]
    fn the_revoked_certificate_alert_is_found_in_the_causes_and_nothing_else_is() {
        let alert = rustls::Error::AlertReceived(rustls::AlertDescription::CertificateRevoked);
        // As the TLS layer hands it on: inside an I/O error, as text or as the error itself.
        let as_text = io::Error::new(io::ErrorKind::InvalidData, alert.to_string());
        let as_type = io::Error::new(io::ErrorKind::InvalidData, alert.clone());
        assert!(certificate_revoked(&as_text));
        assert!(certificate_revoked(&as_type));
        assert!(certificate_revoked(&alert));
        let other = rustls::Error::AlertReceived(rustls::AlertDescription::BadCertificate);
        assert!(!certificate_revoked(&io::Error::new(
            io::ErrorKind::InvalidData,
            other.to_string()
        )));
        assert!(!certificate_revoked(&io::Error::other("connection reset")));
    }
}
