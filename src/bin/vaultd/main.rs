//! `vaultd`: the daemon and the server-side commands (init, serve, dev, check, rekey,
//! server-cert, restore, authority-key). The command line is in `cli`, each command in
//! `commands/`, what it tells a person in `messages` (words in `i18n/<lang>/vaultd.ftl`).

mod cli;
mod commands;
mod messages;

use anyhow::Context;
use cli::{Cli, Command};
use commands::*;
use vaultd::i18n::Lang;

fn main() -> std::process::ExitCode {
    let lang = Lang::from_env();
    let cli = parse(lang);
    match run(cli, lang) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "{}{}",
                messages::ERROR_PREFIX.text(lang),
                messages::explain(lang, &e)
            );
            std::process::ExitCode::FAILURE
        }
    }
}

/// Parses the command line, with help in the reader's language.
fn parse(lang: Lang) -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    let command = vaultd::i18n::localize_help(Cli::command(), lang, &vaultd::i18n::VAULTD);
    let matches = command
        .try_get_matches()
        .unwrap_or_else(|e| vaultd::i18n::usage_errors::exit(e, lang));
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| vaultd::i18n::usage_errors::exit(e, lang))
}

/// Runs one command: the log level it needs, the process hardening of those that serve, then
/// the command on a runtime.
fn run(cli: Cli, lang: Lang) -> anyhow::Result<()> {
    use clap::CommandFactory;
    let runtime = || tokio::runtime::Runtime::new().context(messages::RUNTIME.text(lang));
    match cli.command {
        Command::Completions(args) => manual::completions(args, Cli::command()),
        Command::Man(args) => manual::man(lang, args, Cli::command()),
        Command::Dev(args) => {
            init_logging("info");
            vaultd::daemon::hardening::harden_process();
            runtime()?.block_on(dev::run(lang, args))
        }
        Command::Serve(args) => {
            let config = args.config()?;
            init_logging(&config.log);
            vaultd::daemon::hardening::harden_process();
            runtime()?.block_on(serve::run(lang, config))
        }
        Command::Init(args) => {
            init_logging("warn");
            runtime()?.block_on(init::run(lang, args))
        }
        Command::AuthorityKey(args) => {
            init_logging("warn");
            runtime()?.block_on(authority_key::run(lang, args))
        }
        Command::Keys(command) => {
            init_logging("warn");
            runtime()?.block_on(keys::run(lang, command))
        }
        Command::Check(args) => {
            init_logging("warn");
            runtime()?.block_on(check::run(lang, args))
        }
        Command::Rekey(args) => {
            init_logging("warn");
            runtime()?.block_on(rekey::run(lang, args))
        }
        Command::ServerCert(args) => {
            init_logging("warn");
            runtime()?.block_on(server_cert::run(lang, args))
        }
        Command::Restore(args) => {
            init_logging("warn");
            runtime()?.block_on(restore::run(lang, args))
        }
    }
}

fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(filter));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
}
