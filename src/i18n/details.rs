//! An audit entry's detail as a reader of the review report reads it, in their language: the
//! fixed words the daemon writes ("identity file", "escrow key …", "witness …; size …") and the
//! `key=value` facts (`tlog/detail.rs`) with their names, roles and durations in the reader's
//! words. The log keeps its bytes; only what is shown changes. What a person typed (a purpose,
//! a reason) and names (ids, principals, keys) are shown as they are.

use super::labels::{field_label, roles_label};
use super::Lang;
use crate::msg;

msg!(crate::i18n::VAULTD, IDENTITY_FILE = "detail-identity-file");
msg!(crate::i18n::VAULTD, PASSPHRASE = "detail-passphrase");
msg!(crate::i18n::VAULTD, ESCROW_KEY = "detail-escrow-key");
msg!(crate::i18n::VAULTD, WITNESS_SIZE = "detail-witness-size");
msg!(crate::i18n::VAULTD, BACKUP = "detail-backup");
msg!(crate::i18n::VAULTD, RESTORE = "detail-restore");
msg!(crate::i18n::VAULTD, ORIGIN_SIGNED = "detail-restore-signed");
msg!(
    crate::i18n::VAULTD,
    ORIGIN_UNCHECKED = "detail-restore-unchecked"
);
msg!(crate::i18n::VAULTD, FACT = "detail-fact");
msg!(crate::i18n::VAULTD, SEPARATOR = "detail-separator");
msg!(crate::i18n::VAULTD, DAYS = "unit-days");
msg!(crate::i18n::VAULTD, HOURS = "unit-hours");
msg!(crate::i18n::VAULTD, MINUTES = "unit-minutes");
msg!(crate::i18n::VAULTD, SECONDS = "unit-seconds");

/// A detail in `lang`; one in a form this reader does not know is shown as written.
pub fn detail_text(lang: Lang, detail: &str) -> String {
    match detail {
        "identity file" => return IDENTITY_FILE.text(lang).to_owned(),
        "passphrase" => return PASSPHRASE.text(lang).to_owned(),
        _ => {}
    }
    if let Some(recipient) = detail.strip_prefix("escrow key ") {
        return ESCROW_KEY.fill(lang, &[("recipient", &recipient)]);
    }
    if let Some((witness, size)) = detail
        .strip_prefix("witness ")
        .and_then(|rest| rest.split_once("; size "))
    {
        return WITNESS_SIZE.fill(lang, &[("witness", &witness), ("size", &size)]);
    }
    if let Some(text) = backup(lang, detail).or_else(|| restore(lang, detail)) {
        return text;
    }
    let facts: Vec<String> = crate::tlog::detail::fields(detail)
        .map(|(key, value)| {
            let value = match key {
                "roles" => roles_label(
                    lang,
                    &value.split(',').map(str::to_owned).collect::<Vec<_>>(),
                ),
                "for" => value
                    .strip_suffix('s')
                    .and_then(|secs| secs.parse().ok())
                    .map_or_else(|| value.to_owned(), |secs| duration_text(lang, secs)),
                "field" => field_label(lang, value),
                _ => value.to_owned(),
            };
            FACT.fill(lang, &[("key", &field_label(lang, key)), ("value", &value)])
        })
        .collect();
    // Plain words before the first fact (`v3 fields=password`) are kept as written.
    let words = detail
        .split(' ')
        .take_while(|w| !w.contains('='))
        .collect::<Vec<_>>()
        .join(" ");
    match (words.is_empty(), facts.is_empty()) {
        (_, true) => detail.to_owned(),
        (true, false) => facts.join(SEPARATOR.text(lang)),
        (false, false) => format!(
            "{words}{}{}",
            SEPARATOR.text(lang),
            facts.join(SEPARATOR.text(lang))
        ),
    }
}

/// A backup's detail: `size N bytes; sha256 H; K age recipient(s)` (vault/backup.rs).
fn backup(lang: Lang, detail: &str) -> Option<String> {
    let rest = detail.strip_prefix("size ")?;
    let (size, rest) = rest.split_once(" bytes; sha256 ")?;
    let (sha256, rest) = rest.split_once("; ")?;
    let count = rest.strip_suffix(" age recipient(s)")?;
    Some(BACKUP.fill(
        lang,
        &[("size", &size), ("sha256", &sha256), ("count", &count)],
    ))
}

