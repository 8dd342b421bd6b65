//! Her decisions from the page: approve (she may shorten the window or set a use limit), deny,
//! revoke, cosign (the second signature a grant for an account that needs two waits for),
//! each through `crate::decisions`, as `grant approve | deny | revoke | cosign` make them. Forms
//! are checked here (the CSRF token by the server first); what the vault refuses is said on
//! the page in her words. A decision made answers with a redirect to the page (no form sent
//! twice on reload), which then says what was done.

use super::pages;
use super::state::Console;
use super::words as w;
use crate::decisions::{self, Grants};
use crate::error::{CliError, Result};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use std::sync::Arc;
use vaultd::i18n::Lang;
use vaultd::times::{format_duration, parse_duration};

#[derive(Deserialize)]
pub struct ApproveForm {
    #[serde(default)]
    duration: String,
    #[serde(default)]
    max_uses: String,
}

#[derive(Deserialize)]
pub struct ReasonForm {
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
pub struct DelegationRevokeForm {
    #[serde(default)]
    reason: String,
    /// A checkbox: present ("on") when ticked.
    #[serde(default)]
    end_grants: Option<String>,
}

/// Whether an id from a path can be one (ids and prefixes are hex and dashes, short): anything
/// else is not sent to the vault at all.
pub fn plausible_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn said(lang: Lang, msg: vaultd::i18n::Msg, args: &[(&str, &dyn std::fmt::Display)]) -> CliError {
    CliError::Message(msg.fill(lang, args))
}

/// The window's end: the duration she typed, no longer than the one asked (the request's own
/// when she left it as it was).
fn not_after(lang: Lang, typed: &str, asked_secs: i64, start: i64) -> Result<i64> {
    let typed = typed.trim();
    let secs = if typed.is_empty() {
        asked_secs
    } else {
        parse_duration(typed)
            .filter(|s| *s > 0)
            .ok_or_else(|| said(lang, w::BAD_DURATION, &[("value", &typed)]))?
    };
    if secs <= 0 {
        return Err(said(lang, w::NEED_DURATION, &[]));
    }
    if asked_secs > 0 && secs > asked_secs {
        return Err(said(
            lang,
            w::LONGER_THAN_ASKED,
            &[
                ("given", &format_duration(secs)),
                ("asked", &format_duration(asked_secs)),
            ],
        ));
    }
    start
        .checked_add(secs)
        .ok_or_else(|| said(lang, w::BAD_DURATION, &[("value", &typed)]))
}

fn max_uses(lang: Lang, typed: &str) -> Result<Option<u64>> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    typed
        .parse::<u64>()
        .ok()
        .filter(|n| *n >= 1)
        .map(Some)
        .ok_or_else(|| said(lang, w::BAD_MAX_USES, &[("value", &typed)]))
}

fn reason(lang: Lang, typed: &str) -> Result<String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(said(lang, w::REASON_REQUIRED, &[]));
    }
    Ok(typed.to_owned())
}

/// The page again, with why the action failed (nothing was decided).
async fn failed(console: &Console, e: CliError) -> Response {
    let status = match &e {
        CliError::Message(_) | CliError::Field(_) | CliError::Usage(_) => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        _ => StatusCode::CONFLICT,
    };
    let text = match &e {
        CliError::Status(_) => {
            w::REFUSED.fill(console.lang, &[("detail", &e.describe(console.lang))])
        }
        _ => e.describe(console.lang),
    };
    let snapshot = super::view::snapshot(console).await;
    (status, pages::page(console, &snapshot, Some(&text))).into_response()
}

fn done(console: &Console, notice: String) -> Response {
    console.say_next(notice);
    Redirect::to("/").into_response()
}

fn grants(console: &Console) -> Grants {
    Grants::new(console.channel.clone())
}

pub async fn approve(
    State(console): State<Arc<Console>>,
    Path(id): Path<String>,
    Form(form): Form<ApproveForm>,
) -> Response {
    let lang = console.lang;
    if !plausible_id(&id) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let result = async {
        let uses = max_uses(lang, &form.max_uses)?;
        decisions::approve(
            lang,
            &mut grants(&console),
            &console.identity,
            &id,
            |r, start| not_after(lang, &form.duration, r.duration_secs, start),
            uses,
        )
        .await
    }
    .await;
    match result {
        Ok(g) => done(
            &console,
            w::DONE_APPROVED.fill(
                lang,
                &[
                    ("id", &g.request_id),
                    ("grant", &g.id),
                    ("grantee", &g.grantee),
                    ("until", &pages::when(g.not_after)),
                ],
            ),
        ),
        Err(e) => failed(&console, e).await,
    }
}

pub async fn deny(
    State(console): State<Arc<Console>>,
    Path(id): Path<String>,
    Form(form): Form<ReasonForm>,
) -> Response {
    let lang = console.lang;
    if !plausible_id(&id) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let result = async {
        let reason = reason(lang, &form.reason)?;
        decisions::deny(&mut grants(&console), &id, &reason).await
    }
    .await;
    match result {
        Ok(r) => done(&console, w::DONE_DENIED.fill(lang, &[("id", &r.id)])),
        Err(e) => failed(&console, e).await,
    }
}

