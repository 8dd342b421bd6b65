//! The words of a mail: its subject and its body, French first then English in one mail, from
//! the Fluent files (`notify-*` in i18n/<lang>/vaultd.ftl). The body names the request and the
//! exact `vault-cli` command to use, never a secret. The subject is made of the event's kind,
//! its id and a principal's name only, each cut to `[A-Za-z0-9._-]`: nothing a requester types
//! (purpose, reason) ever reaches a header. With [`Detail::Minimal`] the body leaves out account
//! names, the purpose and the reasons.

use super::event::{body_safe, header_safe, Detail, Kind};
use crate::i18n::{Lang, Msg};
use crate::msg;
use crate::wire::pb::VaultEvent;
use std::fmt::Display;

/// The most characters of a person's words (purpose, reason) a body quotes.
const MAX_QUOTED: usize = 1000;
/// How many characters of an id the subject shows (commands take a unique prefix).
const SUBJECT_ID: usize = 12;

/// One mail's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub body: String,
}

msg!(crate::i18n::VAULTD, LANGUAGE = "notify-language-name");
msg!(
    crate::i18n::VAULTD,
    SUBJECT_CREATED = "notify-subject-request-created"
);
msg!(
    crate::i18n::VAULTD,
    SUBJECT_OVERDUE = "notify-subject-request-overdue"
);
msg!(
    crate::i18n::VAULTD,
    SUBJECT_APPROVED = "notify-subject-request-approved"
);
msg!(
    crate::i18n::VAULTD,
    SUBJECT_DENIED = "notify-subject-request-denied"
);
msg!(
    crate::i18n::VAULTD,
    SUBJECT_REVOKED = "notify-subject-grant-revoked"
);
msg!(
    crate::i18n::VAULTD,
    SUBJECT_ROTATION = "notify-subject-rotation-recommended"
);
msg!(
    crate::i18n::VAULTD,
    SUBJECT_STAGED_STALE = "notify-subject-rotation-staged-stale"
);
msg!(
    crate::i18n::VAULTD,
    STAGED_STALE_FULL = "notify-body-staged-stale-full"
);
msg!(
    crate::i18n::VAULTD,
    STAGED_STALE_MINIMAL = "notify-body-staged-stale-minimal"
);
msg!(
    crate::i18n::VAULTD,
    STAGED_STALE_NEXT = "notify-body-staged-stale-next"
);
msg!(
    crate::i18n::VAULTD,
    SUBJECT_ROTATION_DUE = "notify-subject-rotation-due"
);
msg!(
    crate::i18n::VAULTD,
    CREATED_FULL = "notify-body-created-full"
);
msg!(
    crate::i18n::VAULTD,
    CREATED_MINIMAL = "notify-body-created-minimal"
);
msg!(
    crate::i18n::VAULTD,
    OVERDUE_FULL = "notify-body-overdue-full"
);
msg!(
    crate::i18n::VAULTD,
    OVERDUE_MINIMAL = "notify-body-overdue-minimal"
);
msg!(crate::i18n::VAULTD, PURPOSE = "notify-body-purpose");
msg!(crate::i18n::VAULTD, DECIDE = "notify-body-decide");
msg!(
    crate::i18n::VAULTD,
    CONSOLE_HINT = "notify-body-console-hint"
);
msg!(
    crate::i18n::VAULTD,
    APPROVED_FULL = "notify-body-approved-full"
);
msg!(
    crate::i18n::VAULTD,
    APPROVED_MINIMAL = "notify-body-approved-minimal"
);
msg!(crate::i18n::VAULTD, WINDOW = "notify-body-window");
msg!(
    crate::i18n::VAULTD,
    UNLIMITED = "notify-body-uses-unlimited"
);
msg!(crate::i18n::VAULTD, GET = "notify-body-get");
msg!(
    crate::i18n::VAULTD,
    AWAITING_SECOND = "notify-body-approved-awaiting"
);
msg!(
    crate::i18n::VAULTD,
    ACCOUNT_WORD = "notify-body-account-word"
);
msg!(crate::i18n::VAULTD, DENIED = "notify-body-denied");
msg!(crate::i18n::VAULTD, REASON = "notify-body-reason");
msg!(crate::i18n::VAULTD, ASK_AGAIN = "notify-body-ask-again");
msg!(
    crate::i18n::VAULTD,
    REVOKED_FULL = "notify-body-revoked-full"
);
msg!(
    crate::i18n::VAULTD,
    REVOKED_MINIMAL = "notify-body-revoked-minimal"
);
msg!(
    crate::i18n::VAULTD,
    ROTATION_FULL = "notify-body-rotation-full"
);
msg!(
    crate::i18n::VAULTD,
    ROTATION_MINIMAL = "notify-body-rotation-minimal"
);
msg!(crate::i18n::VAULTD, SET_SECRET = "notify-body-set-secret");
msg!(
    crate::i18n::VAULTD,
    ROTATION_DUE_FULL = "notify-body-rotation-due-full"
);
msg!(
    crate::i18n::VAULTD,
    ROTATION_DUE_MINIMAL = "notify-body-rotation-due-minimal"
);
msg!(
    crate::i18n::VAULTD,
    WHY_GRANT_ENDED = "notify-why-grant-ended"
);
msg!(
    crate::i18n::VAULTD,
    WHY_HOLDER_DISABLED = "notify-why-holder-disabled"
);
msg!(
    crate::i18n::VAULTD,
    WHY_AUTHORITY_ROTATED = "notify-why-authority-rotated"
);
msg!(crate::i18n::VAULTD, FOOTER = "notify-body-footer");
msg!(
    crate::i18n::VAULTD,
    SUBJECT_AWAITING = "notify-subject-grant-awaiting"
);
msg!(
    crate::i18n::VAULTD,
    AWAITING_FULL = "notify-body-awaiting-full"
);
msg!(
    crate::i18n::VAULTD,
    AWAITING_MINIMAL = "notify-body-awaiting-minimal"
);
msg!(
    crate::i18n::VAULTD,
    AWAITING_COSIGN = "notify-body-awaiting-cosign"
);
// delegation.decision is told in a digest (`digest`), never by a mail of its own from
// `follow`; a total match still words one such decision.
msg!(
    crate::i18n::VAULTD,
    SUBJECT_DECISION = "notify-subject-delegation-digest"
);
msg!(
    crate::i18n::VAULTD,
    DECISION_LINE = "notify-body-digest-line-minimal"
);