/// A restore's detail: `from a backup with sha256 H; audit log of N entries verified; ORIGIN`
/// (vault/restore.rs).
fn restore(lang: Lang, detail: &str) -> Option<String> {
    let rest = detail.strip_prefix("from a backup with sha256 ")?;
    let (sha256, rest) = rest.split_once("; audit log of ")?;
    let (size, origin) = rest.split_once(" entries verified; ")?;
    let origin = match origin {
        "signed by the expected audit key" => ORIGIN_SIGNED,
        "origin NOT checked (--accept-unknown-origin)" => ORIGIN_UNCHECKED,
        _ => return None,
    };
    Some(RESTORE.fill(
        lang,
        &[
            ("sha256", &sha256),
            ("size", &size),
            ("origin", &origin.text(lang)),
        ],
    ))
}

/// A duration as a person reads it: its two largest units, `8 h`, `1 h 30 min`, `30 j` in
/// French (`--json` and the log keep seconds).
pub fn duration_text(lang: Lang, secs: i64) -> String {
    let parts = [
        (secs / 86_400, DAYS),
        (secs % 86_400 / 3600, HOURS),
        (secs % 3600 / 60, MINUTES),
        (secs % 60, SECONDS),
    ];
    let shown: Vec<String> = parts
        .iter()
        .skip_while(|(n, _)| *n == 0)
        .take(2)
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {}", unit.text(lang)))
        .collect();
    if shown.is_empty() {
        format!("{secs} {}", SECONDS.text(lang))
    } else {
        shown.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_read_in_the_readers_words_and_typed_text_stays() {
        assert_eq!(detail_text(Lang::Fr, "identity file"), "fichier d'identité");
        assert_eq!(detail_text(Lang::En, "identity file"), "identity file");
        assert_eq!(
            detail_text(Lang::Fr, "escrow key age1xyz"),
            "clé de séquestre age1xyz"
        );
        assert_eq!(
            detail_text(Lang::Fr, "witness witness.test/w1; size 12"),
            "témoin witness.test/w1 ; taille 12"
        );
        assert_eq!(
            detail_text(Lang::Fr, "roles=admin,auditor"),
            "rôle(s) : administrateur, vérificateur"
        );
        assert_eq!(
            detail_text(Lang::Fr, "request=ab12 for=28800s purpose=Campagne d'été"),
            "demande : ab12 ; durée : 8 h ; objet : Campagne d'été"
        );
        assert_eq!(
            detail_text(Lang::En, "request=ab12 for=28800s purpose=Summer"),
            "request: ab12; duration: 8 h; purpose: Summer"
        );
        assert_eq!(detail_text(Lang::Fr, "something new"), "something new");
        assert_eq!(
            detail_text(Lang::Fr, "size 2048 bytes; sha256 ab12; 2 age recipient(s)"),
            "taille 2048 octets ; SHA-256 ab12 ; 2 destinataire(s) age"
        );
        assert_eq!(
            detail_text(
                Lang::Fr,
                "from a backup with sha256 ab12; audit log of 40 entries verified; signed by the expected audit key"
            ),
            "depuis une sauvegarde de SHA-256 ab12 ; journal de 40 entrées vérifié ; signée par la clé d'audit attendue"
        );
    }

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(duration_text(Lang::En, 28_800), "8 h");
        assert_eq!(duration_text(Lang::Fr, 5400), "1 h 30 min");
        assert_eq!(duration_text(Lang::Fr, 30 * 86_400), "30 j");
        assert_eq!(duration_text(Lang::En, 30 * 86_400), "30 d");
        assert_eq!(duration_text(Lang::En, 86_400 + 7), "1 d");
        assert_eq!(duration_text(Lang::En, 90), "1 min 30 s");
        assert_eq!(duration_text(Lang::En, 0), "0 s");
    }
}
