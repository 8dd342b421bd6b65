//! `grant request | list | pending | approve | deny | issue | revoke`. The authority signs grants
//! here, on her own machine, with the signing key in her identity; the vault only verifies.

use crate::context::Context;
use crate::decisions::{self, now, Grants};
use crate::error::{CliError, Result};
use crate::messages::{self as m, head};
use crate::output;
use crate::values;
use clap::{Args, Subcommand};
use serde_json::json;
use vaultd::authz::grant::GrantBody;
use vaultd::times::TimeArg;
use vaultd::wire::pb;
use vaultd::wire::pb::grants_client::GrantsClient;

#[derive(Subcommand)]
pub enum GrantCommand {
    /// Ask the Secrétaire générale for access (admin). Prints the request id.
    Request {
        /// The accounts to access.
        #[arg(required = true)]
        accounts: Vec<String>,
        /// The purpose of the activity (required).
        #[arg(long)]
        purpose: String,
        /// How long, e.g. 30d, 8h (the authority may change it).
        #[arg(long = "for", value_parser = values::duration)]
        duration: Option<i64>,
        /// Wait for the decision: exit 0 with the grant once approved, 4 if denied.
        #[arg(long)]
        wait: bool,
        /// With --wait: give up after this long, e.g. 10m (default 15m; an hour at most).
        #[arg(long, requires = "wait", value_parser = values::duration)]
        timeout: Option<i64>,
    },
    /// Wait for a request's decision: exit 0 with the grant once approved, 4 if denied, 1 if
    /// the time runs out.
    Wait {
        /// Request id or a unique prefix.
        request: String,
        /// Give up after this long, e.g. 10m (default 15m; an hour at most).
        #[arg(long, value_parser = values::duration)]
        timeout: Option<i64>,
    },
    /// Grants and requests (authority and auditor: all; admin: own).
    List {
        /// Only your own grants and requests.
        #[arg(long)]
        mine: bool,
        /// Only grants usable now and pending requests.
        #[arg(long)]
        active: bool,
        /// Only those for this grantee.
        #[arg(long = "to")]
        grantee: Option<String>,
        /// Only those for this account.
        #[arg(long)]
        account: Option<String>,
    },
    /// Requests waiting for a decision (authority).
    Pending,
    /// Approve a request: signs the grant with your key and registers it (authority).
    Approve {
        /// Request id or a unique prefix of at least 6 digits.
        request: String,
        #[command(flatten)]
        window: Window,
        /// The most times a credential may be released under it.
        #[arg(long)]
        max_uses: Option<u64>,
        /// Sign without asking for a confirmation (for scripts).
        #[arg(long)]
        yes: bool,
    },
    /// Refuse a request (authority).
    Deny {
        /// Request id or a unique prefix.
        request: String,
        /// Why the request is refused.
        #[arg(long)]
        reason: String,
    },
    /// Grant access directly (authority). Prints the grant id.
    #[command(group(clap::ArgGroup::new("window").args(["duration", "until"]).required(true)))]
    Issue {
        /// The principal the grant is for.
        #[arg(long = "to")]
        grantee: String,
        /// An account to access (repeatable).
        #[arg(long = "account", required = true)]
        accounts: Vec<String>,
        /// The purpose of the activity (required).
        #[arg(long)]
        purpose: String,
        #[command(flatten)]
        window: Window,
        /// Start (RFC 3339, or a date from its midnight); default now.
        #[arg(long, value_parser = values::time_or_date)]
        from: Option<TimeArg>,
        /// The most times a credential may be released under it.
        #[arg(long)]
        max_uses: Option<u64>,
        /// Sign without asking for a confirmation when the key comes from the agent (for
        /// scripts).
        #[arg(long)]
        yes: bool,
    },
    /// Add your signature to a grant that an account needing two signatures requires: over the
    /// grant's exact bytes, with your key (authority: another signer than the first).
    Cosign {
        /// Grant id or a unique prefix.
        grant: String,
        /// Sign without asking for a confirmation (for scripts).
        #[arg(long)]
        yes: bool,
    },
    /// One grant: its state and signatures.
    Show {
        /// Grant id or a unique prefix.
        grant: String,
    },
    /// Revoke a grant, effective at once (authority).
    Revoke {
        /// Grant id or a unique prefix.
        grant: String,
        /// Why the grant is revoked.
        #[arg(long)]
        reason: String,
    },
}

