//! `audit verify` and `verify-proof`, offline: an export or a proof against the verifier key,
//! with findings (tampering, a fork, a witness that did not vouch) said in the reader's
//! language and exit status 3.

use super::files::read;
use super::grant_signatures;
use super::verifier_key::{describe_note, verifier};
use super::witness;
use crate::context::Context;
use crate::error::{CliError, Result};
use crate::messages as m;
use crate::output;
use base64::Engine;
use serde_json::json;
use std::path::Path;
use vaultd::i18n::Lang;
use vaultd::tlog::verify::VerifyError;

/// A verification failure in the reader's language, naming the check or the first bad line.
/// A verification that does not hold, said in the reader's language: exit status 3, a finding
/// rather than a failure to run (`verify`, `verify-proof`, `report`).
pub(super) fn verify_failed(ctx: &Context, e: &VerifyError) -> CliError {
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
        VerifyError::NotIncluded { index, .. } | VerifyError::OtherIndex { index, .. } => {
            v::NOT_INCLUDED.fill(lang, &[("index", index)])
        }
        other => other.to_string(),
    }
}

/// An export's entries, read through a progress bar over their bytes (drawn on a terminal).
pub(super) fn open_entries(
    ctx: &Context,
    dir: &Path,
) -> Result<(impl std::io::BufRead, indicatif::ProgressBar)> {
    let path = dir.join("entries.jsonl");
    let file = std::fs::File::open(&path).map_err(|e| {
        ctx.fail(
            m::READ_FAILED,
            &[("path", &path.display()), ("detail", &ctx.os_error(&e))],
        )
    })?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = crate::progress::bar(ctx, size, m::report::VERIFYING.text(ctx.lang), true);
    let reader = std::io::BufReader::with_capacity(1 << 20, bar.wrap_read(file));
    Ok((reader, bar))
}

/// `audit verify`: the export, then each witness's vouch for it, from the same pass.
pub(super) fn verify(
    ctx: &Context,
    dir: &Path,
    key: &str,
    since: Option<&Path>,
    witnesses: &[String],
    authority_keys: &[String],
) -> Result<()> {
    let verifier = verifier(ctx, key)?;
    let authority_keys = authority_keys
        .iter()
        .map(|k| grant_signatures::authority_key(ctx, k))
        .collect::<Result<Vec<_>>>()?;
    let witnesses = witness::WitnessCheck::new(ctx, dir, &verifier, witnesses)?;
    let checkpoint = String::from_utf8_lossy(&read(ctx, &dir.join("checkpoint"))?).into_owned();
    let since = since
        .map(|p| read(ctx, p).map(|b| String::from_utf8_lossy(&b).into_owned()))
        .transpose()?;
    let (reader, bar) = open_entries(ctx, dir)?;
    // What the log says of grants and their signatures, gathered in the same pass (used only if it holds).
    let mut chain_log = grant_signatures::ChainLog::default();
    let mut gather = |e: &vaultd::tlog::entry::EntryRef<'_>| chain_log.add(e);
    let verified = vaultd::tlog::verify::verify_export_reading(
        reader,
        &checkpoint,
        &verifier,
        since.as_deref(),
        &witnesses.sizes(),
        Some(&mut gather),
    );
    bar.finish_and_clear();
    match verified {
        Ok(v) => {
            // Each witness's vouch first: a witness that did not vouch fails the check (exit
            // status 3), and "OK" is never printed above a refusal.
            let vouches = witnesses.vouches(ctx, &verifier, &v)?;
            // Then every grant's signatures, from the entries that verified.
            let checked = grant_signatures::check(ctx, dir, chain_log, &authority_keys)?;
            let root = base64::engine::general_purpose::STANDARD.encode(v.root);
            let since = v
                .since
                .map(|s| m::AUDIT_EXTENDS.fill(ctx.lang, &[("size", &s)]))
                .unwrap_or_default();
            if ctx.json {
                output::json(&json!({
                    "ok": true,
                    "entries": v.size,
                    "root": root,
                    "origin": verifier.name,
                    "extends": v.since,
                    "delegated_grants": checked.delegated,
                    "grants": checked.grants,
                    "cosignatures": checked.cosignatures,
                    "approvals": checked.approvals,
                    "not_checked": checked.not_checked_json(),
                }));
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
                checked.say(ctx);
            }
            witness::say_vouches(ctx, &vouches);
            Ok(())
        }
        // A log that does not verify is a finding, not a failure to run: exit status 3.
        Err(e) => Err(verify_failed(ctx, &e)),
    }
}

pub(super) fn verify_proof(ctx: &Context, file: &Path, key: &str, entry: &Path) -> Result<()> {
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
