//! `audit report`: a review document for people, built from the audit log alone.
//!
//! Offline (`audit report DIR --key K`), the export is verified first, in the same pass that
//! reads it (the hashing workers parse each entry once); nothing is written unless every check
//! holds (every grant's signatures too), and a failure exits with status 3. Online (no
//! DIR), the log is exported to a private temporary directory and verified with the key the
//! daemon gives: a convenience, and the header says so. Then one model (`vaultd::review`) is
//! rendered as text, CSV, HTML or JSON.

mod csv;
mod document;
mod html;
mod sections;
mod tables;
mod text;

use crate::context::Context;
use crate::error::{CliError, Result};
use crate::messages::{self as m, report as r};
use base64::Engine;
use std::io::Write;
use std::path::{Path, PathBuf};
use vaultd::review::hours::{BusinessHours, DEFAULT_HOURS, DEFAULT_ZONE};
use vaultd::review::{Period, Review, Reviewer};
use vaultd::times::TimeArg;
use vaultd::wire::pb;
use vaultd::wire::pb::audit_client::AuditClient;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
    Html,
}

#[derive(clap::Args)]
pub struct ReportArgs {
    /// An export directory (from `audit export`): the report is built from it offline, once it
    /// verifies; without it, the log is read from the vault (auditor).
    pub dir: Option<PathBuf>,
    /// The verifier key you kept, or a file holding it (required with DIR).
    #[arg(long)]
    pub key: Option<String>,
    /// A witness's verifier key (or a file holding it): the export must extend a checkpoint
    /// this witness co-signed (repeatable).
    #[arg(long = "witness")]
    pub witnesses: Vec<String>,
    /// The Secrétaire générale's public key (base64 or hex), or a file holding it: every grant
    /// and second signature must verify under it, or through a delegation to it (by default:
    /// the keys the export carries that the log says were pinned). Repeatable: give each key
    /// she used, before and after a rotation.
    #[arg(long = "authority-key")]
    pub authority_keys: Vec<String>,
    /// Start of the period (RFC 3339, or a date from its midnight), included.
    #[arg(long, value_parser = crate::values::time_or_date)]
    pub from: Option<TimeArg>,
    /// End of the period (RFC 3339, or a date from its midnight), excluded.
    #[arg(long, value_parser = crate::values::time_or_date)]
    pub to: Option<TimeArg>,
    /// text, json, csv or html (one self-contained, printable file).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to this file (mode 0600) instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Business hours: days and times, e.g. "mon-fri 07:00-19:00".
    #[arg(long, default_value = DEFAULT_HOURS)]
    pub business_hours: String,
    // The zone of business hours and of the times shown is the global --time-zone
    // (America/Montreal by default here: the Commission's hours, whatever the reader's zone).
}

/// What the report's header says about where its facts come from.
pub struct Header {
    pub origin: String,
    pub size: u64,
    pub root: String,
    pub witnesses: Vec<super::witness::Vouch>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub generated_at: String,
    /// Verified with a key the caller kept (offline), or with the daemon's own (online).
    pub offline: bool,
}

/// `audit report DIR --key K`.
pub fn offline(ctx: &Context, args: ReportArgs) -> Result<()> {
    let dir = args.dir.clone().unwrap_or_default();
    let key = args
        .key
        .clone()
        .ok_or_else(|| CliError::Usage(r::KEY_NEEDED.text(ctx.lang).to_owned()))?;
    build_and_write(ctx, &args, &dir, &key, true)
}

/// `audit report` without DIR: the log fetched from the vault into a private temporary
/// export, verified with the vault's own key, then reported as offline.
pub async fn online(
    ctx: &Context,
    client: &mut AuditClient<tonic::transport::Channel>,
    args: ReportArgs,
) -> Result<()> {
    // Checked before the log is fetched: a typo costs no export.
    parse_options(ctx, &args)?;
    let key = client
        .key(pb::AuditKeyRequest {})
        .await?
        .into_inner()
        .verifier_key;
    let dir = PrivateTempDir::new(ctx)?;
    super::export::export_to(ctx, client, dir.path()).await?;
    build_and_write(ctx, &args, dir.path(), &key, false)
}

fn parse_options(ctx: &Context, args: &ReportArgs) -> Result<(Period, BusinessHours)> {
    // The period's dates are days in the report's zone, as its business hours are.
    let zone_name = ctx.zone_name.as_deref().unwrap_or(DEFAULT_ZONE);
    let zone = vaultd::times::Zone::named(zone_name).unwrap_or_else(|| ctx.zone.clone());
    let time = |value: Option<TimeArg>| value.and_then(|v| v.resolve(&zone));
    let period = Period {
        from: time(args.from),
        to: time(args.to),
    };
    let hours = BusinessHours::parse(&args.business_hours, zone_name)
        .map_err(|e| CliError::Usage(r::BAD_HOURS.fill(ctx.lang, &[("detail", &e)])))?;
    Ok((period, hours))
}