pub async fn revoke(
    State(console): State<Arc<Console>>,
    Path(id): Path<String>,
    Form(form): Form<ReasonForm>,
) -> Response {
    let lang = console.lang;
    if !plausible_id(&id) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let result = async {
        let reason = reason(lang, &form.reason)?;
        decisions::revoke(&mut grants(&console), &id, &reason).await
    }
    .await;
    match result {
        Ok(g) => done(&console, w::DONE_REVOKED.fill(lang, &[("id", &g.id)])),
        Err(e) => failed(&console, e).await,
    }
}

/// Adds her signature as a grant's second, over the bytes the vault holds for it, read again
/// here (not taken from the page): refused before signing when they do not decode to this
/// grant, or when she signed it first.
pub async fn cosign(State(console): State<Arc<Console>>, Path(id): Path<String>) -> Response {
    let lang = console.lang;
    if !plausible_id(&id) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let result = async {
        let mut client = grants(&console);
        let g = client
            .get(vaultd::wire::pb::GetGrant { id: id.clone() })
            .await?
            .into_inner();
        if decisions::signed_body(&g).is_none() {
            return Err(said(lang, w::NOT_THIS_GRANT, &[]));
        }
        if g.signer == console.identity.name {
            return Err(said(lang, w::SIGNED_FIRST, &[]));
        }
        decisions::cosign(lang, &mut client, &console.identity, g).await
    }
    .await;
    match result {
        Ok(g) => done(
            &console,
            w::DONE_COSIGNED.fill(
                lang,
                &[
                    ("id", &g.id),
                    ("first", &g.signer),
                    ("grantee", &g.grantee),
                    ("accounts", &g.accounts.join(", ")),
                ],
            ),
        ),
        Err(e) => failed(&console, e).await,
    }
}

/// Ends a delegation through the same RPC as `authority delegation revoke` (with
/// `--end-grants` when she ticks it); the vault refuses it to an acting authority.
pub async fn revoke_delegation(
    State(console): State<Arc<Console>>,
    Path(id): Path<String>,
    Form(form): Form<DelegationRevokeForm>,
) -> Response {
    let lang = console.lang;
    if !plausible_id(&id) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let end_grants = form.end_grants.is_some();
    let result = async {
        let reason = reason(lang, &form.reason)?;
        let mut client =
            vaultd::wire::pb::grants_client::GrantsClient::new(console.channel.clone());
        let revoked = client
            .revoke_delegation(vaultd::wire::pb::RevokeDelegationRequest {
                id: id.clone(),
                reason,
                end_grants,
            })
            .await?
            .into_inner();
        Ok::<_, CliError>(revoked)
    }
    .await;
    match result {
        Ok(d) => done(
            &console,
            w::DONE_DELEGATION_REVOKED.fill(
                lang,
                &[
                    ("id", &d.id),
                    ("delegate", &d.delegate),
                    ("ended", &d.ended_grants.len()),
                    ("live", &d.grants_still_live),
                ],
            ),
        ),
        Err(e) => failed(&console, e).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn she_may_shorten_the_window_asked_never_lengthen_it() {
        let l = Lang::En;
        assert_eq!(not_after(l, "", 8 * 3600, 1000).unwrap(), 1000 + 8 * 3600);
        assert_eq!(not_after(l, " 2h ", 8 * 3600, 1000).unwrap(), 1000 + 7200);
        assert!(not_after(l, "9h", 8 * 3600, 0)
            .unwrap_err()
            .describe(l)
            .contains("longer than the one asked"));
        assert!(not_after(l, "", 0, 0)
            .unwrap_err()
            .describe(l)
            .contains("names no duration"));
        assert_eq!(not_after(l, "3d", 0, 0).unwrap(), 3 * 86_400);
        for bad in ["soon", "0s", "-1h"] {
            assert!(not_after(l, bad, 8 * 3600, 0).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_use_limit_is_a_whole_number_of_at_least_one_and_a_reason_is_required() {
        let l = Lang::Fr;
        assert_eq!(max_uses(l, "").unwrap(), None);
        assert_eq!(max_uses(l, " 3 ").unwrap(), Some(3));
        for bad in ["0", "-2", "1.5", "trois"] {
            assert!(max_uses(l, bad).is_err(), "{bad}");
        }
        assert!(reason(l, "   ")
            .unwrap_err()
            .describe(l)
            .contains("obligatoire"));
        assert_eq!(reason(l, " Hors mandat ").unwrap(), "Hors mandat");
    }

    #[test]
    fn only_short_id_shaped_paths_reach_the_vault() {
        assert!(plausible_id("0123abcd-ef"));
        for bad in ["", "../x", "a b", &"a".repeat(65), "é"] {
            assert!(!plausible_id(bad), "{bad}");
        }
    }
}