/// A time as a person reads it in a mail, in the Commission's zone:
/// `2026-12-06 09:30 (America/Montreal)`.
fn when(unix: i64) -> String {
    crate::times::commission_time(unix)
}

/// The subject: `[vaultd] ` then French ` / ` English, from the kind, an id and a name only.
fn subject(kind: Kind, event: &VaultEvent) -> String {
    let id = |text: &str| {
        header_safe(text)
            .chars()
            .take(SUBJECT_ID)
            .collect::<String>()
    };
    let requester = header_safe(&event.requester);
    let (msg, args): (Msg, Vec<(&str, String)>) = match kind {
        Kind::RequestCreated => (
            SUBJECT_CREATED,
            vec![("id", id(&event.request_id)), ("requester", requester)],
        ),
        Kind::RequestOverdue => (
            SUBJECT_OVERDUE,
            vec![("id", id(&event.request_id)), ("requester", requester)],
        ),
        Kind::RequestApproved => (SUBJECT_APPROVED, vec![("id", id(&event.request_id))]),
        Kind::RequestDenied => (SUBJECT_DENIED, vec![("id", id(&event.request_id))]),
        Kind::GrantRevoked => (SUBJECT_REVOKED, vec![("id", id(&event.grant_id))]),
        Kind::RotationRecommended => (SUBJECT_ROTATION, vec![]),
        Kind::RotationStagedStale => (SUBJECT_STAGED_STALE, vec![("requester", requester)]),
        Kind::RotationDue => (SUBJECT_ROTATION_DUE, vec![]),
        Kind::GrantAwaitingSecondSignature => (
            SUBJECT_AWAITING,
            vec![
                ("id", id(&event.grant_id)),
                ("by", header_safe(&event.decided_by)),
            ],
        ),
        Kind::DelegationDecision => (
            SUBJECT_DECISION,
            vec![
                ("delegate", header_safe(&event.decided_by)),
                ("count", "1".into()),
            ],
        ),
    };
    let args: Vec<(&str, &dyn Display)> =
        args.iter().map(|(k, v)| (*k, v as &dyn Display)).collect();
    let subject = format!(
        "[vaultd] {} / {}",
        msg.fill(Lang::Fr, &args),
        msg.fill(Lang::En, &args)
    );
    // The words come from our own files; cut anything that could still split the header.
    subject.chars().filter(|c| !c.is_control()).collect()
}

