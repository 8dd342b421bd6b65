//! Identity files: everything a principal's client needs to reach the vault (server address,
//! the vault's CA, its client certificate and key), in one file that is age-encrypted with a
//! passphrase, or plain with mode 0600 for services and `vaultd dev`. The format is JSON, tagged
//! with `format` so later versions can be told apart. `pki` is the vault's small CA.
//! May import: `authz` (the authority's signing key), `secret`, `ids`, `limits`. Shared with vault-cli.

pub mod pki;

use crate::private_file::{self, Existing, ModeError, Reach};
use crate::secret::SecretString;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

const FORMAT: &str = "vaultd-identity/1";
const AGE_ARMOR_BEGIN: &str = "-----BEGIN AGE ENCRYPTED FILE-----";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IdentityError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A plain identity file that others may read.
    #[error("{path} is readable by other users ({reach}); run: {}", reach.remedy(path))]
    Permissions { path: PathBuf, reach: Reach },
    /// Not an identity file, or a damaged one.
    #[error("{path} is not a vaultd identity file")]
    Format { path: PathBuf },
    /// The passphrase did not open the file.
    #[error("wrong passphrase for {path}")]
    Passphrase { path: PathBuf },
    /// The file exists and would be overwritten.
    #[error("{path} already exists")]
    Exists { path: PathBuf },
    /// age failed to encrypt.
    #[error("encryption failed: {0}")]
    Encrypt(String),
    /// A server address that is not `https://`.
    #[error("{server}: only https:// server addresses are accepted")]
    NotHttps { server: String },
}

/// Whether `address` is an `https://` URL (the scheme in any case, as URLs allow). Every other
/// scheme is refused before connecting: the first thing a client sends may be a passphrase or a
/// password, and the vault speaks only TLS.
pub fn is_https(address: &str) -> bool {
    address
        .get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
}

/// `address` if it is an `https://` URL, refused otherwise (see [`is_https`]).
pub fn check_server(address: &str) -> Result<(), IdentityError> {
    if is_https(address) {
        Ok(())
    } else {
        Err(IdentityError::NotHttps {
            server: address.to_owned(),
        })
    }
}

#[derive(Serialize, Deserialize)]
struct IdentityDoc {
    format: String,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    server: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    server_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ca_pem: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cert_pem: Option<String>,
    key_pem: Zeroizing<String>,
    /// The authority's grant-signing key: PKCS#8, base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    signing_key: Option<Zeroizing<String>>,
}

/// Where and how to reach the vault, as the operator hands it to a new principal.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Enrollment {
    pub format: String,
    pub name: String,
    pub server: String,
    pub server_name: String,
    pub ca_pem: String,
    pub cert_pem: String,
}

impl Enrollment {
    pub const FORMAT: &'static str = "vaultd-enrollment/1";
}

/// A principal's identity, loaded in memory.
pub struct Identity {
    pub name: String,
    pub server: Option<String>,
    pub server_name: Option<String>,
    pub ca_pem: Option<String>,
    pub cert_pem: Option<String>,
    key_pem: SecretString,
    signing_key: Option<SecretString>,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Identity")
            .field("name", &self.name)
            .field("server", &self.server)
            .finish_non_exhaustive()
    }
}

impl Identity {
    /// A new identity holding only a name and a key, waiting for its enrollment.
    pub fn new(name: String, key_pem: SecretString) -> Self {
        Self {
            name,
            server: None,
            server_name: None,
            ca_pem: None,
            cert_pem: None,
            key_pem,
            signing_key: None,
        }
    }

    /// Adds a grant-signing key (the Secrétaire générale's identity).
    pub fn with_signing_key(mut self, key: &crate::authz::grant::SigningKey) -> Self {
        use base64::Engine;
        self.signing_key = Some(SecretString::new(
            base64::engine::general_purpose::STANDARD.encode(key.pkcs8().expose()),
        ));
        self
    }

