//! `vault-cli`: the one human interface to vaultd, for every role. Tables for people, `--json`
//! for scripts; messages in French or English from the locale. Exit status, for scripts: 0 ok,
//! 1 error, 2 usage, 3 a check does not hold (a log that does not verify, a fork or rollback
//! refused by a witness), 4 the vault denied the call. With `--json`, an error is also a JSON
//! object on stderr carrying the reason code.

#[cfg(unix)]
mod agent;
mod clipboard;
mod commands;
mod confirm;
mod console;
mod context;
mod decisions;
mod error;
mod messages;
mod output;
mod progress;
mod values;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use context::Context;
use std::path::PathBuf;
use std::process::ExitCode;
use vaultd::i18n::Lang;

#[derive(Parser)]
#[command(
    name = "vault-cli",
    version,
    about = "Client of the vaultd credential vault, for every role"
)]
struct Cli {
    /// Identity file (from `vault-cli identity new` or `vaultd dev`).
    #[arg(long, global = true, env = "VAULT_CLI_IDENTITY")]
    identity: Option<PathBuf>,
    /// Reach the vault at this address instead of the identity's (https://host:port).
    #[arg(long, global = true, env = "VAULT_CLI_SERVER")]
    server: Option<String>,
    /// Read the --identity file's passphrase from this file (first line, mode 0600) instead of
    /// the terminal.
    #[arg(long, global = true, env = "VAULT_CLI_IDENTITY_PASSPHRASE_FILE")]
    identity_passphrase_file: Option<PathBuf>,
    /// Machine-readable output.
    #[arg(long, global = true)]
    json: bool,
    /// Show times in this time zone (IANA name, e.g. America/Montreal) instead of the
    /// system's; also the review report's business hours' zone (America/Montreal by default).
    #[arg(long, global = true, value_name = "ZONE", value_parser = values::time_zone)]
    time_zone: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Your own key and identity file.
    #[command(subcommand)]
    Identity(commands::identity::IdentityCommand),
    /// One passphrase per sitting: an agent holds your identity unlocked for your commands.
    #[command(subcommand)]
    Agent(commands::agent::AgentCommand),
    /// Enroll and manage principals (operator).
    #[command(subcommand)]
    Principal(commands::principal::PrincipalCommand),
    /// Official accounts' metadata.
    #[command(subcommand)]
    Account(commands::account::AccountCommand),
    /// Store secret versions and read their history.
    #[command(subcommand)]
    Secret(commands::secret::SecretCommand),
    /// Art. 3 grants: request, approve, issue, revoke, list.
    #[command(subcommand)]
    Grant(commands::grant::GrantCommand),
    /// Fetch a credential under a valid grant.
    #[command(subcommand)]
    Credential(commands::credential::CredentialCommand),
    /// The Secrétaire générale's pinned grant-signing key.
    #[command(subcommand)]
    Authority(commands::authority::AuthorityCommand),
    /// The art. 14 audit log: query, export, verify offline, prove, report.
    #[command(subcommand)]
    Audit(commands::audit::AuditCommand),
    /// State of the vault.
    Status,
    /// Seal the vault: nothing is released until unsealed (operator).
    Seal,
    /// Unseal the vault with its passphrase, or with the unseal or an escrow key (operator).
    Unseal {
        /// Send this age identity file (the unseal key, or an escrow key) instead of a passphrase.
        #[arg(long, conflicts_with = "passphrase_file")]
        key_file: Option<std::path::PathBuf>,
        /// Read the unseal passphrase from this file (first line, mode 0600).
        #[arg(long)]
        passphrase_file: Option<std::path::PathBuf>,
    },
    /// Who the vault thinks you are.
    Whoami,
    /// Who can unseal the vault: unseal key, passphrase, escrow recipients; a new way to open
    /// the data key waits for the Secrétaire générale's approval.
    #[command(subcommand)]
    Keys(commands::keys::KeysCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: vaultd::manual::Shell,
    },
    /// Write the man pages (English in DIR/man1, French in DIR/fr/man1).
    Man {
        /// The directory to write into.
        #[arg(long)]
        out: PathBuf,
    },
    /// Write an encrypted backup of the vault (operator); stock `age -d -i KEY` opens it.
    Backup {
        /// The file to write (must not exist; mode 0600).
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

/// Parses the command line, with help in the reader's language.
fn parse(lang: Lang) -> Cli {
    let command = vaultd::i18n::localize_help(Cli::command(), lang, &messages::CATALOG);
    let matches = command
        .try_get_matches()
        .unwrap_or_else(|e| vaultd::i18n::usage_errors::exit(e, lang));
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| vaultd::i18n::usage_errors::exit(e, lang))
}

/// `vault-cli audit log | head -2`: when the reader goes away, stop quietly (as tools killed by
/// SIGPIPE do) instead of printing a panic; any other panic is reported as usual.
fn quiet_on_closed_pipe() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let text = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        // "Broken pipe" on Unix; Windows says ERROR_NO_DATA, "The pipe is being closed".
        if text.contains("Broken pipe") || text.contains("(os error 232)") {
            std::process::exit(0);
        }
        report(info);
    }));
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let lang = Lang::from_env();
    let cli = parse(lang);
    let ctx = Context::new(
        lang,
        cli.json,
        cli.identity,
        cli.server,
        cli.identity_passphrase_file,
        cli.time_zone,
    );
    let result = match cli.command {
        Command::Completions { shell } => vaultd::manual::print_completions(shell, Cli::command())
            .map_err(|e| error::CliError::Message(e.to_string())),
        Command::Man { out } => commands::system::man(
            &ctx,
            Cli::command(),
            vaultd::i18n::localize_help(Cli::command(), Lang::Fr, &messages::CATALOG),
            &out,
        ),
        Command::Identity(c) => commands::identity::run(&ctx, c).await,
        Command::Agent(c) => commands::agent::run(&ctx, c).await,
        Command::Principal(c) => commands::principal::run(&ctx, c).await,
        Command::Account(c) => commands::account::run(&ctx, c).await,
        Command::Secret(c) => commands::secret::run(&ctx, c).await,
        Command::Grant(c) => commands::grant::run(&ctx, c).await,
        Command::Credential(c) => commands::credential::run(&ctx, c).await,
        Command::Authority(c) => commands::authority::run(&ctx, c).await,
        Command::Audit(c) => commands::audit::run(&ctx, c).await,
        Command::Status => commands::system::status(&ctx).await,
        Command::Seal => commands::system::seal(&ctx).await,
        Command::Unseal {
            key_file,
            passphrase_file,
        } => commands::system::unseal(&ctx, key_file.as_deref(), passphrase_file.as_deref()).await,
        Command::Whoami => commands::system::whoami(&ctx).await,
        Command::Keys(c) => commands::keys::run(&ctx, c).await,
        Command::Backup { out } => commands::system::backup(&ctx, &out).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if ctx.json => {
            let error = serde_json::json!({ "error": {
                "code": e.reason_code(),
                "exit": e.exit_code(),
                "message": e.describe(ctx.lang),
            }});
            eprintln!("{error}");
            ExitCode::from(e.exit_code())
        }
        Err(e) => {
            eprintln!(
                "{}{}",
                messages::ERROR_PREFIX.text(ctx.lang),
                e.describe(ctx.lang)
            );
            ExitCode::from(e.exit_code())
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_command_and_argument_has_french_help() {
        use clap::CommandFactory;
        let missing = vaultd::i18n::missing_help(
            &super::Cli::command(),
            vaultd::i18n::Lang::Fr,
            &crate::messages::CATALOG,
        );
        assert!(
            missing.is_empty(),
            "French help missing for:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn every_command_and_argument_has_english_help() {
        use clap::CommandFactory;
        let missing = vaultd::i18n::missing_english_help(&super::Cli::command());
        assert!(
            missing.is_empty(),
            "English help missing for:\n{}",
            missing.join("\n")
        );
    }
}
