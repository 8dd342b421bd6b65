//! `vault-cli authority console`: the Secrétaire générale decides in a local web page on her own
//! machine. This process holds her identity (opened once, its passphrase asked in the
//! terminal), signs grants itself and talks to the vault over mTLS; the browser only sees
//! pages and sends forms. The key never leaves the process, and is wiped (zeroizing memory)
//! when the console stops: on Ctrl-C, or after 15 minutes without her.
//!
//! server.rs: routes and the layers every request passes; guard.rs: Host, one-time link,
//! session cookie, CSRF; listen.rs: loopback only; view.rs: what the page shows, from the
//! vault; pages.rs: the HTML; actions.rs: approve, deny, revoke, cosign (a grant's second
//! signature); events.rs: the vault's event stream passed on to the page; state.rs: what the
//! console holds; words.rs: its messages.

mod actions;
mod events;
mod guard;
mod listen;
mod pages;
mod server;
mod state;
mod view;
mod words;

use crate::context::Context;
use crate::error::{CliError, Result};
use state::{Console, Idle, Signal};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use words as w;

/// How long without her before the console closes.
const IDLE: Duration = Duration::from_secs(15 * 60);
/// Tests shorten the idle time through this variable (seconds); not an option she sees.
const IDLE_ENV: &str = "VAULT_CLI_CONSOLE_IDLE_SECS";
/// How long the page is given to hear that the console closes before the process exits.
const GOODBYE: Duration = Duration::from_millis(500);

fn idle_limit() -> Duration {
    std::env::var(IDLE_ENV)
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .filter(|s| *s > 0)
        .map(Duration::from_secs)
        .unwrap_or(IDLE)
}

pub async fn run(ctx: &Context, listen: Option<&str>, no_open: bool) -> Result<()> {
    let lang = ctx.lang;
    // Checked before the passphrase is asked: a refused address costs her nothing.
    let address = listen::address(lang, listen)?;
    let path = ctx.identity_path()?;
    let identity = ctx.open_identity(path, ctx.identity_passphrase_file.as_deref(), false)?;
    if identity.signing_key().is_none() {
        return Err(ctx.fail(crate::messages::NO_SIGNING_KEY, &[]));
    }
    let channel = vaultd::wire::client::connect(&identity, ctx.server.as_deref())
        .await
        .map_err(CliError::Connect)?;
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .and_then(|l| l.local_addr().map(|a| (l, a)));
    let (listener, bound) = listener
        .map_err(|e| ctx.fail(w::LISTEN_FAILED, &[("address", &address), ("detail", &e)]))?;
    let server = ctx
        .server
        .clone()
        .or_else(|| identity.server.clone())
        .unwrap_or_default();
    let (signals, _) = tokio::sync::broadcast::channel(64);
    let console = Arc::new(Console {
        lang,
        guard: guard::Guard::new(bound.to_string()),
        identity,
        channel,
        server,
        idle: Idle::new(idle_limit()),
        signals,
        notice: Mutex::new(None),
    });

    let link = console.guard.link().unwrap_or_default();
    if ctx.json {
        crate::output::json(&serde_json::json!({ "url": link }));
    } else {
        println!("{link}");
        eprintln!(
            "{}",
            w::STARTED.fill(lang, &[("minutes", &console.idle.minutes())])
        );
    }
    if !no_open {
        open_browser(ctx, link);
    }

    let follower = tokio::spawn(events::follow(console.clone()));
    let app = server::router(console.clone());
    let idle = tokio::select! {
        served = axum::serve(listener, app) => {
            served.map_err(|e| ctx.fail(w::LISTEN_FAILED, &[("address", &bound), ("detail", &e)]))?;
            false
        }
        _ = idle_out(&console) => true,
        _ = tokio::signal::ctrl_c() => false,
    };
    // Tell the page, give it a moment to hear, then stop everything that holds the identity.
    let _ = console.signals.send(Signal::Closed);
    tokio::time::sleep(GOODBYE).await;
    follower.abort();
    let _ = follower.await;
    if !ctx.json {
        let said = if idle {
            w::IDLE_STOPPED.fill(lang, &[("minutes", &console.idle.minutes())])
        } else {
            w::STOPPED.text(lang).to_owned()
        };
        eprintln!("{said}");
    }
    // The connections' tasks still hold the console until the runtime ends with this command;
    // the last holder drops the identity, and with it the zeroized key.
    drop(console);
    Ok(())
}

/// Returns once nobody has used the console for its idle time.
async fn idle_out(console: &Console) {
    while let Some(left) = console.idle.remaining() {
        tokio::time::sleep(left).await;
    }
}

/// Opens her default browser on the link, in the background; failing to is said, not fatal.
fn open_browser(ctx: &Context, link: String) {
    let lang = ctx.lang;
    std::thread::spawn(move || {
        if let Err(e) = opener::open_browser(&link) {
            eprintln!("{}", w::BROWSER_FAILED.fill(lang, &[("detail", &e)]));
        }
    });
}
