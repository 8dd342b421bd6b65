//! `account add | list | show | archive | set | approvals`. List and show put rotation due (the
//! password's age) and recommended (an exposure) side by side, each with since when.
//! `approvals` is the Secrétaire générale's signed rule that an account's grants need two
//! signatures (`vaultd::authz::approvals`), signed here with her identity's key.

use crate::context::Context;
use crate::error::Result;
use crate::messages::{self as m, head};
use crate::output;
use clap::Subcommand;
use serde_json::json;
use vaultd::authz::approvals::Approvals;
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
        /// The https page where its password is changed (else the platform's known page).
        #[arg(long, default_value = "")]
        change_url: String,
        /// How old its password may get before rotation is due, e.g. 90d (else the vault's
        /// default).
        #[arg(long, value_parser = crate::values::duration)]
        max_age: Option<i64>,
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
    /// Change where an account's password is changed, or how old it may get (operator).
    #[command(group(clap::ArgGroup::new("what").multiple(true).required(true)
        .args(["change_url", "no_change_url", "max_age", "default_max_age"])))]
    Set {
        /// The account id.
        id: String,
        /// The https page where its password is changed.
        #[arg(long, conflicts_with = "no_change_url")]
        change_url: Option<String>,
        /// Back to the platform's known page.
        #[arg(long)]
        no_change_url: bool,
        /// How old its password may get before rotation is due, e.g. 90d.
        #[arg(long, value_parser = crate::values::duration, conflicts_with = "default_max_age")]
        max_age: Option<i64>,
        /// Back to the vault's default age.
        #[arg(long)]
        default_max_age: bool,
    },
    /// How many signatures an account's grants need: 2 (two distinct signers) or 1 (authority:
    /// you sign the rule with your key; a delegate cannot).
    Approvals {
        /// The account id.
        id: String,
        /// 2: a grant releases nothing until a second signer cosigns it; 1: back to one.
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=2))]
        set: u8,
        /// Sign without asking for a confirmation when the key comes from the agent (for
        /// scripts).
        #[arg(long)]
        yes: bool,
    },
}

pub fn account_json(a: &pb::Account) -> serde_json::Value {
    json!({
        "id": a.id, "platform": a.platform, "login": a.login, "url": a.url, "note": a.note,
        "archived": a.archived, "created_at": output::utc(a.created_at), "created_by": a.created_by,
        "current_version": a.current_version, "has_password": a.has_password, "has_totp": a.has_totp,
        "rotation_recommended": a.rotation_recommended,
        "rotation": rotation_json(a),
        "change_url": a.change_url, "max_age_secs": a.effective_max_age_secs,
        "max_age_default": a.max_age_secs == 0,
        "password_set_at": (a.password_set_at != 0).then(|| output::utc(a.password_set_at)),
        "required_signatures": a.required_signatures.max(1),
    })
}

/// Why the password should be changed, and since when (UTC): `age` (older than its maximum
/// age) and `exposure` (someone saw it under a grant that has ended).
fn rotation_json(a: &pb::Account) -> serde_json::Value {
    let mut reasons = Vec::new();
    if a.rotation_due_since != 0 {
        reasons.push(json!({"reason": "age", "since": output::utc(a.rotation_due_since)}));
    }
    if a.rotation_recommended {
        reasons.push(json!({
            "reason": "exposure",
            "since": (a.rotation_recommended_since != 0)
                .then(|| output::utc(a.rotation_recommended_since)),
        }));
    }
    serde_json::Value::Array(reasons)
}

fn state(lang: Lang, a: &pb::Account) -> &'static str {
    if a.archived {
        head::ARCHIVED
    } else {
        head::ACTIVE
    }
    .text(lang)
}

/// Due (age) and recommended (exposure), side by side, in local time; `-` for neither.
fn rotation(ctx: &Context, a: &pb::Account) -> String {
    let mut parts = Vec::new();
    if a.rotation_due_since != 0 {
        let since = ctx.time(a.rotation_due_since);
        parts.push(m::ROTATION_DUE_SINCE.fill(ctx.lang, &[("since", &since)]));
    }
    if a.rotation_recommended {
        let since = ctx.time(a.rotation_recommended_since);
        parts.push(m::ROTATION_RECOMMENDED_SINCE.fill(ctx.lang, &[("since", &since)]));
    }
    if parts.is_empty() {
        "-".to_owned()
    } else {
        parts.join(", ")
    }
}

