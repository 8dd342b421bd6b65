//! clap's usage errors (a missing argument, an unknown option, a value not among those
//! allowed) in the reader's language. clap writes them in English only; this renders the same
//! error from the context clap attaches to it (which argument, which value, what is allowed),
//! with the words from the catalog (`clap-error-*`), in the layout clap uses. English reads as
//! clap's own text, so scripts and habits keep working.

use super::{Lang, Msg};
use crate::msg;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::fmt::Write as _;

msg!(crate::i18n::VAULTD, PREFIX = "clap-error-prefix");
msg!(crate::i18n::VAULTD, QUOTED = "clap-error-quoted");
msg!(crate::i18n::VAULTD, COLON = "clap-error-colon");
msg!(crate::i18n::VAULTD, ONCE = "clap-error-once");
msg!(crate::i18n::VAULTD, CONFLICT = "clap-error-conflict");
msg!(
    crate::i18n::VAULTD,
    SUBCOMMAND_CONFLICT = "clap-error-subcommand-conflict"
);
msg!(
    crate::i18n::VAULTD,
    CONFLICT_OTHERS = "clap-error-conflict-others"
);
msg!(crate::i18n::VAULTD, NO_EQUALS = "clap-error-no-equals");
msg!(
    crate::i18n::VAULTD,
    VALUE_MISSING = "clap-error-value-missing"
);
msg!(
    crate::i18n::VAULTD,
    INVALID_VALUE = "clap-error-invalid-value"
);
msg!(crate::i18n::VAULTD, BECAUSE = "clap-error-because");
msg!(
    crate::i18n::VAULTD,
    POSSIBLE_VALUES = "clap-error-possible-values"
);
msg!(
    crate::i18n::VAULTD,
    UNKNOWN_SUBCOMMAND = "clap-error-unknown-subcommand"
);
msg!(
    crate::i18n::VAULTD,
    MISSING_ARGUMENTS = "clap-error-missing-arguments"
);
msg!(
    crate::i18n::VAULTD,
    MISSING_SUBCOMMAND = "clap-error-missing-subcommand"
);
msg!(crate::i18n::VAULTD, SUBCOMMANDS = "clap-error-subcommands");
msg!(
    crate::i18n::VAULTD,
    TOO_MANY_VALUES = "clap-error-too-many-values"
);
msg!(
    crate::i18n::VAULTD,
    TOO_FEW_VALUES = "clap-error-too-few-values"
);
msg!(
    crate::i18n::VAULTD,
    WRONG_NUMBER = "clap-error-wrong-number-of-values"
);
msg!(
    crate::i18n::VAULTD,
    UNEXPECTED = "clap-error-unexpected-argument"
);
msg!(crate::i18n::VAULTD, NOT_UTF8 = "clap-error-not-utf8");
msg!(crate::i18n::VAULTD, OTHER = "clap-error-other");
msg!(
    crate::i18n::VAULTD,
    SIMILAR_SUBCOMMAND = "clap-error-similar-subcommand"
);
msg!(
    crate::i18n::VAULTD,
    SIMILAR_SUBCOMMANDS = "clap-error-similar-subcommands"
);
msg!(
    crate::i18n::VAULTD,
    SIMILAR_ARGUMENT = "clap-error-similar-argument"
);
msg!(
    crate::i18n::VAULTD,
    SIMILAR_ARGUMENTS = "clap-error-similar-arguments"
);
msg!(
    crate::i18n::VAULTD,
    SIMILAR_VALUE = "clap-error-similar-value"
);
msg!(
    crate::i18n::VAULTD,
    SIMILAR_VALUES = "clap-error-similar-values"
);
msg!(crate::i18n::VAULTD, TIP = "clap-error-tip");
msg!(crate::i18n::VAULTD, TRY_HELP = "clap-error-try-help");
msg!(
    crate::i18n::VAULTD,
    NOT_A_NUMBER = "clap-error-not-a-number"
);
msg!(
    crate::i18n::VAULTD,
    NUMBER_TOO_LARGE = "clap-error-number-too-large"
);
msg!(
    crate::i18n::VAULTD,
    EMPTY_NUMBER = "clap-error-empty-number"
);

