//! `audit log | tail | key | checkpoint | export | verify | prove | verify-proof | report`.
//! `verify` and `verify-proof` work offline: no identity, no daemon, only the verifier key.

use crate::context::Context;
use crate::error::{CliError, Result};
use crate::messages::{self as m, head};
use crate::output;
use base64::Engine;
use clap::Subcommand;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use vaultd::i18n::Lang;
use vaultd::tlog::entry::{AuditEntry, Outcome};
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
    /// A review report (auditor).
    Report {
        /// Start (RFC 3339).
        #[arg(long)]
        from: Option<String>,
        /// End (RFC 3339).
        #[arg(long)]
        to: Option<String>,
    },
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
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
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

/// Every entry matching `query`, page by page.
async fn query_all(
    client: &mut AuditClient<tonic::transport::Channel>,
    query: pb::AuditQuery,
) -> Result<Vec<AuditEntry>> {
    Ok(query_up_to(client, query, None).await?.0)
}

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
            verify(ctx, &dir, &key, since.as_deref())?;
            return crate::commands::witness::require_witnesses(ctx, &dir, &key, &witnesses);
        }
        AuditCommand::VerifyProof { file, key, entry } => {
            return verify_proof(ctx, &file, &key, &entry)
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
            println!("{key}");
        }
        AuditCommand::Checkpoint { out } => {
            let note = client
                .checkpoint(pb::AuditCheckpointRequest {})
                .await?
                .into_inner()
                .note;
            match out {
                Some(path) => write(ctx, &path, note.as_bytes())?,
                None => print!("{note}"),
            }
        }
        AuditCommand::Export { out } => {
            if out.exists()
                && std::fs::read_dir(&out)
                    .map(|mut d| d.next().is_some())
                    .unwrap_or(true)
            {
                return Err(ctx.fail(m::DIR_NOT_EMPTY, &[("path", &out.display())]));
            }
            std::fs::create_dir_all(&out).map_err(|e| {
                ctx.fail(m::WRITE_FAILED, &[("path", &out.display()), ("detail", &e)])
            })?;
            let entries_path = out.join("entries.jsonl");
            let file = private_file(&entries_path).map_err(|e| {
                ctx.fail(
                    m::WRITE_FAILED,
                    &[("path", &entries_path.display()), ("detail", &e)],
                )
            })?;
            let mut writer = std::io::BufWriter::new(file);
            let mut stream = client.export(pb::AuditExportRequest {}).await?.into_inner();
            let (mut count, mut checkpoint) = (0u64, String::new());
            let mut cosigned = Vec::new();
            while let Some(chunk) = stream.message().await? {
                for entry in &chunk.entries {
                    use std::io::Write;
                    writer
                        .write_all(entry)
                        .and_then(|_| writer.write_all(b"\n"))
                        .map_err(|e| {
                            ctx.fail(
                                m::WRITE_FAILED,
                                &[("path", &entries_path.display()), ("detail", &e)],
                            )
                        })?;
                    count += 1;
                }
                if !chunk.checkpoint.is_empty() {
                    checkpoint = chunk.checkpoint;
                    cosigned = chunk.cosigned;
                }
            }
            use std::io::Write;
            writer.flush().map_err(|e| {
                ctx.fail(
                    m::WRITE_FAILED,
                    &[("path", &entries_path.display()), ("detail", &e)],
                )
            })?;
            write(ctx, &out.join("checkpoint"), checkpoint.as_bytes())?;
            // Each witness's latest cosigned checkpoint, for `audit verify --witness`.
            if !cosigned.is_empty() {
                let dir = out.join("cosigned");
                std::fs::create_dir(&dir).map_err(|e| {
                    ctx.fail(m::WRITE_FAILED, &[("path", &dir.display()), ("detail", &e)])
                })?;
                for (i, note) in cosigned.iter().enumerate() {
                    write(ctx, &dir.join(format!("{}", i + 1)), note.as_bytes())?;
                }
            }
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
        AuditCommand::Report { from, to } => report(ctx, &mut client, from, to).await?,
        AuditCommand::Verify { .. }
        | AuditCommand::VerifyProof { .. }
        | AuditCommand::Witness(_) => {}
    }
    Ok(())
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

