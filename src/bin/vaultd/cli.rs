//! The command line: the program and its commands, each command's arguments beside the code
//! that runs it (`commands/`). English help is the doc comments; other languages' help is in
//! their catalog (`vaultd::i18n::help`).

use crate::commands;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "vaultd",
    version,
    about = "Credential vault daemon / démon du coffre d'identifiants"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Throwaway vault, unsealed, with sample accounts and one identity per role.
    Dev(commands::dev::DevArgs),
    /// Create a new vault.
    Init(commands::init::InitArgs),
    /// Pin the Secrétaire générale's grant-signing public key, proving control of the server
    /// with the unseal key (first pinning, or replacing a lost key).
    AuthorityKey(commands::authority_key::AuthorityKeyArgs),
    /// Run the daemon.
    Serve(commands::serve::ServeArgs),
    /// Run the notifier: follow the vault's events (identity with the notifier role) and mail
    /// the people concerned, each outcome on the vault's record.
    Notify(commands::notify::NotifyArgs),
    /// Add a way to open the data key on the server, proving control with the unseal key
    /// (daemon stopped): an escrow recipient or a new unseal key. Over the network an operator
    /// only proposes these, and the Secrétaire générale approves them (vault-cli keys).
    #[command(subcommand)]
    Keys(commands::keys::KeysCommand),
    /// Open every sealed value once and report (offline; the daemon may be stopped).
    Check(commands::check::CheckArgs),
    /// Replace the data key: every sealed value re-sealed under a new key, every wrapping
    /// remade, in one transaction (daemon stopped). Old copies of the database keep the old key.
    Rekey(commands::rekey::RekeyArgs),
    /// Issue the server a new TLS key and certificate from the vault's CA (unchanged, so every
    /// identity keeps working), optionally for a new public URL and names (daemon stopped).
    ServerCert(commands::server_cert::ServerCertArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(commands::manual::CompletionsArgs),
    /// Write the man pages (English in DIR/man1, French in DIR/fr/man1).
    Man(commands::manual::ManArgs),
    /// Restore a backup (from `vault-cli backup`) into a new data directory, checking it
    /// (daemon stopped). A restore rolls the vault back to the backup's time.
    Restore(commands::restore::RestoreArgs),
}
