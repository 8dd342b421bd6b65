//! `vault-cli backup`: a consistent online snapshot of the database, encrypted with age to the
//! vault's recipients (the unseal key's and every escrow recipient), so that stock
//! `age -d -i unseal.key FILE > vault.db` opens it. The snapshot holds what `vault.db` holds
//! (secrets and keys only sealed); its encrypted form is what leaves the daemon, and only after
//! its size and SHA-256 are on the audit record.

use super::{Caller, Vault};
use crate::store::meta::{self, WrapKind};
use crate::store::snapshot::TempFile;
use crate::tlog::action::Action;
use crate::vault::audit_facts::AuditFacts;
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;
use std::io::{Read, Write};
use std::path::Path;

/// An encrypted backup waiting in the data directory to be streamed; removed when dropped.
#[derive(Debug)]
pub struct Backup {
    file: TempFile,
    /// Released (like the file removed) when the backup is dropped, after its stream.
    _one_at_a_time: tokio::sync::OwnedMutexGuard<()>,
    pub size: u64,
    /// SHA-256 of the encrypted file, hex.
    pub sha256: String,
    /// The age recipients it is encrypted to.
    pub recipients: Vec<String>,
}

impl Backup {
    pub fn path(&self) -> &Path {
        self.file.path()
    }
}

impl AuditFacts for Backup {
    fn audit_detail(&self) -> Option<String> {
        Some(format!(
            "size {} bytes; sha256 {}; {} age recipient(s)",
            self.size,
            self.sha256,
            self.recipients.len()
        ))
    }
}

impl Vault {
    /// Takes a backup (one at a time), on record with its size and SHA-256 before it is
    /// handed out.
    pub async fn backup(&self, caller: &Caller) -> Result<Backup> {
        let result = self.make_backup().await;
        self.record(caller.draft(Action::VaultBackup, "vault"), result)
            .await
    }

    async fn make_backup(&self) -> Result<Backup> {
        let Ok(one_at_a_time) = self.backup_gate.clone().try_lock_owned() else {
            return Err(Error::Storage(crate::store::StoreError::Busy));
        };
        let (recipients, has_key_copies) = self
            .store
            .run(|c| {
                let mut labels: Vec<String> = meta::wraps(c, WrapKind::Identity)?
                    .into_iter()
                    .chain(meta::wraps(c, WrapKind::Escrow)?)
                    .map(|w| w.label)
                    .collect();
                labels.sort();
                labels.dedup();
                Ok((labels, super::sealed_key_file_copies::has_sealed_copies(c)?))
            })
            .await?;
        if recipients.is_empty() {
            return Err(Error::BadRequest(Unusable::NoBackupRecipient));
        }
        // Without the sealed copies a restore could not bring back the audit and TLS keys.
        if !has_key_copies {
            return Err(Error::BadRequest(Unusable::KeyCopiesMissing));
        }
        let data_dir = self.store.data_dir().to_owned();
        let snapshot = TempFile::create(&data_dir, ".db")?;
        self.store.snapshot_into(snapshot.path()).await?;
        let encrypted = TempFile::create(&data_dir, ".age")?;
        let recipients_for_task = recipients.clone();
        let (size, sha256, encrypted) = tokio::task::spawn_blocking(move || {
            let (size, sha256) =
                encrypt_file(snapshot.path(), encrypted.path(), &recipients_for_task)?;
            drop(snapshot);
            Ok::<_, Error>((size, sha256, encrypted))
        })
        .await
        .map_err(|e| Error::Internal(e.to_string()))??;
        Ok(Backup {
            file: encrypted,
            _one_at_a_time: one_at_a_time,
            size,
            sha256,
            recipients,
        })
    }
}

/// Encrypts `from` into `to` with age for `recipients`; returns the output's size and SHA-256.
fn encrypt_file(from: &Path, to: &Path, recipients: &[String]) -> Result<(u64, String)> {
    let parsed: Vec<age::x25519::Recipient> = recipients
        .iter()
        .map(|r| r.parse())
        .collect::<std::result::Result<_, _>>()
        .map_err(|e: &str| Error::Internal(format!("a stored recipient does not parse: {e}")))?;
    let encryptor =
        age::Encryptor::with_recipients(parsed.iter().map(|r| r as &dyn age::Recipient))
            .map_err(|e| Error::Internal(e.to_string()))?;
    let io = |e: std::io::Error| Error::Internal(format!("backup: {e}"));
    let out = std::fs::OpenOptions::new()
        .write(true)
        .open(to)
        .map_err(io)?;
    let mut hashed = HashingWriter::new(std::io::BufWriter::new(out));
    let mut writer = encryptor.wrap_output(&mut hashed).map_err(io)?;
    let mut input = std::fs::File::open(from).map_err(io)?;
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = input.read(&mut buffer).map_err(io)?;
        if n == 0 {
            break;
        }
        writer.write_all(&buffer[..n]).map_err(io)?;
    }
    writer.finish().map_err(io)?;
    let (size, sha256, out) = hashed.finish();
    out.into_inner()
        .map_err(|e| io(e.into_error()))?
        .sync_all()
        .map_err(io)?;
    Ok((size, sha256))
}

/// Counts and hashes what passes through.
struct HashingWriter<W> {
    inner: W,
    digest: ring::digest::Context,
    size: u64,
}

impl<W: Write> HashingWriter<W> {
    fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            digest: ring::digest::Context::new(&ring::digest::SHA256),
            size: 0,
        }
    }

    fn finish(self) -> (u64, String, W) {
        (self.size, hex::encode(self.digest.finish()), self.inner)
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.digest.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}
