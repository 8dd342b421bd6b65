//! `audit log | tail | key | checkpoint | export | verify | prove | verify-proof | report`.
//! `verify` and `verify-proof` work offline: no identity, no daemon, only the verifier key.

mod export;
mod files;
mod grant_signatures;
mod query;
pub mod report;
mod verifier_key;
mod verify;
pub mod witness;
mod witness_record;

use crate::context::Context;
use crate::error::Result;
use crate::messages as m;
use crate::output;
use clap::Subcommand;
use files::write;
use query::{entry_headings, entry_row, query_of, query_up_to};
use serde_json::json;
use std::path::PathBuf;
use vaultd::tlog::entry::AuditEntry;
use vaultd::wire::pb;
use vaultd::wire::pb::audit_client::AuditClient;

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Your own witness: co-sign checkpoints only when they extend what you co-signed before.
    #[command(subcommand)]
    Witness(witness::WitnessCommand),
    /// Query entries (auditor).
    Log {
        #[command(flatten)]
        filter: Filter,
        /// At most this many entries (a page); the rest are announced on stderr.
        #[arg(long)]
        limit: Option<u64>,
        /// Only entries after this sequence number (to continue a page).
        #[arg(long)]
        after: Option<u64>,
    },
    /// Stream new entries as they are appended (auditor).
    Tail,
    /// The verifier key, to keep (C2SP: name+keyid+base64(0x01||key)).
    Key,
    /// The latest signed checkpoint (auditor).
    Checkpoint {
        /// Write the checkpoint to this file.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Export every entry and the checkpoint over them to a new directory (auditor).
    Export {
        /// A new directory to write entries.jsonl and checkpoint to.
        #[arg(long)]
        out: PathBuf,
    },
    /// Verify an export offline.
    Verify {
        /// The export directory.
        dir: PathBuf,
        /// The verifier key string, or a file holding it.
        #[arg(long)]
        key: String,
        /// An older checkpoint the export must extend.
        #[arg(long)]
        since: Option<PathBuf>,
        /// A witness's verifier key (or a file holding it): the export must extend a
        /// checkpoint this witness co-signed (repeatable).
        #[arg(long = "witness")]
        witnesses: Vec<String>,
        /// The Secrétaire générale's public key (base64 or hex), or a file holding it: every
        /// grant and second signature must verify under it, or through a delegation to it
        /// (by default: the keys the export carries that the log says were pinned). Repeatable:
        /// give each key she used, before and after a rotation.
        #[arg(long = "authority-key")]
        authority_keys: Vec<String>,
    },
    /// A C2SP tlog-proof that entry SEQ is in the log (auditor).
    Prove {
        /// The entry's sequence number.
        seq: u64,
        /// Write the proof here and the entry to FILE.entry.json.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Verify a proof offline.
    VerifyProof {
        /// The proof file.
        file: PathBuf,
        /// The verifier key string, or a file holding it.
        #[arg(long)]
        key: String,
        /// The entry's exact JSON bytes, in a file.
        #[arg(long)]
        entry: PathBuf,
    },
    /// A review report for people: offline from a verified export (DIR --key), or online
    /// (auditor); text, JSON, CSV or HTML.
    Report(report::ReportArgs),
}

#[derive(clap::Args, Default)]
pub struct Filter {
    /// Since (RFC 3339, or a date from its midnight).
    #[arg(long, value_parser = crate::values::time_or_date)]
    pub(super) since: Option<vaultd::times::TimeArg>,
    /// Until (RFC 3339, or a date from its midnight).
    #[arg(long, value_parser = crate::values::time_or_date)]
    pub(super) until: Option<vaultd::times::TimeArg>,
    /// Only this principal.
    #[arg(long)]
    pub(super) principal: Option<String>,
    /// Only this account.
    #[arg(long)]
    pub(super) account: Option<String>,
    /// Only this action, e.g. credential.get.
    #[arg(long)]
    pub(super) action: Option<String>,
    /// allowed, denied or error.
    #[arg(long, value_parser = ["allowed", "denied", "error"])]
    pub(super) outcome: Option<String>,
}

/// The largest message the CLI accepts from the audit service (the daemon sends at most about
/// 1 MiB of entries per message, or one entry when a single entry is larger).
const MAX_MESSAGE: usize = 64 << 20;

pub async fn run(ctx: &Context, command: AuditCommand) -> Result<()> {
    match command {
        AuditCommand::Witness(c) => return witness::run(ctx, c).await,
        AuditCommand::Verify {
            dir,
            key,
            since,
            witnesses,
            authority_keys,
        } => {
            return verify::verify(
                ctx,
                &dir,
                &key,
                since.as_deref(),
                &witnesses,
                &authority_keys,
            );
        }
        AuditCommand::VerifyProof { file, key, entry } => {
            return verify::verify_proof(ctx, &file, &key, &entry)
        }
        AuditCommand::Report(args) if args.dir.is_some() => return report::offline(ctx, args),
        _ => {}
    }
    // A single entry written before entries were bounded may be megabytes: read any valid log.
    let mut client = AuditClient::new(ctx.channel().await?).max_decoding_message_size(MAX_MESSAGE);
    match command {
        AuditCommand::Log {
            filter,
            limit,
            after,
        } => {
            let mut query = query_of(ctx, filter)?;
            query.from_seq = after.map_or(0, |seq| seq.saturating_add(1));
            let (entries, more) = query_up_to(&mut client, query, limit).await?;
            if let (true, Some(last)) = (more, entries.last()) {
                eprintln!("{}", m::MORE_ENTRIES.fill(ctx.lang, &[("seq", &last.seq)]));
            }
            if ctx.json {
                let values: Vec<serde_json::Value> = entries
                    .iter()
                    .map(|e| serde_json::to_value(e).unwrap_or_default())
                    .collect();
                output::json(&serde_json::Value::Array(values));
            } else {
                output::table(
                    &entry_headings(ctx),
                    &entries
                        .iter()
                        .map(|e| entry_row(ctx, e))
                        .collect::<Vec<_>>(),
                );
            }
        }
        AuditCommand::Tail => {
            let mut stream = client.tail(pb::AuditTailRequest {}).await?.into_inner();
            while let Some(page) = stream.message().await? {
                for bytes in page.entries {
                    if ctx.json {
                        println!("{}", String::from_utf8_lossy(&bytes));
                    } else if let Some(e) = AuditEntry::parse(&bytes) {
                        println!("{}", entry_row(ctx, &e).join("  "));
                    }
                }
            }
        }
        AuditCommand::Key => {
            let key = client
                .key(pb::AuditKeyRequest {})
                .await?
                .into_inner()
                .verifier_key;
            if ctx.json {
                output::json(&json!({ "verifier_key": key }));
            } else {
                println!("{key}");
            }
        }
        AuditCommand::Checkpoint { out } => {
            let note = client
                .checkpoint(pb::AuditCheckpointRequest {})
                .await?
                .into_inner()
                .note;
            match out {
                Some(path) => write(ctx, &path, note.as_bytes())?,
                None if ctx.json => {
                    // The body's three lines (origin, size, root), unverified: scripts that
                    // rely on them verify the note with the key they kept.
                    let mut lines = note.lines();
                    let (origin, size, root) = (lines.next(), lines.next(), lines.next());
                    output::json(&json!({
                        "origin": origin,
                        "size": size.and_then(|s| s.parse::<u64>().ok()),
                        "root": root,
                        "note": note,
                    }));
                }
                None => print!("{note}"),
            }
        }
        AuditCommand::Export { out } => {
            let count = export::export_to(ctx, &mut client, &out).await?;
            if ctx.json {
                output::json(&json!({ "dir": out, "entries": count }));
            } else {
                ctx.say(
                    m::AUDIT_EXPORTED,
                    &[("count", &count), ("dir", &out.display())],
                );
            }
        }
        AuditCommand::Prove { seq, out } => {
            let proof = client
                .prove(pb::AuditProveRequest { seq })
                .await?
                .into_inner();
            match out {
                Some(path) => {
                    let entry_path = PathBuf::from(format!("{}.entry.json", path.display()));
                    write(ctx, &path, proof.bundle.as_bytes())?;
                    write(ctx, &entry_path, &proof.entry)?;
                    ctx.say(
                        m::PROOF_WRITTEN,
                        &[("path", &path.display()), ("entry", &entry_path.display())],
                    );
                }
                None => print!("{}", proof.bundle),
            }
        }
        AuditCommand::Report(args) => report::online(ctx, &mut client, args).await?,
        AuditCommand::Verify { .. }
        | AuditCommand::VerifyProof { .. }
        | AuditCommand::Witness(_) => {}
    }
    Ok(())
}
