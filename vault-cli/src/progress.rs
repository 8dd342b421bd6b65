//! Progress bars for long audit work (export, verify, report): drawn on stderr when it is a
//! terminal, never in `--json` mode or when stderr is a file or a pipe (scripts, timers, CI).

use crate::context::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A bar over `total` bytes (or entries with `unit` "entries"), labelled in the reader's
/// language; hidden unless stderr is a terminal.
pub fn bar(ctx: &Context, total: u64, label: &str, bytes: bool) -> ProgressBar {
    let target = if !ctx.json && std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let template = if bytes {
        "{msg} [{bar:40}] {bytes}/{total_bytes} ({eta})"
    } else {
        "{msg} [{bar:40}] {human_pos}/{human_len} ({eta})"
    };
    let bar = ProgressBar::with_draw_target(Some(total), target);
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(label.to_owned());
    bar
}
