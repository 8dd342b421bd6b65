//! The requester waits without polling, with the real daemon: `grant request --wait` and
//! `grant wait` return as soon as the authority decides (exit 0 with the grant, 4 with the
//! reason of a denial), and exit 1 when their time runs out, the request still pending.

use crate::harness::*;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Starts vault-cli in the background (English), as a person leaving it waiting would.
fn spawn_cli(identity: &Path, args: &[&str]) -> Child {
    Command::new(vault_cli_path())
        .arg("--identity")
        .arg(identity)
        .args(args)
        .env("LANG", "en_CA.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("VAULT_CLI_IDENTITY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starting vault-cli")
}

/// The one pending request, once the authority sees it.
fn pending_request(sg: &Path) -> String {
    let mut id = String::new();
    wait_until(
        "the request reaches the authority",
        Duration::from_secs(10),
        || {
            let out = cli(sg, &["--json", "grant", "pending"]).ok();
            let list: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
            match list.as_array().and_then(|l| l.first()) {
                Some(r) => {
                    id = r["id"].as_str().unwrap().to_owned();
                    true
                }
                None => false,
            }
        },
    );
    id
}

/// Whether `principal` has a `grant.wait` entry in the log.
fn waited(auditor: &Path, principal: &str) -> bool {
    let out = cli(
        auditor,
        &["--json", "audit", "log", "--action", "grant.wait"],
    )
    .ok();
    let entries: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    entries
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["principal"] == principal && e["outcome"] == "allowed")
}

/// Waits for the child to exit (within `within`) and returns its exit code, stdout, stderr.
fn finished(mut child: Child, within: Duration) -> (i32, String, String) {
    let mut status = None;
    wait_until("the waiting vault-cli returns", within, || {
        status = child.try_wait().unwrap();
        status.is_some()
    });
    let out = child.wait_with_output().unwrap();
    (
        status.unwrap().code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_waiting_request_returns_with_the_grant_as_soon_as_it_is_approved() {
    let daemon = Daemon::dev();
    let (admin, sg) = (daemon.identity("admin"), daemon.identity("authority"));
    let waiting = spawn_cli(
        &admin,
        &[
            "grant",
            "request",
            "facebook-cest",
            "--purpose",
            "Publication",
            "--for",
            "2h",
            "--wait",
            "--timeout",
            "2m",
        ],
    );
    let id = pending_request(&sg);
    cli(&sg, &["grant", "approve", "--yes", &id]).ok();
    let (code, stdout, stderr) = finished(waiting, Duration::from_secs(10));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stderr.contains(&format!("Request {id} approved by authority")),
        "{stderr}"
    );
    let grant = stdout.lines().last().unwrap().trim().to_owned();
    assert_eq!(grant.len(), 32, "the last line is the grant id: {stdout}");
    cli(&admin, &["credential", "get", "facebook-cest"]).ok();
    // On the record as a wait by its requester.
    assert!(waited(&daemon.identity("auditor"), "admin"));
}

#[test]
fn a_denied_request_ends_the_wait_with_exit_4_and_the_reason() {
    let daemon = Daemon::dev();
    let (admin, sg) = (daemon.identity("admin"), daemon.identity("authority"));
    let request = cli(
        &admin,
        &[
            "grant",
            "request",
            "x-cest",
            "--purpose",
            "Sondage",
            "--for",
            "1h",
        ],
    )
    .ok();
    let id = request.stdout.trim().to_owned();
    let waiting = spawn_cli(&admin, &["grant", "wait", &id[..8], "--timeout", "2m"]);
    // The wait is open before the decision: its entry is on the record.
    wait_until("the wait is open", Duration::from_secs(10), || {
        waited(&daemon.identity("auditor"), "admin")
    });
    cli(
        &sg,
        &[
            "grant",
            "deny",
            &id,
            "--reason",
            "Pas pendant la période électorale",
        ],
    )
    .ok();
    let (code, stdout, stderr) = finished(waiting, Duration::from_secs(10));
    assert_eq!(code, 4, "{stdout}{stderr}");
    assert!(
        stderr.contains("denied by authority: Pas pendant la période électorale"),
        "{stderr}"
    );
}

#[test]
fn a_wait_runs_out_with_exit_1_and_others_cannot_wait_on_your_request() {
    let daemon = Daemon::dev();
    let admin = daemon.identity("admin");
    let out = cli(
        &admin,
        &[
            "grant",
            "request",
            "x-cest",
            "--purpose",
            "Sondage",
            "--wait",
            "--timeout",
            "1s",
        ],
    );
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("still waits for a decision"),
        "{}",
        out.stderr
    );
    let id = out.stdout.lines().next().unwrap().trim().to_owned();
    // Another administrator does not see it, so cannot wait on it either.
    cli(
        &daemon.identity("admin2"),
        &["grant", "wait", &id, "--timeout", "1s"],
    )
    .refused("unknown request");
}
