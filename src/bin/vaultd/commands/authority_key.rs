//! `vaultd authority-key`: pin the Secrétaire générale's key on the server, with the unseal key
//! as proof of control (daemon stopped).

use super::{decode_public_key, unseal_from_file};
use clap::Args;
use std::path::PathBuf;
use vaultd::i18n::Lang;
use vaultd::msg;
use vaultd::vault::Vault;

/// The arguments of `vaultd authority-key`.
#[derive(Args)]
pub struct AuthorityKeyArgs {
    /// The vault's directory.
    #[arg(long)]
    data_dir: PathBuf,
    /// The unseal key (age identity file).
    #[arg(long)]
    unseal_identity: PathBuf,
    /// The public key, base64.
    #[arg(long)]
    set: String,
}

msg!(vaultd::i18n::VAULTD, KEY_PINNED = "daemon-key-pinned");

pub async fn run(lang: Lang, args: AuthorityKeyArgs) -> anyhow::Result<()> {
    let key = decode_public_key(lang, &args.set)?;
    let vault = Vault::open(&args.data_dir)?;
    unseal_from_file(lang, &vault, &args.unseal_identity).await?;
    let id = vault.pin_authority_key("vaultd-authority-key", key).await?;
    println!("{}", KEY_PINNED.fill(lang, &[("id", &id)]));
    Ok(())
}
