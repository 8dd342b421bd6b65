//! `authority delegate` and `authority delegation list | revoke`: the Secrétaire générale's
//! delegation to an acting authority while she is away. She signs the statement here with the
//! key in her identity (`vaultd::authz::delegation`); the vault verifies it against her pinned
//! key and pins it.
//!
//! The delegate's grant-signing key is the public key of her own identity (`identity new
//! --signing` prints it, `identity show` too), handed to the SG and given with `--key`: the SG
//! signs that exact key into the statement, so the vault learns it from her signature alone and
//! needs no other registry of keys (nor trusts anything the delegate says about her own key).

use crate::context::Context;
use crate::error::Result;
use crate::messages::{self as m, head};
use crate::output;
use crate::values;
use base64::Engine;
use clap::{Args, Subcommand};
use serde_json::json;
use vaultd::authz::delegation::Delegation;
use vaultd::times::TimeArg;
use vaultd::wire::pb;
use vaultd::wire::pb::grants_client::GrantsClient;

#[derive(Args)]
pub struct DelegateArgs {
    /// The acting authority (a principal with the authority role).
    #[arg(long = "to")]
    delegate: String,
    /// The delegate's grant-signing public key: base64, or a file holding it (she reads it
    /// with `vault-cli identity show`).
    #[arg(long)]
    key: String,
    /// Start (RFC 3339, or a date from its midnight).
    #[arg(long, value_parser = values::time_or_date)]
    from: TimeArg,
    /// End (RFC 3339, or a date from its midnight); at most the vault's maximum (90 days
    /// unless configured otherwise).
    #[arg(long, value_parser = values::time_or_date)]
    until: TimeArg,
    /// The accounts it covers, comma-separated; all accounts when not given.
    #[arg(long, value_delimiter = ',')]
    accounts: Vec<String>,
    /// Why (leave, travel...), kept in the statement and the log.
    #[arg(long, default_value = "")]
    reason: String,
    /// Sign without asking for a confirmation when the key comes from the agent (for scripts).
    #[arg(long)]
    yes: bool,
}

#[derive(Subcommand)]
pub enum DelegationCommand {
    /// Every delegation, newest first (authority, auditor).
    List,
    /// End a delegation now: grants its delegate signs from now on are refused (authority).
    Revoke {
        /// Delegation id or a unique prefix.
        id: String,
        /// Why it ends.
        #[arg(long)]
        reason: String,
        /// Also revoke the grants issued under it that are still live (otherwise they keep
        /// their term).
        #[arg(long)]
        end_grants: bool,
    },
}

/// Longest `--key` file read: a base64 key is 44 characters.
const MAX_KEY_FILE: u64 = 4096;

/// The delegate's public key from `--key`: base64 of 32 bytes, or a file holding that.
fn delegate_key(ctx: &Context, arg: &str) -> Result<Vec<u8>> {
    let decode = |text: &str| {
        base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .ok()
            .filter(|k| k.len() == 32)
    };
    if let Some(key) = decode(arg) {
        return Ok(key);
    }
    let path = std::path::Path::new(arg);
    let text = std::fs::metadata(path)
        .ok()
        .filter(|meta| meta.is_file() && meta.len() <= MAX_KEY_FILE)
        .and_then(|_| std::fs::read_to_string(path).ok());
    text.as_deref()
        .and_then(decode)
        .ok_or_else(|| ctx.fail(m::DELEGATE_KEY_UNREADABLE, &[("key", &arg)]))
}

fn scope_text(ctx: &Context, accounts: &[String], all: bool) -> String {
    if all {
        m::DELEGATION_ALL_ACCOUNTS.text(ctx.lang).to_owned()
    } else {
        accounts.join(", ")
    }
}

fn delegation_json(d: &pb::Delegation) -> serde_json::Value {
    json!({
        "id": d.id, "delegate": d.delegate, "delegate_key_id": d.delegate_key_id,
        "from": output::utc(d.not_before), "until": output::utc(d.not_after),
        "accounts": if d.all_accounts { json!("*") } else { json!(d.accounts) },
        "reason": d.reason, "key_id": d.key_id, "state": d.state,
        "registered_by": d.registered_by, "registered_at": output::utc(d.registered_at),
        "revoked_at": (d.revoked_at != 0).then(|| output::utc(d.revoked_at)),
        "revoked_by": d.revoked_by, "revoke_reason": d.revoke_reason,
    })
}

