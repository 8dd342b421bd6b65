//! `vaultd dev`: a throwaway vault, unsealed, with sample accounts and one identity per role.

use crate::messages;
use anyhow::Context;
use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use vaultd::daemon::config::default_listen;
use vaultd::i18n::Lang;

/// The arguments of `vaultd dev`.
#[derive(Args)]
pub struct DevArgs {
    /// Keep everything under DIR (default: a temporary directory removed on exit); a DIR
    /// that already holds a dev vault is resumed.
    #[arg(long)]
    dir: Option<PathBuf>,
    /// Address to listen on (default: 127.0.0.1:8443, or the resumed vault's own).
    #[arg(long)]
    listen: Option<SocketAddr>,
}

pub async fn run(lang: Lang, args: DevArgs) -> anyhow::Result<()> {
    let DevArgs { dir, listen } = args;
    let (dir, temporary) = match dir {
        Some(dir) => (dir, None),
        None => {
            let temp = tempdir_for_dev()?;
            (temp.clone(), Some(temp))
        }
    };
    let bind = |addr: SocketAddr| async move {
        tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| messages::LISTENING.fill(lang, &[("addr", &addr)]))
    };
    let (listener, dev) = if vaultd::daemon::dev::exists_in(&dir) {
        // Resume: listen where the identities already point, unless told otherwise.
        let dev = vaultd::daemon::dev::resume_dev_vault(&dir).await?;
        let addr = listen
            .or_else(|| vaultd::daemon::dev::address_of(&dev.url))
            .unwrap_or_else(default_listen);
        (bind(addr).await?, dev)
    } else {
        let listener = bind(listen.unwrap_or_else(default_listen)).await?;
        let addr = listener.local_addr()?;
        let dev = vaultd::daemon::dev::create_dev_vault(&dir, addr).await?;
        (listener, dev)
    };
    let addr = listener.local_addr()?;
    let shutdown = vaultd::daemon::server::shutdown_signal();
    let cli = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|p| p.join("vault-cli")))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "vault-cli".into());
    print!(
        "{}",
        vaultd::daemon::dev::banner(lang, &dev, &cli, temporary.is_some())
    );
    use std::io::Write;
    std::io::stdout().flush().ok();
    tracing::info!(address = %addr, "vaultd listening");
    let served = vaultd::daemon::server::serve(Arc::new(dev.vault), listener, shutdown).await;
    if let Some(temp) = temporary {
        std::fs::remove_dir_all(&temp).ok();
    }
    Ok(served?)
}

/// A fresh private directory under the system temp dir.
fn tempdir_for_dev() -> anyhow::Result<PathBuf> {
    let name = format!(
        "vaultd-dev-{}",
        hex::encode(vaultd::crypto::random_bytes::<4>())
    );
    let dir = std::env::temp_dir().join(name);
    vaultd::vault::create::create_private_dir(&dir)?;
    Ok(dir)
}