#[derive(Args)]
pub struct Window {
    /// How long, e.g. 30d, 8h, 90s.
    #[arg(long = "for", conflicts_with = "until", value_parser = values::duration)]
    duration: Option<i64>,
    /// Until (RFC 3339, or a date from its midnight).
    #[arg(long, value_parser = values::time_or_date)]
    until: Option<TimeArg>,
}

/// not_after from --for / --until, or from `requested` seconds.
fn not_after(ctx: &Context, window: &Window, start: i64, requested: i64) -> Result<i64> {
    match (window.duration, window.until) {
        (Some(d), _) => start
            .checked_add(d)
            .ok_or_else(|| CliError::Usage(m::EXPECTED_DURATION.text(ctx.lang).to_owned())),
        (None, Some(t)) => ctx.time_arg(t),
        (None, None) if requested > 0 => Ok(start + requested),
        (None, None) => Err(ctx.fail(m::NEED_DURATION, &[])),
    }
}

pub fn grant_json(g: &pb::Grant) -> serde_json::Value {
    json!({
        "id": g.id, "grantee": g.grantee, "accounts": g.accounts, "purpose": g.purpose,
        "not_before": output::utc(g.not_before), "not_after": output::utc(g.not_after),
        "max_uses": (g.max_uses > 0).then_some(g.max_uses), "uses": g.uses,
        "issued_at": output::utc(g.issued_at), "key_id": g.key_id,
        "request": (!g.request_id.is_empty()).then_some(&g.request_id), "signer": g.signer,
        "self_grant": g.self_grant, "state": g.state,
        "revoked_at": (g.revoked_at > 0).then(|| output::utc(g.revoked_at)),
        "revoked_by": (!g.revoked_by.is_empty()).then_some(&g.revoked_by),
        "revoke_reason": (!g.revoke_reason.is_empty()).then_some(&g.revoke_reason),
        "needs_two_signatures": g.needs_two_signatures,
        "second_signature": (!g.cosigner.is_empty()).then(|| json!({
            "signer": g.cosigner, "key_id": g.cosign_key_id, "at": output::utc(g.cosigned_at),
        })),
    })
}

