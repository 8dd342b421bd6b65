//! Creating a vault: the SQLite file, the data key and its age wrappings, the CA and server
//! certificate, and the first operator's identity. Used by `vaultd init` and `vaultd dev`.

use crate::crypto::data_key::{Binding, DataKey};
use crate::crypto::data_key_wrap;
use crate::identity::pki;
use crate::identity::{self, Identity};
use crate::ids::{PrincipalName, Role};
use crate::secret::SecretString;
use crate::store::meta::{self, names, KeyWrap, WrapKind};
use crate::store::{daemon_key_files, Store};
use crate::tlog::note::Signer;
use crate::vault::error::{Error, Result};
use crate::vault::sealed_key_file_copies::KeyFileContents;
use crate::vault::{Caller, Vault};
use crate::wire::reason::Unusable;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// How the data key can be unwrapped: at least one of an identity file or a passphrase.
pub struct UnsealMethods {
    /// Write a new age identity file here (automatic unseal).
    pub identity_out: Option<PathBuf>,
    /// Wrap with this passphrase too (`vault-cli unseal`).
    pub passphrase: Option<SecretString>,
    /// Extra age recipients (`age1...`) for break-glass and restore.
    pub escrow_recipients: Vec<String>,
}

pub struct InitOptions {
    pub data_dir: PathBuf,
    /// The address clients use, e.g. `https://vault.example:8443`.
    pub public_url: String,
    /// Where `vaultd serve` listens unless told otherwise.
    pub listen: std::net::SocketAddr,
    /// DNS names and IPs in the server certificate; the first is the name clients check.
    pub server_names: Vec<String>,
    pub unseal: UnsealMethods,
    pub operator_name: String,
    pub operator_identity_out: PathBuf,
    /// Encrypt the operator's identity file with this passphrase (plain 0600 otherwise).
    pub operator_passphrase: Option<SecretString>,
    /// The Secrétaire générale's grant-signing public key (32 bytes), if known at init.
    pub authority_key: Option<Vec<u8>>,
}

/// What the operator must keep, and the vault, unsealed.
pub struct Initialized {
    pub vault: Vault,
    pub vault_id: String,
    pub unseal_recipient: Option<String>,
    pub operator_identity: PathBuf,
    pub operator_fingerprint: String,
}

/// Makes `dir` (and parents) with mode 0700 if missing; an existing one keeps its mode and is
/// checked by the store.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if !dir.exists() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    }
    Ok(())
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(e.to_string())
}

