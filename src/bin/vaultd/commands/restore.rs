//! `vaultd restore`: a backup into a new data directory, checked on the way (daemon stopped).

use crate::messages;
use anyhow::{anyhow, Context};
use clap::Args;
use std::path::PathBuf;
use vaultd::i18n::Lang;
use vaultd::msg;
use vaultd::secret::SecretString;
use vaultd::vault::restore::Origin;

/// The arguments of `vaultd restore`.
#[derive(Args)]
pub struct RestoreArgs {
    /// The age-encrypted backup.
    #[arg(long)]
    from: PathBuf,
    /// A new or empty directory for the restored vault.
    #[arg(long)]
    data_dir: PathBuf,
    /// The unseal key or an escrow key (age identity file).
    #[arg(long)]
    unseal_identity: PathBuf,
    /// The audit log's verifier key kept elsewhere (`vault-cli audit key`, inline or a
    /// file): a backup signed by any other key is refused. Required, unless
    /// --accept-unknown-origin.
    #[arg(long, required_unless_present = "accept_unknown_origin")]
    audit_key: Option<String>,
    /// Restore without checking who made the backup (anyone can encrypt a forged vault to the
    /// public unseal recipient); the restore's log entry says so.
    #[arg(long, conflicts_with = "audit_key")]
    accept_unknown_origin: bool,
}

msg!(vaultd::i18n::VAULTD, RESTORED = "daemon-restored");

pub async fn run(lang: Lang, args: RestoreArgs) -> anyhow::Result<()> {
    let RestoreArgs {
        from,
        data_dir,
        unseal_identity,
        audit_key,
        accept_unknown_origin,
    } = args;
    let expected_audit_key = audit_key
        .map(|k| {
            let text = std::fs::read_to_string(&k).unwrap_or(k);
            vaultd::tlog::note::Verifier::parse(text.trim())
                .map_err(|_| anyhow!(messages::BAD_AUDIT_KEY.text(lang)))
        })
        .transpose()?;
    let identity_path = unseal_identity.as_path();
    vaultd::identity::check_private_mode(identity_path)?;
    let identity =
        SecretString::new(std::fs::read_to_string(identity_path).with_context(|| {
            messages::READING.fill(lang, &[("path", &identity_path.display())])
        })?);
    let restored = vaultd::vault::restore::restore(vaultd::vault::restore::RestoreOptions {
        from: from.clone(),
        data_dir: data_dir.clone(),
        identity,
        origin: match expected_audit_key {
            Some(key) => Origin::SignedBy(key),
            None if accept_unknown_origin => Origin::Unchecked,
            None => unreachable!("clap requires --audit-key or --accept-unknown-origin"),
        },
    })
    .await?;
    println!(
        "{}",
        RESTORED.fill(
            lang,
            &[
                ("dir", &data_dir.display()),
                ("from", &from.display()),
                ("sha256", &restored.backup_sha256),
                ("size", &restored.log_size),
                ("root", &restored.log_root),
                ("origin", &restored.audit_origin),
                ("key", &restored.audit_key),
                ("count", &restored.values_opened),
            ]
        )
    );
    Ok(())
}