fn verify(ctx: &Context, dir: &Path, key: &str, since: Option<&Path>) -> Result<()> {
    let verifier = verifier(ctx, key)?;
    let checkpoint = String::from_utf8_lossy(&read(ctx, &dir.join("checkpoint"))?).into_owned();
    let since = since
        .map(|p| read(ctx, p).map(|b| String::from_utf8_lossy(&b).into_owned()))
        .transpose()?;
    let path = dir.join("entries.jsonl");
    let file = std::fs::File::open(&path)
        .map_err(|e| ctx.fail(m::READ_FAILED, &[("path", &path.display()), ("detail", &e)]))?;
    let reader = std::io::BufReader::with_capacity(1 << 20, file);
    match vaultd::tlog::verify::verify_export(reader, &checkpoint, &verifier, since.as_deref()) {
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
            Ok(())
        }
        // A log that does not verify is a finding, not a failure to run: exit status 3.
        Err(e) => Err(CliError::Refused(
            m::AUDIT_VERIFY_FAILED.fill(ctx.lang, &[("detail", &describe_verify(ctx.lang, &e))]),
        )),
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
        Err(e) => Err(ctx.fail(
            m::AUDIT_VERIFY_FAILED,
            &[("detail", &describe_verify(ctx.lang, &e))],
        )),
    }
}