/// Exits as clap would for `err` (status 2 for a usage error, 0 for --help and --version),
/// with the message in `lang`.
pub fn exit(err: clap::Error, lang: Lang) -> ! {
    match err.kind() {
        // Help and version are already in the reader's language (localize_help).
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => err.exit(),
        _ => {
            eprint!("{}", render(&err, lang));
            std::process::exit(err.exit_code())
        }
    }
}

/// The error as a person reads it in `lang`, ending with a newline.
pub fn render(err: &clap::Error, lang: Lang) -> String {
    let mut out = String::from(PREFIX.text(lang));
    out.push_str(&cause(err, lang));
    let tips = tips(err, lang);
    if !tips.is_empty() {
        out.push('\n');
        for tip in tips {
            let _ = write!(out, "\n  {tip}");
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = err.get(ContextKind::Usage) {
        // clap's usage line begins with its English label.
        let usage = usage.to_string();
        let line = usage.strip_prefix("Usage:").unwrap_or(&usage).trim_start();
        let _ = write!(out, "\n\n{} {line}", super::help::CLAP_USAGE.text(lang));
    }
    let _ = write!(out, "\n\n{}\n", TRY_HELP.fill(lang, &[("flag", &"--help")]));
    out
}

fn text(err: &clap::Error, kind: ContextKind) -> Option<&str> {
    match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s),
        _ => None,
    }
}

fn list(err: &clap::Error, kind: ContextKind) -> &[String] {
    match err.get(kind) {
        Some(ContextValue::Strings(values)) => values,
        _ => &[],
    }
}

fn number(err: &clap::Error, kind: ContextKind) -> Option<isize> {
    match err.get(kind) {
        Some(ContextValue::Number(n)) => Some(*n),
        _ => None,
    }
}

fn fill(msg: Msg, lang: Lang, args: &[(&str, &str)]) -> String {
    let args: Vec<(&str, &dyn std::fmt::Display)> = args
        .iter()
        .map(|(k, v)| (*k, v as &dyn std::fmt::Display))
        .collect();
    msg.fill(lang, &args)
}

/// Lines under a heading, as clap lays out lists of arguments.
fn with_lines(mut head: String, lines: &[String]) -> String {
    for line in lines {
        let _ = write!(head, "\n  {line}");
    }
    head
}

/// `[possible values: a, b]` on its own line, when there are some.
fn with_allowed(mut head: String, heading: Msg, lang: Lang, values: &[String]) -> String {
    if !values.is_empty() {
        let _ = write!(head, "\n  [{} {}]", heading.text(lang), values.join(", "));
    }
    head
}