/// One grant as rows of labels and values (`grant show`).
fn show_grant(ctx: &Context, g: &pb::Grant) {
    let l = ctx.lang;
    let uses = if g.max_uses > 0 {
        format!("{}/{}", g.uses, g.max_uses)
    } else {
        g.uses.to_string()
    };
    let mut rows = vec![
        (head::GRANT, g.id.clone()),
        (head::GRANTEE, g.grantee.clone()),
        (head::ACCOUNTS, g.accounts.join(", ")),
        (head::PURPOSE, g.purpose.clone()),
        (head::FROM, ctx.time(g.not_before)),
        (head::UNTIL, ctx.time(g.not_after)),
        (head::USES, uses),
        (head::STATE, m::state::name(l, &g.state)),
        (head::BY, format!("{} ({})", g.signer, g.key_id)),
    ];
    if !g.cosigner.is_empty() {
        let by = m::SECOND_SIGNATURE_BY.fill(
            l,
            &[
                ("signer", &g.cosigner),
                ("key", &g.cosign_key_id),
                ("at", &ctx.time(g.cosigned_at)),
            ],
        );
        rows.push((head::SECOND_SIGNATURE, by));
    } else if g.needs_two_signatures {
        let waiting = m::SECOND_SIGNATURE_WAITING.fill(l, &[("id", &g.id)]);
        rows.push((head::SECOND_SIGNATURE, waiting));
    }
    let width = rows
        .iter()
        .map(|(label, _)| label.text(l).chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in rows {
        println!("{:<width$} {}", label.text(l), value);
    }
}

/// Signs the grant's exact stored bytes with the identity's key, after showing what they say
/// (decoded here, not taken from the vault's other fields) and a confirmation.
async fn cosign(ctx: &Context, client: &mut Grants, grant: String, yes: bool) -> Result<()> {
    let g = client.get(pb::GetGrant { id: grant }).await?.into_inner();
    let body = decisions::signed_body(&g)
        .ok_or_else(|| ctx.fail(m::COSIGN_NOT_THIS_GRANT, &[("id", &g.id)]))?;
    let signer = ctx.load_identity()?;
    if !ctx.json {
        eprintln!(
            "{}",
            m::COSIGN_SUMMARY.fill(
                ctx.lang,
                &[
                    ("id", &g.id),
                    ("grantee", &body.grantee),
                    ("accounts", &body.accounts.join(", ")),
                    ("until", &ctx.time(body.not_after)),
                    ("purpose", &body.purpose),
                    ("signer", &g.signer),
                ]
            )
        );
    }
    crate::confirm::confirm_signature(ctx, yes)?;
    let g = decisions::cosign(ctx.lang, client, signer, g).await?;
    if ctx.json {
        output::json(&grant_json(&g));
    } else {
        println!("{}", g.id);
        eprintln!(
            "{}",
            m::GRANT_COSIGNED.fill(
                ctx.lang,
                &[
                    ("id", &g.id),
                    ("first", &g.signer),
                    ("second", &g.cosigner),
                    ("accounts", &g.accounts.join(", ")),
                ]
            )
        );
    }
    Ok(())
}

pub fn request_json(r: &pb::GrantRequest) -> serde_json::Value {
    json!({
        "id": r.id, "requester": r.requester, "accounts": r.accounts, "purpose": r.purpose,
        "duration_secs": r.duration_secs, "created_at": output::utc(r.created_at), "state": r.state,
        "decided_by": (!r.decided_by.is_empty()).then_some(&r.decided_by),
        "deny_reason": (!r.deny_reason.is_empty()).then_some(&r.deny_reason),
        "grant": (!r.grant_id.is_empty()).then_some(&r.grant_id),
    })
}

fn print_requests(ctx: &Context, requests: &[pb::GrantRequest]) {
    let l = ctx.lang;
    let rows: Vec<Vec<String>> = requests
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.requester.clone(),
                r.accounts.join(","),
                if r.duration_secs > 0 {
                    output::duration(l, r.duration_secs)
                } else {
                    "-".into()
                },
                m::state::name(l, &r.state),
                r.purpose.clone(),
            ]
        })
        .collect();
    output::table(
        &[
            head::REQUEST,
            head::REQUESTER,
            head::ACCOUNTS,
            head::DURATION,
            head::STATE,
            head::PURPOSE,
        ]
        .map(|h| h.text(l)),
        &rows,
    );
}

/// Grants as a table (also used by the review report).
pub fn print_grants(ctx: &Context, grants: &[&pb::Grant]) {
    let l = ctx.lang;
    let rows: Vec<Vec<String>> = grants
        .iter()
        .map(|g| {
            let uses = if g.max_uses > 0 {
                format!("{}/{}", g.uses, g.max_uses)
            } else {
                g.uses.to_string()
            };
            vec![
                g.id.clone(),
                g.grantee.clone(),
                g.accounts.join(","),
                g.signer.clone(),
                ctx.time(g.not_after),
                uses,
                m::state::name(l, &g.state),
                g.purpose.clone(),
            ]
        })
        .collect();
    output::table(
        &[
            head::GRANT,
            head::GRANTEE,
            head::ACCOUNTS,
            head::BY,
            head::UNTIL,
            head::USES,
            head::STATE,
            head::PURPOSE,
        ]
        .map(|h| h.text(l)),
        &rows,
    );
}

