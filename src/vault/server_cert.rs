//! `vaultd server-cert`: a new TLS key and certificate for the server, issued by the vault's own
//! CA (unchanged, so every identity keeps trusting it), optionally for a new public URL and new
//! names. Daemon stopped; the vault must be unsealed (the CA key is sealed).

use super::key_copies::KeyFileContents;
use super::{Caller, Vault};
use crate::identity::pki;
use crate::store::key_files;
use crate::store::meta::{self, names};
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
        let draft = Caller::system("vaultd-server-cert").draft("vault.server_cert", "vault");
        let key = self.key();
        let audit_key = key_files::read(&key_files::audit_key_path(self.store.data_dir()));
        let made = self
            .audited(draft, move |tx| {
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
                for (name, value) in copies.sealed_rows(&key) {
                    meta::put(tx, name, &value)?;
                }
                Ok(Issued {
                    certificate: ServerCertificate {
                        public_url,
                        names: server_names,
                        not_after,
                    },
                    key_pem: copies.server_key_pem,
                })
            })
            .await?;
        key_files::replace(
            &key_files::server_key_path(self.store.data_dir()),
            &made.key_pem,
        )?;
        Ok(made.certificate)
    }
}

/// The certificate and the key that goes into the key file once the database has committed.
struct Issued {
    certificate: ServerCertificate,
    key_pem: Zeroizing<Vec<u8>>,
}

impl AuditFacts for Issued {
    fn audit_detail(&self) -> Option<String> {
        self.certificate.audit_detail()
    }
}
