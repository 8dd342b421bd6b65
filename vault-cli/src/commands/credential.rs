//! `credential get`: the value alone on stdout (so it pipes), what it is on stderr; `--login`
//! releases login, password and the current 2FA code as one act (one use of the grant, one
//! audit entry) and shows them as labelled lines; `--clip` puts the password on the clipboard
//! for a while instead of printing it (`clipboard.rs`).

use crate::clipboard::{self, Ending, SystemBoard, Unavailable};
use crate::context::Context;
use crate::error::{CliError, Result};
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
        /// password (default), login, or totp (the current code; the seed never leaves the vault);
        /// password-staged or totp-staged: a rotation you staged and have not confirmed yet.
        #[arg(long, default_value = "password",
              value_parser = ["password", "login", "totp", "password-staged", "totp-staged"])]
        field: String,
        /// Login, password and current 2FA code together, as one use of the grant.
        #[arg(long, conflicts_with = "field")]
        login: bool,
        /// Put the password (or the --field asked) on the clipboard instead of printing it, and
        /// clear it after --clip-seconds.
        #[arg(long)]
        clip: bool,
        /// Seconds the clipboard keeps it (5 to 600).
        #[arg(long, value_name = "N", default_value_t = clipboard::DEFAULT_SECS,
              value_parser = clipboard::parse_secs, requires = "clip")]
        clip_seconds: u64,
        /// Why, for the audit log.
        #[arg(long, default_value = "")]
        reason: String,
    },
}

pub async fn run(ctx: &Context, command: CredentialCommand) -> Result<()> {
    let CredentialCommand::Get {
        account,
        field,
        login,
        clip,
        clip_seconds,
        reason,
    } = command;
    vaultd::ids::AccountId::parse(&account)?;
    // Before the vault is asked: with no clipboard, nothing is released and no use is spent.
    let mut board = match clip {
        true => Some(SystemBoard::open().map_err(|e| unavailable(ctx, &e))?),
        false => None,
    };
    let mut client = CredentialsClient::new(ctx.channel().await?);
    let mut c = client
        .get(pb::GetCredentialRequest {
            account_id: account,
            field: if login { String::new() } else { field },
            reason,
            login,
        })
        .await?
        .into_inner();
    let value = Zeroizing::new(std::mem::take(&mut c.value));
    let totp = Zeroizing::new(std::mem::take(&mut c.totp_code));
    let Some(board) = &mut board else {
        return match login {
            true => print_login(ctx, &c, Some(&value), &totp),
            false => print_one(ctx, &c, Some(&value)),
        };
    };
    // The clipboard takes text: a value that is not UTF-8 is refused whole, never cut.
    let text = Zeroizing::new(
        String::from_utf8(value.to_vec())
            .map_err(|_| unavailable(ctx, &Unavailable::Failed("not UTF-8".into())))?,
    );
    match login {
        true => print_login(ctx, &c, None, &totp)?,
        false => print_one(ctx, &c, None)?,
    }
    eprintln!(
        "{}",
        m::CLIP_COPIED.fill(ctx.lang, &[("secs", &clip_seconds)])
    );
    let ending = clipboard::hold(board, &text, clipboard::time_up(clip_seconds))
        .await
        .map_err(|e| unavailable(ctx, &e))?;
    eprintln!(
        "{}",
        match ending {
            Ending::Cleared => m::CLIP_CLEARED.text(ctx.lang),
            Ending::Replaced => m::CLIP_REPLACED.text(ctx.lang),
        }
    );
    Ok(())
}

/// Why `--clip` cannot work here, in the reader's language.
fn unavailable(ctx: &Context, why: &Unavailable) -> CliError {
    match why {
        Unavailable::NoDisplay => CliError::Message(m::CLIP_NO_DISPLAY.text(ctx.lang).to_owned()),
        Unavailable::Failed(detail) => ctx.fail(m::CLIP_FAILED, &[("detail", detail)]),
    }
}

