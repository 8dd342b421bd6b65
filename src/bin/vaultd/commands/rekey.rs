//! `vaultd rekey`: a new data key, every sealed value and wrapping remade (daemon stopped).

use super::unseal_from_file;
use crate::messages;
use anyhow::Context;
use clap::Args;
use std::path::PathBuf;
use vaultd::i18n::Lang;
use vaultd::msg;
use vaultd::vault::Vault;

/// The arguments of `vaultd rekey`.
#[derive(Args)]
pub struct RekeyArgs {
    /// The vault's directory.
    #[arg(long)]
    data_dir: PathBuf,
    /// The unseal key or an escrow key (age identity file).
    #[arg(long)]
    unseal_identity: PathBuf,
    /// The unseal passphrase (first line, mode 0600), needed when the vault has one.
    #[arg(long)]
    passphrase_file: Option<PathBuf>,
}

msg!(vaultd::i18n::VAULTD, REKEYED = "daemon-rekeyed");

pub async fn run(lang: Lang, args: RekeyArgs) -> anyhow::Result<()> {
    let RekeyArgs {
        data_dir,
        unseal_identity,
        passphrase_file,
    } = args;
    let passphrase = passphrase_file
        .as_deref()
        .map(vaultd::secret::read_secret_file)
        .transpose()?;
    let (data_dir, unseal) = (data_dir.as_path(), unseal_identity.as_path());
    let vault = Vault::open(data_dir)
        .with_context(|| messages::OPENING.fill(lang, &[("dir", &data_dir.display())]))?;
    unseal_from_file(lang, &vault, unseal).await?;
    let done = vault.rekey(passphrase).await?;
    // The old key's wrappings and values must not linger in free pages or the WAL.
    drop(vault);
    vaultd::store::snapshot::compact(data_dir)?;
    println!(
        "{}",
        REKEYED.fill(lang, &[("values", &done.values), ("wraps", &done.wraps)])
    );
    Ok(())
}
