//! `account add | list | show | archive`.

use crate::context::Context;
use crate::error::Result;
use crate::messages::{self as m, head};
use crate::output;
use clap::Subcommand;
use serde_json::json;
use vaultd::i18n::Lang;
use vaultd::wire::pb;
use vaultd::wire::pb::accounts_client::AccountsClient;

#[derive(Subcommand)]
pub enum AccountCommand {
    /// Add an account (operator).
    Add {
        /// The account id, e.g. facebook-cest.
        id: String,
        /// The platform the account lives on.
        #[arg(long, value_parser = crate::values::platform())]
        platform: String,
        /// The login name on the platform.
        #[arg(long)]
        login: String,
        /// The page's address.
        #[arg(long, default_value = "")]
        url: String,
        /// A free-form note.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// List accounts.
    List {
        /// Include archived accounts.
        #[arg(long)]
        all: bool,
    },
    /// Show one account's metadata.
    Show {
        /// The account id.
        id: String,
    },
    /// Archive an account: nothing is released for it any more (operator).
    Archive {
        /// The account id.
        id: String,
    },
}

pub fn account_json(a: &pb::Account) -> serde_json::Value {
    json!({
        "id": a.id, "platform": a.platform, "login": a.login, "url": a.url, "note": a.note,
        "archived": a.archived, "created_at": output::utc(a.created_at), "created_by": a.created_by,
        "current_version": a.current_version, "has_password": a.has_password, "has_totp": a.has_totp,
        "rotation_recommended": a.rotation_recommended,
    })
}

fn state(lang: Lang, a: &pb::Account) -> String {
    let base = if a.archived {
        head::ARCHIVED
    } else {
        head::ACTIVE
    }
    .text(lang);
    if a.rotation_recommended {
        format!("{base}, {}", m::ROTATION_RECOMMENDED.text(lang))
    } else {
        base.to_owned()
    }
}

/// A staged rotation in words: what, by whom, since when in local time, and "for too long"
/// once the vault said so (rotation.staged_stale). None when nothing is staged.
pub fn staged_text(ctx: &Context, a: &pb::Account) -> Option<String> {
    if a.staged_by.is_empty() {
        return None;
    }
    let what = match a.staged_field.as_str() {
        "totp" => m::STAGED_TOTP,
        _ => m::STAGED_PASSWORD,
    };
    let by = output::printable(&a.staged_by);
    let mut text = what.fill(ctx.lang, &[("by", &by), ("at", &ctx.time(a.staged_at))]);
    if a.staged_stale {
        let stale = m::STAGED_STALE.fill(ctx.lang, &[("account", &a.id)]);
        text = format!("{text}; {stale}");
    }
    Some(text)
}

fn show(ctx: &Context, a: &pb::Account) {
    if ctx.json {
        let mut shown = account_json(a);
        shown["staged"] = match a.staged_by.is_empty() {
            true => serde_json::Value::Null,
            false => json!({
                "by": a.staged_by, "at": output::utc(a.staged_at),
                "field": a.staged_field, "stale": a.staged_stale,
            }),
        };
        output::json(&shown);
        return;
    }
    let l = ctx.lang;
    let mut rows = vec![
        (head::ID, a.id.clone()),
        (head::PLATFORM, a.platform.clone()),
        (head::LOGIN, a.login.clone()),
        (head::URL, a.url.clone()),
        (head::NOTE, a.note.clone()),
        (head::STATE, state(l, a)),
        (head::VERSION, a.current_version.to_string()),
        (head::TOTP, output::yes_no(l, a.has_totp).to_owned()),
        (
            head::CREATED,
            format!("{} ({})", ctx.time(a.created_at), a.created_by),
        ),
    ];
    if let Some(staged) = staged_text(ctx, a) {
        rows.push((head::STAGED, staged));
    }
    for (label, value) in rows {
        println!("{:<12} {}", label.text(l), value);
    }
}

pub async fn run(ctx: &Context, command: AccountCommand) -> Result<()> {
    let mut client = AccountsClient::new(ctx.channel().await?);
    match command {
        AccountCommand::Add {
            id,
            platform,
            login,
            url,
            note,
        } => {
            vaultd::ids::AccountId::parse(&id)?;
            let a = client
                .add(pb::AddAccountRequest {
                    id,
                    platform,
                    login,
                    url,
                    note,
                })
                .await?
                .into_inner();
            if ctx.json {
                output::json(&account_json(&a));
            } else {
                ctx.say(m::ACCOUNT_ADDED, &[("id", &a.id)]);
            }
        }
        AccountCommand::List { all } => {
            let list = client
                .list(pb::ListAccountsRequest {
                    include_archived: all,
                })
                .await?
                .into_inner()
                .accounts;
            if ctx.json {
                output::json(&serde_json::Value::Array(
                    list.iter().map(account_json).collect(),
                ));
                return Ok(());
            }
            let l = ctx.lang;
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|a| {
                    vec![
                        a.id.clone(),
                        a.platform.clone(),
                        a.login.clone(),
                        a.current_version.to_string(),
                        output::yes_no(l, a.has_totp).to_owned(),
                        state(l, a),
                    ]
                })
                .collect();
            output::table(
                &[
                    head::ID,
                    head::PLATFORM,
                    head::LOGIN,
                    head::VERSION,
                    head::TOTP,
                    head::STATE,
                ]
                .map(|h| h.text(l)),
                &rows,
            );
        }
        AccountCommand::Show { id } => {
            let a = client
                .show(pb::ShowAccountRequest { id })
                .await?
                .into_inner();
            show(ctx, &a);
        }
        AccountCommand::Archive { id } => {
            let a = client
                .archive(pb::ArchiveAccountRequest { id })
                .await?
                .into_inner();
            if ctx.json {
                output::json(&account_json(&a));
            } else {
                ctx.say(m::ACCOUNT_ARCHIVED, &[("id", &a.id)]);
            }
        }
    }
    Ok(())
}
