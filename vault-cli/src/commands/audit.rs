//! `audit log | tail | key | checkpoint | export | verify | prove | verify-proof | report`.
//! `verify` and `verify-proof` work offline: no identity, no daemon, only the verifier key.

use crate::context::Context;
use crate::error::{CliError, Result};
use crate::messages::{self as m, head};
use crate::output;
use base64::Engine;
use clap::Subcommand;
use serde_json::json;
use std::path::{Path, PathBuf};
use vaultd::i18n::Lang;
use vaultd::tlog::entry::AuditEntry;
use vaultd::tlog::note::{NoteError, Verifier};
use vaultd::tlog::verify::VerifyError;
use vaultd::wire::pb;
use vaultd::wire::pb::audit_client::AuditClient;

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Your own witness: co-sign checkpoints only when they extend what you co-signed before.
    #[command(subcommand)]
    Witness(crate::commands::witness::WitnessCommand),
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
    Report(crate::commands::report::ReportArgs),
}

#[derive(clap::Args, Default)]
pub struct Filter {
    /// Since (RFC 3339).
    #[arg(long)]
    since: Option<String>,
    /// Until (RFC 3339).
    #[arg(long)]
    until: Option<String>,
    /// Only this principal.
    #[arg(long)]
    principal: Option<String>,
    /// Only this account.
    #[arg(long)]
    account: Option<String>,
    /// Only this action, e.g. credential.get.
    #[arg(long)]
    action: Option<String>,
    /// allowed, denied or error.
    #[arg(long, value_parser = ["allowed", "denied", "error"])]
    outcome: Option<String>,
}

fn read(ctx: &Context, path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path)
        .map_err(|e| ctx.fail(m::READ_FAILED, &[("path", &path.display()), ("detail", &e)]))
}

fn write(ctx: &Context, path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    private_file(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(|e| {
            ctx.fail(
                m::WRITE_FAILED,
                &[("path", &path.display()), ("detail", &e)],
            )
        })
}

/// A new file only its owner reads: the audit log holds personal data (art. 15), so exports,
/// proofs and checkpoints are 0600 like identities.
pub(crate) fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    // A file that was there keeps its mode when opened: make it the owner's alone too.
    file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    Ok(file)
}

/// A verifier key given inline or in a file.
pub(crate) fn verifier(ctx: &Context, key: &str) -> Result<Verifier> {
    let text = if Path::new(key).is_file() {
        String::from_utf8_lossy(&read(ctx, Path::new(key))?)
            .trim()
            .to_owned()
    } else {
        key.to_owned()
    };
    Verifier::parse(&text).map_err(|e| {
        ctx.fail(
            m::BAD_VERIFIER_KEY,
            &[("detail", &describe_note(ctx.lang, &e))],
        )
    })
}

/// One entry as a table row: outcome and reason in the reader's language (codes in `--json`).
fn entry_row(lang: vaultd::i18n::Lang, e: &AuditEntry) -> Vec<String> {
    vec![
        e.seq.to_string(),
        e.time.clone(),
        e.principal.clone(),
        e.action.clone(),
        e.target.clone(),
        vaultd::i18n::outcome_label(lang, e.outcome.as_str()),
        e.reason
            .as_deref()
            .map(|r| vaultd::i18n::reason_label(lang, r))
            .unwrap_or_default(),
        e.grant.clone().unwrap_or_default(),
    ]
}

fn entry_headings(ctx: &Context) -> [&'static str; 8] {
    [
        head::SEQ,
        head::TIME,
        head::PRINCIPAL,
        head::ACTION,
        head::TARGET,
        head::OUTCOME,
        head::REASON,
        head::GRANT,
    ]
    .map(|h| h.text(ctx.lang))
}

/// The largest message the CLI accepts from the audit service (the daemon sends at most about
/// 1 MiB of entries per message, or one entry when a single entry is larger).
const MAX_MESSAGE: usize = 64 << 20;

