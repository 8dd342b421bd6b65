//! "Sign this grant? [y/N]" before a signature made in the authority's name: always for
//! `grant approve` (she sees what she signs), and for any signature with a key the agent holds
//! (no passphrase was typed for it). `--yes` answers for a script; with neither a terminal nor
//! `--yes`, nothing is signed and the command says to add `--yes` (exit status 2).

use crate::context::Context;
use crate::error::{CliError, Result};
use crate::messages as m;
use std::io::{BufRead, IsTerminal, Write};
use vaultd::i18n::Lang;

pub fn confirm_signature(ctx: &Context, yes: bool) -> Result<()> {
    if yes {
        return Ok(());
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(CliError::Usage(
            m::CONFIRM_NEEDS_YES.text(ctx.lang).to_owned(),
        ));
    }
    eprint!("{}", m::CONFIRM_SIGN.text(ctx.lang));
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    // A read error or end of input is a "no", as an empty answer is.
    let _ = stdin.lock().read_line(&mut answer);
    if is_yes(ctx.lang, &answer) {
        Ok(())
    } else {
        Err(CliError::Message(
            m::CONFIRM_DECLINED.text(ctx.lang).to_owned(),
        ))
    }
}

/// The answers that mean yes: "o"/"oui" in French (and "y"/"yes", which French keyboards
/// and habits also give), "y"/"yes" in English; anything else is no.
fn is_yes(lang: Lang, answer: &str) -> bool {
    let answer = answer.trim().to_lowercase();
    match lang {
        Lang::Fr => matches!(answer.as_str(), "o" | "oui" | "y" | "yes"),
        Lang::En => matches!(answer.as_str(), "y" | "yes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_explicit_yes_in_the_readers_language_signs() {
        for yes in ["o\n", "Oui\n", " y ", "YES"] {
            assert!(is_yes(Lang::Fr, yes), "{yes:?}");
        }
        for no in ["", "\n", "n", "non", "no", "ok", "oui oui"] {
            assert!(!is_yes(Lang::Fr, no), "{no:?}");
        }
        assert!(is_yes(Lang::En, "y\n") && is_yes(Lang::En, "Yes"));
        assert!(!is_yes(Lang::En, "o") && !is_yes(Lang::En, "oui") && !is_yes(Lang::En, ""));
    }
}
