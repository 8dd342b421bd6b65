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
}

impl NotifyArgs {
    /// The checked configuration (refused naming the key and its line).
    pub fn config(&self) -> Result<Config, vaultd::notify::config::ConfigError> {
        Config::load(&self.config, self.smtp_server.as_deref())
    }
}

pub async fn run(_lang: Lang, config: Config) -> anyhow::Result<()> {
    let notifier = Notifier::start(config)?;
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