/// The first line(s): what is wrong.
fn cause(err: &clap::Error, lang: Lang) -> String {
    let arg = text(err, ContextKind::InvalidArg).unwrap_or_default();
    let value = text(err, ContextKind::InvalidValue).unwrap_or_default();
    match err.kind() {
        ErrorKind::ArgumentConflict => conflict(err, lang),
        ErrorKind::NoEquals => fill(NO_EQUALS, lang, &[("arg", arg)]),
        ErrorKind::InvalidValue if value.is_empty() => fill(VALUE_MISSING, lang, &[("arg", arg)]),
        ErrorKind::InvalidValue => with_allowed(
            fill(INVALID_VALUE, lang, &[("value", value), ("arg", arg)]),
            POSSIBLE_VALUES,
            lang,
            list(err, ContextKind::ValidValue),
        ),
        ErrorKind::ValueValidation => {
            let head = fill(INVALID_VALUE, lang, &[("value", value), ("arg", arg)]);
            match std::error::Error::source(err) {
                Some(why) => fill(
                    BECAUSE,
                    lang,
                    &[("head", &head), ("cause", &validation_cause(why, lang))],
                ),
                None => head,
            }
        }
        ErrorKind::InvalidSubcommand => fill(
            UNKNOWN_SUBCOMMAND,
            lang,
            &[(
                "subcommand",
                text(err, ContextKind::InvalidSubcommand).unwrap_or_default(),
            )],
        ),
        ErrorKind::MissingRequiredArgument => with_lines(
            MISSING_ARGUMENTS.text(lang).to_owned(),
            list(err, ContextKind::InvalidArg),
        ),
        ErrorKind::MissingSubcommand => with_allowed(
            fill(
                MISSING_SUBCOMMAND,
                lang,
                &[(
                    "command",
                    text(err, ContextKind::InvalidSubcommand).unwrap_or_default(),
                )],
            ),
            SUBCOMMANDS,
            lang,
            list(err, ContextKind::ValidSubcommand),
        ),
        ErrorKind::TooManyValues => fill(TOO_MANY_VALUES, lang, &[("value", value), ("arg", arg)]),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let expected = number(err, ContextKind::MinValues)
                .or_else(|| number(err, ContextKind::ExpectedNumValues))
                .unwrap_or_default()
                .to_string();
            let given = number(err, ContextKind::ActualNumValues)
                .unwrap_or_default()
                .to_string();
            let msg = if err.kind() == ErrorKind::TooFewValues {
                TOO_FEW_VALUES
            } else {
                WRONG_NUMBER
            };
            fill(
                msg,
                lang,
                &[("expected", &expected), ("arg", arg), ("given", &given)],
            )
        }
        ErrorKind::UnknownArgument => fill(UNEXPECTED, lang, &[("arg", arg)]),
        ErrorKind::InvalidUtf8 => NOT_UTF8.text(lang).to_owned(),
        _ => OTHER.text(lang).to_owned(),
    }
}

fn conflict(err: &clap::Error, lang: Lang) -> String {
    let prior = err.get(ContextKind::PriorArg);
    let head = match text(err, ContextKind::InvalidArg) {
        Some(arg) if prior == Some(&ContextValue::String(arg.to_owned())) => {
            return fill(ONCE, lang, &[("arg", arg)]);
        }
        Some(arg) => fill(CONFLICT, lang, &[("arg", arg)]),
        None => fill(
            SUBCOMMAND_CONFLICT,
            lang,
            &[(
                "subcommand",
                text(err, ContextKind::InvalidSubcommand).unwrap_or_default(),
            )],
        ),
    };
    match prior {
        Some(ContextValue::String(other)) => format!("{head} {}", quoted(other, lang)),
        Some(ContextValue::Strings(others)) => with_lines(head + COLON.text(lang), others),
        _ => format!("{head} {}", CONFLICT_OTHERS.text(lang)),
    }
}

fn quoted(text: &str, lang: Lang) -> String {
    fill(QUOTED, lang, &[("text", text)])
}

