//! Access that ends ends everything open: a principal disabled, given other roles or renewed,
//! and a daemon stopping, end the streams it holds (an `audit tail`) at once; a release that
//! raced a disable is refused in its own transaction; a departed person's refused connection
//! is on record under their name.

use crate::harness::*;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use vaultd::tlog::entry::{AuditEntry, Outcome};

/// `vault-cli --json audit tail` as `identity`, its output in a file; returned once the tail
/// shows its own entry (it is streaming).
fn start_tail(d: &Daemon, identity: &Path, name: &str) -> (Child, PathBuf) {
    let out = d.dir.path().join(format!("{name}.out"));
    let tail = Command::new(vault_cli_path())
        .args(["--json", "--identity"])
        .arg(identity)
        .args(["audit", "tail"])
        .env("LANG", "en_CA.UTF-8")
        .stdout(Stdio::from(std::fs::File::create(&out).unwrap()))
        .stderr(Stdio::from(
            std::fs::File::create(out.with_extension("err")).unwrap(),
        ))
        .spawn()
        .unwrap();
    wait_until("the tail to start", Duration::from_secs(20), || {
        std::fs::read_to_string(&out)
            .unwrap_or_default()
            .contains("audit.tail")
    });
    (tail, out)
}

/// Waits for `child` to exit within `within`; kills it and fails otherwise.
#[track_caller]
fn exits_within(child: &mut Child, within: Duration, what: &str) -> std::process::ExitStatus {
    let deadline = Instant::now() + within;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() >= deadline {
            child.kill().ok();
            child.wait().ok();
            panic!("{what}: still running after {within:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_disabled_auditors_tail_ends_at_once() {
    let d = Daemon::dev();
    let (mut tail, out) = start_tail(&d, &d.identity("auditor"), "tail");
    cli(
        &d.identity("operator"),
        &["principal", "disable", "auditor"],
    )
    .ok();
    let status = exits_within(
        &mut tail,
        Duration::from_millis(1500),
        "the disabled auditor's tail",
    );
    assert!(!status.success(), "the tail ended as an error, not quietly");
    let stderr = std::fs::read_to_string(out.with_extension("err")).unwrap();
    assert!(stderr.contains("access"), "{stderr}");
}

#[test]
fn a_role_change_ends_the_principals_tail_and_not_others() {
    let d = Daemon::dev();
    let op = d.identity("operator");
    // The operator may read the log too once it holds the auditor role.
    cli(
        &op,
        &[
            "principal",
            "roles",
            "operator",
            "--set",
            "operator",
            "--set",
            "auditor",
        ],
    )
    .ok();
    let (mut auditors, _) = start_tail(&d, &d.identity("auditor"), "auditor-tail");
    let (mut operators, _) = start_tail(&d, &op, "operator-tail");
    cli(
        &op,
        &[
            "principal",
            "roles",
            "auditor",
            "--set",
            "auditor",
            "--set",
            "admin",
        ],
    )
    .ok();
    exits_within(
        &mut auditors,
        Duration::from_millis(1500),
        "the re-roled auditor's tail",
    );
    assert!(
        operators.try_wait().unwrap().is_none(),
        "another principal's tail goes on"
    );
    operators.kill().ok();
    operators.wait().ok();
}

#[test]
fn the_daemon_stops_promptly_while_a_tail_is_open() {
    let mut d = Daemon::dev();
    let (mut tail, _) = start_tail(&d, &d.identity("auditor"), "tail");
    nix::sys::signal::kill(d.pid(), nix::sys::signal::Signal::SIGTERM).unwrap();
    let status = exits_within(&mut d.child, Duration::from_secs(5), "vaultd after SIGTERM");
    assert!(status.success(), "{}", d.log_text());
    exits_within(
        &mut tail,
        Duration::from_secs(2),
        "the tail of a stopped vault",
    );
}

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

#[test]
fn a_release_by_a_caller_resolved_before_a_disable_is_refused_and_on_record() {
    let mut d = Daemon::dev();
    cli(
        &d.identity("authority"),
        &[
            "grant",
            "issue",
            "--to",
            "admin",
            "--account",
            "facebook-cest",
            "--for",
            "8h",
            "--purpose",
            "race with a disable",
        ],
    )
    .ok();
    assert!(d.terminate().success());
    let fingerprint = |stem: &str| {
        let identity = vaultd::identity::Identity::load(&d.identity(stem), || None).unwrap();
        let der =
            vaultd::identity::pki::first_cert_der(identity.cert_pem.as_deref().unwrap()).unwrap();
        vaultd::identity::pki::fingerprint(&der)
    };
    let (admin, operator) = (fingerprint("admin"), fingerprint("operator"));
    block_on(async {
        use vaultd::ids::Role;
        use vaultd::tlog::action::Action;
        let vault = vaultd::daemon::dev::resume_dev_vault(&d.vault_dir())
            .await
            .unwrap()
            .vault;
        let origin = || vaultd::vault::Origin {
            peer: "127.0.0.1:1".into(),
            request_id: vaultd::ids::new_request_id(),
        };
        let field = vaultd::vault::CredentialField::Password;
        // The caller as the authentication layer resolved it, before the disable.
        let caller = vault
            .authenticate(&admin, &[Role::Admin], Action::CredentialGet, origin())
            .await
            .unwrap();
        let op = vault
            .authenticate(
                &operator,
                &[Role::Operator],
                Action::PrincipalDisable,
                origin(),
            )
            .await
            .unwrap();
        vault.disable_principal(&op, "admin").await.unwrap();
        let refused = vault
            .release(&caller, "facebook-cest", field, None)
            .await
            .err()
            .expect("a disabled principal's release is refused");
        assert!(
            matches!(refused, vaultd::vault::error::Error::Disabled(ref p) if p == "admin"),
            "{refused:?}"
        );
        let filter = vaultd::vault::AuditFilter {
            action: Some("credential.get".into()),
            ..Default::default()
        };
        let page = vault.audit_query(filter, 0, 100).await.unwrap();
        let last = AuditEntry::parse(page.entries.last().unwrap()).unwrap();
        assert_eq!(
            (
                last.principal.as_str(),
                last.outcome,
                last.reason.as_deref()
            ),
            ("admin", Outcome::Denied, Some("principal_disabled"))
        );
    });
}
