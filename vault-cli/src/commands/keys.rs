//! `keys list | add-escrow | remove-escrow | new-unseal-key | change-passphrase | pending |
//! approve`: who can unseal the vault. A new way to open the data key (an escrow recipient, a
//! new unseal key) is only proposed by the operator and takes effect when the Secrétaire
//! générale approves it with her signing key (`keys approve`). Rekeying the data key itself is
//! `vaultd rekey`, with the daemon stopped.

use crate::context::Context;
use crate::error::Result;
use crate::messages as m;
use crate::output;
use clap::Subcommand;
use serde_json::json;
use std::path::PathBuf;
use vaultd::authz::key_custody::{CustodyAction, CustodyApproval};
use vaultd::wire::pb;
use vaultd::wire::pb::keys_client::KeysClient;

#[derive(Subcommand)]
pub enum KeysCommand {
    /// The ways to open the vault's data key.
    List,
    /// Propose wrapping the data key to one more escrow recipient (age1...); it takes effect
    /// once the Secrétaire générale approves it (operator).
    AddEscrow {
        /// The age recipient (age1...).
        recipient: String,
    },
    /// Remove an escrow recipient (never the last way to unseal).
    RemoveEscrow {
        /// The age recipient (age1...).
        recipient: String,
    },
    /// Make a new unseal key here (mode 0600) and propose it; once the Secrétaire générale
    /// approves, the vault uses it and the old key stops opening the vault (operator).
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
    /// Key changes waiting for the Secrétaire générale's approval.
    Pending,
    /// Approve a pending key change with your signing key; it takes effect at once (authority).
    Approve {
        /// The change's id (or its first digits), from `keys pending`.
        id: String,
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
                ctx.time(w.created_at),
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
            let change = client
                .add_escrow(pb::EscrowRequest { recipient })
                .await?
                .into_inner();
            proposed(ctx, &change);
            return Ok(());
        }
        KeysCommand::Pending => {
            let list = client
                .pending_changes(pb::PendingKeyChangesRequest {})
                .await?
                .into_inner();
            show_changes(ctx, &list.changes);
            return Ok(());
        }
        KeysCommand::Approve { id } => approve(ctx, &mut client, &id).await?,
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
        KeysCommand::NewUnsealKey { out } => return new_unseal_key(ctx, &mut client, &out).await,
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
/// then proposes it to the vault; if the vault refuses, the file is removed again.
async fn new_unseal_key(
    ctx: &Context,
    client: &mut KeysClient<tonic::transport::Channel>,
    out: &std::path::Path,
) -> Result<()> {
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
        Ok(change) => {
            let change = change.into_inner();
            if ctx.json {
                output::json(&change_json(&change));
            } else {
                ctx.say(
                    m::UNSEAL_KEY_PROPOSED,
                    &[
                        ("path", &out.display()),
                        ("recipient", &recipient),
                        ("id", &change.id),
                    ],
                );
            }
            Ok(())
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

fn change_json(change: &pb::KeyChange) -> serde_json::Value {
    json!({
        "id": change.id,
        "action": change.action,
        "recipient": change.recipient,
        "proposed_by": change.proposed_by,
        "proposed_at": change.proposed_at,
        "vault_id": change.vault_id,
    })
}

/// The change's action in the reader's words.
fn action_words(ctx: &Context, change: &pb::KeyChange) -> String {
    match CustodyAction::from_code(&change.action) {
        Some(CustodyAction::EscrowAdd) => m::CUSTODY_ESCROW_ADD.text(ctx.lang).to_owned(),
        Some(CustodyAction::UnsealReplace) => m::CUSTODY_UNSEAL_REPLACE.text(ctx.lang).to_owned(),
        None => change.action.clone(),
    }
}

fn proposed(ctx: &Context, change: &pb::KeyChange) {
    if ctx.json {
        output::json(&change_json(change));
        return;
    }
    ctx.say(
        m::KEY_CHANGE_PROPOSED,
        &[
            ("id", &change.id),
            ("action", &action_words(ctx, change)),
            ("recipient", &change.recipient),
        ],
    );
}

fn show_changes(ctx: &Context, changes: &[pb::KeyChange]) {
    if ctx.json {
        output::json(&json!(changes.iter().map(change_json).collect::<Vec<_>>()));
        return;
    }
    let l = ctx.lang;
    let rows: Vec<Vec<String>> = changes
        .iter()
        .map(|c| {
            vec![
                c.id.clone(),
                action_words(ctx, c),
                c.recipient.clone(),
                c.proposed_by.clone(),
                ctx.time(c.proposed_at),
            ]
        })
        .collect();
    output::table(
        &[
            m::head::CHANGE,
            m::head::ACTION,
            m::head::RECIPIENT,
            m::head::PROPOSED_BY,
            m::head::PROPOSED_AT,
        ]
        .map(|h| h.text(l)),
        &rows,
    );
}

/// Finds the pending change `prefix` names, shows what is being approved, signs the statement
/// with the identity's signing key and sends it.
async fn approve(
    ctx: &Context,
    client: &mut KeysClient<tonic::transport::Channel>,
    prefix: &str,
) -> Result<pb::KeyList> {
    let identity = ctx.load_identity()?;
    let key = identity
        .signing_key()
        .ok_or_else(|| ctx.fail(m::NO_SIGNING_KEY, &[]))?;
    let pending = client
        .pending_changes(pb::PendingKeyChangesRequest {})
        .await?
        .into_inner()
        .changes;
    let matching: Vec<&pb::KeyChange> = pending
        .iter()
        .filter(|c| !prefix.is_empty() && c.id.starts_with(prefix))
        .collect();
    let change = match matching.as_slice() {
        [one] => *one,
        [] => return Err(ctx.fail(m::NO_KEY_CHANGE, &[("prefix", &prefix)])),
        _ => return Err(ctx.fail(m::AMBIGUOUS_KEY_CHANGE, &[("prefix", &prefix)])),
    };
    let action = CustodyAction::from_code(&change.action)
        .ok_or_else(|| ctx.fail(m::NO_KEY_CHANGE, &[("prefix", &prefix)]))?;
    if !ctx.json {
        eprintln!(
            "{}",
            m::KEY_CHANGE_TO_APPROVE.fill(
                ctx.lang,
                &[
                    ("action", &action_words(ctx, change)),
                    ("recipient", &change.recipient),
                    ("by", &change.proposed_by),
                    ("at", &ctx.time(change.proposed_at)),
                    ("vault", &change.vault_id),
                ]
            )
        );
    }
    let statement = CustodyApproval {
        vault: change.vault_id.clone(),
        change: change.id.clone(),
        action,
        recipient: change.recipient.clone(),
        approved_at: time::OffsetDateTime::now_utc().unix_timestamp(),
        key_id: key.key_id(),
    };
    let signed = statement.encode();
    let signature = key.sign(&signed);
    let list = client
        .approve_change(pb::ApproveKeyChangeRequest { signed, signature })
        .await?
        .into_inner();
    if !ctx.json {
        ctx.say(
            m::KEY_CHANGE_APPROVED,
            &[
                ("id", &change.id),
                ("action", &action_words(ctx, change)),
                ("recipient", &change.recipient),
                ("by", &change.proposed_by),
            ],
        );
    }
    Ok(list)
}