/// Creates a vault, all or nothing: every input is checked before anything is written, and a
/// failure part-way removes what was made (the data directory's files, or the directory if
/// init created it, and the output files), so a retry starts clean.
pub async fn init_vault(options: InitOptions) -> Result<Initialized> {
    PrincipalName::parse(&options.operator_name)?;
    if !identity::is_https(&options.public_url) {
        return Err(Error::BadRequest(Unusable::PublicUrlNotHttps));
    }
    let unseal = &options.unseal;
    if unseal.identity_out.is_none() && unseal.passphrase.is_none() {
        return Err(Error::BadRequest(Unusable::NeedUnsealMethod));
    }
    for recipient in &unseal.escrow_recipients {
        recipient
            .trim()
            .parse::<age::x25519::Recipient>()
            .map_err(|_| Error::BadRequest(Unusable::EscrowNotRecipient))?;
    }
    let outputs: Vec<PathBuf> = [
        Some(options.operator_identity_out.clone()),
        unseal.identity_out.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if outputs.iter().any(|path| path.exists()) {
        return Err(Error::BadRequest(Unusable::OutputExists));
    }
    if Vault::exists_in(&options.data_dir) {
        return Err(crate::store::StoreError::Layout {
            path: options.data_dir.join(crate::store::DB_FILE),
            problem: crate::store::LayoutProblem::VaultExists,
        }
        .into());
    }
    let directory = NewDirectory::prepare(&options.data_dir)?;
    match build(options).await {
        Ok(done) => {
            directory.keep();
            Ok(done)
        }
        Err(e) => {
            for path in &outputs {
                let _ = std::fs::remove_file(path);
            }
            Err(e)
        }
    }
}

async fn build(options: InitOptions) -> Result<Initialized> {
    let operator = PrincipalName::parse(&options.operator_name)?;
    let unseal = &options.unseal;
    let vault_id = hex::encode(crate::crypto::random_bytes::<8>());
    // The audit log's checkpoints name the vault by the same id that init prints.
    let audit_signer = Signer::generate(&format!("vaultd/{vault_id}")).map_err(internal)?;
    let audit_key = Zeroizing::new(audit_signer.to_key_string().as_bytes().to_vec());
    let store = Store::create(&options.data_dir, audit_signer)?;

    let key = DataKey::generate();
    let ca = pki::new_ca(&vault_id).map_err(internal)?;
    let server =
        pki::new_server_cert(&ca.cert_pem, &ca.key_pem, &options.server_names).map_err(internal)?;
    daemon_key_files::write_server_key(&options.data_dir, server.key_pem.expose().as_bytes())?;
    let key_copies = KeyFileContents {
        server_key_pem: Zeroizing::new(server.key_pem.expose().as_bytes().to_vec()),
        audit_key,
    }
    .sealed_rows(&key);
    let mut wraps = Vec::new();
    let mut unseal_recipient = None;
    let mut identity_file = None;
    if unseal.identity_out.is_some() {
        let (text, recipient) = data_key_wrap::new_identity();
        wraps.push(KeyWrap {
            kind: WrapKind::Identity,
            wrapped: data_key_wrap::wrap_to_recipient(&key, &recipient).map_err(internal)?,
            label: recipient.clone(),
        });
        unseal_recipient = Some(recipient);
        identity_file = Some(text);
    }
    if let Some(passphrase) = &unseal.passphrase {
        wraps.push(KeyWrap {
            kind: WrapKind::Passphrase,
            wrapped: data_key_wrap::wrap_to_passphrase(&key, passphrase).map_err(internal)?,
            label: String::new(),
        });
    }
    for recipient in &unseal.escrow_recipients {
        let wrapped = data_key_wrap::wrap_to_recipient(&key, recipient)
            .map_err(|_| Error::BadRequest(Unusable::EscrowNotRecipient))?;
        wraps.push(KeyWrap {
            kind: WrapKind::Escrow,
            wrapped,
            label: recipient.trim().to_owned(),
        });
    }
    let server_name = options
        .server_names
        .first()
        .cloned()
        .unwrap_or_else(|| "localhost".into());
    let mut facts: Vec<(&'static str, Vec<u8>)> = vec![
        (names::VAULT_ID, vault_id.clone().into_bytes()),
        (names::CA_CERT, ca.cert_pem.clone().into_bytes()),
        (
            names::CA_KEY_SEALED,
            key.seal(
                &Binding::vault_key(super::CA_KEY_BINDING),
                ca.key_pem.expose().as_bytes(),
            ),
        ),
        (names::SERVER_CERT, server.cert_pem.into_bytes()),
        (names::PUBLIC_URL, options.public_url.clone().into_bytes()),
        (names::LISTEN, options.listen.to_string().into_bytes()),
        (names::SERVER_NAME, server_name.into_bytes()),
        (names::KEY_CHECK, super::seal_key_check(&key)),
    ];
    facts.extend(key_copies);
    store
        .write(move |tx| {
            for (name, value) in &facts {
                meta::put(tx, name, value)?;
            }
            for wrap in &wraps {
                meta::add_wrap(tx, wrap)?;
            }
            Ok(())
        })
        .await?;

    let vault = Vault::from_store(store);
    vault.unseal_with_new_key(key)?;
    if let Some(public_key) = options.authority_key {
        vault.pin_authority_key("vaultd-init", public_key).await?;
    }
    let system = Caller::system("vaultd-init");
    let operator_identity = vault
        .enroll_local(&system, operator.as_str(), &[Role::Operator])
        .await?;
    match &options.operator_passphrase {
        Some(pass) => operator_identity.save_encrypted(&options.operator_identity_out, pass, false),
        None => operator_identity.save_plain(&options.operator_identity_out, false),
    }
    .map_err(internal)?;
    if let (Some(path), Some(text)) = (&unseal.identity_out, identity_file) {
        identity::write_private(path, text.expose().as_bytes(), false).map_err(internal)?;
    }
    let operator_fingerprint = identity_fingerprint(&operator_identity);
    Ok(Initialized {
        vault,
        vault_id,
        unseal_recipient,
        operator_identity: options.operator_identity_out,
        operator_fingerprint,
    })
}

/// The SHA-256 fingerprint of an identity's client certificate.
pub fn identity_fingerprint(identity: &Identity) -> String {
    identity
        .cert_pem
        .as_deref()
        .and_then(pki::first_cert_der)
        .map(|der| pki::fingerprint(&der))
        .unwrap_or_default()
}

/// A data directory being filled: refused if it holds anything, made (0700) if missing, and
/// emptied again (or removed, if it was made here) unless [`NewDirectory::keep`] is called.
pub(crate) struct NewDirectory {
    dir: PathBuf,
    created: bool,
    keep: bool,
}

impl NewDirectory {
    pub(crate) fn prepare(dir: &Path) -> Result<Self> {
        let created = !dir.exists();
        if created {
            create_private_dir(dir).map_err(|e| internal(format!("{}: {e}", dir.display())))?;
        } else {
            let mut entries =
                std::fs::read_dir(dir).map_err(|e| internal(format!("{}: {e}", dir.display())))?;
            if entries.next().is_some() {
                return Err(Error::BadRequest(Unusable::TargetNotEmpty));
            }
            crate::store::check_private(dir, 0o700)?;
        }
        Ok(NewDirectory {
            dir: dir.to_owned(),
            created,
            keep: false,
        })
    }

    pub(crate) fn keep(mut self) {
        self.keep = true;
    }
}

impl Drop for NewDirectory {
    fn drop(&mut self) {
        if self.keep {
            return;
        }
        if self.created {
            let _ = std::fs::remove_dir_all(&self.dir);
        } else if let Ok(entries) = std::fs::read_dir(&self.dir) {
            for entry in entries.flatten() {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}
