//! The console's HTTP side: routes, and the layers every response goes through. Outermost,
//! the security headers (strict CSP, no sniffing, no referrer, no caching); then the Host check
//! (DNS rebinding); then the session cookie (all but `/open`, which exchanges the printed
//! link's token for it); then, for POSTs, the CSRF token. Her own requests wind the idle clock;
//! the page's event stream and its reloads of the live part do not.

use super::guard::Guard;
use super::state::Console;
use super::words as w;
use super::{actions, events, pages, view};
use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use std::sync::Arc;

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
                   connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
/// Forms are small: a token, a duration, a count, a reason of at most 500 characters.
const MAX_FORM_BYTES: usize = 16 * 1024;
/// The header the page's script sends its CSRF token in (its still-here pings).
pub const CSRF_HEADER: &str = "x-console-csrf";

const SCRIPT: &str = include_str!("assets/console.js");
const STYLE: &str = include_str!("assets/console.css");

pub fn router(console: Arc<Console>) -> Router {
    let guarded = Router::new()
        .route("/", get(page))
        .route("/live", get(live))
        .route("/events", get(events::stream))
        .route("/alive", post(alive))
        .route("/static/console.js", get(script))
        .route("/static/console.css", get(style))
        .route("/requests/{id}/approve", post(actions::approve))
        .route("/requests/{id}/deny", post(actions::deny))
        .route("/grants/{id}/revoke", post(actions::revoke))
        .route("/grants/{id}/cosign", post(actions::cosign))
        .route("/delegations/{id}/revoke", post(actions::revoke_delegation))
        .layer(middleware::from_fn_with_state(console.clone(), session));
    Router::new()
        .route("/open", get(open))
        .merge(guarded)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
        .layer(middleware::from_fn_with_state(console.clone(), host))
        .layer(middleware::from_fn(headers))
        .with_state(console)
}

async fn headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        h.insert(name, HeaderValue::from_static(value));
    }
    response
}

fn refused(console: &Console, status: StatusCode, msg: vaultd::i18n::Msg) -> Response {
    (status, pages::refusal(console.lang, msg.text(console.lang))).into_response()
}

async fn host(State(console): State<Arc<Console>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .map(HeaderValue::as_bytes);
    if !console.guard.host_ok(host) {
        return refused(&console, StatusCode::MISDIRECTED_REQUEST, w::REFUSED_HOST);
    }
    next.run(request).await
}

/// The session cookie on every guarded route, the CSRF token on every POST; her own requests
/// wind the idle clock.
async fn session(State(console): State<Arc<Console>>, request: Request, next: Next) -> Response {
    let cookie = request
        .headers()
        .get(header::COOKIE)
        .map(HeaderValue::as_bytes);
    if !console.guard.session_ok(cookie) {
        return refused(&console, StatusCode::FORBIDDEN, w::REFUSED_SESSION);
    }
    let request = if request.method() == Method::POST {
        match csrf_checked(&console.guard, request).await {
            Ok(request) => request,
            Err(()) => return refused(&console, StatusCode::FORBIDDEN, w::REFUSED_CSRF),
        }
    } else {
        request
    };
    if !matches!(request.uri().path(), "/events" | "/live") {
        console.idle.touch();
    }
    next.run(request).await
}

/// Reads the form (bounded), checks its `csrf` field (or the script's header), and puts the
/// body back for the handler.
async fn csrf_checked(guard: &Guard, request: Request) -> Result<Request, ()> {
    let (parts, body) = request.into_parts();
    let sent_in_header = parts
        .headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| ())?;
    let in_form = form_csrf(&bytes);
    if !guard.csrf_ok(sent_in_header.as_deref().or(in_form.as_deref())) {
        return Err(());
    }
    Ok(Request::from_parts(parts, axum::body::Body::from(bytes)))
}

/// The `csrf` field of an `application/x-www-form-urlencoded` body.
fn form_csrf(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Csrf {
        csrf: Option<String>,
    }
    serde_urlencoded::from_bytes::<Csrf>(body).ok()?.csrf
}

#[derive(Deserialize)]
struct OpenQuery {
    #[serde(default)]
    token: String,
}

/// `GET /open?token=…`: the printed link. The first time, its token becomes the session's
/// cookie and the page opens; any other time, it is refused.
async fn open(State(console): State<Arc<Console>>, Query(q): Query<OpenQuery>) -> Response {
    match console.guard.redeem(&q.token) {
        Some(session) => {
            console.idle.touch();
            let mut response = Redirect::to("/").into_response();
            if let Ok(cookie) = HeaderValue::from_str(&Guard::set_cookie(&session)) {
                response.headers_mut().insert(header::SET_COOKIE, cookie);
            }
            response
        }
        None => refused(&console, StatusCode::FORBIDDEN, w::REFUSED_TOKEN),
    }
}

async fn page(State(console): State<Arc<Console>>) -> Response {
    let snapshot = view::snapshot(&console).await;
    pages::page(&console, &snapshot, None).into_response()
}

async fn live(State(console): State<Arc<Console>>) -> Response {
    let snapshot = view::snapshot(&console).await;
    pages::live(&console, &snapshot).into_response()
}

async fn alive() -> StatusCode {
    StatusCode::NO_CONTENT
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    (headers, body).into_response()
}

async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

async fn not_found(State(console): State<Arc<Console>>) -> Response {
    refused(&console, StatusCode::NOT_FOUND, w::NOT_FOUND)
}
