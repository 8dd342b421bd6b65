//! `vaultd keys`: a new way to open the data key, made on the server with the daemon stopped by
//! whoever holds the unseal key there (that key already opens everything, so no one else's
//! approval is needed; the change is on the audit record as `vaultd-keys`). Over the network an
//! operator only proposes such a change and the Secrétaire générale approves it (vault-cli keys).

use super::unseal_from_file;
use clap::{Args, Subcommand};
use std::path::PathBuf;
use vaultd::authz::key_custody::CustodyAction;
use vaultd::i18n::Lang;
use vaultd::msg;
use vaultd::vault::Vault;

/// The name the audit log gives these acts.
const ACTOR: &str = "vaultd-keys";

#[derive(Subcommand)]
pub enum KeysCommand {
    /// Wrap the data key to one more escrow recipient (age1...).
    AddEscrow {
        #[command(flatten)]
        vault: VaultArgs,
        /// The age recipient (age1...).
        recipient: String,
    },
    /// Make a new unseal key (mode 0600) and make the vault use it; the old key stops opening
    /// the vault's current database.
    NewUnsealKey {
        #[command(flatten)]
        vault: VaultArgs,
        /// Where to write the new key (must not exist; mode 0600).
        #[arg(long)]
        out: PathBuf,
    },
}

/// The vault and the proof of control over it.
#[derive(Args)]
pub struct VaultArgs {
    /// The vault's directory.
    #[arg(long)]
    data_dir: PathBuf,
    /// The unseal key or an escrow key (age identity file).
    #[arg(long)]
    unseal_identity: PathBuf,
}

msg!(
    vaultd::i18n::VAULTD,
    ESCROW_ADDED = "daemon-keys-escrow-added"
);
msg!(
    vaultd::i18n::VAULTD,
    UNSEAL_KEY_REPLACED = "daemon-keys-unseal-replaced"
);

pub async fn run(lang: Lang, command: KeysCommand) -> anyhow::Result<()> {
    match command {
        KeysCommand::AddEscrow { vault, recipient } => {
            let opened = open(lang, &vault).await?;
            opened
                .change_key_custody_offline(ACTOR, CustodyAction::EscrowAdd, &recipient)
                .await?;
            println!("{}", ESCROW_ADDED.fill(lang, &[("recipient", &recipient)]));
        }
        KeysCommand::NewUnsealKey { vault, out } => {
            let opened = open(lang, &vault).await?;
            let recipient = write_new_key(&out)?;
            let changed = opened
                .change_key_custody_offline(ACTOR, CustodyAction::UnsealReplace, &recipient)
                .await;
            if let Err(e) = changed {
                // The vault did not adopt it: the file would only mislead.
                let _ = std::fs::remove_file(&out);
                return Err(e.into());
            }
            println!(
                "{}",
                UNSEAL_KEY_REPLACED
                    .fill(lang, &[("path", &out.display()), ("recipient", &recipient)])
            );
        }
    }
    Ok(())
}

async fn open(lang: Lang, args: &VaultArgs) -> anyhow::Result<Vault> {
    let vault = Vault::open(&args.data_dir)?;
    unseal_from_file(lang, &vault, &args.unseal_identity).await?;
    Ok(vault)
}

/// A new age identity written to `out` (0600, refusing an existing file); its recipient.
fn write_new_key(out: &std::path::Path) -> anyhow::Result<String> {
    let (text, recipient) = vaultd::crypto::data_key_wrap::new_identity();
    vaultd::identity::write_private(out, text.expose().as_bytes(), false)?;
    Ok(recipient)
}
