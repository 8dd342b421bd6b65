//! Shell completions and man pages for `vaultd` and `vault-cli`, generated from their clap
//! definitions (so they never disagree with `--help`): English pages in `DIR/man1`, French ones
//! (the same tree with the French help) in `DIR/fr/man1`, one page per command and subcommand.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The shells `completions` writes scripts for.
pub use clap_complete::Shell;

/// Prints the completion script of `cmd` for `shell` on standard output; a reader that goes
/// away early (`| head`) ends it quietly.
pub fn print_completions(shell: Shell, mut cmd: clap::Command) -> std::io::Result<()> {
    let name = cmd.get_name().to_owned();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, name, &mut script);
    match std::io::stdout().lock().write_all(&script) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Words clap_mangen writes in English whatever the help's language (section headers such as
/// `.SH NAME`, `[default: `), each with what a page in another language says instead.
pub type PageWords = [(&'static str, String)];

/// Writes the man pages of `english` into `DIR/man1` and of `french` (the same command with
/// its French help) into `DIR/fr/man1`, its fixed words replaced by `french_words`. Returns the
/// files written.
pub fn write_man_pages(
    english: clap::Command,
    french: clap::Command,
    french_words: &PageWords,
    dir: &Path,
) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for (cmd, sub_dir, words) in [
        (english, dir.join("man1"), &[][..]),
        (french, dir.join("fr/man1"), french_words),
    ] {
        std::fs::create_dir_all(&sub_dir)?;
        let mut cmd = cmd;
        cmd.build();
        write_pages(&cmd, cmd.get_name(), &sub_dir, words, &mut written)?;
    }
    Ok(written)
}

/// One page for `cmd` named `name` (e.g. `vault-cli-grant-issue`), then one per subcommand.
fn write_pages(
    cmd: &clap::Command,
    name: &str,
    dir: &Path,
    words: &PageWords,
    written: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    let page = cmd.clone().name(name.to_owned());
    let path = dir.join(format!("{name}.1"));
    let mut roff = Vec::new();
    clap_mangen::Man::new(page).render(&mut roff)?;
    let mut text = String::from_utf8_lossy(&roff).into_owned();
    for (english, other) in words {
        text = text.replace(english, other);
    }
    let mut file = std::fs::File::create(&path)?;
    file.write_all(text.as_bytes())?;
    file.flush()?;
    written.push(path);
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        write_pages(
            sub,
            &format!("{name}-{}", sub.get_name()),
            dir,
            words,
            written,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> clap::Command {
        clap::Command::new("tool").about("A tool").subcommand(
            clap::Command::new("go")
                .about("Go somewhere")
                .arg(clap::Arg::new("far").long("far").help("How far")),
        )
    }

    #[test]
    fn man_pages_are_written_per_command_in_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        let french = sample()
            .about("Un outil")
            .mut_subcommand("go", |c| c.about("Aller"));
        let words = [(".SH NAME", ".SH NOM".to_owned())];
        let written = write_man_pages(sample(), french, &words, dir.path()).unwrap();
        let names: Vec<String> = written
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "man1/tool.1",
                "man1/tool-go.1",
                "fr/man1/tool.1",
                "fr/man1/tool-go.1"
            ]
        );
        let page = std::fs::read_to_string(dir.path().join("fr/man1/tool-go.1")).unwrap();
        assert!(page.starts_with(".ie") || page.contains(".TH"), "{page}");
        assert!(page.contains("Aller"), "{page}");
        assert!(
            page.contains(".SH NOM") && !page.contains(".SH NAME"),
            "{page}"
        );
        let page = std::fs::read_to_string(dir.path().join("man1/tool-go.1")).unwrap();
        assert!(page.contains(".SH NAME"), "{page}");
    }

    #[test]
    fn completion_scripts_name_the_subcommands() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut sample(), "tool", &mut script);
            let script = String::from_utf8(script).unwrap();
            assert!(script.contains("go"), "{shell}: {script}");
        }
    }
}