/// The entries matching `query`, at most `most` of them, and whether more match.
async fn query_up_to(
    client: &mut AuditClient<tonic::transport::Channel>,
    mut query: pb::AuditQuery,
    most: Option<u64>,
) -> Result<(Vec<AuditEntry>, bool)> {
    let mut out = Vec::new();
    loop {
        if let Some(most) = most {
            let left = most.saturating_sub(out.len() as u64);
            if left == 0 {
                // One entry more, to say whether the page is the last one.
                query.limit = 1;
                let page = client.query(query).await?.into_inner();
                return Ok((out, !page.entries.is_empty()));
            }
            query.limit = left.min(u32::MAX as u64) as u32;
        }
        let page = client.query(query.clone()).await?.into_inner();
        out.extend(page.entries.iter().filter_map(|b| AuditEntry::parse(b)));
        if page.entries.is_empty() || page.next_seq >= page.log_size {
            return Ok((out, false));
        }
        query.from_seq = page.next_seq;
    }
}

fn query_of(filter: Filter) -> pb::AuditQuery {
    pb::AuditQuery {
        since: filter.since.unwrap_or_default(),
        until: filter.until.unwrap_or_default(),
        principal: filter.principal.unwrap_or_default(),
        account: filter.account.unwrap_or_default(),
        action: filter.action.unwrap_or_default(),
        outcome: filter.outcome.unwrap_or_default(),
        from_seq: 0,
        limit: 0,
    }
}

pub async fn run(ctx: &Context, command: AuditCommand) -> Result<()> {
    match command {
        AuditCommand::Witness(c) => return crate::commands::witness::run(ctx, c).await,
        AuditCommand::Verify {
            dir,
            key,
            since,
            witnesses,
        } => {
            return verify(ctx, &dir, &key, since.as_deref(), &witnesses);
        }
        AuditCommand::VerifyProof { file, key, entry } => {
            return verify_proof(ctx, &file, &key, &entry)
        }
        AuditCommand::Report(args) if args.dir.is_some() => {
            return crate::commands::report::offline(ctx, args)
        }
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
            let mut query = query_of(filter);
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
                        .map(|e| entry_row(ctx.lang, e))
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
                        println!("{}", entry_row(ctx.lang, &e).join("  "));
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
            let count = export_to(ctx, &mut client, &out).await?;
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
        AuditCommand::Report(args) => {
            crate::commands::report::online(ctx, &mut client, args).await?
        }
        AuditCommand::Verify { .. }
        | AuditCommand::VerifyProof { .. }
        | AuditCommand::Witness(_) => {}
    }
    Ok(())
}