    /// The grant-signing key, if this identity holds one.
    pub fn signing_key(&self) -> Option<crate::authz::grant::SigningKey> {
        use base64::Engine;
        let text = self.signing_key.as_ref()?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text.expose())
            .ok()?;
        crate::authz::grant::SigningKey::from_pkcs8(crate::secret::SecretBytes::new(bytes)).ok()
    }

    /// A complete identity, as `vaultd init` and `vaultd dev` write them; refused if the
    /// enrollment's server address is not `https://`.
    pub fn enrolled(enrollment: Enrollment, key_pem: SecretString) -> Result<Self, IdentityError> {
        let mut id = Self::new(enrollment.name.clone(), key_pem);
        id.install(enrollment)?;
        Ok(id)
    }

    /// Carries over `other`'s grant-signing key (a renewal with a new TLS key keeps it).
    pub fn with_signing_key_of(mut self, other: &Identity) -> Self {
        self.signing_key = other
            .signing_key
            .as_ref()
            .map(|k| SecretString::new(k.expose().to_owned()));
        self
    }

    pub fn key_pem(&self) -> &SecretString {
        &self.key_pem
    }

    /// Adds the certificate and server facts the operator returned; an enrollment whose server
    /// address is not `https://` is refused and the identity left as it was.
    pub fn install(&mut self, enrollment: Enrollment) -> Result<(), IdentityError> {
        check_server(&enrollment.server)?;
        self.server = Some(enrollment.server);
        self.server_name = Some(enrollment.server_name);
        self.ca_pem = Some(enrollment.ca_pem);
        self.cert_pem = Some(enrollment.cert_pem);
        Ok(())
    }

    pub fn is_enrolled(&self) -> bool {
        self.server.is_some() && self.ca_pem.is_some() && self.cert_pem.is_some()
    }

    fn to_json(&self) -> Zeroizing<Vec<u8>> {
        let doc = IdentityDoc {
            format: FORMAT.into(),
            name: self.name.clone(),
            server: self.server.clone(),
            server_name: self.server_name.clone(),
            ca_pem: self.ca_pem.clone(),
            cert_pem: self.cert_pem.clone(),
            key_pem: Zeroizing::new(self.key_pem.expose().to_owned()),
            signing_key: self
                .signing_key
                .as_ref()
                .map(|k| Zeroizing::new(k.expose().to_owned())),
        };
        let mut json = Zeroizing::new(serde_json::to_vec_pretty(&doc).unwrap_or_default());
        json.push(b'\n');
        json
    }

    fn from_json(path: &Path, bytes: &[u8]) -> Result<Self, IdentityError> {
        let mut doc: IdentityDoc =
            serde_json::from_slice(bytes).map_err(|_| IdentityError::Format {
                path: path.to_owned(),
            })?;
        if doc.format != FORMAT {
            return Err(IdentityError::Format {
                path: path.to_owned(),
            });
        }
        Ok(Self {
            name: doc.name,
            server: doc.server,
            server_name: doc.server_name,
            ca_pem: doc.ca_pem,
            cert_pem: doc.cert_pem,
            key_pem: SecretString::new(std::mem::take(&mut *doc.key_pem)),
            signing_key: doc
                .signing_key
                .as_mut()
                .map(|k| SecretString::new(std::mem::take(&mut **k))),
        })
    }

    /// Parses a plain identity file's bytes (what `load` does after reading and decrypting).
    pub fn parse(bytes: &[u8]) -> Result<Self, IdentityError> {
        Self::from_json(Path::new("<identity>"), bytes)
    }

    /// Reads an identity file; `passphrase` is asked only when the file is encrypted.
    pub fn load(
        path: &Path,
        passphrase: impl FnOnce() -> Option<SecretString>,
    ) -> Result<Self, IdentityError> {
        let io = |source| IdentityError::Io {
            path: path.to_owned(),
            source,
        };
        let bytes = Zeroizing::new(std::fs::read(path).map_err(io)?);
        Self::from_file_bytes(path, &bytes, passphrase)
    }

    /// What `load` does once the file is read: `bytes` are the file's whole content (the
    /// agent hashes the very bytes it decrypts, so what it serves is what it was given).
    pub fn from_file_bytes(
        path: &Path,
        bytes: &[u8],
        passphrase: impl FnOnce() -> Option<SecretString>,
    ) -> Result<Self, IdentityError> {
        if is_encrypted(bytes) {
            let pass = passphrase().ok_or_else(|| IdentityError::Passphrase {
                path: path.to_owned(),
            })?;
            let plain =
                decrypt_with_passphrase(bytes, &pass).ok_or_else(|| IdentityError::Passphrase {
                    path: path.to_owned(),
                })?;
            return Self::from_json(path, &plain);
        }
        check_private_mode(path)?;
        Self::from_json(path, bytes)
    }

    /// The identity as a plain identity file's bytes, which `parse` reads back: what the
    /// agent holds, in zeroizing memory, and hands to its owner's commands.
    pub fn to_plain_bytes(&self) -> Zeroizing<Vec<u8>> {
        self.to_json()
    }

    /// Writes the identity in the clear, readable by its owner only.
    pub fn save_plain(&self, path: &Path, overwrite: bool) -> Result<(), IdentityError> {
        write_private(path, &self.to_json(), overwrite)
    }

    /// Writes the identity encrypted with a passphrase (age, scrypt), ASCII-armored.
    pub fn save_encrypted(
        &self,
        path: &Path,
        passphrase: &SecretString,
        overwrite: bool,
    ) -> Result<(), IdentityError> {
        let encryptor = age::Encryptor::with_user_passphrase(age::secrecy::SecretString::from(
            passphrase.expose().to_owned(),
        ));
        let mut out = Vec::new();
        let armored =
            age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor)
                .map_err(|e| IdentityError::Encrypt(e.to_string()))?;
        let mut writer = encryptor
            .wrap_output(armored)
            .map_err(|e| IdentityError::Encrypt(e.to_string()))?;
        writer
            .write_all(&self.to_json())
            .and_then(|_| writer.finish())
            .and_then(|armored| armored.finish())
            .map_err(|e| IdentityError::Encrypt(e.to_string()))?;
        write_private(path, &out, overwrite)
    }
}

