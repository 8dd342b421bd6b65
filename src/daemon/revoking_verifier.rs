//! The client-certificate check at the TLS handshake: the vault's CA must have issued the
//! certificate (webpki), and it must not belong to a disabled principal. Refusing a disabled
//! principal here, not only at each call, means its certificate cannot even hold a connection.
//! The TLS error does not say which certificate was refused, so the verifier notes it for the
//! connection's task ([`noting_refused_certificate`]) and the refusal goes on record under the
//! principal that held it: a reviewer sees that the person who left tried to come back.

use rustls::client::danger::HandshakeSignatureValid;
use rustls::pki_types::{CertificateDer, UnixTime};
use rustls::server::danger::{ClientCertVerified, ClientCertVerifier};
use rustls::{DigitallySignedStruct, DistinguishedName, SignatureScheme};
use std::cell::RefCell;
use std::collections::HashSet;
use std::future::Future;
use std::sync::{Arc, RwLock};

tokio::task_local! {
    /// The fingerprint of the certificate refused during this task's handshake.
    static REFUSED: RefCell<Option<String>>;
}

/// Runs a handshake (`accept`), returning its outcome and the fingerprint of the certificate
/// this verifier refused during it, if it refused one. rustls calls the verifier while the
/// handshake future is polled, so inside this task's scope.
pub async fn noting_refused_certificate<F: Future>(accept: F) -> (F::Output, Option<String>) {
    REFUSED
        .scope(RefCell::new(None), async move {
            let outcome = accept.await;
            (outcome, REFUSED.with(|refused| refused.borrow_mut().take()))
        })
        .await
}

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
            // Outside a noting scope (none in the server) there is nothing to note.
            let _ = REFUSED.try_with(|refused| *refused.borrow_mut() = Some(fingerprint));
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