/// Why a value did not parse, for the causes the standard library gives in English.
fn validation_cause(why: &(dyn std::error::Error + 'static), lang: Lang) -> String {
    use std::num::IntErrorKind;
    if let Some(e) = why.downcast_ref::<std::num::ParseIntError>() {
        let msg = match e.kind() {
            IntErrorKind::Empty => EMPTY_NUMBER,
            IntErrorKind::PosOverflow | IntErrorKind::NegOverflow => NUMBER_TOO_LARGE,
            _ => NOT_A_NUMBER,
        };
        if lang == Lang::En {
            return e.to_string();
        }
        return msg.text(lang).to_owned();
    }
    why.to_string()
}

/// "tip:" lines: a similar subcommand, argument or value, and clap's own suggestions.
fn tips(err: &clap::Error, lang: Lang) -> Vec<String> {
    let mut tips = Vec::new();
    for (kind, one, many) in [
        (
            ContextKind::SuggestedSubcommand,
            SIMILAR_SUBCOMMAND,
            SIMILAR_SUBCOMMANDS,
        ),
        (
            ContextKind::SuggestedArg,
            SIMILAR_ARGUMENT,
            SIMILAR_ARGUMENTS,
        ),
        (ContextKind::SuggestedValue, SIMILAR_VALUE, SIMILAR_VALUES),
    ] {
        let similar: Vec<String> = match err.get(kind) {
            Some(ContextValue::String(similar)) => vec![quoted(similar, lang)],
            Some(ContextValue::Strings(similar)) => {
                similar.iter().map(|s| quoted(s, lang)).collect()
            }
            _ => continue,
        };
        let msg = if similar.len() > 1 { many } else { one };
        if !similar.is_empty() {
            tips.push(fill(msg, lang, &[("similar", &similar.join(", "))]));
        }
    }
    if let Some(ContextValue::StyledStrs(suggestions)) = err.get(ContextKind::Suggested) {
        for suggestion in suggestions {
            tips.push(format!("{} {suggestion}", TIP.text(lang)));
        }
    }
    tips
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, ArgAction, Command};

    fn command() -> Command {
        Command::new("vault-cli")
            .subcommand(
                Command::new("grant").subcommand(
                    Command::new("request")
                        .arg(Arg::new("accounts").required(true).num_args(1..))
                        .arg(Arg::new("purpose").long("purpose").required(true))
                        .arg(
                            Arg::new("uses")
                                .long("uses")
                                .value_parser(clap::value_parser!(u64)),
                        )
                        .arg(
                            Arg::new("field")
                                .long("field")
                                .value_parser(["password", "login", "totp"]),
                        )
                        .arg(
                            Arg::new("json")
                                .long("json")
                                .action(ArgAction::SetTrue)
                                .conflicts_with("field"),
                        ),
                ),
            )
            .subcommand_required(true)
    }

    fn error(args: &[&str]) -> clap::Error {
        command()
            .try_get_matches_from(args)
            .expect_err("a usage error")
    }

    #[test]
    fn english_reads_as_clap_writes_it() {
        for args in [
            &["vault-cli", "grant", "request", "facebook"][..],
            &[
                "vault-cli",
                "grant",
                "request",
                "a",
                "--purpose",
                "p",
                "--field",
                "pin",
            ],
            &[
                "vault-cli",
                "grant",
                "request",
                "a",
                "--purpose",
                "p",
                "--uses",
                "x",
            ],
            &[
                "vault-cli",
                "grant",
                "request",
                "a",
                "--purpose",
                "p",
                "--frobnicate",
            ],
            &[
                "vault-cli",
                "grant",
                "request",
                "a",
                "--purpose",
                "p",
                "--field",
                "login",
                "--json",
            ],
            &["vault-cli", "grant", "requets"],
        ] {
            let err = error(args);
            let clap_text = err.render().to_string();
            assert_eq!(render(&err, Lang::En), clap_text, "{args:?}");
        }
    }

    #[test]
    fn french_names_what_is_wrong_and_what_is_allowed() {
        let missing = render(
            &error(&["vault-cli", "grant", "request", "facebook"]),
            Lang::Fr,
        );
        assert!(missing.starts_with("erreur : "), "{missing}");
        assert!(missing.contains("--purpose <purpose>"), "{missing}");
        assert!(missing.contains("Utilisation :"), "{missing}");
        assert!(!missing.contains("required"), "{missing}");

        let value = render(
            &error(&[
                "vault-cli",
                "grant",
                "request",
                "a",
                "--purpose",
                "p",
                "--field",
                "pin",
            ]),
            Lang::Fr,
        );
        assert!(value.contains("« pin »"), "{value}");
        assert!(value.contains("password, login, totp"), "{value}");
        assert!(!value.contains("possible values"), "{value}");

        let number = render(
            &error(&[
                "vault-cli",
                "grant",
                "request",
                "a",
                "--purpose",
                "p",
                "--uses",
                "x",
            ]),
            Lang::Fr,
        );
        assert!(!number.contains("invalid digit"), "{number}");
    }
}
