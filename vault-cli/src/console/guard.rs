//! The console's gates, checked before any page or action. Loopback alone is not enough: any
//! local process, and any web page through a name that resolves to 127.0.0.1 (DNS rebinding),
//! can reach the port. So:
//! - the Host header must name exactly the address the console listens on;
//! - the printed link carries a one-time token, exchanged once for a session cookie (HttpOnly,
//!   SameSite=Strict) and void after: a copied or replayed link opens nothing;
//! - every form carries the session's CSRF token, checked on each POST.
//!
//! Tokens are 256 random bits, kept in zeroizing memory and compared in constant time.

use std::sync::Mutex;
use zeroize::Zeroizing;

/// The session cookie's name.
pub const COOKIE: &str = "vault_console";

/// A token: 32 random bytes, as 64 hex digits.
fn new_token() -> Zeroizing<String> {
    use ring::rand::SecureRandom;
    let mut bytes = Zeroizing::new([0u8; 32]);
    ring::rand::SystemRandom::new()
        .fill(bytes.as_mut())
        .expect("the system's random generator");
    Zeroizing::new(hex::encode(bytes.as_ref()))
}

/// Equality whose time does not depend on where the inputs differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub struct Guard {
    /// `127.0.0.1:PORT` or `[::1]:PORT`, as a browser sends it in Host.
    host: String,
    /// The printed link's token, until it is used.
    link: Mutex<Option<Zeroizing<String>>>,
    /// The session the link opened (one session: her browser's).
    session: Mutex<Option<Zeroizing<String>>>,
    csrf: Zeroizing<String>,
}

impl Guard {
    pub fn new(host: String) -> Self {
        Self {
            host,
            link: Mutex::new(Some(new_token())),
            session: Mutex::new(None),
            csrf: new_token(),
        }
    }

    /// The link to print: used once, it opens the session.
    pub fn link(&self) -> Option<String> {
        let link = self.link.lock().expect("link lock");
        link.as_ref()
            .map(|token| format!("http://{}/open?token={}", self.host, token.as_str()))
    }

    /// Whether a request's Host header names this console.
    pub fn host_ok(&self, host: Option<&[u8]>) -> bool {
        host.is_some_and(|h| h.eq_ignore_ascii_case(self.host.as_bytes()))
    }

    /// Exchanges the link's token for a new session (its cookie value): once only, then the
    /// token is void, and so is any session it opened before.
    pub fn redeem(&self, token: &str) -> Option<Zeroizing<String>> {
        let mut link = self.link.lock().expect("link lock");
        if !link
            .as_ref()
            .is_some_and(|t| same(t.as_bytes(), token.as_bytes()))
        {
            return None;
        }
        *link = None;
        let session = new_token();
        *self.session.lock().expect("session lock") = Some(session.clone());
        Some(session)
    }

    /// Whether a `Cookie` header carries the session's cookie.
    pub fn session_ok(&self, cookie_header: Option<&[u8]>) -> bool {
        let session = self.session.lock().expect("session lock");
        let (Some(session), Some(header)) = (session.as_ref(), cookie_header) else {
            return false;
        };
        let Ok(header) = std::str::from_utf8(header) else {
            return false;
        };
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .any(|(name, value)| name == COOKIE && same(value.as_bytes(), session.as_bytes()))
    }

    /// The CSRF token forms carry.
    pub fn csrf(&self) -> &str {
        &self.csrf
    }

    pub fn csrf_ok(&self, sent: Option<&str>) -> bool {
        sent.is_some_and(|s| same(s.as_bytes(), self.csrf.as_bytes()))
    }

    /// The Set-Cookie header value for a session.
    pub fn set_cookie(session: &str) -> String {
        format!("{COOKIE}={session}; HttpOnly; SameSite=Strict; Path=/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token_of(guard: &Guard) -> String {
        let link = guard.link().unwrap();
        link.split_once("token=").unwrap().1.to_owned()
    }

    #[test]
    fn only_the_address_it_listens_on_passes_as_host() {
        let g = Guard::new("127.0.0.1:4711".into());
        assert!(g.host_ok(Some(b"127.0.0.1:4711")));
        for other in [
            &b"evil.example:4711"[..],
            b"localhost:4711",
            b"127.0.0.1",
            b"127.0.0.1:4712",
            b"127.0.0.1:4711.evil.example",
            b"",
        ] {
            assert!(
                !g.host_ok(Some(other)),
                "{}",
                String::from_utf8_lossy(other)
            );
        }
        assert!(!g.host_ok(None));
    }

    #[test]
    fn the_link_opens_one_session_once_and_is_void_after() {
        let g = Guard::new("127.0.0.1:4711".into());
        let token = token_of(&g);
        assert_eq!(token.len(), 64);
        assert!(g.redeem("0".repeat(64).as_str()).is_none(), "a wrong token");
        assert!(g.redeem(&token[..63]).is_none(), "a shorter one");
        let session = g.redeem(&token).expect("the printed token, the first time");
        assert!(g.redeem(&token).is_none(), "the same token again");
        assert!(g.link().is_none(), "nothing left to print");
        let cookie = format!("other=1; {COOKIE}={}", session.as_str());
        assert!(g.session_ok(Some(cookie.as_bytes())));
        assert!(!g.session_ok(Some(format!("{COOKIE}=x").as_bytes())));
        assert!(!g.session_ok(Some(format!("x{COOKIE}={}", session.as_str()).as_bytes())));
        assert!(!g.session_ok(None));
        let set = Guard::set_cookie(&session);
        assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"));
    }

    #[test]
    fn no_session_exists_before_the_link_is_used() {
        let g = Guard::new("127.0.0.1:4711".into());
        assert!(!g.session_ok(Some(format!("{COOKIE}=").as_bytes())));
    }

    #[test]
    fn a_form_passes_only_with_the_csrf_token() {
        let g = Guard::new("127.0.0.1:4711".into());
        let token = g.csrf().to_owned();
        assert!(g.csrf_ok(Some(&token)));
        assert!(!g.csrf_ok(None));
        assert!(!g.csrf_ok(Some("")));
        assert!(!g.csrf_ok(Some(&token[1..])));
        assert!(!g.csrf_ok(Some(&format!("{token}0"))));
        let other = Guard::new("127.0.0.1:4711".into());
        assert!(!g.csrf_ok(Some(other.csrf())), "another console's token");
    }
}
