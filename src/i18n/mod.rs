//! Words a person reads, in French and English. The words live in Fluent files, one per
//! language (`i18n/fr/vaultd.ftl`, `i18n/en/vaultd.ftl`; vault-cli has its own beside it); the
//! code names a message by id ([`Msg`], declared with [`msg!`](crate::msg)), never by its text.
//! The language comes from the locale: French when `LC_ALL`, `LC_MESSAGES` or `LANG` (first one
//! set) starts with `fr`, English otherwise; on Windows, when none is set, the user's display
//! language decides (see [`Lang::from_env`]).
//!
//! A translator adds a language by copying `i18n/en/` to `i18n/<lang>/`, translating the
//! values (never the ids or the `{ $name }` placeholders), and adding the language to [`Lang`].

mod catalog;
pub mod delegation_reasons;
pub mod details;
pub mod help;
pub mod labels;
pub mod os_errors;
pub mod reasons;
pub mod requests;
pub mod usage_errors;

pub use catalog::{Bundles, Catalog, Msg};
pub use details::{detail_text, duration_text};
pub use help::{localize_help, missing_english_help, missing_help};
pub use labels::{action_label, field_label, outcome_label, reason_label, role_label, roles_label};
pub use os_errors::describe_os_error;
pub use reasons::{describe_failure, describe_field};
pub use requests::describe_request;

crate::catalog!(
    /// The library's and the daemon's words.
    pub VAULTD,
    fr: include_str!("../../i18n/fr/vaultd.ftl"),
    en: include_str!("../../i18n/en/vaultd.ftl")
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    /// The reader's language, from the environment as POSIX ranks the variables; on Windows,
    /// where they are seldom set, from the user's display language when none is.
    pub fn from_env() -> Lang {
        Self::from_vars_or(|name| std::env::var(name).ok(), system_locale())
    }

    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        Self::from_vars_or(get, None)
    }

    /// The first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty decides; when
    /// none is, `system` (a locale name such as `fr-CA`) does; English otherwise.
    pub fn from_vars_or(get: impl Fn(&str) -> Option<String>, system: Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| get(name))
            .find(|value| !value.is_empty())
            .or(system)
            .map(|value| {
                if value.to_ascii_lowercase().starts_with("fr") {
                    Lang::Fr
                } else {
                    Lang::En
                }
            })
            .unwrap_or(Lang::En)
    }
}

/// Windows: the user's display language (`fr-CA` on a French Windows), read by `sys-locale`
/// (GetUserPreferredUILanguages). A `LANG` or `LC_*` that is set still wins, so a script, a
/// test or a Unix-like shell chooses as it does on Linux.
#[cfg(windows)]
fn system_locale() -> Option<String> {
    sys_locale::get_locale()
}

/// Elsewhere the POSIX variables are the locale: an unset one means the C locale, English.
#[cfg(not(windows))]
fn system_locale() -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::{FieldError, Problem};
    use crate::wire::reason::{Failure, Reason, Unusable};

    #[test]
    fn french_and_english_have_the_same_ids_and_placeholders() {
        let problems = VAULTD.parity();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    fn lang(vars: &[(&str, &str)]) -> Lang {
        Lang::from_vars(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn french_locales_get_french_and_the_rest_english() {
        assert_eq!(lang(&[("LANG", "fr_CA.UTF-8")]), Lang::Fr);
        assert_eq!(lang(&[("LANG", "en_CA.UTF-8")]), Lang::En);
        assert_eq!(lang(&[]), Lang::En);
        assert_eq!(lang(&[("LANG", "fr_CA.UTF-8"), ("LC_ALL", "C")]), Lang::En);
        assert_eq!(
            lang(&[("LANG", "en_US"), ("LC_MESSAGES", "fr_FR")]),
            Lang::Fr
        );
        assert_eq!(lang(&[("LC_ALL", ""), ("LANG", "fr")]), Lang::Fr);
        // Windows' display language counts only when no variable is set.
        let windows = |vars: &[(&str, &str)], ui: &str| {
            Lang::from_vars_or(
                |name| {
                    vars.iter()
                        .find(|(k, _)| *k == name)
                        .map(|(_, v)| v.to_string())
                },
                Some(ui.to_owned()),
            )
        };
        assert_eq!(windows(&[], "fr-CA"), Lang::Fr);
        assert_eq!(windows(&[], "en-US"), Lang::En);
        assert_eq!(windows(&[("LANG", "en_CA.UTF-8")], "fr-CA"), Lang::En);
        assert_eq!(windows(&[("LANG", "")], "fr-FR"), Lang::Fr);
    }

    #[test]
    fn refused_requests_are_told_in_french() {
        let f = Failure::new(Reason::BadRequest).with_target(Unusable::NoTotpSeed.code());
        assert_eq!(
            describe_failure(Lang::Fr, &f),
            "demande refusée : ce compte n'a pas de germe TOTP"
        );
        assert_eq!(
            describe_failure(Lang::En, &f),
            "request refused: this account has no TOTP seed"
        );
    }

    #[test]
    fn placeholders_are_filled_in_both_languages() {
        let f = Failure::new(Reason::UnknownAccount).with_target("wiki-cest");
        assert!(describe_failure(Lang::Fr, &f).contains("compte inconnu : wiki-cest"));
        assert!(describe_failure(Lang::En, &f).contains("unknown account: wiki-cest"));
        let f = Failure::invalid(FieldError {
            field: "login",
            problem: Problem::TooLong { max: 256 },
        });
        assert_eq!(
            describe_failure(Lang::En, &f),
            "login: too long (at most 256)"
        );
    }
}
