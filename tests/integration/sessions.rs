//! Access that ends ends everything open: a principal disabled, given other roles or renewed,
//! and a daemon stopping, end the streams it holds (an `audit tail`) at once; a release that
//! raced a disable is refused in its own transaction; a departed person's refused connection
//! is on record under their name.

use crate::harness::*;
use std::time::Duration;
use vaultd::tlog::entry::{AuditEntry, Outcome};

/// The audit entries `vault-cli audit log --action ACTION` shows the auditor.
fn logged(d: &Daemon, action: &str) -> Vec<AuditEntry> {
    let out = cli(
        &d.identity("auditor"),
        &["--json", "audit", "log", "--action", action],
    )
    .ok();
    serde_json::from_str(&out.stdout).unwrap()
}

#[test]
fn a_disabled_principals_refused_connection_is_recorded_under_its_name() {
    let d = Daemon::dev();
    cli(&d.identity("operator"), &["principal", "disable", "admin2"]).ok();
    let refused = cli(&d.identity("admin2"), &["whoami"]);
    assert_ne!(refused.code, 0, "{}", refused.stdout);
    let mut found = None;
    wait_until(
        "the refused connection on record",
        Duration::from_secs(10),
        || {
            found = logged(&d, "connection.refused")
                .into_iter()
                .find(|e| e.principal == "admin2");
            found.is_some()
        },
    );
    let entry = found.unwrap();
    assert_eq!(entry.outcome, Outcome::Denied);
    assert!(entry.peer.starts_with("127.0.0.1:"), "{}", entry.peer);
    let detail = entry.detail.unwrap_or_default();
    assert!(detail.contains("certificate"), "{detail}");

    // A renewed principal's replaced certificate: on record under its name too.
    let admin = d.identity("admin");
    let old = d.dir.path().join("admin-before-renewal.id");
    std::fs::copy(&admin, &old).unwrap();
    cli(&admin, &["identity", "renew"]).ok();
    assert_ne!(cli(&old, &["whoami"]).code, 0);
    wait_until(
        "the replaced certificate's refusal on record",
        Duration::from_secs(10),
        || {
            logged(&d, "connection.refused")
                .iter()
                .any(|e| e.principal == "admin")
        },
    );
}
