//! Short labels for tables and reports: refusal reasons, audit actions and outcomes, roles and
//! fields, in the reader's language (`label-*` in the catalog, named after the code). `--json` keeps the codes.

use super::{Lang, VAULTD};
use crate::msg;
use crate::tlog::action::ActionName;
use crate::wire::reason::{Reason, Unusable};
use std::borrow::Cow;

msg!(crate::i18n::VAULTD, UNKNOWN_ACTION = "label-unknown-action");

/// The label of `code` under `kind` (`label-reason-no-grant` for the reason `no_grant`).
fn label(lang: Lang, kind: &str, code: &str) -> Option<Cow<'static, str>> {
    let id = format!("label-{kind}-{}", code.replace(['.', '_'], "-"));
    VAULTD.format(lang, &id, &[])
}

/// A reason code as a short label for tables, in the reader's language (the code itself when
/// this client does not know it).
pub fn reason_label(lang: Lang, code: &str) -> String {
    match Reason::from_code(code) {
        Some(reason) => label(lang, "reason", reason.code()),
        // Codes the audit log writes beyond the wire's reasons (a refused certificate).
        None if AUDIT_ONLY_REASONS.contains(&code) => label(lang, "reason", code),
        // A refused request's own code (the report reads it from the entry): its label, or
        // else the one of unusable requests.
        None if Unusable::from_code(code).is_some() => {
            label(lang, "reason", code).or_else(|| label(lang, "reason", Reason::BadRequest.code()))
        }
        None => None,
    }
    .map(Cow::into_owned)
    .unwrap_or_else(|| code.to_owned())
}

/// Reason codes audit entries carry that no call returns.
const AUDIT_ONLY_REASONS: [&str; 1] = ["bad_certificate"];

/// A role code (`authority`) as the reader's language names it; an unknown one keeps its code.
pub fn role_label(lang: Lang, code: &str) -> String {
    match code.parse::<crate::ids::Role>() {
        Ok(role) => label(lang, "role", role.as_str()),
        Err(_) => None,
    }
    .map(Cow::into_owned)
    .unwrap_or_else(|| code.to_owned())
}

/// Role codes as a list in the reader's language (`autorité, vérificateur`).
pub fn roles_label(lang: Lang, codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| role_label(lang, c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A field's name (`password`, `duration`) as the reader's language names it; a field this
/// client has no word for keeps its name.
pub fn field_label(lang: Lang, code: &str) -> String {
    let known = code
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'-')
        && !code.is_empty();
    known
        .then(|| label(lang, "field", code))
        .flatten()
        .map(Cow::into_owned)
        .unwrap_or_else(|| code.to_owned())
}

/// An audit action (`credential.get`) as a short label for tables, in the reader's language.
/// An action this client does not know (a newer vault's) keeps its code, marked as unknown.
pub fn action_label(lang: Lang, code: &str) -> Cow<'_, str> {
    match ActionName::parse(code) {
        ActionName::Known(action) => {
            label(lang, "action", action.wire()).unwrap_or(Cow::Borrowed(code))
        }
        ActionName::Unknown(code) => UNKNOWN_ACTION.fill(lang, &[("code", &code)]).into(),
    }
}

/// An audit outcome for tables, in the reader's language.
pub fn outcome_label(lang: Lang, outcome: &str) -> String {
    match outcome {
        "allowed" | "denied" | "error" => label(lang, "outcome", outcome),
        _ => None,
    }
    .map(Cow::into_owned)
    .unwrap_or_else(|| outcome.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tlog::action::Action;

    #[test]
    fn every_reason_action_and_outcome_has_a_label_in_each_language() {
        for lang in [Lang::Fr, Lang::En] {
            for (reason, code, _) in Reason::TABLE {
                assert!(label(lang, "reason", code).is_some(), "{lang:?} {reason:?}");
            }
            for action in Action::ALL {
                assert!(
                    label(lang, "action", action.wire()).is_some(),
                    "{lang:?} {action}"
                );
            }
            for outcome in ["allowed", "denied", "error"] {
                assert!(
                    label(lang, "outcome", outcome).is_some(),
                    "{lang:?} {outcome}"
                );
            }
        }
        assert_eq!(reason_label(Lang::Fr, "no_grant"), "aucune autorisation");
        assert_eq!(reason_label(Lang::En, "no_grant"), "no grant");
        assert_eq!(reason_label(Lang::En, "from_the_future"), "from_the_future");
        // A refused request's own code: its label, or the one of unusable requests.
        assert_eq!(
            reason_label(Lang::Fr, "same_signer"),
            "deuxième signature de la même clé ou de la même personne : elle doit venir d'une autre clé"
        );
        assert_eq!(
            reason_label(Lang::En, "same_signer"),
            "second signature by the same key or person: it must come from another key"
        );
        assert_eq!(
            reason_label(Lang::Fr, "already_cosigned"),
            reason_label(Lang::Fr, "bad_request")
        );
        assert_eq!(
            reason_label(Lang::Fr, "bad_certificate"),
            "certificat refusé à la connexion"
        );
        for role in crate::ids::Role::ALL {
            for lang in [Lang::Fr, Lang::En] {
                assert!(
                    label(lang, "role", role.as_str()).is_some(),
                    "{lang:?} {role}"
                );
            }
        }
        assert_eq!(
            roles_label(Lang::Fr, &["authority".into(), "auditor".into()]),
            "autorité, vérificateur"
        );
        assert_eq!(role_label(Lang::En, "authority"), "authority");
        assert_eq!(field_label(Lang::Fr, "password"), "mot de passe");
        assert_eq!(field_label(Lang::Fr, "duration"), "durée");
        assert_eq!(field_label(Lang::Fr, "no-such-field"), "no-such-field");
        assert_eq!(
            action_label(Lang::Fr, "credential.get"),
            "remettre un identifiant"
        );
        assert_eq!(outcome_label(Lang::Fr, "denied"), "refusé");
    }
}
