//! `authority key | rotate | console | delegate | delegation`: the Secrétaire générale's pinned
//! grant-signing key, the local page where she decides (`crate::console`), and her delegation
//! to an acting authority while she is away (`super::delegation`).

use crate::context::Context;
use crate::error::Result;
use crate::messages as m;
use crate::output;
use clap::Subcommand;
use serde_json::json;
use std::path::PathBuf;
use vaultd::wire::pb;
use vaultd::wire::pb::grants_client::GrantsClient;

#[derive(Subcommand)]
pub enum AuthorityCommand {
    /// The key the vault pins.
    Key,
    /// Move trust to the signing key of another identity file, signing the change with the
    /// current key (authority). Grants signed by the old key stop working.
    Rotate {
        /// The identity file holding the new signing key.
        #[arg(long)]
        new_identity: PathBuf,
        /// Read the new identity's passphrase from this file (first line, mode 0600).
        #[arg(long)]
        new_identity_passphrase_file: Option<PathBuf>,
    },
    /// Decide in a local page in your browser: pending requests, live grants, releases of the
    /// last 7 days (authority). Your key never leaves this process.
    Console {
        /// Listen on this loopback address (127.0.0.1:PORT or [::1]:PORT; port 0: the system
        /// picks).
        #[arg(long)]
        listen: Option<String>,
        /// Do not open the browser: only print the link.
        #[arg(long)]
        no_open: bool,
    },
    /// While you are away: let an acting authority sign grants in your place, for a window and
    /// some accounts, by a statement signed with your key (authority).
    Delegate(super::delegation::DelegateArgs),
    /// The delegations: list them, or end one (authority).
    #[command(subcommand)]
    Delegation(super::delegation::DelegationCommand),
}

fn key_json(k: &pb::AuthorityKeyInfo) -> serde_json::Value {
    use base64::Engine;
    json!({
        "key_id": k.key_id,
        "public_key": base64::engine::general_purpose::STANDARD.encode(&k.public_key),
        "pinned_at": output::utc(k.pinned_at), "pinned_by": k.pinned_by,
        "sequence": k.sequence,
    })
}

fn say_key(ctx: &Context, k: &pb::AuthorityKeyInfo) {
    ctx.say(
        m::AUTHORITY_KEY,
        &[
            ("id", &k.key_id),
            ("sequence", &k.sequence),
            ("at", &ctx.time(k.pinned_at)),
            ("by", &k.pinned_by),
        ],
    );
}

/// The grants that were live before a rotation, as they read after it.
async fn live_grants(
    client: &mut GrantsClient<tonic::transport::Channel>,
) -> Result<Vec<pb::Grant>> {
    let list = client
        .list(pb::ListGrants {
            active_only: true,
            ..Default::default()
        })
        .await?
        .into_inner();
    Ok(list.grants)
}

pub async fn run(ctx: &Context, command: AuthorityCommand) -> Result<()> {
    let command = match command {
        AuthorityCommand::Console { listen, no_open } => {
            return crate::console::run(ctx, listen.as_deref(), no_open).await;
        }
        AuthorityCommand::Delegate(args) => return super::delegation::delegate(ctx, args).await,
        AuthorityCommand::Delegation(c) => return super::delegation::run(ctx, c).await,
        other => other,
    };
    let mut client = GrantsClient::new(ctx.channel().await?);
    match command {
        AuthorityCommand::Key => {
            let k = client
                .authority_key(pb::AuthorityKeyRequest {})
                .await?
                .into_inner();
            if ctx.json {
                output::json(&key_json(&k));
            } else {
                say_key(ctx, &k);
            }
        }
        AuthorityCommand::Rotate {
            new_identity,
            new_identity_passphrase_file,
        } => {
            let current = ctx
                .load_identity()?
                .signing_key()
                .ok_or_else(|| ctx.fail(m::NO_SIGNING_KEY, &[]))?;
            let new = ctx
                .open_identity(
                    &new_identity,
                    new_identity_passphrase_file.as_deref(),
                    false,
                )?
                .signing_key()
                .ok_or_else(|| ctx.fail(m::NO_SIGNING_KEY, &[]))?;
            let new_public_key = new.public_key();
            // The statement names the current key's place in the history, so it cannot be
            // replayed at another rotation.
            let sequence = client
                .authority_key(pb::AuthorityKeyRequest {})
                .await?
                .into_inner()
                .sequence;
            let signature = current.sign_rotation(sequence, &new_public_key);
            // Read just before: what the rotation ends is said after it.
            let live: Vec<String> = live_grants(&mut client)
                .await?
                .into_iter()
                .map(|g| g.id)
                .collect();
            let k = client
                .rotate_authority_key(pb::RotateAuthorityKeyRequest {
                    new_public_key,
                    signature,
                })
                .await?
                .into_inner();
            let all = client
                .list(pb::ListGrants::default())
                .await?
                .into_inner()
                .grants;
            let ended: Vec<&pb::Grant> = all
                .iter()
                .filter(|g| live.contains(&g.id) && g.state != "active")
                .collect();
            if ctx.json {
                let mut value = key_json(&k);
                value["ended_grants"] = ended.iter().map(|g| json!(g.id)).collect();
                output::json(&value);
            } else {
                say_key(ctx, &k);
                if ended.is_empty() {
                    ctx.say(m::AUTHORITY_ROTATION_ENDED_NONE, &[]);
                } else {
                    ctx.say(m::AUTHORITY_ROTATION_ENDED, &[("count", &ended.len())]);
                    super::grant::print_grants(ctx, &ended);
                }
            }
        }
        AuthorityCommand::Console { .. }
        | AuthorityCommand::Delegate(_)
        | AuthorityCommand::Delegation(_) => unreachable!("handled above"),
    }
    Ok(())
}
