//! `vaultd completions` and `vaultd man`: the shell completions and man pages, from the same
//! command definitions.

use crate::messages;
use anyhow::Context;
use clap::Args;
use std::path::PathBuf;
use vaultd::i18n::Lang;
use vaultd::msg;

/// The arguments of `vaultd completions`.
#[derive(Args)]
pub struct CompletionsArgs {
    /// The shell.
    shell: vaultd::manual::Shell,
}

/// The arguments of `vaultd man`.
#[derive(Args)]
pub struct ManArgs {
    /// The directory to write into.
    #[arg(long)]
    out: PathBuf,
}

msg!(vaultd::i18n::VAULTD, MAN_WRITTEN = "daemon-man-written");

/// `command` is the program's command tree (the caller has it; this module does not name it).
pub fn completions(args: CompletionsArgs, command: clap::Command) -> anyhow::Result<()> {
    Ok(vaultd::manual::print_completions(args.shell, command)?)
}

/// `command` is the program's command tree, as for [`completions`].
pub fn man(lang: Lang, args: ManArgs, command: clap::Command) -> anyhow::Result<()> {
    let out = &args.out;
    let french = vaultd::i18n::localize_help(command.clone(), Lang::Fr, &vaultd::i18n::VAULTD);
    let written = vaultd::manual::write_man_pages(
        command,
        french,
        &vaultd::i18n::help::man_words(Lang::Fr),
        out,
    )
    .with_context(|| messages::WRITING.fill(lang, &[("path", &out.display())]))?;
    println!(
        "{}",
        MAN_WRITTEN.fill(lang, &[("count", &written.len()), ("dir", &out.display())])
    );
    Ok(())
}
