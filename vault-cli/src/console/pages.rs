//! The console's HTML, from maud templates (every value escaped unless said otherwise): the
//! page, its live part (reloaded alone when the vault signals a change), and the short pages
//! that say why a request was refused. No inline script or style: one static script and one
//! stylesheet, served by the console itself.
//!
//! Stable hooks for tests and assistive tools: a pending request is `[data-request=ID]`, its
//! buttons `[data-action=approve]` / `[data-action=deny]`, a live grant `[data-grant=ID]` with
//! `[data-action=revoke]` (and `.acting` when her delegate signed it), a delegation
//! `[data-delegation=ID]` with `[data-action=revoke-delegation]` and a checkbox `end_grants`;
//! a grant waiting for its second signature `[data-awaiting=ID]`, with `[data-action=cosign]`
//! unless she signed it first (`.signed-first`); reasons are fields named `reason`.

use super::state::Console;
use super::view::{Awaiting, Part, Pending, Releases, Snapshot, MAX_PENDING};
use super::words as w;
use maud::{html, Markup, DOCTYPE};
use vaultd::i18n::{Lang, Msg};
use vaultd::wire::pb;

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "fr",
        _ => "en",
    }
}

/// A time as the Commission reads it: `2026-12-06 09:05 (America/Montreal)`.
pub fn when(unix: i64) -> String {
    vaultd::times::commission_time(unix)
}

fn t(console: &Console, msg: Msg) -> &'static str {
    msg.text(console.lang)
}

/// The whole page: header, what the last action did (or why it failed), the live part.
pub fn page(console: &Console, snapshot: &Snapshot, error: Option<&str>) -> Markup {
    let lang = console.lang;
    let notice = console.take_notice();
    html! {
        (DOCTYPE)
        html lang=(lang_code(lang)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="csrf" content=(console.guard.csrf());
                title { (t(console, w::TITLE)) }
                link rel="stylesheet" href="/static/console.css";
                script src="/static/console.js" defer {}
            }
            body {
                a.skip href="#pending" { (t(console, w::SKIP)) }
                header {
                    h1 { (t(console, w::TITLE)) }
                    p.who { (w::WHO.fill(lang, &[("name", &console.identity.name), ("server", &console.server)])) }
                }
                p #status role="status" aria-live="polite"
                    data-updated=(t(console, w::UPDATED))
                    data-waiting=(t(console, w::UPDATE_WAITING)) {}
                div #closed role="alert" hidden { (t(console, w::CLOSED)) }
                @if let Some(notice) = notice {
                    p.notice role="status" { (notice) }
                }
                @if let Some(error) = error {
                    p.error role="alert" { (error) }
                }
                main #live { (live(console, snapshot)) }
            }
        }
    }
}

/// The part of the page that follows the vault.
pub fn live(console: &Console, snapshot: &Snapshot) -> Markup {
    html! {
        (pending_section(console, &snapshot.pending, snapshot.more_pending))
        (awaiting_section(console, &snapshot.awaiting, snapshot.more_awaiting))
        (grants_section(console, &snapshot.grants))
        (releases_section(console, &snapshot.releases))
        (rotation_section(console, &snapshot.rotation))
        (delegations_section(console, &snapshot.delegations))
    }
}

/// Whether a delegation can still be ended (an expired, revoked or superseded one cannot).
fn revocable(state: &str) -> bool {
    matches!(state, "active" | "not_yet_valid")
}