/// Signs a delegation with the identity's key and registers it.
pub async fn delegate(ctx: &Context, args: DelegateArgs) -> Result<()> {
    let public_key = delegate_key(ctx, &args.key)?;
    // A start already past (`--from` today's date, i.e. its midnight) starts now: the vault
    // never takes a delegation that reaches back before it was signed. A window wholly past
    // is left as given, for the vault to refuse as such.
    let now = crate::decisions::now();
    let not_after = ctx.time_arg(args.until)?;
    let not_before = match ctx.time_arg(args.from)? {
        from if from < now && not_after > now => now,
        from => from,
    };
    let mut accounts = args.accounts;
    accounts.retain(|a| !a.trim().is_empty());
    accounts.sort();
    accounts.dedup();
    let all = accounts.is_empty();
    let key = ctx
        .load_identity()?
        .signing_key()
        .ok_or_else(|| ctx.fail(m::NO_SIGNING_KEY, &[]))?;
    let statement = Delegation {
        id: vaultd::ids::new_id(),
        delegate: args.delegate,
        delegate_key: hex::encode(&public_key),
        not_before,
        not_after,
        accounts: (!all).then_some(accounts),
        reason: args.reason,
        issued_at: crate::decisions::now(),
        key_id: key.key_id(),
    };
    let scope = scope_text(ctx, statement.accounts.as_deref().unwrap_or(&[]), all);
    // A key from the agent is confirmed here, as for a grant: no script signs in her name unseen.
    if ctx.identity_from_agent() && !ctx.json {
        eprintln!(
            "{}",
            m::DELEGATION_SUMMARY.fill(
                ctx.lang,
                &[
                    ("delegate", &statement.delegate),
                    ("from", &ctx.time(not_before)),
                    ("until", &ctx.time(not_after)),
                    ("accounts", &scope),
                ]
            )
        );
        crate::confirm::confirm_signature(ctx, args.yes)?;
    }
    let signed = statement.encode();
    let signature = key.sign(&signed);
    drop(key);
    let mut client = GrantsClient::new(ctx.channel().await?);
    let d = client
        .delegate(pb::RegisterDelegation { signed, signature })
        .await?
        .into_inner();
    if ctx.json {
        output::json(&delegation_json(&d));
    } else {
        ctx.say(
            m::DELEGATION_REGISTERED,
            &[
                ("id", &d.id),
                ("delegate", &d.delegate),
                ("from", &ctx.time(d.not_before)),
                ("until", &ctx.time(d.not_after)),
                ("accounts", &scope_text(ctx, &d.accounts, d.all_accounts)),
            ],
        );
    }
    Ok(())
}

pub async fn run(ctx: &Context, command: DelegationCommand) -> Result<()> {
    let mut client = GrantsClient::new(ctx.channel().await?);
    match command {
        DelegationCommand::List => {
            let list = client
                .list_delegations(pb::ListDelegationsRequest {})
                .await?
                .into_inner()
                .delegations;
            if ctx.json {
                output::json(&json!(list.iter().map(delegation_json).collect::<Vec<_>>()));
            } else if list.is_empty() {
                ctx.say(m::NO_DELEGATIONS, &[]);
            } else {
                let l = ctx.lang;
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|d| {
                        vec![
                            d.id.clone(),
                            d.delegate.clone(),
                            ctx.time(d.not_before),
                            ctx.time(d.not_after),
                            scope_text(ctx, &d.accounts, d.all_accounts),
                            m::state::name(l, &d.state),
                            d.reason.clone(),
                        ]
                    })
                    .collect();
                output::table(
                    &[
                        head::DELEGATION,
                        head::DELEGATE,
                        head::FROM,
                        head::UNTIL,
                        head::ACCOUNTS,
                        head::STATE,
                        head::REASON,
                    ]
                    .map(|h| h.text(l)),
                    &rows,
                );
            }
        }
        DelegationCommand::Revoke {
            id,
            reason,
            end_grants,
        } => {
            let d = client
                .revoke_delegation(pb::RevokeDelegationRequest {
                    id,
                    reason,
                    end_grants,
                })
                .await?
                .into_inner();
            if ctx.json {
                let mut out = delegation_json(&d);
                out["ended_grants"] = json!(d.ended_grants);
                out["grants_still_live"] = json!(d.grants_still_live);
                output::json(&out);
            } else {
                ctx.say(
                    m::DELEGATION_REVOKED,
                    &[("id", &d.id), ("delegate", &d.delegate)],
                );
                let (ended, live) = (d.ended_grants.len().to_string(), d.grants_still_live);
                if end_grants {
                    ctx.say(m::DELEGATION_GRANTS_ENDED, &[("count", &ended)]);
                } else if live > 0 {
                    ctx.say(
                        m::DELEGATION_GRANTS_STAY_LIVE,
                        &[("count", &live.to_string()), ("id", &d.id)],
                    );
                }
            }
        }
    }
    Ok(())
}