/// `90 d` or `365 d (vault default)`.
fn max_age(ctx: &Context, a: &pb::Account) -> String {
    let age = output::duration(ctx.lang, a.effective_max_age_secs);
    if a.max_age_secs == 0 {
        m::MAX_AGE_DEFAULT.fill(ctx.lang, &[("age", &age)])
    } else {
        age
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
        (head::STATE, state(l, a).to_owned()),
        (head::ROTATION, rotation(ctx, a)),
    ];
    // The rotation staged and not yet confirmed, beside the rotation's state.
    if let Some(staged) = staged_text(ctx, a) {
        rows.push((head::STAGED, staged));
    }
    // Said only when it differs from every account's one signature.
    if a.required_signatures >= 2 {
        rows.push((head::SIGNATURES, m::SIGNATURES_TWO.text(l).to_owned()));
    }
    rows.extend([
        (head::MAX_AGE, max_age(ctx, a)),
        (
            head::CHANGE_PAGE,
            if a.change_url.is_empty() {
                m::CHANGE_PAGE_PLATFORM.text(l).to_owned()
            } else {
                a.change_url.clone()
            },
        ),
        (head::VERSION, a.current_version.to_string()),
        (head::TOTP, output::yes_no(l, a.has_totp).to_owned()),
        (
            head::CREATED,
            format!("{} ({})", ctx.time(a.created_at), a.created_by),
        ),
    ]);
    // Labels in a column as wide as the longest ("PAGE DE CHANGEMENT").
    let width = rows
        .iter()
        .map(|(label, _)| label.text(l).chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in rows {
        println!("{:<width$} {}", label.text(l), value);
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
            change_url,
            max_age,
        } => {
            vaultd::ids::AccountId::parse(&id)?;
            vaultd::limits::check_change_url(&change_url)?;
            if let Some(secs) = max_age {
                vaultd::limits::check_max_age(secs)?;
            }
            let a = client
                .add(pb::AddAccountRequest {
                    id,
                    platform,
                    login,
                    url,
                    note,
                    change_url,
                    max_age_secs: max_age.unwrap_or(0),
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
                        state(l, a).to_owned(),
                        rotation(ctx, a),
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
                    head::ROTATION,
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
        AccountCommand::Set {
            id,
            change_url,
            no_change_url,
            max_age,
            default_max_age,
        } => {
            use pb::set_account_request::{ChangeUrl, MaxAge};
            vaultd::ids::AccountId::parse(&id)?;
            if let Some(url) = &change_url {
                vaultd::limits::check_change_url(url)?;
            }
            if let Some(secs) = max_age {
                vaultd::limits::check_max_age(secs)?;
            }
            let a = client
                .set(pb::SetAccountRequest {
                    id,
                    change_url: match (change_url, no_change_url) {
                        (Some(url), _) => Some(ChangeUrl::SetChangeUrl(url)),
                        (None, true) => Some(ChangeUrl::ClearChangeUrl(true)),
                        (None, false) => None,
                    },
                    max_age: match (max_age, default_max_age) {
                        (Some(secs), _) => Some(MaxAge::SetMaxAgeSecs(secs)),
                        (None, true) => Some(MaxAge::DefaultMaxAge(true)),
                        (None, false) => None,
                    },
                })
                .await?
                .into_inner();
            if ctx.json {
                output::json(&account_json(&a));
            } else {
                ctx.say(m::ACCOUNT_SET, &[("id", &a.id)]);
                show(ctx, &a);
            }
        }
        AccountCommand::Approvals { id, set, yes } => {
            let a = set_approvals(ctx, &mut client, id, set, yes).await?;
            if ctx.json {
                output::json(&account_json(&a));
            } else if a.required_signatures >= 2 {
                ctx.say(m::APPROVALS_SET_TWO, &[("account", &a.id)]);
            } else {
                ctx.say(m::APPROVALS_SET_ONE, &[("account", &a.id)]);
            }
        }
    }
    Ok(())
}

/// Signs the rule with the identity's key (confirmed first when the key comes from the agent)
/// and registers it.
async fn set_approvals(
    ctx: &Context,
    client: &mut AccountsClient<tonic::transport::Channel>,
    id: String,
    required: u8,
    yes: bool,
) -> Result<pb::Account> {
    let account = vaultd::ids::AccountId::parse(&id)?.to_string();
    let key = ctx
        .load_identity()?
        .signing_key()
        .ok_or_else(|| ctx.fail(m::NO_SIGNING_KEY, &[]))?;
    if ctx.identity_from_agent() && !ctx.json {
        let summary = match required {
            2 => m::APPROVALS_SUMMARY_TWO,
            _ => m::APPROVALS_SUMMARY_ONE,
        };
        eprintln!("{}", summary.fill(ctx.lang, &[("account", &account)]));
        crate::confirm::confirm_signature(ctx, yes)?;
    }
    let statement = Approvals {
        id: vaultd::ids::new_id(),
        account,
        required,
        key_id: key.key_id(),
        at: crate::decisions::now(),
    };
    let signed = statement.encode();
    let signature = key.sign(&signed);
    drop(key);
    Ok(client
        .set_approvals(pb::SetApprovalsRequest { signed, signature })
        .await?
        .into_inner())
}