/// One language's body.
fn body(lang: Lang, kind: Kind, event: &VaultEvent, detail: Detail, hint: Option<&str>) -> String {
    let full = detail == Detail::Full;
    let id = header_safe(&event.request_id);
    let requester = header_safe(&event.requester);
    let by = header_safe(&event.decided_by);
    let accounts: Vec<String> = event.accounts.iter().map(|a| header_safe(a)).collect();
    let account_list = accounts.join(", ");
    let duration = crate::times::format_duration(event.duration_secs);
    let created = when(event.created_at);
    let mut lines: Vec<String> = Vec::new();
    let decide = |lines: &mut Vec<String>| {
        lines.push(String::new());
        lines.push(DECIDE.fill(lang, &[("id", &id)]));
        if let Some(hint) = hint {
            lines.push(CONSOLE_HINT.fill(lang, &[("hint", &body_safe(hint, MAX_QUOTED))]));
        }
    };
    let purpose = |lines: &mut Vec<String>| {
        if full && !event.purpose.is_empty() {
            lines.push(PURPOSE.fill(lang, &[("purpose", &body_safe(&event.purpose, MAX_QUOTED))]));
        }
    };
    match kind {
        Kind::RequestCreated | Kind::RequestOverdue => {
            let msg = match (kind, full) {
                (Kind::RequestCreated, true) => CREATED_FULL,
                (Kind::RequestCreated, false) => CREATED_MINIMAL,
                (_, true) => OVERDUE_FULL,
                (_, false) => OVERDUE_MINIMAL,
            };
            lines.push(msg.fill(
                lang,
                &[
                    ("requester", &requester),
                    ("accounts", &account_list),
                    ("duration", &duration),
                    ("id", &id),
                    ("created", &created),
                ],
            ));
            purpose(&mut lines);
            decide(&mut lines);
        }
        Kind::RequestApproved => {
            let msg = if full {
                APPROVED_FULL
            } else {
                APPROVED_MINIMAL
            };
            lines.push(msg.fill(
                lang,
                &[
                    ("id", &id),
                    ("accounts", &account_list),
                    ("by", &by),
                    ("at", &when(event.decided_at)),
                ],
            ));
            let uses = if event.max_uses == 0 {
                UNLIMITED.text(lang).to_owned()
            } else {
                event.max_uses.to_string()
            };
            lines.push(WINDOW.fill(
                lang,
                &[
                    ("from", &when(event.not_before)),
                    ("until", &when(event.not_after)),
                    ("uses", &uses),
                ],
            ));
            lines.push(String::new());
            if event.awaiting_second_signature {
                // Nothing to fetch yet: the account needs a second signer first.
                lines.push(AWAITING_SECOND.fill(lang, &[("grant", &header_safe(&event.grant_id))]));
            } else if full && !accounts.is_empty() {
                for account in &accounts {
                    lines.push(GET.fill(lang, &[("account", account)]));
                }
            } else {
                lines.push(GET.fill(lang, &[("account", &ACCOUNT_WORD.text(lang))]));
            }
        }
        Kind::RequestDenied => {
            lines.push(DENIED.fill(
                lang,
                &[("id", &id), ("by", &by), ("at", &when(event.decided_at))],
            ));
            if full && !event.reason.is_empty() {
                lines.push(REASON.fill(lang, &[("reason", &body_safe(&event.reason, MAX_QUOTED))]));
            }
            lines.push(String::new());
            lines.push(ASK_AGAIN.text(lang).to_owned());
        }
        Kind::GrantRevoked => {
            let msg = if full { REVOKED_FULL } else { REVOKED_MINIMAL };
            let grant = header_safe(&event.grant_id);
            lines.push(msg.fill(
                lang,
                &[("id", &grant), ("accounts", &account_list), ("by", &by)],
            ));
            if full && !event.reason.is_empty() {
                lines.push(REASON.fill(lang, &[("reason", &body_safe(&event.reason, MAX_QUOTED))]));
            }
        }
        Kind::RotationRecommended => {
            let why = match event.reason.as_str() {
                "grant_ended" => WHY_GRANT_ENDED.text(lang).to_owned(),
                "holder_disabled" => WHY_HOLDER_DISABLED.text(lang).to_owned(),
                "authority_rotated" => WHY_AUTHORITY_ROTATED.text(lang).to_owned(),
                other => header_safe(other),
            };
            let msg = if full {
                ROTATION_FULL
            } else {
                ROTATION_MINIMAL
            };
            lines.push(msg.fill(lang, &[("accounts", &account_list), ("why", &why)]));
            lines.push(String::new());
            let account = match accounts.as_slice() {
                [one] if full => one.clone(),
                _ => ACCOUNT_WORD.text(lang).to_owned(),
            };
            lines.push(SET_SECRET.fill(lang, &[("account", &account)]));
        }
        Kind::RotationStagedStale => {
            let msg = if full {
                STAGED_STALE_FULL
            } else {
                STAGED_STALE_MINIMAL
            };
            lines.push(msg.fill(
                lang,
                &[
                    ("requester", &requester),
                    ("accounts", &account_list),
                    ("created", &created),
                ],
            ));
            lines.push(String::new());
            let account = match accounts.as_slice() {
                [one] if full => one.clone(),
                _ => ACCOUNT_WORD.text(lang).to_owned(),
            };
            lines.push(STAGED_STALE_NEXT.fill(lang, &[("account", &account)]));
        }
        Kind::RotationDue => {
            let age = crate::i18n::duration_text(lang, event.duration_secs);
            let since = when(event.created_at.saturating_add(event.duration_secs));
            let msg = if full {
                ROTATION_DUE_FULL
            } else {
                ROTATION_DUE_MINIMAL
            };
            lines.push(msg.fill(
                lang,
                &[
                    ("accounts", &account_list),
                    ("set", &created),
                    ("age", &age),
                    ("since", &since),
                ],
            ));
            lines.push(String::new());
            let account = match accounts.as_slice() {
                [one] if full => one.clone(),
                _ => ACCOUNT_WORD.text(lang).to_owned(),
            };
            lines.push(SET_SECRET.fill(lang, &[("account", &account)]));
        }
        Kind::GrantAwaitingSecondSignature => {
            let grant = header_safe(&event.grant_id);
            let msg = if full {
                AWAITING_FULL
            } else {
                AWAITING_MINIMAL
            };
            lines.push(msg.fill(
                lang,
                &[
                    ("by", &by),
                    ("at", &when(event.decided_at)),
                    ("id", &grant),
                    ("requester", &requester),
                    ("accounts", &account_list),
                    ("from", &when(event.not_before)),
                    ("until", &when(event.not_after)),
                ],
            ));
            purpose(&mut lines);
            lines.push(String::new());
            lines.push(AWAITING_COSIGN.fill(lang, &[("id", &grant), ("by", &by)]));
            if let Some(hint) = hint {
                lines.push(CONSOLE_HINT.fill(lang, &[("hint", &body_safe(hint, MAX_QUOTED))]));
            }
        }
        Kind::DelegationDecision => {
            let id = if event.grant_id.is_empty() {
                &event.request_id
            } else {
                &event.grant_id
            };
            lines.push(DECISION_LINE.fill(
                lang,
                &[
                    ("at", &when(event.decided_at)),
                    ("by", &by),
                    ("what", &header_safe(&event.decision)),
                    ("requester", &requester),
                    ("id", &header_safe(id)),
                ],
            ));
        }
    }
    lines.push(String::new());
    lines.push(FOOTER.fill(lang, &[("seq", &event.seq)]));
    lines.join("\n")
}

