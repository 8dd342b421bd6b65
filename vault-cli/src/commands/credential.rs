//! `credential get`: the value alone on stdout (so it pipes), what it is on stderr.

use crate::context::Context;
use crate::error::Result;
use crate::messages as m;
use crate::output;
use clap::Subcommand;
use serde_json::json;
use std::io::{IsTerminal, Write};
use vaultd::wire::pb;
use vaultd::wire::pb::credentials_client::CredentialsClient;
use zeroize::Zeroizing;

#[derive(Subcommand)]
pub enum CredentialCommand {
    /// Fetch a credential under your valid art. 3 grant (admin).
    Get {
        /// The account id.
        account: String,
        /// password (default), login, or totp (the current code; the seed never leaves the vault).
        #[arg(long, default_value = "password", value_parser = ["password", "login", "totp"])]
        field: String,
        /// Why, for the audit log.
        #[arg(long, default_value = "")]
        reason: String,
    },
}

pub async fn run(ctx: &Context, command: CredentialCommand) -> Result<()> {
    let CredentialCommand::Get {
        account,
        field,
        reason,
    } = command;
    vaultd::ids::AccountId::parse(&account)?;
    let mut client = CredentialsClient::new(ctx.channel().await?);
    let mut c = client
        .get(pb::GetCredentialRequest {
            account_id: account,
            field,
            reason,
        })
        .await?
        .into_inner();
    let value = Zeroizing::new(std::mem::take(&mut c.value));
    if ctx.json {
        let text = Zeroizing::new(String::from_utf8_lossy(&value).into_owned());
        output::json(&json!({
            "account": c.account_id, "field": c.field, "value": *text, "grant": c.grant_id,
            "version": (c.version > 0).then_some(c.version),
            "valid_for_secs": (c.valid_for_secs > 0).then_some(c.valid_for_secs),
            "grant_not_after": output::utc(c.grant_not_after),
        }));
        return Ok(());
    }
    let mut stdout = std::io::stdout();
    let tty = stdout.is_terminal();
    // A newline only for a person at a terminal: a pipe gets the exact value.
    stdout
        .write_all(&value)
        .and_then(|_| if tty { stdout.write_all(b"\n") } else { Ok(()) })
        .and_then(|_| stdout.flush())
        .map_err(|e| {
            ctx.fail(
                m::WRITE_FAILED,
                &[("path", &"stdout"), ("detail", &ctx.os_error(&e))],
            )
        })?;
    let version = if c.version > 0 {
        format!(" v{}", c.version)
    } else {
        String::new()
    };
    let totp = if c.valid_for_secs > 0 {
        m::TOTP_VALID_FOR.fill(ctx.lang, &[("secs", &c.valid_for_secs)])
    } else {
        String::new()
    };
    eprintln!(
        "{}",
        m::CREDENTIAL_META.fill(
            ctx.lang,
            &[
                ("account", &c.account_id),
                ("field", &vaultd::i18n::field_label(ctx.lang, &c.field)),
                ("version", &version),
                ("grant", &c.grant_id),
                ("until", &ctx.time(c.grant_not_after)),
                ("totp", &totp),
            ]
        )
    );
    Ok(())
}
