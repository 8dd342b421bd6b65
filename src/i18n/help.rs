//! `--help` in the reader's language. English help is clap's derive: the commands' doc
//! comments, beside the code they describe. Every other language's help lives in its catalog,
//! under `help` (the program), `help-COMMAND-SUBCOMMAND` and `help-COMMAND--ARGUMENT_ID`, with
//! clap's own words (`clap-*`, in the library's catalog).

use super::{Catalog, Lang, Msg};
use crate::msg;
use std::borrow::Cow;

msg!(crate::i18n::VAULTD, CLAP_USAGE = "clap-usage");
msg!(crate::i18n::VAULTD, CLAP_COMMANDS = "clap-commands-heading");
msg!(
    crate::i18n::VAULTD,
    CLAP_ARGUMENTS = "clap-arguments-heading"
);
msg!(crate::i18n::VAULTD, CLAP_OPTIONS = "clap-options-heading");
msg!(crate::i18n::VAULTD, CLAP_HELP = "clap-help");
msg!(crate::i18n::VAULTD, CLAP_VERSION = "clap-version");
msg!(crate::i18n::VAULTD, CLAP_HELP_COMMAND = "clap-help-command");
msg!(crate::i18n::VAULTD, MAN_NAME = "man-section-name");
msg!(crate::i18n::VAULTD, MAN_SYNOPSIS = "man-section-synopsis");
msg!(
    crate::i18n::VAULTD,
    MAN_DESCRIPTION = "man-section-description"
);
msg!(crate::i18n::VAULTD, MAN_OPTIONS = "man-section-options");
msg!(crate::i18n::VAULTD, MAN_ARGUMENTS = "man-section-arguments");
msg!(crate::i18n::VAULTD, MAN_COMMANDS = "man-section-commands");
msg!(crate::i18n::VAULTD, MAN_VERSION = "man-section-version");
msg!(crate::i18n::VAULTD, MAN_DEFAULT = "man-default");
msg!(
    crate::i18n::VAULTD,
    MAN_POSSIBLE_VALUES = "man-possible-values"
);

/// What man pages in `lang` say where clap_mangen writes fixed English words (`manual.rs`):
/// section headers, as man pages write them (capitals), and the defaults and values allowed.
pub fn man_words(lang: Lang) -> Vec<(&'static str, String)> {
    let section = |msg: Msg| format!(".SH {}", quote_if_spaced(msg.text(lang)));
    vec![
        (".SH NAME", section(MAN_NAME)),
        (".SH SYNOPSIS", section(MAN_SYNOPSIS)),
        (".SH DESCRIPTION", section(MAN_DESCRIPTION)),
        // The help's own headings, as localize_help set them ("Options ", "Commandes ").
        (".SH \"OPTIONS \"", section(MAN_OPTIONS)),
        (".SH \"ARGUMENTS \"", section(MAN_ARGUMENTS)),
        (".SH \"Commandes \"", section(MAN_COMMANDS)),
        (".SH SUBCOMMANDS", section(MAN_COMMANDS)),
        (".SH VERSION", section(MAN_VERSION)),
        ("[default: ", format!("[{} ", MAN_DEFAULT.text(lang))),
        (
            "Possible values:",
            MAN_POSSIBLE_VALUES.text(lang).to_owned(),
        ),
    ]
}

fn quote_if_spaced(text: &str) -> String {
    if text.contains(' ') {
        format!("\"{text}\"")
    } else {
        text.to_owned()
    }
}

/// The catalog id of a command's help (`path` is "" for the program, "grant issue"), or of
/// one of its arguments.
fn help_id(path: &str, arg: Option<&str>) -> String {
    let mut id = String::from("help");
    for word in path.split(' ').filter(|w| !w.is_empty()) {
        id.push('-');
        id.push_str(word);
    }
    if let Some(arg) = arg {
        id.push_str("--");
        id.push_str(arg);
    }
    id
}

/// Whether an id is help that English keeps in the code (see the module's doc).
pub(super) fn is_help_id(id: &str) -> bool {
    id == "help" || id.starts_with("help-")
}

/// `cmd` with its help in `lang`, from `catalog`. English is the derive's own text.
pub fn localize_help(
    mut cmd: clap::Command,
    lang: Lang,
    catalog: &'static Catalog,
) -> clap::Command {
    if lang == Lang::En {
        return cmd;
    }
    // Built first, so that clap's own --help, --version and `help` exist to be translated.
    cmd.build();
    localize_at(cmd, "", lang, catalog)
}

