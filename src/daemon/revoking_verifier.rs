//! The client-certificate check at the TLS handshake: the vault's CA must have issued the
//! certificate (webpki), and it must not belong to a disabled principal. Refusing a disabled
//! principal here, not only at each call, means its certificate cannot even hold a connection.

use rustls::client::danger::HandshakeSignatureValid;
use rustls::pki_types::{CertificateDer, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::{DigitallySignedStruct, DistinguishedName, SignatureScheme};
use std::collections::HashSet;
use std::sync::{Arc, RwLock};

#[derive(Debug)]
pub struct RevokingVerifier {
    inner: Arc<dyn ClientCertVerifier>,
    /// SHA-256 fingerprints of disabled principals' certificates (kept by the vault).
    revoked: Arc<RwLock<HashSet<String>>>,
}

impl RevokingVerifier {
    pub fn new(inner: Arc<dyn ClientCertVerifier>, revoked: Arc<RwLock<HashSet<String>>>) -> Self {
        Self { inner, revoked }
    }
}

impl ClientCertVerifier for RevokingVerifier {
    fn root_hint_subjects(&self) -> &[DistinguishedName] {
        self.inner.root_hint_subjects()
    }

    fn verify_client_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        now: UnixTime,
    ) -> Result<ClientCertVerified, rustls::Error> {
        let verified = self
            .inner
            .verify_client_cert(end_entity, intermediates, now)?;
        let fingerprint = crate::identity::pki::fingerprint(end_entity);
        // Fail closed: a poisoned lock refuses rather than admits.
        let revoked = self
            .revoked
            .read()
            .map(|set| set.contains(&fingerprint))
            .unwrap_or(true);
        if revoked {
            return Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::Revoked,
            ));
        }
        Ok(verified)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}
