//! `vaultd serve`: the daemon itself, unsealed at start when given its key file.

use super::unseal_from_file;
use crate::messages;
use anyhow::Context;
use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use vaultd::daemon::config::Config;
use vaultd::i18n::Lang;
use vaultd::vault::Vault;

/// The arguments of `vaultd serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// Configuration file (see deploy/vaultd.toml).
    #[arg(long)]
    config: Option<PathBuf>,
    /// The vault's directory (overrides the configuration).
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Address to listen on (default: the one given to init; ignored under socket activation).
    #[arg(long)]
    listen: Option<SocketAddr>,
    /// age identity file that unseals the vault at start.
    #[arg(long)]
    unseal_identity: Option<PathBuf>,
}

impl ServeArgs {
    /// The configuration these flags and the configuration file give.
    pub fn config(self) -> anyhow::Result<Config> {
        Ok(Config::resolve(
            self.config.as_deref(),
            self.data_dir,
            self.listen,
            self.unseal_identity,
        )?)
    }
}

pub async fn run(lang: Lang, config: Config) -> anyhow::Result<()> {
    let vault = Vault::open(&config.data_dir)
        .with_context(|| messages::OPENING.fill(lang, &[("dir", &config.data_dir.display())]))?
        .with_grant_policy(vaultd::vault::GrantPolicy {
            max_grant_secs: i64::from(config.max_grant_days.max(1)) * 86_400,
            max_delegation_secs: i64::from(config.max_delegation_days.max(1)) * 86_400,
        })
        .with_remind_after(config.requests.remind_after)
        .with_staged_warn_after(config.rotation.staged_warn_after)
        .with_rotation_max_age(config.rotation.max_age);
    match &config.unseal_identity {
        // A configured credential that is not there (not yet created, or the service started
        // without it) leaves the vault sealed, as documented; a wrong or unreadable one stops.
        Some(path) if !path.exists() => tracing::warn!(
            path = %path.display(),
            "no unseal identity there: vault sealed, an operator must run vault-cli unseal"
        ),
        Some(path) => {
            unseal_from_file(lang, &vault, path).await?;
            tracing::info!("vault unsealed with the identity file");
        }
        None => tracing::warn!("vault sealed: an operator must run vault-cli unseal"),
    }
    let listener = match vaultd::daemon::activation::systemd_listener()? {
        Some(passed) => {
            tracing::info!("listening on the socket systemd passed");
            passed
        }
        None => {
            let addr = match config.listen {
                Some(addr) => addr,
                None => vault
                    .listen_address()
                    .await?
                    .unwrap_or_else(vaultd::daemon::config::default_listen),
            };
            tokio::net::TcpListener::bind(addr)
                .await
                .with_context(|| messages::LISTENING.fill(lang, &[("addr", &addr)]))?
        }
    };
    let shutdown = vaultd::daemon::server::shutdown_signal();
    tracing::info!(address = %listener.local_addr()?, "vaultd listening");
    vaultd::daemon::server::serve(Arc::new(vault), listener, shutdown).await?;
    Ok(())
}
