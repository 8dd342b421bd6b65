//! A refusal that names a delegation (`delegation_expired`, `outside_delegation`) in the
//! reader's words. The daemon sends facts (`delegation=ID scope=A,B`, `until=TIME`, and for a
//! release `grant=ID`); an older daemon's free text is shown as it came.

use super::{Lang, Msg};
use crate::msg;
use crate::tlog::detail::field;
use crate::wire::reason::Reason;
use std::fmt::Display;

msg!(crate::i18n::VAULTD, SCOPE = "delegation-detail-scope");
msg!(
    crate::i18n::VAULTD,
    ALL_ACCOUNTS = "delegation-detail-all-accounts"
);
msg!(crate::i18n::VAULTD, UNTIL = "delegation-detail-until");
msg!(crate::i18n::VAULTD, NONE = "delegation-detail-none");
msg!(crate::i18n::VAULTD, NAMED = "delegation-detail-named");
msg!(
    crate::i18n::VAULTD,
    GRANT_EXPIRED = "reason-grant-delegation-expired"
);
msg!(
    crate::i18n::VAULTD,
    GRANT_OUTSIDE = "reason-grant-outside-delegation"
);

/// The detail of a delegation refusal as words: which delegation, and its scope or its end.
pub fn detail_text(lang: Lang, reason: Reason, detail: &str) -> String {
    let Some(id) = field(detail, "delegation") else {
        // Facts the daemon could not name (no delegation at all) or an older daemon's text.
        return match (detail.is_empty() || detail == "-", field(detail, "until")) {
            (_, Some(until)) => UNTIL.fill(lang, &[("id", &"—"), ("until", &until)]),
            (true, None) => NONE.text(lang).to_owned(),
            (false, None) => detail.to_owned(),
        };
    };
    match (reason, field(detail, "until")) {
        (Reason::DelegationExpired, Some(until)) => {
            UNTIL.fill(lang, &[("id", &id), ("until", &until)])
        }
        // A release's refusal: the grant's delegation, whose scope the grantee need not know.
        _ if field(detail, "grant").is_some() => NAMED.fill(lang, &[("id", &id)]),
        _ => {
            let scope = field(detail, "scope")
                .map(|s| s.replace(',', ", "))
                .unwrap_or_else(|| ALL_ACCOUNTS.text(lang).to_owned());
            SCOPE.fill(lang, &[("id", &id), ("scope", &scope)])
        }
    }
}

/// A release refused because the grant rests on a delegation that does not cover it: told to
/// the grantee (who acts under no delegation), naming the grant and the delegation. None when
/// the detail names no grant (the refusal is an acting authority's own).
pub fn for_grantee(
    lang: Lang,
    reason: Reason,
    target: &dyn Display,
    detail: &str,
) -> Option<String> {
    let grant = field(detail, "grant")?;
    let delegation = field(detail, "delegation").unwrap_or("—");
    let msg: Msg = match reason {
        Reason::OutsideDelegation => GRANT_OUTSIDE,
        _ => GRANT_EXPIRED,
    };
    Some(msg.fill(
        lang,
        &[
            ("target", target),
            ("grant", &grant),
            ("delegation", &delegation),
        ],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acting_authoritys_refusal_names_her_delegation_and_its_scope_in_french() {
        let text = detail_text(
            Lang::Fr,
            Reason::OutsideDelegation,
            "delegation=0ef1 scope=facebook-cest,youtube-cest",
        );
        assert_eq!(text, "délégation 0ef1, pour facebook-cest, youtube-cest");
        let all = detail_text(Lang::En, Reason::OutsideDelegation, "delegation=0ef1");
        assert_eq!(all, "delegation 0ef1, for all accounts");
    }

    #[test]
    fn an_ended_delegation_says_until_when_and_an_older_daemons_text_stays() {
        let text = detail_text(
            Lang::Fr,
            Reason::DelegationExpired,
            "delegation=0ef1 until=2026-12-13T05:00:00Z",
        );
        assert_eq!(text, "délégation 0ef1, jusqu'au 2026-12-13T05:00:00Z");
        assert_eq!(
            detail_text(Lang::Fr, Reason::DelegationExpired, "2026-12-13T05:00:00Z"),
            "2026-12-13T05:00:00Z"
        );
        assert_eq!(
            detail_text(Lang::Fr, Reason::DelegationExpired, ""),
            "aucune délégation"
        );
    }

    #[test]
    fn the_grantee_is_told_of_the_grant_and_its_delegation_not_of_her_own() {
        let text = for_grantee(
            Lang::Fr,
            Reason::DelegationExpired,
            &"youtube-cest",
            "grant=ab12 delegation=0ef1",
        )
        .expect("names a grant");
        assert!(text.contains("ab12") && text.contains("0ef1"), "{text}");
        assert!(!text.contains("vous agissez"), "{text}");
        assert!(
            for_grantee(Lang::Fr, Reason::DelegationExpired, &"x", "delegation=0ef1").is_none()
        );
    }
}
