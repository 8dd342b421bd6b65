//! `vaultd server-cert`: a new TLS key and certificate for the server, issued by the vault's own
//! CA (unchanged, so every identity keeps trusting it), optionally for a new public URL and new
//! names. Daemon stopped; the vault must be unsealed (the CA key is sealed).
//!
//! Crash-safe: the new key is staged in `server-tls.key.new` before the database commits the
//! certificate, and promoted after; a renewal interrupted in between is finished (or the stale
//! staged key dropped) the next time the TLS material is read, by which key matches the
//! certificate the database holds.

use super::sealed_key_file_copies::KeyFileContents;
use super::{Caller, Vault};
use crate::identity::pki;
use crate::store::daemon_key_files;
use crate::store::meta::{self, names};
use crate::tlog::action::Action;
use crate::vault::audit_facts::AuditFacts;
use crate::vault::error::{Error, Result};
use zeroize::Zeroizing;

/// What the new server certificate is.
#[derive(Debug, Clone)]
pub struct ServerCertificate {
    pub public_url: String,
    pub names: Vec<String>,
    pub not_after: i64,
}

impl AuditFacts for ServerCertificate {
    fn audit_detail(&self) -> Option<String> {
        Some(format!(
            "url {}; names {}; until {}",
            self.public_url,
            self.names.join(","),
            crate::times::format_time(self.not_after)
        ))
    }
}

impl Vault {
    /// Issues the server a new key and certificate from the vault's CA. `server_names` empty keeps
    /// the current certificate's names; `public_url` None keeps the current URL. The database
    /// (certificate, URL, sealed key copy) commits first, then the key file is replaced.
    pub async fn renew_server_certificate(
        &self,
        public_url: Option<String>,
        server_names: Vec<String>,
    ) -> Result<ServerCertificate> {
        let draft = Caller::system("vaultd-server-cert").draft(Action::VaultServerCert, "vault");
        let key = self.key();
        let audit_key =
            daemon_key_files::read(&daemon_key_files::audit_key_path(self.store.data_dir()));
        let data_dir = self.store.data_dir().to_owned();
        let made = self
            .audited(draft, move |tx| {
                if public_url
                    .as_deref()
                    .is_some_and(|url| !crate::identity::is_https(url))
                {
                    return Err(Error::BadRequest(
                        crate::wire::reason::Unusable::PublicUrlNotHttps,
                    ));
                }
                let key = key?;
                let (ca_cert, ca_key, current_url, _) = super::principals::ca(tx, &key)?;
                let server_names = if server_names.is_empty() {
                    pki::cert_names(&meta::require_text(tx, names::SERVER_CERT)?)
                } else {
                    server_names
                };
                let server = pki::new_server_cert(&ca_cert, &ca_key, &server_names)
                    .map_err(|e| Error::Internal(e.to_string()))?;
                let not_after = pki::cert_not_after(&server.cert_pem)
                    .ok_or(Error::Internal("new certificate has no expiry".into()))?;
                let public_url = public_url.unwrap_or(current_url);
                meta::put(tx, names::SERVER_CERT, server.cert_pem.as_bytes())?;
                meta::put(tx, names::PUBLIC_URL, public_url.as_bytes())?;
                meta::put(
                    tx,
                    names::SERVER_NAME,
                    server_names
                        .first()
                        .map_or("localhost", String::as_str)
                        .as_bytes(),
                )?;
                let copies = KeyFileContents {
                    server_key_pem: Zeroizing::new(server.key_pem.expose().as_bytes().to_vec()),
                    audit_key: audit_key?,
                };
                daemon_key_files::stage_server_key(&data_dir, &copies.server_key_pem)?;
                for (name, value) in copies.sealed_rows(&key) {
                    meta::put(tx, name, &value)?;
                }
                Ok(Issued {
                    certificate: ServerCertificate {
                        public_url,
                        names: server_names,
                        not_after,
                    },
                })
            })
            .await?;
        daemon_key_files::promote_staged_server_key(self.store.data_dir())?;
        Ok(made.certificate)
    }
}

/// The certificate issued (its key is staged on disk until the database has committed).
struct Issued {
    certificate: ServerCertificate,
}

impl AuditFacts for Issued {
    fn audit_detail(&self) -> Option<String> {
        self.certificate.audit_detail()
    }
}

/// Finishes a renewal interrupted between the database's commit and the key file's rename: the
/// staged key goes in place if it is the certificate's, and is dropped otherwise.
pub(super) fn settle_staged_server_key(data_dir: &std::path::Path, cert_pem: &str) -> Result<()> {
    let staged = daemon_key_files::staged_server_key_path(data_dir);
    if !staged.exists() {
        return Ok(());
    }
    let key = daemon_key_files::read(&staged)?;
    let key = crate::secret::SecretString::new(
        String::from_utf8(key.to_vec())
            .map_err(|_| Error::Integrity("staged server key".into()))?,
    );
    if pki::cert_matches_key(cert_pem, &key) {
        tracing::warn!("finishing an interrupted server certificate renewal");
        daemon_key_files::promote_staged_server_key(data_dir)?;
    } else {
        let _ = std::fs::remove_file(&staged);
    }
    Ok(())
}
