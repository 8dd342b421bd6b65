//! `vaultd check`: open every sealed value once and report (daemon stopped or not).

use super::unseal_from_file;
use clap::Args;
use std::path::PathBuf;
use vaultd::i18n::Lang;
use vaultd::msg;
use vaultd::vault::Vault;

/// The arguments of `vaultd check`.
#[derive(Args)]
pub struct CheckArgs {
    /// The vault's directory.
    #[arg(long)]
    data_dir: PathBuf,
    /// The unseal key or an escrow key (age identity file).
    #[arg(long)]
    unseal_identity: PathBuf,
}

msg!(vaultd::i18n::VAULTD, CHECK_OK = "daemon-check-ok");
msg!(vaultd::i18n::VAULTD, KEY_COPIES_OK = "daemon-key-copies-ok");

pub async fn run(lang: Lang, args: CheckArgs) -> anyhow::Result<()> {
    let vault = Vault::open(&args.data_dir)?;
    unseal_from_file(lang, &vault, &args.unseal_identity).await?;
    let count = vault.check_integrity().await?;
    println!("{}", CHECK_OK.fill(lang, &[("count", &count)]));
    vault.check_key_copies().await?;
    println!("{}", KEY_COPIES_OK.text(lang));
    Ok(())
}
