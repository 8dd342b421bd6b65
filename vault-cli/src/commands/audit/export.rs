//! `audit export`: every entry, the checkpoint over them, the witnesses' cosigned
//! checkpoints and the statements that check every grant's signatures, written to a new directory
//! for offline verification and review.

use super::files::{private_file, write};
use crate::context::Context;
use crate::error::Result;
use crate::messages as m;
use std::path::Path;
use vaultd::wire::pb;
use vaultd::wire::pb::audit_client::AuditClient;

/// Writes every entry, the checkpoint over them and the witnesses' cosigned checkpoints to
/// `out`, a new or empty directory; returns how many entries. A bar shows progress on a terminal.
/// Nothing is made before the vault's first answer, and what was made is removed again if the
/// export does not finish: a refused or broken export leaves nothing that blocks the next one.
pub(super) async fn export_to(
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
    let mut stream = client.export(pb::AuditExportRequest {}).await?.into_inner();
    // A refusal arrives with the call or its first message: before anything is made.
    let mut next = stream.message().await?;
    let mut made = Made::default();
    if !out.exists() {
        std::fs::create_dir_all(out).map_err(|e| {
            ctx.fail(
                m::WRITE_FAILED,
                &[("path", &out.display()), ("detail", &ctx.os_error(&e))],
            )
        })?;
        made.0.push(out.to_owned());
    }
    let entries_path = out.join("entries.jsonl");
    let write_failed = |e: std::io::Error| {
        ctx.fail(
            m::WRITE_FAILED,
            &[
                ("path", &entries_path.display()),
                ("detail", &ctx.os_error(&e)),
            ],
        )
    };
    let file = private_file(&entries_path).map_err(write_failed)?;
    made.0.push(entries_path.clone());
    let mut writer = std::io::BufWriter::new(file);
    let bar = crate::progress::bar(ctx, expected, m::report::EXPORTING.text(ctx.lang), false);
    let (mut count, mut checkpoint) = (0u64, String::new());
    let mut cosigned = Vec::new();
    let mut carried = super::grant_signatures::Carried::default();
    while let Some(mut chunk) = next {
        carried.take(&mut chunk);
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
        next = stream.message().await?;
    }
    bar.finish_and_clear();
    // Every complete export ends with the checkpoint over it; a stream that ends without one
    // (the vault ended it, e.g. the caller's access ended) is not an export: what was made goes.
    if checkpoint.is_empty() {
        return Err(ctx.fail(m::EXPORT_INCOMPLETE, &[("count", &count)]));
    }
    writer.flush().map_err(write_failed)?;
    let checkpoint_path = out.join("checkpoint");
    made.0.push(checkpoint_path.clone());
    write(ctx, &checkpoint_path, checkpoint.as_bytes())?;
    // The grants, delegations, second signatures and approvals statements as signed, for
    // `audit verify`'s check of every grant's signatures.
    carried.write(ctx, out, &mut made.0)?;
    // Each witness's latest cosigned checkpoint, for `audit verify --witness`.
    if !cosigned.is_empty() {
        let dir = out.join("cosigned");
        std::fs::create_dir(&dir).map_err(|e| {
            ctx.fail(
                m::WRITE_FAILED,
                &[("path", &dir.display()), ("detail", &ctx.os_error(&e))],
            )
        })?;
        made.0.push(dir.clone());
        for (i, note) in cosigned.iter().enumerate() {
            let path = dir.join(format!("{}", i + 1));
            made.0.push(path.clone());
            write(ctx, &path, note.as_bytes())?;
        }
    }
    made.keep();
    Ok(count)
}

/// The directory and files an export made, in order, removed (last first) when dropped before
/// [`Made::keep`]. A directory is removed only once empty: never anything this export did not
/// make.
#[derive(Default)]
struct Made(Vec<std::path::PathBuf>);

impl Made {
    fn keep(mut self) {
        self.0.clear();
    }
}

impl Drop for Made {
    fn drop(&mut self) {
        for path in self.0.iter().rev() {
            if path.is_dir() {
                let _ = std::fs::remove_dir(path);
            } else {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}