/// Signs and registers `body` (see `decisions::register`); prints the grant id.
async fn sign_and_register(ctx: &Context, client: &mut Grants, body: GrantBody) -> Result<()> {
    let g = decisions::register(ctx.lang, client, ctx.load_identity()?, body).await?;
    print_registered(ctx, &g);
    Ok(())
}

fn uses_text(ctx: &Context, max_uses: Option<u64>) -> String {
    match max_uses {
        Some(n) => n.to_string(),
        None => m::UNLIMITED.text(ctx.lang).to_owned(),
    }
}

/// What `grant approve` is about to sign, on stderr (stdout keeps the grant id for scripts).
fn show_request(
    ctx: &Context,
    r: &pb::GrantRequest,
    start: i64,
    until: i64,
    max_uses: Option<u64>,
    signer: &str,
) {
    if ctx.json {
        return;
    }
    eprintln!(
        "{}",
        m::APPROVE_SUMMARY.fill(
            ctx.lang,
            &[
                ("id", &r.id),
                ("requester", &r.requester),
                ("age", &output::age(ctx.lang, start - r.created_at)),
                ("accounts", &r.accounts.join(", ")),
                ("purpose", &r.purpose),
                ("until", &ctx.time(until)),
                (
                    "duration",
                    &output::duration(ctx.lang, until.saturating_sub(start))
                ),
                ("uses", &uses_text(ctx, max_uses)),
            ]
        )
    );
    if r.requester == signer {
        eprintln!("{}", m::APPROVE_SELF_GRANT.text(ctx.lang));
    }
}

/// What `grant issue` is about to sign with a key from the agent, on stderr.
fn show_body(ctx: &Context, body: &GrantBody) {
    if ctx.json {
        return;
    }
    eprintln!(
        "{}",
        m::ISSUE_SUMMARY.fill(
            ctx.lang,
            &[
                ("grantee", &body.grantee),
                ("accounts", &body.accounts.join(", ")),
                ("purpose", &body.purpose),
                ("from", &ctx.time(body.not_before)),
                ("until", &ctx.time(body.not_after)),
                ("uses", &uses_text(ctx, body.max_uses)),
            ]
        )
    );
}

fn print_registered(ctx: &Context, g: &pb::Grant) {
    if ctx.json {
        output::json(&grant_json(g));
    } else {
        println!("{}", g.id);
        let self_grant = if g.self_grant {
            m::SELF_GRANT.text(ctx.lang)
        } else {
            ""
        };
        eprintln!(
            "{}",
            m::GRANT_REGISTERED.fill(
                ctx.lang,
                &[
                    ("id", &g.id),
                    ("grantee", &g.grantee),
                    ("accounts", &g.accounts.join(", ")),
                    ("until", &ctx.time(g.not_after)),
                    ("self_grant", &self_grant),
                ]
            )
        );
        // Registered, but an account it names needs a second signer before it serves.
        if g.state == "awaiting_second_signature" {
            eprintln!(
                "{}",
                m::SECOND_SIGNATURE_WAITING.fill(ctx.lang, &[("id", &g.id)])
            );
            // Who was told, or that nobody can sign it yet (she signed, no delegate is in
            // force for these accounts): said now, not discovered when nothing is released.
            let line = if g.second_signers.is_empty() {
                m::SECOND_SIGNERS_NONE.fill(ctx.lang, &[("id", &g.id)])
            } else {
                m::SECOND_SIGNERS.fill(ctx.lang, &[("names", &g.second_signers.join(", "))])
            };
            eprintln!("{line}");
        }
    }
}