/// The mail for one event: its subject, and its body in French then English.
pub fn compose(
    kind: Kind,
    event: &VaultEvent,
    detail: Detail,
    console_hint: Option<&str>,
) -> Letter {
    // Only signers decide, so only their mails point at the console.
    let hint = matches!(
        kind,
        Kind::RequestCreated | Kind::RequestOverdue | Kind::GrantAwaitingSecondSignature
    )
    .then_some(console_hint)
    .flatten();
    let section = |lang: Lang| {
        format!(
            "-- {} --\n\n{}\n",
            LANGUAGE.text(lang),
            body(lang, kind, event, detail, hint)
        )
    };
    Letter {
        subject: subject(kind, event),
        body: format!("{}\n{}", section(Lang::Fr), section(Lang::En)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(kind: &str) -> VaultEvent {
        VaultEvent {
            seq: 12,
            at: 1_780_000_000,
            kind: kind.into(),
            request_id: "0123456789abcdef0123456789abcdef".into(),
            requester: "alice".into(),
            accounts: vec!["facebook-cest".into(), "x-cest".into()],
            purpose: "Campagne\r\nBcc: eve@evil.example\r\nSubject: urgent".into(),
            duration_secs: 8 * 3600,
            created_at: 1_780_000_000,
            decided_by: "sg".into(),
            decided_at: 1_780_000_600,
            reason: "Pas cette semaine\nvault-cli grant approve 0123".into(),
            grant_id: "fedcba9876543210fedcba9876543210".into(),
            not_before: 1_780_000_600,
            not_after: 1_780_029_400,
            max_uses: 3,
            ..Default::default()
        }
    }

    #[test]
    fn a_request_tells_the_authority_how_to_decide_in_french_then_english() {
        let event = request("request.created");
        let letter = compose(
            Kind::RequestCreated,
            &event,
            Detail::Full,
            Some("Raccourci « Coffre »"),
        );
        assert_eq!(
            letter.subject,
            "[vaultd] Demande d'accès 0123456789ab de alice / Access request 0123456789ab from alice"
        );
        let body = &letter.body;
        let (fr, en) = body.split_once("-- English --").unwrap();
        assert!(fr.starts_with("-- Français --"), "{body}");
        for text in [fr, en] {
            assert!(text.contains("vault-cli grant approve 0123456789abcdef0123456789abcdef"));
            assert!(text.contains("vault-cli grant deny 0123456789abcdef0123456789abcdef --reason"));
            assert!(text.contains("vault-cli authority console"));
            assert!(text.contains("facebook-cest, x-cest") && text.contains("8h"));
            assert!(text.contains("Raccourci « Coffre »"));
            assert!(
                text.contains("2026-05-28 16:26 (America/Montreal)"),
                "{text}"
            );
        }
        assert!(fr.contains("demande l'accès") && en.contains("asks for access"));
        // The purpose is quoted on one line: it fakes no header and no line of its own.
        assert!(body.contains("Campagne  Bcc: eve@evil.example  Subject: urgent"));
        assert!(!body.contains("\nBcc:") && !body.contains("\nSubject:"));
    }

    #[test]
    fn minimal_detail_leaves_no_account_and_no_purpose() {
        for (kind, name) in [
            (Kind::RequestCreated, "request.created"),
            (Kind::RequestOverdue, "request.overdue"),
            (Kind::RequestApproved, "request.approved"),
            (Kind::RequestDenied, "request.denied"),
            (Kind::GrantRevoked, "grant.revoked"),
            (Kind::RotationRecommended, "rotation.recommended"),
            (Kind::RotationStagedStale, "rotation.staged_stale"),
            (Kind::RotationDue, "rotation.due"),
            (
                Kind::GrantAwaitingSecondSignature,
                "grant.awaiting_second_signature",
            ),
        ] {
            let event = request(name);
            let letter = compose(kind, &event, Detail::Minimal, None);
            let all = format!("{}\n{}", letter.subject, letter.body);
            for hidden in ["facebook-cest", "x-cest", "Campagne", "Pas cette semaine"] {
                assert!(!all.contains(hidden), "{name}: {hidden} in\n{all}");
            }
            let full = compose(kind, &event, Detail::Full, None);
            assert!(
                full.body.contains("facebook-cest") || kind == Kind::RequestDenied,
                "{name}"
            );
        }
        let created = compose(
            Kind::RequestCreated,
            &request("request.created"),
            Detail::Minimal,
            None,
        );
        assert!(
            created.body.contains("alice")
                && created.body.contains("0123456789abcdef0123456789abcdef")
        );
    }

    #[test]
    fn nothing_a_requester_types_reaches_the_subject() {
        let mut event = request("request.created");
        event.requester = "alice\r\nBcc: eve@evil.example".into();
        event.request_id = "01234567\r\nX-Evil: 1".into();
        for kind in Kind::ALL {
            let letter = compose(kind, &event, Detail::Full, None);
            assert!(!letter.subject.contains('\r') && !letter.subject.contains('\n'));
            assert!(!letter.subject.contains("Campagne") && !letter.subject.contains("Pas cette"));
            assert!(!letter.subject.contains(':') || letter.subject.starts_with("[vaultd]"));
            assert!(!letter.subject.contains("Bcc: "), "{}", letter.subject);
        }
    }

    #[test]
    fn an_approval_awaiting_a_second_signature_says_so_instead_of_how_to_fetch() {
        let mut event = request("request.approved");
        event.grant_id = "feedface00112233feedface00112233".into();
        event.awaiting_second_signature = true;
        let letter = compose(Kind::RequestApproved, &event, Detail::Full, None);
        assert!(!letter.body.contains("credential get"), "{}", letter.body);
        assert!(
            letter.body.contains("deuxième signature")
                && letter.body.contains("second signature")
                && letter
                    .body
                    .contains("vault-cli grant show feedface00112233feedface00112233"),
            "{}",
            letter.body
        );
    }

    #[test]
    fn a_decision_tells_the_requester_what_to_do_next() {
        let event = request("request.approved");
        let letter = compose(Kind::RequestApproved, &event, Detail::Full, Some("hint"));
        assert!(letter.subject.contains("approuvée") && letter.subject.contains("approved"));
        assert!(letter
            .body
            .contains("vault-cli credential get facebook-cest"));
        assert!(letter.body.contains("vault-cli credential get x-cest"));
        assert!(
            letter.body.contains("3")
                && letter.body.contains("2026-05-29 00:36 (America/Montreal)")
        );
        // The console is the authority's: not in a requester's mail.
        assert!(!letter.body.contains("hint"));
        let minimal = compose(Kind::RequestApproved, &event, Detail::Minimal, None);
        assert!(minimal.body.contains("vault-cli credential get COMPTE"));
        assert!(minimal.body.contains("vault-cli credential get ACCOUNT"));
        let denied = compose(
            Kind::RequestDenied,
            &request("request.denied"),
            Detail::Full,
            None,
        );
        assert!(
            denied
                .body
                .contains("« Pas cette semaine vault-cli grant approve 0123 »"),
            "{}",
            denied.body
        );
        let mut unlimited = request("request.approved");
        unlimited.max_uses = 0;
        let text = compose(Kind::RequestApproved, &unlimited, Detail::Full, None).body;
        assert!(text.contains("illimitées") && text.contains("unlimited"));
    }

    #[test]
    fn a_stale_rotation_says_who_staged_it_when_and_how_to_finish_it() {
        let mut event = request("rotation.staged_stale");
        event.accounts = vec!["facebook-cest".into()];
        let letter = compose(Kind::RotationStagedStale, &event, Detail::Full, None);
        assert!(letter.subject.contains("alice"), "{}", letter.subject);
        assert!(!letter.subject.contains("facebook"));
        for words in [
            "alice a préparé un nouveau mot de passe",
            "alice staged a new password",
            "2026-05-28 16:26 (America/Montreal)",
            "vault-cli secret rotate facebook-cest --confirm",
            "vault-cli secret rotate facebook-cest --abort",
        ] {
            assert!(letter.body.contains(words), "{words}: {}", letter.body);
        }
    }

    #[test]
    fn a_password_due_by_age_says_since_when_and_how_old_it_may_get() {
        let mut event = request("rotation.due");
        event.accounts = vec!["x-cest".into()];
        event.reason = "age".into();
        event.created_at = 1_764_000_000;
        event.duration_secs = 90 * 86_400;
        let letter = compose(Kind::RotationDue, &event, Detail::Full, None);
        assert!(
            letter.body.contains("vault-cli secret set x-cest"),
            "{}",
            letter.body
        );
        assert!(
            letter.body.contains("90 j") && letter.body.contains("90 d"),
            "{}",
            letter.body
        );
        assert!(letter.subject.contains("/") && !letter.subject.contains("x-cest"));
        let minimal = compose(Kind::RotationDue, &event, Detail::Minimal, None);
        assert!(!minimal.body.contains("x-cest"), "{}", minimal.body);
    }

    #[test]
    fn a_grant_awaiting_its_second_signature_says_who_signed_and_how_to_cosign() {
        let mut event = request("grant.awaiting_second_signature");
        event.decided_by = "admin2".into();
        event.cosigners = vec!["sg".into()];
        let letter = compose(
            Kind::GrantAwaitingSecondSignature,
            &event,
            Detail::Full,
            Some("Raccourci « Coffre »"),
        );
        assert_eq!(
            letter.subject,
            "[vaultd] L'autorisation fedcba987654 attend une deuxième signature (signée par admin2) \
             / Grant fedcba987654 awaits a second signature (signed by admin2)"
        );
        let (fr, en) = letter.body.split_once("-- English --").unwrap();
        for text in [fr, en] {
            for words in [
                "vault-cli grant cosign fedcba9876543210fedcba9876543210",
                "vault-cli grant show fedcba9876543210fedcba9876543210",
                "facebook-cest, x-cest",
                "2026-05-28 16:36 (America/Montreal)",
                "Raccourci « Coffre »",
            ] {
                assert!(text.contains(words), "{words}: {text}");
            }
        }
        assert!(fr.contains("admin2 a signé") && fr.contains("exige deux signatures"));
        assert!(en.contains("admin2 signed grant") && en.contains("needs two signatures"));
        let minimal = compose(
            Kind::GrantAwaitingSecondSignature,
            &event,
            Detail::Minimal,
            None,
        );
        for hidden in ["facebook-cest", "Campagne"] {
            assert!(!minimal.body.contains(hidden), "{}", minimal.body);
        }
        assert!(minimal
            .body
            .contains("vault-cli grant cosign fedcba9876543210"));
    }

    #[test]
    fn a_rotation_names_its_cause_in_words() {
        let mut event = request("rotation.recommended");
        event.accounts = vec!["facebook-cest".into()];
        event.reason = "holder_disabled".into();
        let letter = compose(Kind::RotationRecommended, &event, Detail::Full, None);
        assert!(letter.body.contains("vault-cli secret set facebook-cest"));
        assert!(!letter.body.contains("holder_disabled"), "{}", letter.body);
        assert!(!letter.subject.contains("facebook"));
    }
}