fn localize_at(
    mut cmd: clap::Command,
    path: &str,
    lang: Lang,
    catalog: &'static Catalog,
) -> clap::Command {
    let text = |id: &str| catalog.format(lang, id, &[]).map(Cow::into_owned);
    if let Some(about) = text(&help_id(path, None)) {
        cmd = cmd.about(about);
    } else if cmd.get_name() == "help" {
        cmd = cmd.about(CLAP_HELP_COMMAND.text(lang).to_owned());
    }
    // clap's own words too: the usage line and the section headings (clap adds the colon).
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        CLAP_USAGE.text(lang)
    );
    cmd = cmd
        .help_template(template)
        .subcommand_help_heading(CLAP_COMMANDS.text(lang).to_owned());
    let ids: Vec<(String, bool, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional(), a.is_global_set()))
        .collect();
    for (id, positional, global) in ids {
        let heading = if positional {
            CLAP_ARGUMENTS
        } else {
            CLAP_OPTIONS
        };
        // Global options are copied into every subcommand; their text is the program's.
        let help = text(&help_id(if global { "" } else { path }, Some(&id))).or_else(|| {
            match id.as_str() {
                "help" => Some(CLAP_HELP.text(lang).to_owned()),
                "version" => Some(CLAP_VERSION.text(lang).to_owned()),
                _ => None,
            }
        });
        let heading = heading.text(lang).to_owned();
        cmd = cmd.mut_arg(id, |a| {
            let a = a.help_heading(heading);
            match help {
                Some(help) => a.help(help),
                None => a,
            }
        });
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let sub_path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(name, |s| localize_at(s, &sub_path, lang, catalog));
    }
    cmd
}

/// The commands and arguments of `cmd` whose English help (their doc comment) is empty (for
/// tests: the English help must be as complete as the French).
pub fn missing_english_help(cmd: &clap::Command) -> Vec<String> {
    let mut out = Vec::new();
    missing_english_at(cmd, "", &mut out);
    out
}

fn missing_english_at(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
    if cmd.get_about().is_none() {
        out.push(format!("command {path:?}"));
    }
    for a in cmd.get_arguments() {
        let builtin = matches!(a.get_id().as_str(), "help" | "version");
        // A global option is checked once, where it is declared (the root).
        if !builtin && a.get_help().is_none() && (path.is_empty() || !a.is_global_set()) {
            out.push(format!("argument {path:?} {}", a.get_id()));
        }
    }
    for sub in cmd.get_subcommands() {
        let sub_path = if path.is_empty() {
            sub.get_name().to_owned()
        } else {
            format!("{path} {}", sub.get_name())
        };
        missing_english_at(sub, &sub_path, out);
    }
}

/// The commands and arguments of `cmd` that have no help in `lang` in `catalog` (for tests).
pub fn missing_help(cmd: &clap::Command, lang: Lang, catalog: &Catalog) -> Vec<String> {
    let mut out = Vec::new();
    missing_at(cmd, "", lang, catalog, &mut out);
    out
}

fn missing_at(
    cmd: &clap::Command,
    path: &str,
    lang: Lang,
    catalog: &Catalog,
    out: &mut Vec<String>,
) {
    let has = |id: String| catalog.format(lang, &id, &[]).is_some();
    if !has(help_id(path, None)) {
        out.push(format!("command {path:?} ({})", help_id(path, None)));
    }
    for a in cmd.get_arguments() {
        let id = a.get_id().as_str();
        let declared_here = path.is_empty() || !a.is_global_set();
        if id != "help" && id != "version" && declared_here && !has(help_id(path, Some(id))) {
            out.push(format!(
                "argument {path:?} {id:?} ({})",
                help_id(path, Some(id))
            ));
        }
    }
    for s in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let sub = if path.is_empty() {
            s.get_name().to_owned()
        } else {
            format!("{path} {}", s.get_name())
        };
        missing_at(s, &sub, lang, catalog, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_ids_name_the_command_path_and_the_argument() {
        assert_eq!(help_id("", None), "help");
        assert_eq!(help_id("", Some("identity")), "help--identity");
        assert_eq!(
            help_id("grant issue", Some("not_before")),
            "help-grant-issue--not_before"
        );
        assert_eq!(
            help_id("identity export-tls", None),
            "help-identity-export-tls"
        );
    }

    #[test]
    fn clap_words_are_in_each_language() {
        assert_eq!(CLAP_USAGE.text(Lang::Fr), "Utilisation :");
        let man = man_words(Lang::Fr);
        for (english, french) in [
            (".SH NAME", ".SH NOM"),
            (".SH \"Commandes \"", ".SH COMMANDES"),
            ("[default: ", "[par défaut : "),
        ] {
            assert!(
                man.iter().any(|(e, f)| *e == english && f == french),
                "{english} → {french}: {man:?}"
            );
        }
        assert_eq!(CLAP_COMMANDS.text(Lang::Fr), "Commandes ");
    }
}
