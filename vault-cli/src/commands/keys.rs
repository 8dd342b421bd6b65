//! `keys list | add-escrow | remove-escrow | new-unseal-key | change-passphrase`: who can
//! unseal the vault (operator, vault unsealed). Rekeying the data key itself is `vaultd rekey`,
//! with the daemon stopped.

use crate::context::Context;
use crate::error::Result;
use crate::messages as m;
use crate::output;
use clap::Subcommand;
use serde_json::json;
use std::path::PathBuf;
use vaultd::wire::pb;
use vaultd::wire::pb::keys_client::KeysClient;

#[derive(Subcommand)]
pub enum KeysCommand {
    /// The ways to open the vault's data key.
    List,
    /// Wrap the data key to one more escrow recipient (age1...).
    AddEscrow {
        /// The age recipient (age1...).
        recipient: String,
    },
    /// Remove an escrow recipient (never the last way to unseal).
    RemoveEscrow {
        /// The age recipient (age1...).
        recipient: String,
    },
    /// Make a new unseal key here (mode 0600) and make the vault use it; the old key stops
    /// opening the vault.
    NewUnsealKey {
        /// Where to write the new key (must not exist; mode 0600).
        #[arg(long)]
        out: PathBuf,
    },
    /// Change (or add) the unseal passphrase.
    ChangePassphrase {
        /// Read the current passphrase from this file (first line, mode 0600).
        #[arg(long)]
        current_passphrase_file: Option<PathBuf>,
        /// Read the new passphrase from this file (first line, mode 0600) instead of asking it
        /// twice.
        #[arg(long)]
        new_passphrase_file: Option<PathBuf>,
    },
}

fn show(ctx: &Context, list: &pb::KeyList) {
    if ctx.json {
        let rows: Vec<_> = list
            .wrappings
            .iter()
            .map(
                |w| json!({ "kind": w.kind, "recipient": w.recipient, "created_at": w.created_at }),
            )
            .collect();
        output::json(&json!(rows));
        return;
    }
    let l = ctx.lang;
    let rows: Vec<Vec<String>> = list
        .wrappings
        .iter()
        .map(|w| {
            let kind = match w.kind.as_str() {
                "identity" => m::WRAP_UNSEAL_KEY,
                "passphrase" => m::WRAP_PASSPHRASE,
                _ => m::WRAP_ESCROW,
            };
            vec![
                kind.text(l).to_owned(),
                w.recipient.clone(),
                output::time(w.created_at),
            ]
        })
        .collect();
    output::table(
        &[m::head::KIND, m::head::RECIPIENT, m::head::SINCE].map(|h| h.text(l)),
        &rows,
    );
}

pub async fn run(ctx: &Context, command: KeysCommand) -> Result<()> {
    let mut client = KeysClient::new(ctx.channel().await?);
    let list = match command {
        KeysCommand::List => client.list(pb::ListKeysRequest {}).await?.into_inner(),
        KeysCommand::AddEscrow { recipient } => {
            let list = client
                .add_escrow(pb::EscrowRequest { recipient })
                .await?
                .into_inner();
            if !ctx.json {
                ctx.say(m::ESCROW_ADDED, &[]);
            }
            list
        }
        KeysCommand::RemoveEscrow { recipient } => {
            let list = client
                .remove_escrow(pb::EscrowRequest { recipient })
                .await?
                .into_inner();
            if !ctx.json {
                ctx.say(m::ESCROW_REMOVED, &[]);
            }
            list
        }
        KeysCommand::NewUnsealKey { out } => new_unseal_key(ctx, &mut client, &out).await?,
        KeysCommand::ChangePassphrase {
            current_passphrase_file,
            new_passphrase_file,
        } => {
            // Asked before any call, so a missing file costs no attempt.
            let current = ctx.secret(
                current_passphrase_file.as_deref(),
                m::ASK_CURRENT_UNSEAL_PASSPHRASE.text(ctx.lang),
            );
            let new = ctx.new_secret(
                new_passphrase_file.as_deref(),
                m::ASK_NEW_UNSEAL_PASSPHRASE.text(ctx.lang),
            )?;
            // A vault without a passphrase needs no current one: an empty answer is fine.
            let current = match current {
                Ok(pass) => pass.expose().as_bytes().to_vec(),
                Err(e) if current_passphrase_file.is_some() => return Err(e),
                Err(_) => Vec::new(),
            };
            let list = client
                .change_passphrase(pb::ChangePassphraseRequest {
                    current,
                    new_passphrase: new.expose().as_bytes().to_vec(),
                })
                .await?
                .into_inner();
            if !ctx.json {
                ctx.say(m::PASSPHRASE_CHANGED, &[]);
            }
            list
        }
    };
    show(ctx, &list);
    Ok(())
}

/// Makes the new key on this machine (the daemon only ever sees its recipient), writes it,
/// then has the vault adopt it; if the vault refuses, the file is removed again.
async fn new_unseal_key(
    ctx: &Context,
    client: &mut KeysClient<tonic::transport::Channel>,
    out: &std::path::Path,
) -> Result<pb::KeyList> {
    use age::secrecy::ExposeSecret;
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public().to_string();
    let text = zeroize::Zeroizing::new(format!(
        "# vaultd unseal key; recipient: {recipient}\n{}\n",
        identity.to_string().expose_secret()
    ));
    vaultd::identity::write_private(out, text.as_bytes(), false)
        .map_err(|e| ctx.identity_error(&e))?;
    match client
        .replace_unseal_key(pb::ReplaceUnsealKeyRequest {
            recipient: recipient.clone(),
        })
        .await
    {
        Ok(list) => {
            if !ctx.json {
                ctx.say(
                    m::UNSEAL_KEY_REPLACED,
                    &[("path", &out.display()), ("recipient", &recipient)],
                );
            }
            Ok(list.into_inner())
        }
        Err(status) => {
            // Only a definite refusal means the vault did not adopt the key; after a broken
            // connection it may have, and this file would then be the only copy.
            let refused = matches!(
                status.code(),
                tonic::Code::InvalidArgument
                    | tonic::Code::PermissionDenied
                    | tonic::Code::FailedPrecondition
                    | tonic::Code::Unauthenticated
                    | tonic::Code::Unimplemented
            );
            if refused {
                let _ = std::fs::remove_file(out);
            } else {
                eprintln!(
                    "{}",
                    m::UNSEAL_KEY_KEPT.fill(
                        ctx.lang,
                        &[("path", &out.display()), ("recipient", &recipient)]
                    )
                );
            }
            Err(status.into())
        }
    }
}
