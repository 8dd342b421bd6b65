//! `vaultd restore`: a backup (see `backup`) into a new data directory, with the daemon stopped.
//! The restored vault is checked before it is trusted: SQLite's integrity check, the data key
//! opened with the given identity (the unseal key or an escrow key), the TLS and audit keys put
//! back from their sealed copies, the whole audit log verified against its latest checkpoint,
//! and every sealed value opened once. A failed restore leaves nothing behind.
//!
//! A restore is a rollback: whatever changed after the backup (secrets, grants, revocations,
//! log entries) is gone, and checkpoints signed after it are not extended by the restored log.

use super::sealed_key_file_copies::KeyFileContents;
use super::{Caller, Vault};
use crate::crypto::data_key_wrap;
use crate::secret::SecretString;
use crate::store::daemon_key_files;
use crate::store::meta::{self, names, WrapKind};
use crate::store::{audit, snapshot, StoreError};
use crate::tlog::action::Action;
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;
use std::io::Read;
use std::path::{Path, PathBuf};

pub struct RestoreOptions {
    /// The age-encrypted backup.
    pub from: PathBuf,
    /// A new or empty directory.
    pub data_dir: PathBuf,
    /// The contents of an age identity file: the unseal key or an escrow key.
    pub identity: SecretString,
    /// Who must have made the backup. age encryption says who may open a backup, not who
    /// made it: anyone can encrypt a forged vault to the public unseal recipient.
    pub origin: Origin,
}

/// What a restore checks about the backup's origin.
#[derive(Debug, Clone)]
pub enum Origin {
    /// The log must be signed by this verifier key, kept elsewhere (`vault-cli audit key`).
    SignedBy(crate::tlog::note::Verifier),
    /// Not checked, as the operator said (`--accept-unknown-origin`); the log entry says so.
    Unchecked,
}

/// What the restore established.
pub struct Restored {
    pub vault: Vault,
    /// SHA-256 of the backup file, hex.
    pub backup_sha256: String,
    /// The restored log's size and root (base64), as its latest checkpoint signs them.
    pub log_size: u64,
    pub log_root: String,
    pub audit_origin: String,
    /// The restored log's verifier key string, to compare with the one kept elsewhere.
    pub audit_key: String,
    /// Sealed secret values opened.
    pub values_opened: u64,
}

pub async fn restore(options: RestoreOptions) -> Result<Restored> {
    let directory = super::create::NewDirectory::prepare(&options.data_dir)?;
    let result = restore_into(&options).await;
    match result {
        Ok(restored) => {
            directory.keep();
            Ok(restored)
        }
        Err(e) => Err(e),
    }
}

async fn restore_into(options: &RestoreOptions) -> Result<Restored> {
    let data_dir = options.data_dir.clone();
    let from = options.from.clone();
    let identity = SecretString::new(options.identity.expose().to_owned());
    let expected = match &options.origin {
        Origin::SignedBy(key) => Some(key.clone()),
        Origin::Unchecked => None,
    };
    let checked = tokio::task::spawn_blocking(move || {
        let backup_sha256 =
            decrypt_backup(&from, &data_dir.join(crate::store::DB_FILE), &identity)?;
        let log = check_offline(&data_dir, &identity, expected.as_ref())?;
        Ok::<_, Error>((backup_sha256, log))
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))??;
    let (backup_sha256, (log_size, log_root, audit_origin, audit_key)) = checked;

    let vault = Vault::open(&options.data_dir)?;
    vault.unseal_with_identity(&options.identity).await?;
    let values_opened = vault.check_integrity().await?;
    vault.check_key_copies().await?;
    let mut draft = Caller::system("vaultd-restore").draft(Action::VaultRestore, "vault");
    let origin = match &options.origin {
        Origin::SignedBy(_) => "signed by the expected audit key",
        Origin::Unchecked => "origin NOT checked (--accept-unknown-origin)",
    };
    draft.detail = Some(format!(
        "from a backup with sha256 {backup_sha256}; audit log of {log_size} entries verified; {origin}"
    ));
    vault.record(draft, Ok(())).await?;
    Ok(Restored {
        vault,
        backup_sha256,
        log_size,
        log_root,
        audit_origin,
        audit_key,
        values_opened,
    })
}