fn delegations_section(console: &Console, delegations: &Part<Vec<pb::Delegation>>) -> Markup {
    let lang = console.lang;
    html! {
        section #delegations aria-labelledby="delegations-heading" {
            h2 #delegations-heading { (t(console, w::DELEGATIONS_HEADING)) }
            @match delegations {
                Err(e) => (unavailable(console, e)),
                Ok(list) if list.is_empty() => p.empty { (t(console, w::NO_DELEGATIONS)) },
                Ok(list) => {
                    @for d in list {
                        article.delegation data-delegation=(d.id) data-state=(d.state) {
                            h3 { (d.delegate) " — " (crate::messages::state::name(lang, &d.state)) }
                            dl {
                                dt { (t(console, w::DELEGATE)) } dd { (d.delegate) }
                                dt { (t(console, w::WINDOW)) }
                                dd { (w::WINDOW_FROM_UNTIL.fill(lang, &[
                                    ("from", &when(d.not_before)), ("until", &when(d.not_after)),
                                ])) }
                                dt { (t(console, w::SCOPE)) }
                                dd { @if d.all_accounts { (t(console, w::ALL_ACCOUNTS)) } @else { (d.accounts.join(", ")) } }
                                dt { (t(console, w::STATE)) } dd.state { (crate::messages::state::name(lang, &d.state)) }
                                @if !d.reason.is_empty() {
                                    dt { (t(console, w::REASON)) } dd.purpose { (d.reason) }
                                }
                                dt { (t(console, w::DELEGATION)) } dd.id { code { (d.id) } }
                            }
                            @if revocable(&d.state) {
                                form.revoke method="post" action={ "/delegations/" (d.id) "/revoke" } {
                                    input type="hidden" name="csrf" value=(console.guard.csrf());
                                    label for={ "end-" (d.id) } { (t(console, w::DELEGATION_REVOKE_REASON)) }
                                    input #{ "end-" (d.id) } name="reason" required autocomplete="off"
                                        maxlength=(vaultd::limits::MAX_REASON);
                                    label.check {
                                        input type="checkbox" name="end_grants" value="on";
                                        " " (t(console, w::END_GRANTS))
                                    }
                                    button type="submit" data-action="revoke-delegation" { (t(console, w::REVOKE_DELEGATION)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn unavailable(console: &Console, detail: &str) -> Markup {
    html! { p.error { (w::UNAVAILABLE.fill(console.lang, &[("detail", &detail)])) } }
}

fn count<T>(part: &Part<Vec<T>>) -> String {
    part.as_ref()
        .map(|l| l.len().to_string())
        .unwrap_or_else(|_| "?".into())
}

fn pending_section(console: &Console, pending: &Part<Vec<Pending>>, more: bool) -> Markup {
    let lang = console.lang;
    html! {
        section #pending aria-labelledby="pending-heading" tabindex="-1" {
            h2 #pending-heading { (w::PENDING_HEADING.fill(lang, &[("count", &count(pending))])) }
            @match pending {
                Err(e) => (unavailable(console, e)),
                Ok(list) if list.is_empty() => p.empty { (t(console, w::NO_PENDING)) },
                Ok(list) => {
                    @for p in list { (request(console, p)) }
                    @if more {
                        p.note { (w::MORE_PENDING.fill(lang, &[("count", &MAX_PENDING)])) }
                    }
                }
            }
        }
    }
}

fn request(console: &Console, p: &Pending) -> Markup {
    let lang = console.lang;
    let r = &p.request;
    let id = &r.id;
    // The form's value is typed back (`8h`, which parse_duration reads); the page says `8 h`.
    let asked = if r.duration_secs > 0 {
        vaultd::times::format_duration(r.duration_secs)
    } else {
        String::new()
    };
    let asked_words = vaultd::i18n::duration_text(lang, r.duration_secs);
    let heading = format!("request-{id}");
    html! {
        article.request data-request=(id) aria-labelledby=(heading) {
            h3 #(heading) { (r.requester) " — " (r.accounts.join(", ")) }
            dl {
                dt { (t(console, w::REQUESTER)) } dd { (r.requester) }
                dt { (t(console, w::ACCOUNTS)) } dd { (r.accounts.join(", ")) }
                dt { (t(console, w::PURPOSE)) } dd.purpose { (r.purpose) }
                dt { (t(console, w::WINDOW_ASKED)) }
                dd { @if asked.is_empty() { (t(console, w::NO_WINDOW)) } @else { (asked_words) } }
                dt { (t(console, w::ASKED_AT)) } dd { time { (when(r.created_at)) } }
                dt { (t(console, w::RECENT_USES)) }
                dd {
                    @match &p.uses {
                        Ok(u) => (w::RECENT_USES_COUNT.fill(lang, &[
                            ("uses", &u.releases),
                            ("grants", &u.grants),
                            ("more", &if u.truncated { w::RECENT_USES_MORE.text(lang) } else { "" }),
                        ])),
                        Err(e) => (e),
                    }
                }
                dt { (t(console, w::REQUEST)) } dd.id { code { (id) } }
            }
            @if p.self_grant {
                p.warning role="note" { (t(console, w::SELF_GRANT)) }
            }
            div.decide {
                form.approve method="post" action={ "/requests/" (id) "/approve" } {
                    input type="hidden" name="csrf" value=(console.guard.csrf());
                    label for={ "for-" (id) } { (t(console, w::GRANT_FOR)) }
                    input #{ "for-" (id) } name="duration" value=(asked) required[asked.is_empty()]
                        inputmode="text" autocomplete="off" maxlength="16";
                    label for={ "uses-" (id) } { (t(console, w::MAX_USES)) }
                    input #{ "uses-" (id) } name="max_uses" type="number" min="1" step="1"
                        inputmode="numeric" autocomplete="off";
                    button type="submit" data-action="approve" { (t(console, w::APPROVE)) }
                }
                form.deny method="post" action={ "/requests/" (id) "/deny" } {
                    input type="hidden" name="csrf" value=(console.guard.csrf());
                    label for={ "reason-" (id) } { (t(console, w::DENY_REASON)) }
                    input #{ "reason-" (id) } name="reason" required autocomplete="off"
                        maxlength=(vaultd::limits::MAX_REASON);
                    button type="submit" data-action="deny" { (t(console, w::DENY)) }
                }
            }
        }
    }
}

fn awaiting_section(console: &Console, awaiting: &Part<Vec<Awaiting>>, more: bool) -> Markup {
    let lang = console.lang;
    html! {
        section #awaiting aria-labelledby="awaiting-heading" {
            h2 #awaiting-heading { (w::AWAITING_HEADING.fill(lang, &[("count", &count(awaiting))])) }
            @match awaiting {
                Err(e) => (unavailable(console, e)),
                Ok(list) if list.is_empty() => p.empty { (t(console, w::NO_AWAITING)) },
                Ok(list) => {
                    p { (t(console, w::AWAITING_WHY)) }
                    @for a in list { (awaiting_grant(console, a)) }
                    @if more {
                        p.note { (w::MORE_AWAITING.fill(lang, &[("count", &MAX_PENDING)])) }
                    }
                }
            }
        }
    }
}

/// One grant signed once: who signed it first, and what its signed bytes grant (what a second
/// signature signs); the button to sign it, except for the one who signed first.
fn awaiting_grant(console: &Console, a: &Awaiting) -> Markup {
    let lang = console.lang;
    let g = &a.grant;
    let heading = format!("awaiting-{}", g.id);
    let first = if g.delegation_id.is_empty() {
        w::FIRST_SIGNED_BY.fill(lang, &[("signer", &g.signer), ("at", &when(g.issued_at))])
    } else {
        w::FIRST_SIGNED_ACTING.fill(
            lang,
            &[
                ("signer", &g.signer),
                ("at", &when(g.issued_at)),
                ("delegation", &g.delegation_id),
            ],
        )
    };
    html! {
        article.awaiting.signed-first[a.signed_first] data-awaiting=(g.id) aria-labelledby=(heading) {
            @match &a.body {
                None => {
                    h3 #(heading) { (g.grantee) " — " (g.accounts.join(", ")) }
                    p.error role="note" { (t(console, w::NOT_THIS_GRANT)) }
                }
                Some(body) => {
                    h3 #(heading) { (body.grantee) " — " (body.accounts.join(", ")) }
                    dl {
                        dt { (t(console, w::FIRST_SIGNER)) } dd.signer { (first) }
                        dt { (t(console, w::GRANTEE)) } dd { (body.grantee) }
                        dt { (t(console, w::ACCOUNTS)) } dd { (body.accounts.join(", ")) }
                        dt { (t(console, w::PURPOSE)) } dd.purpose { (body.purpose) }
                        dt { (t(console, w::WINDOW)) }
                        dd { (w::WINDOW_FROM_UNTIL.fill(lang, &[
                            ("from", &when(body.not_before)), ("until", &when(body.not_after)),
                        ])) }
                        dt { (t(console, w::MAX_USES_LABEL)) }
                        dd { @match body.max_uses { Some(n) => (n), None => (t(console, w::USES_UNLIMITED)) } }
                        dt { (t(console, w::GRANT)) } dd.id { code { (g.id) } }
                    }
                    @if a.signed_first {
                        p.note role="note" { (t(console, w::SIGNED_FIRST)) }
                    } @else {
                        form.cosign method="post" action={ "/grants/" (g.id) "/cosign" } {
                            input type="hidden" name="csrf" value=(console.guard.csrf());
                            button type="submit" data-action="cosign" { (t(console, w::COSIGN)) }
                        }
                        p.note { (w::COSIGN_COMMAND.fill(lang, &[("id", &g.id)])) }
                    }
                }
            }
        }
    }
}

fn grants_section(console: &Console, grants: &Part<Vec<pb::Grant>>) -> Markup {
    let lang = console.lang;
    html! {
        section #grants aria-labelledby="grants-heading" {
            h2 #grants-heading { (w::GRANTS_HEADING.fill(lang, &[("count", &count(grants))])) }
            @match grants {
                Err(e) => (unavailable(console, e)),
                Ok(list) if list.is_empty() => p.empty { (t(console, w::NO_GRANTS)) },
                Ok(list) => {
                    @for g in list {
                        article.grant data-grant=(g.id) {
                            h3 { (g.grantee) " — " (g.accounts.join(", ")) }
                            // Signed by her delegate: a decision taken in her name.
                            @if !g.delegation_id.is_empty() {
                                p.acting data-acting=(g.delegation_id) {
                                    (w::ACTING.fill(lang, &[("signer", &g.signer)]))
                                }
                            }
                            dl {
                                dt { (t(console, w::PURPOSE)) } dd.purpose { (g.purpose) }
                                dt { (t(console, w::UNTIL)) } dd { time { (when(g.not_after)) } }
                                dt { (t(console, w::USES)) }
                                dd {
                                    @if g.max_uses > 0 { (g.uses) " / " (g.max_uses) } @else { (g.uses) }
                                }
                                dt { (t(console, w::GRANT)) } dd.id { code { (g.id) } }
                            }
                            form.revoke method="post" action={ "/grants/" (g.id) "/revoke" } {
                                input type="hidden" name="csrf" value=(console.guard.csrf());
                                label for={ "revoke-" (g.id) } { (t(console, w::REVOKE_REASON)) }
                                input #{ "revoke-" (g.id) } name="reason" required autocomplete="off"
                                    maxlength=(vaultd::limits::MAX_REASON);
                                button type="submit" data-action="revoke" { (t(console, w::REVOKE)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn releases_section(console: &Console, releases: &Part<Releases>) -> Markup {
    let lang = console.lang;
    html! {
        section #releases aria-labelledby="releases-heading" {
            h2 #releases-heading { (t(console, w::RELEASES_HEADING)) }
            @match releases {
                Err(e) => (unavailable(console, e)),
                Ok(r) if r.entries.is_empty() => p.empty { (t(console, w::NO_RELEASES)) },
                Ok(r) => {
                    div.scroll {
                        table {
                            thead { tr {
                                th scope="col" { (t(console, w::TIME)) }
                                th scope="col" { (t(console, w::PRINCIPAL)) }
                                th scope="col" { (t(console, w::ACCOUNT)) }
                                th scope="col" { (t(console, w::OUTCOME)) }
                                th scope="col" { (t(console, w::REASON)) }
                            } }
                            tbody {
                                @for e in &r.entries {
                                    tr class=(e.outcome.as_str()) {
                                        td { (e.unix_time().map(when).unwrap_or_else(|| e.time.clone())) }
                                        td { (e.principal) }
                                        td { (e.target) }
                                        td { (vaultd::i18n::outcome_label(lang, e.outcome.as_str())) }
                                        td { (e.reason.as_deref().map(|r| vaultd::i18n::reason_label(lang, r)).unwrap_or_default()) }
                                    }
                                }
                            }
                        }
                    }
                    @if r.truncated {
                        p.note { (w::RELEASES_TRUNCATED.fill(lang, &[("count", &r.entries.len())])) }
                    }
                }
            }
        }
    }
}

fn rotation_section(console: &Console, rotation: &Part<Vec<pb::Account>>) -> Markup {
    html! {
        section #rotation aria-labelledby="rotation-heading" {
            h2 #rotation-heading { (t(console, w::ROTATION_HEADING)) }
            @match rotation {
                Err(e) => (unavailable(console, e)),
                Ok(list) if list.is_empty() => p.empty { (t(console, w::NO_ROTATION)) },
                Ok(list) => {
                    p { (t(console, w::ROTATION_WHY)) }
                    ul { @for a in list { li {
                        strong { (a.id) } " (" (a.platform) ")"
                        @if a.rotation_recommended {
                            " — " (t(console, w::ROTATION_RECOMMENDED))
                        }
                        // A change under way: by whom, since when, flagged once it waits too long.
                        @if !a.staged_by.is_empty() {
                            " — " (w::ROTATION_STAGED.fill(console.lang, &[
                                ("by", &a.staged_by), ("at", &when(a.staged_at)),
                            ]))
                            @if a.staged_stale {
                                " " strong.warning { (t(console, w::ROTATION_STAGED_STALE)) }
                            }
                        }
                    } } }
                }
            }
        }
    }
}

/// A short page saying why a request was refused (no script, nothing to load).
pub fn refusal(lang: Lang, text: &str) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang_code(lang)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (w::TITLE.text(lang)) }
            }
            body { h1 { (w::TITLE.text(lang)) } p role="alert" { (text) } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::guard::Guard;
    use crate::console::state::Idle;
    use crate::console::view::RecentUse;

    fn console() -> Console {
        Console {
            lang: Lang::Fr,
            guard: Guard::new("127.0.0.1:4711".into()),
            identity: vaultd::identity::Identity::new(
                "sg".into(),
                vaultd::secret::SecretString::new(String::new()),
            ),
            channel: tonic::transport::Endpoint::from_static("https://127.0.0.1:1").connect_lazy(),
            server: "https://vault.example:8443".into(),
            idle: Idle::new(std::time::Duration::from_secs(900)),
            signals: tokio::sync::broadcast::channel(1).0,
            notice: std::sync::Mutex::new(None),
        }
    }

    fn pending(requester: &str, self_grant: bool) -> Pending {
        Pending {
            request: pb::GrantRequest {
                id: "0123456789abcdef0123456789abcdef".into(),
                requester: requester.into(),
                accounts: vec!["facebook-cest".into()],
                purpose: "<script>alert('x')</script> & \"campagne\"".into(),
                duration_secs: 8 * 3600,
                created_at: 1_765_000_000,
                ..Default::default()
            },
            uses: Ok(RecentUse {
                releases: 4,
                grants: 2,
                truncated: false,
            }),
            self_grant,
        }
    }

    fn snapshot(list: Vec<Pending>) -> Snapshot {
        Snapshot {
            pending: Ok(list),
            more_pending: false,
            grants: Ok(vec![]),
            releases: Err("refusé <b>".into()),
            rotation: Ok(vec![]),
            delegations: Ok(vec![]),
            awaiting: Ok(vec![]),
            more_awaiting: false,
        }
    }

    /// A grant admin2 (`signer`) signed first for facebook-cest, its bytes as she signed them.
    fn awaiting(signer: &str, signed_first: bool) -> Awaiting {
        let body = vaultd::authz::grant::GrantBody {
            id: "feedfacefeedfacefeedfacefeedface".into(),
            grantee: "admin".into(),
            accounts: vec!["facebook-cest".into()],
            purpose: "Campagne <b>".into(),
            not_before: 1_765_000_000,
            not_after: 1_765_028_800,
            max_uses: Some(3),
            issued_at: 1_765_000_000,
            key_id: "k".into(),
            request: None,
        };
        let grant = pb::Grant {
            id: body.id.clone(),
            signer: signer.into(),
            delegation_id: "d1".into(),
            signed: body.encode(),
            issued_at: body.issued_at,
            ..Default::default()
        };
        Awaiting {
            body: crate::decisions::signed_body(&grant),
            grant,
            signed_first,
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_grant_awaiting_its_second_signature_shows_who_signed_and_offers_to_cosign() {
        let mut console = console();
        let mut shot = snapshot(vec![]);
        shot.awaiting = Ok(vec![awaiting("admin2", false)]);
        for (lang, words) in [
            (
                Lang::Fr,
                [
                    "En attente d'une deuxième signature (1)",
                    "admin2, le 2025-12-06 00:46 (America/Montreal), par intérim (délégation d1)",
                    "du 2025-12-06 00:46 (America/Montreal) au 2025-12-06 08:46 (America/Montreal)",
                    "Ajouter ma signature",
                    "vault-cli grant cosign feedfacefeedfacefeedfacefeedface",
                ],
            ),
            (
                Lang::En,
                [
                    "Waiting for a second signature (1)",
                    "admin2, on 2025-12-06 00:46 (America/Montreal), acting for you (delegation d1)",
                    "from 2025-12-06 00:46 (America/Montreal) until 2025-12-06 08:46 (America/Montreal)",
                    "Add my signature",
                    "vault-cli grant cosign feedfacefeedfacefeedfacefeedface",
                ],
            ),
        ] {
            console.lang = lang;
            let html = live(&console, &shot).into_string();
            for w in words {
                assert!(html.contains(w), "{w}\n{html}");
            }
            assert!(html.contains("data-awaiting=\"feedfacefeedfacefeedfacefeedface\""));
            assert!(html.contains("action=\"/grants/feedfacefeedfacefeedfacefeedface/cosign\""));
            assert!(html.contains("Campagne &lt;b&gt;") && html.contains("facebook-cest"));
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn the_first_signer_is_not_offered_to_sign_again_nor_anyone_bytes_that_do_not_match() {
        let console = console();
        let mut shot = snapshot(vec![]);
        let mut forged = awaiting("admin2", false);
        forged.grant.id = "0000".into();
        forged.body = crate::decisions::signed_body(&forged.grant);
        assert!(forged.body.is_none(), "bytes naming another grant");
        shot.awaiting = Ok(vec![awaiting("sg", true), forged]);
        let html = live(&console, &shot).into_string();
        assert!(!html.contains("data-action=\"cosign\""), "{html}");
        assert!(html.contains("class=\"awaiting signed-first\""), "{html}");
        assert!(html.contains("Vous l'avez signée en premier"), "{html}");
        assert!(html.contains("rien n'est à signer ici"), "{html}");
    }

    #[tokio::test(flavor = "current_thread")]
    async fn the_rotation_list_shows_a_change_staged_by_whom_since_when_and_if_too_long() {
        let console = console();
        let mut shot = snapshot(vec![]);
        shot.rotation = Ok(vec![
            pb::Account {
                id: "facebook-cest".into(),
                platform: "facebook".into(),
                rotation_recommended: true,
                ..Default::default()
            },
            pb::Account {
                id: "x-cest".into(),
                platform: "x".into(),
                staged_by: "admin".into(),
                staged_at: 1_765_000_000,
                staged_field: "password".into(),
                staged_stale: true,
                ..Default::default()
            },
        ]);
        let html = page(&console, &shot, None).into_string();
        for words in [
            "facebook-cest</strong> (facebook) — changement recommandé",
            "x-cest</strong> (x) — nouveau mot de passe préparé par admin, le 2025-12-06 00:46 (America/Montreal)",
            "en attente depuis trop longtemps",
        ] {
            assert!(html.contains(words), "{words}\n{html}");
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_request_shows_its_hooks_escaped_text_and_no_inline_script_or_style() {
        let console = console();
        let html = page(&console, &snapshot(vec![pending("admin", false)]), None).into_string();
        for hook in [
            "data-request=\"0123456789abcdef0123456789abcdef\"",
            "data-action=\"approve\"",
            "data-action=\"deny\"",
            "name=\"reason\" required",
            "name=\"duration\" value=\"8h\"",
            "4 remise(s) sous 2 autorisation(s)",
            "<html lang=\"fr\">",
        ] {
            assert!(html.contains(hook), "{hook}\n{html}");
        }
        assert_eq!(
            html.matches(&format!("name=\"csrf\" value=\"{}\"", console.guard.csrf()))
                .count(),
            2,
            "both forms carry the token"
        );
        assert!(html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;campagne&quot;"));
        assert!(
            html.contains("refusé &lt;b&gt;"),
            "a part that failed says why, escaped"
        );
        assert_eq!(html.matches("<script").count(), 1);
        assert!(html.contains("<script src=\"/static/console.js\" defer></script>"));
        assert!(!html.contains("style=") && !html.contains("<style"));
        assert!(!html.contains("class=\"warning\""), "not her own request");
    }

    #[tokio::test(flavor = "current_thread")]
    async fn delegations_show_who_when_what_and_state_and_only_a_live_one_can_be_ended() {
        let console = console();
        let mut shot = snapshot(vec![]);
        let delegation = |id: &str, state: &str| pb::Delegation {
            id: id.into(),
            delegate: "admin2".into(),
            not_before: 1_765_000_000,
            not_after: 1_765_600_000,
            accounts: vec!["facebook-cest".into(), "youtube-cest".into()],
            state: state.into(),
            reason: "congé <b>".into(),
            ..Default::default()
        };
        shot.delegations = Ok(vec![
            delegation("d1", "active"),
            delegation("d0", "revoked"),
        ]);
        shot.grants = Ok(vec![pb::Grant {
            id: "g1".into(),
            grantee: "admin".into(),
            signer: "admin2".into(),
            delegation_id: "d1".into(),
            ..Default::default()
        }]);
        let html = live(&console, &shot).into_string();
        for words in [
            "Délégations",
            "data-delegation=\"d1\"",
            "facebook-cest, youtube-cest",
            "du 2025-12-06 00:46 (America/Montreal) au",
            "congé &lt;b&gt;",
            "action=\"/delegations/d1/revoke\"",
            "name=\"end_grants\"",
            "Par intérim : signée par admin2",
        ] {
            assert!(html.contains(words), "{words}\n{html}");
        }
        assert_eq!(
            html.matches("data-action=\"revoke-delegation\"").count(),
            1,
            "a revoked delegation has no button"
        );
        assert!(!html.contains("/delegations/d0/revoke"));
    }

    #[tokio::test(flavor = "current_thread")]
    async fn approving_her_own_request_is_flagged_as_a_self_grant() {
        let console = console();
        let html = live(&console, &snapshot(vec![pending("sg", true)])).into_string();
        assert!(html.contains("class=\"warning\""));
        assert!(html.contains("autorisation à vous-même"));
    }
}
