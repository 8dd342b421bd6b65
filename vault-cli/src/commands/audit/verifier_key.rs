//! The log's verifier key as a reader gives it (inline or in a file), and signed-note problems
//! said in the reader's language.

use super::files::read;
use crate::context::Context;
use crate::error::Result;
use crate::messages as m;
use std::path::Path;
use vaultd::i18n::Lang;
use vaultd::tlog::note::{NoteError, Verifier};

/// A verifier key given inline or in a file.
pub(super) fn verifier(ctx: &Context, key: &str) -> Result<Verifier> {
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

/// A signed-note problem in the reader's language.
pub(super) fn describe_note(lang: Lang, e: &NoteError) -> String {
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
