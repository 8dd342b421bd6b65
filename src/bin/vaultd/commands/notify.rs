//! `vaultd notify`: the notifier, a process of its own (deploy/vaultd-notify.service) that
//! follows the vault's events and mails the people concerned (`vaultd::notify`).

use clap::Args;
use std::path::PathBuf;
use vaultd::i18n::Lang;
use vaultd::notify::config::Config;
use vaultd::notify::follow::Notifier;

/// The arguments of `vaultd notify`.
#[derive(Args)]
pub struct NotifyArgs {
    /// Configuration file (see deploy/vaultd-notify.toml).
    #[arg(long)]
    config: PathBuf,
    /// SMTP server as HOST:PORT, in place of the configuration's smtp.server.
    #[arg(long, value_name = "HOST:PORT")]
    smtp_server: Option<String>,
    /// Check the configuration, the identity, the SMTP credentials file and the state
    /// directory, say so, and stop without following the vault (nothing is sent).
    #[arg(long)]
    check: bool,
}

impl NotifyArgs {
    /// The checked configuration (refused naming the key and its line).
    pub fn config(&self) -> Result<Config, vaultd::notify::config::ConfigError> {
        Config::load(&self.config, self.smtp_server.as_deref())
    }
}

vaultd::msg!(vaultd::i18n::VAULTD, CHECK_OK = "notify-check-ok");

impl NotifyArgs {
    pub fn check_only(&self) -> bool {
        self.check
    }
}

pub async fn run(lang: Lang, config: Config, check_only: bool) -> anyhow::Result<()> {
    let file = config.file().display().to_string();
    let notifier = Notifier::start(config)?;
    if check_only {
        println!(
            "{}",
            CHECK_OK.fill(
                lang,
                &[
                    ("config", &file),
                    ("name", &notifier.principal()),
                    ("cursor", &notifier.cursor())
                ]
            )
        );
        return Ok(());
    }
    tracing::info!(cursor = notifier.cursor(), "vaultd notify started");
    let shutdown = vaultd::daemon::server::shutdown_signal();
    tokio::select! {
        // It returns only when its state can no longer be written.
        ended = notifier.run() => Ok(ended?),
        () = shutdown => {
            tracing::info!("vaultd notify stopping");
            Ok(())
        }
    }
}