/// One field: the value alone on stdout (none when it went to the clipboard), what it is on
/// stderr.
fn print_one(ctx: &Context, c: &pb::Credential, value: Option<&[u8]>) -> Result<()> {
    let text = value.map(|v| Zeroizing::new(String::from_utf8_lossy(v).into_owned()));
    if ctx.json {
        output::json(&json!({
            "account": c.account_id, "field": c.field,
            "value": text.as_deref().map(String::as_str),
            "on_clipboard": text.is_none(),
            "grant": c.grant_id,
            "version": (c.version > 0).then_some(c.version),
            "valid_for_secs": (c.valid_for_secs > 0).then_some(c.valid_for_secs),
            "grant_not_after": output::utc(c.grant_not_after),
        }));
        return Ok(());
    }
    let Some(value) = value else {
        meta(ctx, c, false);
        return Ok(());
    };
    let mut stdout = std::io::stdout();
    let tty = stdout.is_terminal();
    // A newline only for a person at a terminal: a pipe gets the exact value.
    stdout
        .write_all(value)
        .and_then(|_| if tty { stdout.write_all(b"\n") } else { Ok(()) })
        .and_then(|_| stdout.flush())
        .map_err(|e| {
            ctx.fail(
                m::WRITE_FAILED,
                &[("path", &"stdout"), ("detail", &ctx.os_error(&e))],
            )
        })?;
    meta(ctx, c, false);
    Ok(())
}

/// A login: labelled lines on stdout (the password's replaced by a note when it went to the
/// clipboard), what was released on stderr; with `--json`, one object.
fn print_login(
    ctx: &Context,
    c: &pb::Credential,
    password: Option<&[u8]>,
    totp: &[u8],
) -> Result<()> {
    let password = password.map(|p| Zeroizing::new(String::from_utf8_lossy(p).into_owned()));
    let code = Zeroizing::new(String::from_utf8_lossy(totp).into_owned());
    let has_code = !code.is_empty();
    if ctx.json {
        output::json(&json!({
            "account": c.account_id, "fields": c.field, "login": c.login,
            "password": password.as_deref().map(String::as_str),
            "on_clipboard": password.is_none(),
            "totp": has_code.then(|| json!({ "code": code.as_str(), "valid_for_secs": c.valid_for_secs })),
            "grant": c.grant_id,
            "version": (c.version > 0).then_some(c.version),
            "grant_not_after": output::utc(c.grant_not_after),
        }));
        return Ok(());
    }
    let lang = ctx.lang;
    let mut lines = vec![m::LOGIN_LINE.fill(lang, &[("login", &output::printable(&c.login))])];
    lines.push(match &password {
        Some(p) => m::PASSWORD_LINE.fill(lang, &[("password", &output::printable(p))]),
        None => m::PASSWORD_LINE_CLIPPED.text(lang).to_owned(),
    });
    lines.push(match has_code {
        true => m::TOTP_LINE.fill(
            lang,
            &[("code", &code.as_str()), ("secs", &c.valid_for_secs)],
        ),
        false => m::TOTP_LINE_NO_SEED.text(lang).to_owned(),
    });
    let text = Zeroizing::new(lines.join("\n") + "\n");
    let mut stdout = std::io::stdout();
    stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
        .map_err(|e| {
            ctx.fail(
                m::WRITE_FAILED,
                &[("path", &"stdout"), ("detail", &ctx.os_error(&e))],
            )
        })?;
    meta(ctx, c, true);
    Ok(())
}

/// What was released, under which grant, on stderr (nothing with `--json`).
fn meta(ctx: &Context, c: &pb::Credential, login: bool) {
    if ctx.json {
        return;
    }
    let version = if c.version > 0 {
        format!(" v{}", c.version)
    } else {
        String::new()
    };
    // A lone code says how long it lasts here; a login's says it on its own line.
    let totp = if c.valid_for_secs > 0 && !login {
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
}