async fn report(
    ctx: &Context,
    client: &mut AuditClient<tonic::transport::Channel>,
    from: Option<String>,
    to: Option<String>,
) -> Result<()> {
    let filter = Filter {
        since: from.clone(),
        until: to.clone(),
        ..Filter::default()
    };
    let entries = query_all(client, query_of(filter)).await?;
    let channel = ctx.channel().await?;
    let grants = pb::grants_client::GrantsClient::new(channel.clone())
        .list(pb::ListGrants::default())
        .await?
        .into_inner()
        .grants;
    let accounts = pb::accounts_client::AccountsClient::new(channel)
        .list(pb::ListAccountsRequest {
            include_archived: true,
        })
        .await?
        .into_inner()
        .accounts;
    let purpose = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| grants.iter().find(|g| &g.id == id))
            .map(|g| g.purpose.clone())
            .unwrap_or_default()
    };
    let in_range = |t: i64| {
        from.as_deref()
            .and_then(vaultd::times::parse_time)
            .is_none_or(|f| t >= f)
            && to
                .as_deref()
                .and_then(vaultd::times::parse_time)
                .is_none_or(|u| t < u)
    };
    let releases: Vec<&AuditEntry> = entries
        .iter()
        .filter(|e| e.action == "credential.get" && e.outcome == Outcome::Allowed)
        .filter(|e| {
            e.detail
                .as_deref()
                .is_some_and(|d| d.starts_with("password") || d.starts_with("totp"))
        })
        .collect();
    let mut by_account: BTreeMap<&str, Vec<&AuditEntry>> = BTreeMap::new();
    for e in &releases {
        by_account.entry(e.target.as_str()).or_default().push(e);
    }
    let mut denials: BTreeMap<(String, String), u64> = BTreeMap::new();
    for e in entries.iter().filter(|e| e.outcome == Outcome::Denied) {
        *denials
            .entry((e.principal.clone(), e.reason.clone().unwrap_or_default()))
            .or_default() += 1;
    }
    let issued: Vec<&pb::Grant> = grants.iter().filter(|g| in_range(g.issued_at)).collect();
    let revoked: Vec<&pb::Grant> = grants
        .iter()
        .filter(|g| g.revoked_at > 0 && in_range(g.revoked_at))
        .collect();
    let expired_unused: Vec<&pb::Grant> = grants
        .iter()
        .filter(|g| g.state == "expired" && g.uses == 0)
        .collect();
    let self_grants: Vec<&pb::Grant> = grants.iter().filter(|g| g.self_grant).collect();
    // Signed by a retired authority key: no longer valid, whatever their window said.
    let superseded: Vec<&pb::Grant> = grants.iter().filter(|g| g.state == "superseded").collect();
    let rotation: Vec<&pb::Account> = accounts.iter().filter(|a| a.rotation_recommended).collect();
    // Who can open the vault and its copies: keys, backups, restores, and break-glass unseals.
    let key_events: Vec<&AuditEntry> = entries
        .iter()
        .filter(|e| e.outcome == Outcome::Allowed && is_key_event(e))
        .collect();

    if ctx.json {
        let grant_ids = |list: &[&pb::Grant]| {
            list.iter()
                .map(|g| crate::commands::grant::grant_json(g))
                .collect::<Vec<_>>()
        };
        output::json(&json!({
            "from": from, "to": to,
            "releases": by_account.iter().map(|(account, list)| json!({
                "account": account,
                "releases": list.iter().map(|e| json!({
                    "principal": e.principal, "time": e.time, "field": e.detail, "grant": e.grant,
                    "purpose": purpose(&e.grant), "seq": e.seq,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "denied": denials.iter().map(|((p, r), n)| json!({ "principal": p, "reason": r, "count": n })).collect::<Vec<_>>(),
            "grants_issued": grant_ids(&issued),
            "grants_revoked": grant_ids(&revoked),
            "grants_expired_unused": grant_ids(&expired_unused),
            "self_grants": grant_ids(&self_grants),
            "grants_superseded": grant_ids(&superseded),
            "rotation_recommended": rotation.iter().map(|a| &a.id).collect::<Vec<_>>(),
            "key_events": key_events.iter().map(|e| json!({
                "time": e.time, "principal": e.principal, "action": e.action,
                "detail": e.detail, "seq": e.seq,
            })).collect::<Vec<_>>(),
        }));
        return Ok(());
    }
    let l = ctx.lang;
    let dash = "-".to_owned();
    ctx.say(
        m::REPORT_TITLE,
        &[
            ("from", from.as_ref().unwrap_or(&dash)),
            ("to", to.as_ref().unwrap_or(&dash)),
        ],
    );
    let section = |title: vaultd::i18n::Msg| println!("\n== {}", title.text(l));
    section(m::REPORT_RELEASES);
    if by_account.is_empty() {
        println!("{}", m::REPORT_NONE.text(l));
    }
    for (account, list) in &by_account {
        println!("{account}");
        let rows: Vec<Vec<String>> = list
            .iter()
            .map(|e| {
                vec![
                    format!("  {}", e.time),
                    e.principal.clone(),
                    e.detail.clone().unwrap_or_default(),
                    e.grant.clone().unwrap_or_default(),
                    purpose(&e.grant),
                ]
            })
            .collect();
        output::table(
            &[
                "  ".to_owned() + head::TIME.text(l),
                head::PRINCIPAL.text(l).into(),
                head::FIELD.text(l).into(),
                head::GRANT.text(l).into(),
                head::PURPOSE.text(l).into(),
            ]
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
            &rows,
        );
    }
    section(m::REPORT_DENIALS);
    if denials.is_empty() {
        println!("{}", m::REPORT_NONE.text(l));
    } else {
        let rows: Vec<Vec<String>> = denials
            .iter()
            .map(|((p, r), n)| vec![p.clone(), vaultd::i18n::reason_label(l, r), n.to_string()])
            .collect();
        output::table(
            &[head::PRINCIPAL, head::REASON, head::COUNT].map(|h| h.text(l)),
            &rows,
        );
    }
    for (title, list) in [
        (m::REPORT_ISSUED, &issued),
        (m::REPORT_REVOKED, &revoked),
        (m::REPORT_EXPIRED_UNUSED, &expired_unused),
        (m::REPORT_SELF_GRANTS, &self_grants),
        (m::REPORT_SUPERSEDED, &superseded),
    ] {
        section(title);
        if list.is_empty() {
            println!("{}", m::REPORT_NONE.text(l));
            continue;
        }
        crate::commands::grant::print_grants(ctx, list);
    }
    section(m::REPORT_ROTATION);
    if rotation.is_empty() {
        println!("{}", m::REPORT_NONE.text(l));
    }
    for a in rotation {
        println!("  {}", a.id);
    }
    section(m::REPORT_KEY_EVENTS);
    if key_events.is_empty() {
        println!("{}", m::REPORT_NONE.text(l));
    } else {
        let rows: Vec<Vec<String>> = key_events
            .iter()
            .map(|e| {
                vec![
                    format!("  {}", e.time),
                    e.principal.clone(),
                    e.action.clone(),
                    output::printable(e.detail.as_deref().unwrap_or_default()),
                ]
            })
            .collect();
        output::table(
            &[
                "  ".to_owned() + head::TIME.text(l),
                head::PRINCIPAL.text(l).into(),
                head::ACTION.text(l).into(),
                head::DETAIL.text(l).into(),
            ]
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
            &rows,
        );
    }
    Ok(())
}

/// Entries that change who can open the vault or its copies: key changes, backups, restores,
/// a new server certificate, and unseals with an escrow key (break-glass).
fn is_key_event(e: &AuditEntry) -> bool {
    (e.action.starts_with("key.") && e.action != "key.list")
        || matches!(
            e.action.as_str(),
            "vault.backup" | "vault.restore" | "vault.rekey" | "vault.server_cert"
        )
        || (e.action == "vault.unseal"
            && e.detail
                .as_deref()
                .is_some_and(|d| d.starts_with("escrow key")))
}