/// Decrypts the backup into `db` (a new 0600 file); returns the backup's SHA-256.
fn decrypt_backup(from: &Path, db: &Path, identity: &SecretString) -> Result<String> {
    let io = |e: std::io::Error| Error::Internal(format!("{}: {e}", from.display()));
    let bytes_in = std::fs::File::open(from).map_err(io)?;
    let mut hashed = HashingReader::new(std::io::BufReader::new(bytes_in));
    let age_identity = data_key_wrap::parse_identity(identity)
        .map_err(|_| Error::BadRequest(Unusable::NotAgeIdentity))?;
    let decryptor =
        age::Decryptor::new(&mut hashed).map_err(|_| Error::BadRequest(Unusable::NotABackup))?;
    let mut plain = decryptor
        .decrypt(std::iter::once(&age_identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => Error::BadRequest(Unusable::WrongUnsealIdentity),
            _ => Error::BadRequest(Unusable::NotABackup),
        })?;
    let written = |e: std::io::Error| Error::Internal(format!("{}: {e}", db.display()));
    let mut out = crate::store::create_private_file(db)?;
    // A read error is the backup's (damaged); a write error is the target's (a full disk):
    // they are told apart so that a good backup is never called unreadable.
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = plain
            .read(&mut buffer)
            .map_err(|_| Error::BadRequest(Unusable::NotABackup))?;
        if n == 0 {
            break;
        }
        std::io::Write::write_all(&mut out, &buffer[..n]).map_err(written)?;
    }
    out.sync_all().map_err(written)?;
    drop(plain);
    // Whatever age did not need still counts in the file's digest.
    std::io::copy(&mut hashed, &mut std::io::sink()).map_err(io)?;
    Ok(hashed.finish())
}

/// On the restored database, with no daemon: integrity, the data key, the key files, and the
/// audit log against its checkpoint. Returns the log's size, root (base64), origin and
/// verifier key.
fn check_offline(
    data_dir: &Path,
    identity: &SecretString,
    expected: Option<&crate::tlog::note::Verifier>,
) -> Result<(u64, String, String, String)> {
    let conn =
        snapshot::open_checked(&data_dir.join(crate::store::DB_FILE)).map_err(not_a_vault)?;
    let recipient = data_key_wrap::recipient_of(identity)
        .map_err(|_| Error::BadRequest(Unusable::NotAgeIdentity))?;
    let wrap = meta::wraps(&conn, WrapKind::Identity)
        .and_then(|mut all| {
            all.extend(meta::wraps(&conn, WrapKind::Escrow)?);
            Ok(all)
        })
        .map_err(not_a_vault)?
        .into_iter()
        .find(|w| w.label == recipient)
        .ok_or(Error::BadRequest(Unusable::WrongUnsealIdentity))?;
    let key = data_key_wrap::unwrap_with_identity(&wrap.wrapped, identity)
        .map_err(|e| Error::Integrity(e.to_string()))?;
    if !super::seal::opens_key_check(&key, &meta::require(&conn, names::KEY_CHECK)?) {
        return Err(Error::Integrity(
            "the unwrapped key is not this vault's data key".into(),
        ));
    }
    let copies = KeyFileContents::open_sealed(&conn, &key)?
        .ok_or(Error::BadRequest(Unusable::KeyCopiesMissing))?;
    daemon_key_files::write_server_key(data_dir, &copies.server_key_pem)?;
    daemon_key_files::write_new(
        &daemon_key_files::audit_key_path(data_dir),
        &copies.audit_key,
    )?;
    let signer = daemon_key_files::read_audit_signer(data_dir)?;
    if let Some(expected) = expected {
        if &signer.verifier() != expected {
            return Err(Error::Integrity(format!(
                "the backup's audit log is signed by {}, not by the expected {}",
                signer.verifier().to_key_string(),
                expected.to_key_string()
            )));
        }
    }
    let checkpoint = audit::latest_checkpoint(&conn)?;
    let verified = crate::tlog::verify::verify_export(
        std::io::BufReader::with_capacity(1 << 20, audit::ExportReader::new(&conn)),
        &checkpoint,
        &signer.verifier(),
        None,
    )
    .map_err(|e| Error::Integrity(format!("the restored audit log does not verify: {e}")))?;
    use base64::Engine;
    Ok((
        verified.size,
        base64::engine::general_purpose::STANDARD.encode(verified.root),
        signer.name().to_owned(),
        signer.verifier().to_key_string(),
    ))
}

/// A database that SQLite refuses or that lacks the vault's tables is not a backup of a vault.
fn not_a_vault(e: StoreError) -> Error {
    match e {
        StoreError::Sqlite(_) | StoreError::Damaged(_) => Error::BadRequest(Unusable::NotABackup),
        other => Error::Storage(other),
    }
}

/// Hashes what is read through it.
struct HashingReader<R> {
    inner: R,
    digest: ring::digest::Context,
}

impl<R: Read> HashingReader<R> {
    fn new(inner: R) -> Self {
        HashingReader {
            inner,
            digest: ring::digest::Context::new(&ring::digest::SHA256),
        }
    }

    fn finish(self) -> String {
        hex::encode(self.digest.finish())
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.digest.update(&buf[..n]);
        Ok(n)
    }
}
