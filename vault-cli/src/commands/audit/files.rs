//! The files the audit commands read and leave: read with a clear error, written 0600 (the log
//! holds personal data, art. 15).

use crate::context::Context;
use crate::error::Result;
use crate::messages as m;
use std::path::Path;

pub(super) fn read(ctx: &Context, path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        ctx.fail(
            m::READ_FAILED,
            &[("path", &path.display()), ("detail", &ctx.os_error(&e))],
        )
    })
}

pub(super) fn write(ctx: &Context, path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    private_file(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(|e| {
            ctx.fail(
                m::WRITE_FAILED,
                &[("path", &path.display()), ("detail", &ctx.os_error(&e))],
            )
        })
}

/// A file only its owner reads, written from its start: the audit log holds personal data
/// (art. 15), so exports, proofs and checkpoints are 0600 like identities.
pub(super) fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    vaultd::private_file::create_truncating(path)
}
