//! `authority key | rotate | console`: the Secrétaire générale's pinned grant-signing key, and
//! the local page where she decides (`crate::console`).

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
}

fn show(ctx: &Context, k: &pb::AuthorityKeyInfo) {
    use base64::Engine;
    if ctx.json {
        output::json(&json!({
            "key_id": k.key_id,
            "public_key": base64::engine::general_purpose::STANDARD.encode(&k.public_key),
            "pinned_at": output::time(k.pinned_at), "pinned_by": k.pinned_by,
        }));
    } else {
        ctx.say(
            m::AUTHORITY_KEY,
            &[
                ("id", &k.key_id),
                ("at", &output::time(k.pinned_at)),
                ("by", &k.pinned_by),
            ],
        );
    }
}

pub async fn run(ctx: &Context, command: AuthorityCommand) -> Result<()> {
    if let AuthorityCommand::Console { listen, no_open } = command {
        return crate::console::run(ctx, listen.as_deref(), no_open).await;
    }
    let mut client = GrantsClient::new(ctx.channel().await?);
    match command {
        AuthorityCommand::Key => {
            let k = client
                .authority_key(pb::AuthorityKeyRequest {})
                .await?
                .into_inner();
            show(ctx, &k);
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
            let k = client
                .rotate_authority_key(pb::RotateAuthorityKeyRequest {
                    new_public_key,
                    signature,
                })
                .await?
                .into_inner();
            show(ctx, &k);
        }
        AuthorityCommand::Console { .. } => unreachable!("handled above"),
    }
    Ok(())
}