/// Writes every entry, the checkpoint over them and the witnesses' cosigned checkpoints to
/// `out`, a new or empty directory; returns how many entries. A bar shows progress on a terminal.
pub(crate) async fn export_to(
    ctx: &Context,
    client: &mut AuditClient<tonic::transport::Channel>,
    out: &Path,
) -> Result<u64> {
    use std::io::Write;
    if out.exists()
        && std::fs::read_dir(out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(ctx.fail(m::DIR_NOT_EMPTY, &[("path", &out.display())]));
    }
    std::fs::create_dir_all(out)
        .map_err(|e| ctx.fail(m::WRITE_FAILED, &[("path", &out.display()), ("detail", &e)]))?;
    let entries_path = out.join("entries.jsonl");
    let write_failed = |e: std::io::Error| {
        ctx.fail(
            m::WRITE_FAILED,
            &[("path", &entries_path.display()), ("detail", &e)],
        )
    };
    let file = private_file(&entries_path).map_err(write_failed)?;
    let mut writer = std::io::BufWriter::new(file);
    // The log's size for the bar: the checkpoint's second line (verified later, offline).
    let expected = if std::io::IsTerminal::is_terminal(&std::io::stderr()) && !ctx.json {
        let note = client
            .checkpoint(pb::AuditCheckpointRequest {})
            .await?
            .into_inner()
            .note;
        note.lines()
            .nth(1)
            .and_then(|l| l.parse().ok())
            .unwrap_or(0)
    } else {
        0
    };
    let bar = crate::progress::bar(ctx, expected, m::report::EXPORTING.text(ctx.lang), false);
    let mut stream = client.export(pb::AuditExportRequest {}).await?.into_inner();
    let (mut count, mut checkpoint) = (0u64, String::new());
    let mut cosigned = Vec::new();
    while let Some(chunk) = stream.message().await? {
        for entry in &chunk.entries {
            writer
                .write_all(entry)
                .and_then(|_| writer.write_all(b"\n"))
                .map_err(write_failed)?;
            count += 1;
        }
        bar.set_position(count);
        if !chunk.checkpoint.is_empty() {
            checkpoint = chunk.checkpoint;
            cosigned = chunk.cosigned;
        }
    }
    bar.finish_and_clear();
    writer.flush().map_err(write_failed)?;
    write(ctx, &out.join("checkpoint"), checkpoint.as_bytes())?;
    // Each witness's latest cosigned checkpoint, for `audit verify --witness`.
    if !cosigned.is_empty() {
        let dir = out.join("cosigned");
        std::fs::create_dir(&dir)
            .map_err(|e| ctx.fail(m::WRITE_FAILED, &[("path", &dir.display()), ("detail", &e)]))?;
        for (i, note) in cosigned.iter().enumerate() {
            write(ctx, &dir.join(format!("{}", i + 1)), note.as_bytes())?;
        }
    }
    Ok(count)
}

/// A signed-note problem in the reader's language.
fn describe_note(lang: Lang, e: &NoteError) -> String {
    use crate::messages::verify as v;
    match e {
        NoteError::BadVerifierKey => v::BAD_KEY.text(lang).to_owned(),
        NoteError::Malformed => v::NOTE_MALFORMED.text(lang).to_owned(),
        NoteError::NotSignedBy(name) => v::NOT_SIGNED_BY.fill(lang, &[("name", name)]),
        NoteError::BadSignature => v::BAD_SIGNATURE.text(lang).to_owned(),
        NoteError::BadCheckpoint(part) => v::BAD_CHECKPOINT.fill(lang, &[("part", part)]),
        other => other.to_string(),
    }
}

/// A verification failure in the reader's language, naming the check or the first bad line.
/// A verification that does not hold, said in the reader's language: exit status 3, a finding
/// rather than a failure to run (`verify`, `verify-proof`, `report`).
pub(crate) fn verify_failed(ctx: &Context, e: &VerifyError) -> CliError {
    CliError::Refused(
        m::AUDIT_VERIFY_FAILED.fill(ctx.lang, &[("detail", &describe_verify(ctx.lang, e))]),
    )
}

fn describe_verify(lang: Lang, e: &VerifyError) -> String {
    use crate::messages::verify as v;
    match e {
        VerifyError::Io(detail) => v::IO.fill(lang, &[("detail", detail)]),
        VerifyError::Checkpoint(n) => {
            v::CHECKPOINT.fill(lang, &[("detail", &describe_note(lang, n))])
        }
        VerifyError::Since(n) => v::SINCE.fill(lang, &[("detail", &describe_note(lang, n))]),
        VerifyError::Malformed { line } => v::MALFORMED.fill(lang, &[("line", line)]),
        VerifyError::Sequence { line, found } => {
            v::SEQUENCE.fill(lang, &[("line", line), ("found", found)])
        }
        VerifyError::Size { found, expected } => {
            v::SIZE.fill(lang, &[("found", found), ("expected", expected)])
        }
        VerifyError::Root => v::ROOT.text(lang).to_owned(),
        VerifyError::NotExtending { size } => v::NOT_EXTENDING.fill(lang, &[("size", size)]),
        VerifyError::Shrunk { older, newer } => {
            v::SHRUNK.fill(lang, &[("older", older), ("newer", newer)])
        }
        VerifyError::Proof(detail) => v::PROOF.fill(lang, &[("detail", detail)]),
        VerifyError::NotIncluded { index } => v::NOT_INCLUDED.fill(lang, &[("index", index)]),
        other => other.to_string(),
    }
}

