//! `secret set | history`. Secret values are read from standard input only (never from the
//! command line, where `ps` and shell history would see them) and never printed.

use crate::context::Context;
use crate::error::Result;
use crate::messages::{self as m, head};
use crate::output;
use clap::Subcommand;
use serde_json::json;
use std::io::Read;
use vaultd::wire::pb;
use vaultd::wire::pb::secrets_client::SecretsClient;
use zeroize::Zeroizing;

#[derive(Subcommand)]
pub enum SecretCommand {
    /// Append a new secret version (old versions are kept, never shown).
    Set {
        /// The account id.
        account: String,
        /// Read the new password from standard input (one line).
        #[arg(long, conflicts_with = "generate")]
        password_stdin: bool,
        /// Let the vault generate the password (it is never shown here).
        #[arg(long)]
        generate: bool,
        /// Length of the generated password.
        #[arg(long, default_value_t = vaultd::limits::DEFAULT_GENERATED, requires = "generate")]
        length: u32,
        /// Read the base32 TOTP seed from standard input (after the password line when both).
        #[arg(long)]
        totp_seed_stdin: bool,
        /// Why (kept in the history).
        #[arg(long)]
        reason: String,
    },
    /// Versions' metadata: who, when, why.
    History {
        /// The account id.
        account: String,
    },
    /// Change a password in two steps: the vault makes a new one and keeps it beside the current one until you confirm that the platform has it (--confirm) or give up (--abort).
    Rotate {
        /// The account id.
        account: String,
        /// Make the staged password the current one (the platform accepted it).
        #[arg(long, conflicts_with_all = ["abort", "length", "totp_seed_stdin", "reason"])]
        confirm: bool,
        /// Discard the staged password (the platform was not changed).
        #[arg(long, conflicts_with_all = ["length", "totp_seed_stdin", "reason"])]
        abort: bool,
        /// Length of the new password.
        #[arg(long, default_value_t = vaultd::limits::DEFAULT_GENERATED)]
        length: u32,
        /// Stage the new TOTP seed the platform shows (base32, read from standard input) instead of a new password.
        #[arg(long)]
        totp_seed_stdin: bool,
        /// Why (kept in the history and the audit log).
        #[arg(long, default_value = "rotation")]
        reason: String,
    },
}

/// The password line and the seed line of standard input (each empty when not asked for).
type StdinSecrets = (Zeroizing<Vec<u8>>, Zeroizing<Vec<u8>>);

/// Standard input split into the password line and the seed line, as asked.
fn read_stdin(ctx: &Context, password: bool, seed: bool) -> Result<StdinSecrets> {
    let mut all = Zeroizing::new(Vec::new());
    std::io::stdin()
        .read_to_end(&mut all)
        .map_err(|e| ctx.fail(m::STDIN_FAILED, &[("detail", &ctx.os_error(&e))]))?;
    let mut lines = all
        .split(|b| *b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let mut next = || Zeroizing::new(lines.next().unwrap_or_default().to_vec());
    let pw = if password {
        next()
    } else {
        Zeroizing::new(Vec::new())
    };
    let sd = if seed {
        next()
    } else {
        Zeroizing::new(Vec::new())
    };
    if password && seed && sd.is_empty() {
        return Err(ctx.fail(m::STDIN_NEEDS_TWO_LINES, &[]));
    }
    Ok((pw, sd))
}

pub async fn run(ctx: &Context, command: SecretCommand) -> Result<()> {
    match command {
        SecretCommand::Rotate {
            account,
            confirm,
            abort,
            length,
            totp_seed_stdin,
            reason,
        } => {
            vaultd::ids::AccountId::parse(&account)?;
            if confirm {
                return super::rotate::confirm(ctx, account).await;
            }
            if abort {
                return super::rotate::abort(ctx, account).await;
            }
            vaultd::limits::check_reason(&reason)?;
            vaultd::limits::check_generate_length(length)?;
            let (_, seed) = read_stdin(ctx, false, totp_seed_stdin)?;
            if totp_seed_stdin {
                vaultd::limits::decode_totp_seed(&seed)?;
            }
            super::rotate::stage(ctx, account, length, seed, reason).await?;
        }
        SecretCommand::Set {
            account,
            password_stdin,
            generate,
            length,
            totp_seed_stdin,
            reason,
        } => {
            if !password_stdin && !generate && !totp_seed_stdin {
                return Err(ctx.fail(m::NOTHING_TO_SET, &[]));
            }
            vaultd::ids::AccountId::parse(&account)?;
            vaultd::limits::check_reason(&reason)?;
            if generate {
                vaultd::limits::check_generate_length(length)?;
            }
            let (mut password, mut seed) = read_stdin(ctx, password_stdin, totp_seed_stdin)?;
            if password_stdin {
                vaultd::limits::check_password(&password)?;
            }
            if totp_seed_stdin {
                vaultd::limits::decode_totp_seed(&seed)?;
            }
            let mut client = SecretsClient::new(ctx.channel().await?);
            let v = client
                .set(pb::SetSecretRequest {
                    account_id: account,
                    password: std::mem::take(&mut *password),
                    generate_length: if generate { length } else { 0 },
                    totp_seed: std::mem::take(&mut *seed),
                    reason,
                })
                .await?
                .into_inner();
            if ctx.json {
                output::json(&version_json(&v));
            } else {
                let generated = if v.generated {
                    m::SECRET_GENERATED.text(ctx.lang)
                } else {
                    ""
                };
                ctx.say(
                    m::SECRET_SET,
                    &[
                        ("version", &v.version),
                        ("id", &v.account_id),
                        ("generated", &generated),
                    ],
                );
            }
        }
        SecretCommand::History { account } => {
            let mut client = SecretsClient::new(ctx.channel().await?);
            let versions = client
                .history(pb::SecretHistoryRequest {
                    account_id: account.clone(),
                })
                .await?
                .into_inner()
                .versions;
            if ctx.json {
                output::json(&serde_json::Value::Array(
                    versions.iter().map(version_json).collect(),
                ));
            } else if versions.is_empty() {
                ctx.say(m::NO_VERSIONS, &[("id", &account)]);
            } else {
                let l = ctx.lang;
                let rows: Vec<Vec<String>> = versions
                    .iter()
                    .map(|v| {
                        vec![
                            v.version.to_string(),
                            ctx.time(v.created_at),
                            v.created_by.clone(),
                            fields(l, v),
                            v.reason.clone(),
                        ]
                    })
                    .collect();
                output::table(
                    &[
                        head::VERSION,
                        head::CREATED,
                        head::BY,
                        head::FIELDS,
                        head::REASON,
                    ]
                    .map(|h| h.text(l)),
                    &rows,
                );
            }
        }
    }
    Ok(())
}

fn fields(lang: vaultd::i18n::Lang, v: &pb::SecretVersion) -> String {
    let mut out = Vec::new();
    if v.password_set {
        out.push(if v.generated {
            format!("password ({})", head::GENERATED.text(lang))
        } else {
            "password".to_owned()
        });
    }
    if v.totp_set {
        out.push("totp".to_owned());
    }
    if !v.stage_id.is_empty() {
        out.push(format!("({})", head::ROTATED.text(lang)));
    }
    out.join(", ")
}

fn version_json(v: &pb::SecretVersion) -> serde_json::Value {
    json!({
        "account": v.account_id, "version": v.version, "created_at": output::utc(v.created_at),
        "created_by": v.created_by, "reason": v.reason, "password_set": v.password_set,
        "totp_set": v.totp_set, "generated": v.generated,
        "rotation": (!v.stage_id.is_empty()).then_some(&v.stage_id),
    })
}