fn build_and_write(
    ctx: &Context,
    args: &ReportArgs,
    dir: &Path,
    key: &str,
    offline: bool,
) -> Result<()> {
    let (period, hours) = parse_options(ctx, args)?;
    // The header names the period as read: a bare date becomes its midnight, in RFC 3339.
    let (from, to) = (
        period.from.map(vaultd::times::format_time),
        period.to.map(vaultd::times::format_time),
    );
    let verifier = super::verifier_key::verifier(ctx, key)?;
    let authority_keys = args
        .authority_keys
        .iter()
        .map(|k| super::grant_signatures::authority_key(ctx, k))
        .collect::<Result<Vec<_>>>()?;
    let checkpoint_path = dir.join("checkpoint");
    let checkpoint = std::fs::read_to_string(&checkpoint_path).map_err(|e| {
        ctx.fail(
            m::READ_FAILED,
            &[
                ("path", &checkpoint_path.display()),
                ("detail", &ctx.os_error(&e)),
            ],
        )
    })?;
    let witnesses = super::witness::WitnessCheck::new(ctx, dir, &verifier, &args.witnesses)?;
    let mut reviewer = Reviewer::new(period, hours.clone());
    let mut chains = super::grant_signatures::ChainLog::default();
    let (reader, bar) = super::verify::open_entries(ctx, dir)?;
    let verified = vaultd::tlog::verify::verify_export_reading(
        reader,
        &checkpoint,
        &verifier,
        None,
        &witnesses.sizes(),
        Some(&mut |e| {
            reviewer.add(e);
            chains.add(e);
        }),
    );
    bar.finish_and_clear();
    // Nothing of an export that does not verify is reported: exit status 3.
    let verified = verified.map_err(|e| super::verify::verify_failed(ctx, &e))?;
    let witnesses = witnesses.vouches(ctx, &verifier, &verified)?;
    // A grant whose signatures do not lead to her key is a finding too: no report of it.
    super::grant_signatures::check(ctx, dir, chains, &authority_keys)?;
    let review = reviewer.finish();
    let header = Header {
        origin: verifier.name.clone(),
        size: verified.size,
        root: base64::engine::general_purpose::STANDARD.encode(verified.root),
        witnesses,
        from,
        to,
        generated_at: vaultd::tlog::entry::now_rfc3339(),
        offline,
    };
    let format = if ctx.json { Format::Json } else { args.format };
    write_report(ctx, args.out.as_deref(), |w| {
        render(ctx, format, &header, &review, &hours, w)
    })?;
    // The process ends next: a review of a million releases need not be freed piece by piece.
    std::mem::forget(review);
    if let Some(path) = &args.out {
        if !ctx.json {
            eprintln!(
                "{}",
                r::WRITTEN.fill(
                    ctx.lang,
                    &[
                        ("path", &path.display()),
                        ("format", &format!("{format:?}").to_lowercase())
                    ]
                )
            );
        }
    }
    Ok(())
}

fn render(
    ctx: &Context,
    format: Format,
    header: &Header,
    review: &Review,
    hours: &BusinessHours,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    let doc = document::Document::new(ctx.lang, header, review, hours);
    match format {
        Format::Text => text::write(&doc, w),
        Format::Csv => csv::write(&doc, w),
        Format::Html => html::write(&doc, w),
        Format::Json => {
            // The header through serde; the review, last, streamed by its own writer (a
            // million releases, written by hand, never held as a JSON tree).
            #[derive(serde::Serialize)]
            struct Json<'a> {
                origin: &'a str,
                checkpoint: serde_json::Value,
                witnesses: Vec<serde_json::Value>,
                from: Option<&'a str>,
                to: Option<&'a str>,
                generated_at: &'a str,
                verified_offline: bool,
                time_zone: &'a str,
            }
            let json = Json {
                origin: &header.origin,
                checkpoint: serde_json::json!({ "size": header.size, "root": header.root }),
                witnesses: header
                    .witnesses
                    .iter()
                    .map(|v| {
                        serde_json::json!({
                            "name": v.name,
                            "size": v.size,
                            "at": vaultd::times::format_time(v.at as i64),
                        })
                    })
                    .collect(),
                from: header.from.as_deref(),
                to: header.to.as_deref(),
                generated_at: &header.generated_at,
                verified_offline: header.offline,
                time_zone: hours.zone_name(),
            };
            let head = serde_json::to_string(&json)?;
            w.write_all(head.strip_suffix('}').unwrap_or(&head).as_bytes())?;
            w.write_all(b",\"review\":")?;
            review.write_json(w)?;
            writeln!(w, "}}")
        }
    }
}

/// Writes to `out` (a new 0600 file, replaced if it exists) or to standard output.
fn write_report(
    ctx: &Context,
    out: Option<&Path>,
    body: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let failed = |path: &dyn std::fmt::Display, e: std::io::Error| {
        ctx.fail(
            m::WRITE_FAILED,
            &[("path", path), ("detail", &ctx.os_error(&e))],
        )
    };
    match out {
        Some(path) => {
            let file = super::files::private_file(path).map_err(|e| failed(&path.display(), e))?;
            let mut w = std::io::BufWriter::new(file);
            body(&mut w)
                .and_then(|_| w.flush())
                .map_err(|e| failed(&path.display(), e))
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
            body(&mut w)
                .and_then(|_| w.flush())
                .map_err(|e| failed(&"stdout", e))
        }
    }
}

/// A directory only its owner reads, removed when dropped (the online report's export).
struct PrivateTempDir(PathBuf);

impl PrivateTempDir {
    fn new(ctx: &Context) -> Result<Self> {
        let mut random = [0u8; 8];
        ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut random)
            .map_err(|_| CliError::Message("no randomness".into()))?;
        let path = std::env::temp_dir().join(format!("vault-cli-report-{}", hex::encode(random)));
        vaultd::private_file::create_dir(&path, false).map_err(|e| {
            ctx.fail(
                m::WRITE_FAILED,
                &[("path", &path.display()), ("detail", &ctx.os_error(&e))],
            )
        })?;
        Ok(Self(path))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for PrivateTempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