/// An export's entries, read through a progress bar over their bytes (drawn on a terminal).
pub(crate) fn open_entries(
    ctx: &Context,
    dir: &Path,
) -> Result<(impl std::io::BufRead, indicatif::ProgressBar)> {
    let path = dir.join("entries.jsonl");
    let file = std::fs::File::open(&path)
        .map_err(|e| ctx.fail(m::READ_FAILED, &[("path", &path.display()), ("detail", &e)]))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = crate::progress::bar(ctx, size, m::report::VERIFYING.text(ctx.lang), true);
    let reader = std::io::BufReader::with_capacity(1 << 20, bar.wrap_read(file));
    Ok((reader, bar))
}

/// `audit verify`: the export, then each witness's vouch for it, from the same pass.
fn verify(
    ctx: &Context,
    dir: &Path,
    key: &str,
    since: Option<&Path>,
    witnesses: &[String],
) -> Result<()> {
    let verifier = verifier(ctx, key)?;
    let witnesses = crate::commands::witness::WitnessCheck::new(ctx, dir, &verifier, witnesses)?;
    let checkpoint = String::from_utf8_lossy(&read(ctx, &dir.join("checkpoint"))?).into_owned();
    let since = since
        .map(|p| read(ctx, p).map(|b| String::from_utf8_lossy(&b).into_owned()))
        .transpose()?;
    let (reader, bar) = open_entries(ctx, dir)?;
    let verified = vaultd::tlog::verify::verify_export_reading(
        reader,
        &checkpoint,
        &verifier,
        since.as_deref(),
        &witnesses.sizes(),
        None,
    );
    bar.finish_and_clear();
    match verified {
        Ok(v) => {
            let root = base64::engine::general_purpose::STANDARD.encode(v.root);
            let since = v
                .since
                .map(|s| m::AUDIT_EXTENDS.fill(ctx.lang, &[("size", &s)]))
                .unwrap_or_default();
            if ctx.json {
                output::json(
                    &json!({ "ok": true, "entries": v.size, "root": root, "origin": verifier.name, "extends": v.since }),
                );
            } else {
                ctx.say(
                    m::AUDIT_VERIFIED,
                    &[
                        ("count", &v.size),
                        ("root", &root),
                        ("origin", &verifier.name),
                        ("since", &since),
                    ],
                );
            }
            // Then each witness's vouch (exit status 3 when one did not vouch).
            let vouches = witnesses.vouches(ctx, &verifier, &v)?;
            crate::commands::witness::say_vouches(ctx, &vouches);
            Ok(())
        }
        // A log that does not verify is a finding, not a failure to run: exit status 3.
        Err(e) => Err(verify_failed(ctx, &e)),
    }
}

fn verify_proof(ctx: &Context, file: &Path, key: &str, entry: &Path) -> Result<()> {
    let verifier = verifier(ctx, key)?;
    let bundle = String::from_utf8_lossy(&read(ctx, file)?).into_owned();
    let mut entry = read(ctx, entry)?;
    while entry.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        entry.pop();
    }
    match vaultd::tlog::verify::verify_proof(&bundle, &verifier, &entry) {
        Ok((index, size)) => {
            ctx.say(
                m::PROOF_VERIFIED,
                &[
                    ("index", &index),
                    ("size", &size),
                    ("origin", &verifier.name),
                ],
            );
            Ok(())
        }
        // A proof that does not hold is a finding: exit status 3, as for `verify`.
        Err(e) => Err(verify_failed(ctx, &e)),
    }
}