pub async fn run(ctx: &Context, command: GrantCommand) -> Result<()> {
    let mut client = GrantsClient::new(ctx.channel().await?);
    match command {
        GrantCommand::Wait { request, timeout } => {
            let wait_secs = wait_secs(timeout);
            wait(ctx, &mut client, &request, wait_secs).await?;
        }
        GrantCommand::Request {
            accounts,
            purpose,
            duration: d,
            wait: and_wait,
            timeout,
        } => {
            let wait_secs = wait_secs(timeout);
            let duration_secs = d.unwrap_or(0);
            let r = client
                .request(pb::GrantRequestCreate {
                    accounts,
                    purpose,
                    duration_secs,
                })
                .await?
                .into_inner();
            if ctx.json {
                output::json(&request_json(&r));
            } else {
                println!("{}", r.id);
                eprintln!(
                    "{}",
                    m::REQUEST_CREATED.fill(
                        ctx.lang,
                        &[("id", &r.id), ("accounts", &r.accounts.join(", "))]
                    )
                );
            }
            if and_wait {
                wait(ctx, &mut client, &r.id, wait_secs).await?;
            }
        }
        GrantCommand::List {
            mine,
            active,
            grantee,
            account,
        } => {
            let list = client
                .list(pb::ListGrants {
                    active_only: active,
                    grantee: grantee.unwrap_or_default(),
                    account: account.unwrap_or_default(),
                    mine,
                })
                .await?
                .into_inner();
            if ctx.json {
                output::json(&json!({
                    "grants": list.grants.iter().map(grant_json).collect::<Vec<_>>(),
                    "requests": list.requests.iter().map(request_json).collect::<Vec<_>>(),
                }));
            } else {
                if list.grants.is_empty() {
                    ctx.say(m::NO_GRANTS, &[]);
                } else {
                    print_grants(ctx, &list.grants.iter().collect::<Vec<_>>());
                }
                if !list.requests.is_empty() {
                    println!();
                    print_requests(ctx, &list.requests);
                }
            }
        }
        GrantCommand::Pending => {
            let pending = client.pending(pb::PendingRequest {}).await?.into_inner();
            let list = pending.requests;
            if ctx.json {
                output::json(&serde_json::Value::Array(
                    list.iter().map(request_json).collect(),
                ));
            } else if list.is_empty() {
                ctx.say(m::NO_REQUESTS, &[]);
            } else {
                print_requests(ctx, &list);
            }
            // The other half of what waits for a signer: grants signed once for an account
            // that needs two (the JSON above stays the list of requests it always was).
            let awaiting: Vec<&pb::Grant> = pending.awaiting_second_signature.iter().collect();
            if !ctx.json && !awaiting.is_empty() {
                println!();
                ctx.say(m::PENDING_AWAITING_SECOND_SIGNATURE, &[]);
                print_grants(ctx, &awaiting);
            }
        }
        GrantCommand::Approve {
            request,
            window,
            max_uses,
            yes,
        } => {
            let r = decisions::request_for_approval(&mut client, &request).await?;
            let start = now();
            let until = not_after(ctx, &window, start, r.duration_secs)?;
            let signer = ctx.load_identity()?;
            show_request(ctx, &r, start, until, max_uses, &signer.name);
            crate::confirm::confirm_signature(ctx, yes)?;
            let g =
                decisions::approve_read(ctx.lang, &mut client, signer, r, start, until, max_uses)
                    .await?;
            print_registered(ctx, &g);
        }
        GrantCommand::Deny { request, reason } => {
            let r = decisions::deny(&mut client, &request, &reason).await?;
            if ctx.json {
                output::json(&request_json(&r));
            } else {
                ctx.say(m::REQUEST_DENIED, &[("id", &r.id)]);
            }
        }
        GrantCommand::Issue {
            grantee,
            mut accounts,
            purpose,
            window,
            from,
            max_uses,
            yes,
        } => {
            let start = from
                .map(|t| ctx.time_arg(t))
                .transpose()?
                .unwrap_or_else(now);
            accounts.sort();
            accounts.dedup();
            let body = GrantBody {
                id: vaultd::ids::new_id(),
                grantee,
                accounts,
                purpose,
                not_before: start,
                not_after: not_after(ctx, &window, start, 0)?,
                max_uses,
                issued_at: now(),
                key_id: String::new(),
                request: None,
            };
            // Her passphrase typed for this command is her consent; a key from the agent is
            // confirmed here, so that a script cannot sign in her name unseen.
            if ctx.load_identity().is_ok() && ctx.identity_from_agent() {
                show_body(ctx, &body);
                crate::confirm::confirm_signature(ctx, yes)?;
            }
            sign_and_register(ctx, &mut client, body).await?;
        }
        GrantCommand::Cosign { grant, yes } => cosign(ctx, &mut client, grant, yes).await?,
        GrantCommand::Show { grant } => {
            let g = client.get(pb::GetGrant { id: grant }).await?.into_inner();
            if ctx.json {
                output::json(&grant_json(&g));
            } else {
                show_grant(ctx, &g);
            }
        }
        GrantCommand::Revoke { grant, reason } => {
            let g = decisions::revoke(&mut client, &grant, &reason).await?;
            if ctx.json {
                output::json(&grant_json(&g));
            } else {
                ctx.say(m::GRANT_REVOKED, &[("id", &g.id)]);
            }
        }
    }
    Ok(())
}

