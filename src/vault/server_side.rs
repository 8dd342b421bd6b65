//! What the server needs from the vault besides audited operations: its TLS material, the
//! writability signal that health follows, the stream of appended audit entries for `tail`,
//! and records of refused TLS connections. The daemon reaches the store only through these.

use super::Vault;
use crate::tlog::action::Action;
use crate::tlog::entry::{AuditDraft, Outcome};
use crate::vault::error::Result;
use std::sync::Arc;
use zeroize::Zeroizing;

/// The server's certificate chain and key, and the CA that its clients' certificates chain to.
pub struct TlsMaterial {
    pub ca_pem: String,
    pub cert_pem: String,
    pub key_pem: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for TlsMaterial {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsMaterial").finish_non_exhaustive()
    }
}

/// Who holds a connection, as the handshake's certificate says.
#[derive(Debug)]
pub enum CertificateHolder {
    /// An enabled principal: the connection counts against its share and ends with its access.
    Principal(super::sessions::Access),
    /// A disabled principal (disabled since the handshake's check): the connection is closed.
    Disabled,
    /// No principal: each of its calls is refused (and recorded) as the certificate's.
    Nobody,
}

impl CertificateHolder {
    /// The name a connection is counted under: the principal's, else the certificate's.
    pub fn count_as(&self, fingerprint: &str) -> String {
        match self {
            CertificateHolder::Principal(access) => access.principal().to_owned(),
            _ => format!("cert:{fingerprint}"),
        }
    }
}

impl Vault {
    /// Who holds the certificate a connection was made with (no audit entry: its calls are
    /// authenticated and recorded one by one).
    pub async fn certificate_holder(&self, fingerprint: &str) -> Result<CertificateHolder> {
        let mark = self.sessions.mark();
        let record = match self.known_principals.lookup(fingerprint) {
            Ok((known, _)) => known,
            Err(_) => {
                let key = fingerprint.to_owned();
                self.store
                    .run(move |c| crate::store::principals::by_fingerprint(c, &key))
                    .await?
            }
        };
        Ok(match record {
            None => CertificateHolder::Nobody,
            Some(r) if r.disabled => CertificateHolder::Disabled,
            Some(r) => CertificateHolder::Principal(self.sessions.access(mark, &r.name)),
        })
    }

    /// The daemon is stopping: every stream and connection ends.
    pub fn stop_sessions(&self) {
        self.sessions.stop();
    }

    /// Completes once [`Vault::stop_sessions`] was called.
    pub async fn stopping(&self) {
        self.sessions.stopping().await
    }

    /// Whether a vault exists in `data_dir` (its database file is there).
    pub fn exists_in(data_dir: &std::path::Path) -> bool {
        data_dir.join(crate::store::DB_FILE).exists()
    }

    /// The TLS material the server listens with: certificates from the database, the private
    /// key from its own file (`store::daemon_key_files`).
    pub async fn tls_material(&self) -> Result<TlsMaterial> {
        use crate::store::meta::{self, names};
        let (ca_pem, cert_pem) = self
            .store
            .run(|c| {
                Ok((
                    meta::require_text(c, names::CA_CERT)?,
                    meta::require_text(c, names::SERVER_CERT)?,
                ))
            })
            .await?;
        super::server_cert::settle_staged_server_key(self.store.data_dir(), &cert_pem)?;
        Ok(TlsMaterial {
            ca_pem,
            cert_pem,
            key_pem: crate::store::daemon_key_files::read_server_key(self.store.data_dir())?,
        })
    }

    /// The address `vaultd init --listen` chose, where `serve` listens unless told otherwise
    /// (None for a vault made before it was recorded).
    pub async fn listen_address(&self) -> Result<Option<std::net::SocketAddr>> {
        use crate::store::meta::{self, names};
        let stored = self.store.run(|c| meta::get(c, names::LISTEN)).await?;
        Ok(stored
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|s| s.parse().ok()))
    }

    /// The address clients use (`https://host:port`), as stored at init.
    pub async fn public_url(&self) -> Result<String> {
        use crate::store::meta::{self, names};
        Ok(self
            .store
            .run(|c| meta::require_text(c, names::PUBLIC_URL))
            .await?)
    }

    /// The fingerprints of disabled principals' certificates, as the TLS verifier reads them;
    /// [`Vault::refresh_revoked_certificates`] keeps it current.
    pub fn revoked_certificates(
        &self,
    ) -> Arc<std::sync::RwLock<std::collections::HashSet<String>>> {
        self.revoked_certificates.clone()
    }

    /// Reloads the certificates refused at the handshake: disabled principals' and retired
    /// ones not yet expired (at start-up and after every change).
    pub async fn refresh_revoked_certificates(&self) -> Result<()> {
        let revoked: std::collections::HashSet<String> = self
            .store
            .run(|c| crate::store::principals::refused_fingerprints(c))
            .await?
            .into_iter()
            .collect();
        if let Ok(mut set) = self.revoked_certificates.write() {
            *set = revoked;
        }
        Ok(())
    }

    /// Follows whether the audit log can be written (false while it cannot, e.g. a full disk).
    pub fn writable(&self) -> tokio::sync::watch::Receiver<bool> {
        self.store.writable()
    }

    /// Each audit entry's exact bytes as it is committed.
    pub fn subscribe_audit(&self) -> tokio::sync::broadcast::Receiver<Arc<Vec<u8>>> {
        self.store.subscribe_audit()
    }

    /// Records a refused TLS connection: under the principal that holds (or held) the refused
    /// `certificate` (a disabled principal's, a replaced one), else as `anonymous`. The server
    /// rate-limits these; `detail` is the TLS error, already bounded by the caller.
    pub async fn record_refused_connection(
        &self,
        peer: String,
        certificate: Option<String>,
        detail: String,
    ) -> Result<()> {
        let (principal, detail) = match certificate {
            Some(fingerprint) => {
                let key = fingerprint.clone();
                let owner = self
                    .store
                    .run(move |c| crate::store::principals::owner_of_certificate(c, &key))
                    .await?;
                let short = &fingerprint[..16.min(fingerprint.len())];
                (
                    owner.unwrap_or_else(|| format!("cert:{fingerprint}")),
                    format!("certificate {short}: {detail}"),
                )
            }
            None => ("anonymous".to_owned(), detail),
        };
        let draft = AuditDraft {
            principal,
            action: Action::ConnectionRefused,
            targets: Vec::new(),
            outcome: Outcome::Denied,
            reason: Some("bad_certificate".into()),
            grant: None,
            request_id: crate::ids::new_request_id(),
            peer,
            detail: Some(detail),
        };
        Ok(self.store.audit(draft).await?)
    }
}