/// Whether an identity file's content is passphrase-encrypted (age, ASCII-armored).
pub fn is_encrypted(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_ARMOR_BEGIN.as_bytes())
}

fn decrypt_with_passphrase(bytes: &[u8], passphrase: &SecretString) -> Option<Zeroizing<Vec<u8>>> {
    let reader = age::armor::ArmoredReader::new(bytes);
    let decryptor = age::Decryptor::new(reader).ok()?;
    let identity = age::scrypt::Identity::new(age::secrecy::SecretString::from(
        passphrase.expose().to_owned(),
    ));
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .ok()?;
    let mut plain = Zeroizing::new(Vec::new());
    reader.read_to_end(&mut plain).ok()?;
    Some(plain)
}

/// Refuses a key file that group or others may read, as ssh does.
pub fn check_private_mode(path: &Path) -> Result<(), IdentityError> {
    private_file::check_owner_only(path).map_err(|e| match e {
        ModeError::Reachable { reach } => IdentityError::Permissions {
            path: path.to_owned(),
            reach,
        },
        ModeError::Io(source) => IdentityError::Io {
            path: path.to_owned(),
            source,
        },
    })
}

/// Writes a file with mode 0600 whole (a crash leaves either the old file or the new one),
/// replacing one that is there only when `overwrite`.
pub fn write_private(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), IdentityError> {
    let existing = if overwrite {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    private_file::write(path, bytes, existing).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            IdentityError::Exists {
                path: path.to_owned(),
            }
        } else {
            IdentityError::Io {
                path: path.to_owned(),
                source,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Identity {
        Identity::new("alice".into(), SecretString::new("KEY-MATERIAL".into()))
    }

    #[test]
    fn only_https_server_addresses_are_accepted() {
        for ok in [
            "https://vault.example:8443",
            "HTTPS://127.0.0.1:1",
            "https://[::1]:8443",
        ] {
            assert!(is_https(ok), "{ok}");
        }
        for bad in [
            "http://vault.example",
            "vault.example:8443",
            "ftp://x",
            "https:/x",
            "",
            "é",
        ] {
            assert!(!is_https(bad), "{bad}");
        }
        let enrollment = Enrollment {
            format: Enrollment::FORMAT.into(),
            name: "alice".into(),
            server: "http://vault.example".into(),
            server_name: "vault.example".into(),
            ca_pem: "CA".into(),
            cert_pem: "CERT".into(),
        };
        let mut identity = sample();
        assert!(matches!(
            identity.install(enrollment),
            Err(IdentityError::NotHttps { .. })
        ));
        assert!(!identity.is_enrolled() && identity.server.is_none());
    }

    #[test]
    #[cfg(unix)] // modes; the Windows form is private_file/windows.rs's tests
    fn plain_files_round_trip_with_mode_0600() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("alice.id");
        sample().save_plain(&path, false).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let back = Identity::load(&path, || None).unwrap();
        assert_eq!(back.name, "alice");
        assert!(back.signing_key().is_none());
        let key = crate::authz::grant::SigningKey::generate();
        let path2 = dir.path().join("sg.id");
        sample()
            .with_signing_key(&key)
            .save_plain(&path2, false)
            .unwrap();
        let sg = Identity::load(&path2, || None).unwrap();
        assert_eq!(sg.signing_key().unwrap().public_key(), key.public_key());
        assert_eq!(back.key_pem().expose(), "KEY-MATERIAL");
        assert!(matches!(
            sample().save_plain(&path, false),
            Err(IdentityError::Exists { .. })
        ));
    }

    #[test]
    #[cfg(unix)] // modes; the Windows form is private_file/windows.rs's tests
    fn a_plain_file_readable_by_others_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("alice.id");
        sample().save_plain(&path, false).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(matches!(
            Identity::load(&path, || None),
            Err(IdentityError::Permissions { .. })
        ));
    }

    #[test]
    fn encrypted_files_need_the_right_passphrase_and_hide_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("alice.id");
        let pass = SecretString::new("correct horse".into());
        sample().save_encrypted(&path, &pass, false).unwrap();
        let on_disk = std::fs::read_to_string(&path).unwrap();
        assert!(on_disk.starts_with(AGE_ARMOR_BEGIN));
        assert!(!on_disk.contains("KEY-MATERIAL"));
        let back =
            Identity::load(&path, || Some(SecretString::new("correct horse".into()))).unwrap();
        assert_eq!(back.key_pem().expose(), "KEY-MATERIAL");
        assert!(matches!(
            Identity::load(&path, || Some(SecretString::new("wrong".into()))),
            Err(IdentityError::Passphrase { .. })
        ));
    }
}