/// How long `--wait` and `grant wait` wait when not told, and at most (the vault's own cap).
const DEFAULT_WAIT_SECS: u64 = 15 * 60;
const MAX_WAIT_SECS: u64 = 3600;

/// The wait asked with `--timeout`, within what the vault allows.
fn wait_secs(timeout: Option<i64>) -> u64 {
    match timeout {
        Some(t) => (t.max(1) as u64).min(MAX_WAIT_SECS),
        None => DEFAULT_WAIT_SECS,
    }
}

/// Blocks on the vault's stream until the request is decided: approved, the grant is printed
/// (exit 0); denied, the reason (exit 4); still pending when the time runs out, exit 1.
async fn wait(ctx: &Context, client: &mut Grants, request: &str, timeout_secs: u64) -> Result<()> {
    if !ctx.json {
        eprintln!(
            "{}",
            m::WAITING.fill(
                ctx.lang,
                &[
                    ("id", &request),
                    ("timeout", &output::duration(ctx.lang, timeout_secs as i64))
                ]
            )
        );
    }
    let mut stream = client
        .wait(pb::WaitGrantRequest {
            id: request.to_owned(),
            timeout_secs,
        })
        .await?
        .into_inner();
    let outcome = stream
        .message()
        .await?
        .ok_or_else(|| ctx.fail(m::WAIT_ENDED, &[("id", &request)]))?;
    let (decided, grant) = match outcome.request {
        Some(decided) => (decided, outcome.grant),
        None => return Err(ctx.fail(m::WAIT_ENDED, &[("id", &request)])),
    };
    match decided.state.as_str() {
        "approved" => {
            if ctx.json {
                output::json(&json!({
                    "request": request_json(&decided),
                    "grant": grant.as_ref().map(grant_json),
                }));
                return Ok(());
            }
            println!("{}", decided.grant_id);
            let uses = match grant.as_ref().map(|g| g.max_uses) {
                Some(0) | None => m::UNLIMITED.text(ctx.lang).to_owned(),
                Some(n) => n.to_string(),
            };
            eprintln!(
                "{}",
                m::WAIT_APPROVED.fill(
                    ctx.lang,
                    &[
                        ("id", &decided.id),
                        ("grant", &decided.grant_id),
                        ("by", &decided.decided_by),
                        (
                            "from",
                            &grant
                                .as_ref()
                                .map(|g| ctx.time(g.not_before))
                                .unwrap_or_default()
                        ),
                        (
                            "until",
                            &grant
                                .as_ref()
                                .map(|g| ctx.time(g.not_after))
                                .unwrap_or_default()
                        ),
                        ("uses", &uses),
                    ]
                )
            );
            Ok(())
        }
        "denied" => Err(crate::error::CliError::Denied(m::WAIT_DENIED.fill(
            ctx.lang,
            &[
                ("id", &decided.id),
                ("by", &decided.decided_by),
                ("reason", &decided.deny_reason),
            ],
        ))),
        _ => Err(ctx.fail(m::WAIT_TIMED_OUT, &[("id", &decided.id)])),
    }
}
