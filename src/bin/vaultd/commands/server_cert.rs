//! `vaultd server-cert`: a new TLS key and certificate for the server from the vault's CA
//! (daemon stopped).

use super::unseal_from_file;
use crate::messages;
use anyhow::Context;
use clap::Args;
use std::path::PathBuf;
use vaultd::i18n::Lang;
use vaultd::msg;
use vaultd::vault::Vault;

/// The arguments of `vaultd server-cert`.
#[derive(Args)]
pub struct ServerCertArgs {
    /// The vault's directory.
    #[arg(long)]
    data_dir: PathBuf,
    /// The unseal key or an escrow key (age identity file).
    #[arg(long)]
    unseal_identity: PathBuf,
    /// The new address clients use (default: unchanged).
    #[arg(long)]
    public_url: Option<String>,
    /// DNS name or IP in the certificate (repeatable; default: the current certificate's).
    #[arg(long = "server-name")]
    server_names: Vec<String>,
}

msg!(
    vaultd::i18n::VAULTD,
    SERVER_CERT_DONE = "daemon-server-cert-done"
);

pub async fn run(lang: Lang, args: ServerCertArgs) -> anyhow::Result<()> {
    let ServerCertArgs {
        data_dir,
        unseal_identity,
        public_url,
        server_names,
    } = args;
    let (data_dir, unseal) = (data_dir.as_path(), unseal_identity.as_path());
    let vault = Vault::open(data_dir)
        .with_context(|| messages::OPENING.fill(lang, &[("dir", &data_dir.display())]))?;
    unseal_from_file(lang, &vault, unseal).await?;
    let done = vault
        .renew_server_certificate(public_url, server_names)
        .await?;
    println!(
        "{}",
        SERVER_CERT_DONE.fill(
            lang,
            &[
                ("names", &done.names.join(", ")),
                ("until", &vaultd::times::format_time(done.not_after)),
                ("url", &done.public_url),
            ]
        )
    );
    Ok(())
}
