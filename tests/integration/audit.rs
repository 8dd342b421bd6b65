//! The art. 14 audit log through the real daemon: one entry per call with the right fields,
//! export + offline verify + report through vault-cli, tampering caught, proofs, tail, and no
//! release when the entry cannot be written (a real full filesystem).

use crate::harness::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;
use vaultd::tlog::entry::{AuditEntry, Outcome};

fn entries(d: &Daemon) -> Vec<AuditEntry> {
    let out = cli(&d.identity("auditor"), &["--json", "audit", "log"]).ok();
    serde_json::from_str(&out.stdout).unwrap()
}

fn verifier_key(d: &Daemon) -> String {
    cli(&d.identity("auditor"), &["audit", "key"])
        .ok()
        .stdout
        .trim()
        .to_owned()
}

fn export(d: &Daemon, name: &str) -> std::path::PathBuf {
    let dir = d.dir.path().join(name);
    cli(
        &d.identity("auditor"),
        &["audit", "export", "--out", dir.to_str().unwrap()],
    )
    .ok();
    dir
}

fn verify(dir: &Path, key: &str, since: Option<&Path>) -> CliRun {
    let mut args = vec!["audit", "verify", dir.to_str().unwrap(), "--key", key];
    if let Some(s) = since {
        args.extend_from_slice(&["--since", s.to_str().unwrap()]);
    }
    // Offline: no identity, no daemon needed.
    cli_with(
        Path::new("/nonexistent"),
        &args,
        None,
        &[("LANG", "en_CA.UTF-8")],
    )
}

#[test]
fn every_action_produces_exactly_one_entry_with_the_right_fields() {
    let d = Daemon::dev();
    let before = entries(&d).len();
    let op = d.identity("operator");
    let sg = d.identity("authority");
    let admin = d.identity("admin");
    cli(
        &op,
        &[
            "account",
            "add",
            "blog-cest",
            "--platform",
            "blog",
            "--login",
            "b",
        ],
    )
    .ok();
    cli(
        &op,
        &[
            "account",
            "add",
            "blog-cest",
            "--platform",
            "blog",
            "--login",
            "b",
        ],
    )
    .refused("already exists");
    cli_stdin(
        &op,
        &[
            "secret",
            "set",
            "blog-cest",
            "--password-stdin",
            "--reason",
            "r",
        ],
        "Blog-Pw-123\n",
    )
    .ok();
    let request = cli(
        &admin,
        &["grant", "request", "blog-cest", "--purpose", "billet"],
    )
    .ok()
    .stdout
    .trim()
    .to_owned();
    let grant = cli(&sg, &["grant", "approve", "--yes", &request, "--for", "1h"])
        .ok()
        .stdout
        .trim()
        .to_owned();
    cli(&admin, &["credential", "get", "blog-cest"]).ok();
    cli(&d.identity("admin2"), &["credential", "get", "blog-cest"]).refused("no valid");
    cli(&sg, &["grant", "revoke", &grant, "--reason", "fin"]).ok();
    let other = cli(&admin, &["grant", "request", "x-cest", "--purpose", "p"])
        .ok()
        .stdout
        .trim()
        .to_owned();
    cli(&sg, &["grant", "deny", &other, "--reason", "non"]).ok();
    cli(
        &op,
        &[
            "principal",
            "roles",
            "admin2",
            "--set",
            "admin",
            "--set",
            "auditor",
        ],
    )
    .ok();
    cli(&op, &["principal", "disable", "admin2"]).ok();
    cli(&d.identity("admin2"), &["whoami"]).refused("disabled");
    cli(&op, &["account", "archive", "blog-cest"]).ok();
    cli(&op, &["seal"]).ok();
    cli(
        &admin,
        &[
            "account",
            "add",
            "z-cest",
            "--platform",
            "x",
            "--login",
            "z",
        ],
    )
    .refused("(operator)");

    let all = entries(&d);
    let new: Vec<&AuditEntry> = all[before..].iter().collect();
    let one = |action: &str, principal: &str, outcome: Outcome| -> &AuditEntry {
        let found: Vec<&&AuditEntry> = new
            .iter()
            .filter(|e| e.action == action && e.principal == principal && e.outcome == outcome)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "{action} by {principal} ({outcome:?}): {found:#?}"
        );
        found[0]
    };
    let added = one("account.add", "operator", Outcome::Allowed);
    assert_eq!(added.target, "blog-cest");
    assert!(added.peer.starts_with("127.0.0.1:"), "{}", added.peer);
    assert_eq!(added.request_id.len(), 16);
    assert_eq!(
        one("account.add", "operator", Outcome::Denied)
            .reason
            .as_deref(),
        Some("duplicate_account")
    );
    assert_eq!(
        one("secret.set", "operator", Outcome::Allowed)
            .detail
            .as_deref(),
        Some("v1 fields=password")
    );
    let requests: Vec<&&AuditEntry> = new.iter().filter(|e| e.action == "grant.request").collect();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        (requests[0].target.as_str(), requests[1].target.as_str()),
        ("blog-cest", "x-cest")
    );
    // An approval is two calls, both on record as the approval: the request read to be signed
    // (by its whole id), then the signed grant registered.
    let approvals: Vec<&&AuditEntry> = new
        .iter()
        .filter(|e| e.action == "grant.approve" && e.outcome == Outcome::Allowed)
        .collect();
    assert_eq!(approvals.len(), 2, "{approvals:#?}");
    let (read, approved) = (approvals[0], approvals[1]);
    assert_eq!(
        (read.grant.as_deref(), read.target.len()),
        (None, 32),
        "{read:?}"
    );
    assert!(!new.iter().any(|e| e.action == "grant.show"));
    assert_eq!(approved.grant.as_deref(), Some(grant.as_str()));
    // What a review report reads back from the log alone: whom, until when, why, which request.
    let detail = approved.detail.clone().unwrap_or_default();
    use vaultd::tlog::detail::field;
    assert_eq!(field(&detail, "grantee"), Some("admin"), "{detail}");
    assert!(field(&detail, "until").is_some() && field(&detail, "request").is_some());
    assert!(
        field(&detail, "purpose").is_some_and(|p| !p.is_empty()),
        "{detail}"
    );
    let request_detail = requests[0].detail.clone().unwrap_or_default();
    assert!(
        field(&request_detail, "request").is_some(),
        "{request_detail}"
    );
    let release = one("credential.get", "admin", Outcome::Allowed);
    assert_eq!(
        (release.target.as_str(), release.grant.as_deref()),
        ("blog-cest", Some(grant.as_str()))
    );
    assert_eq!(release.detail.as_deref(), Some("field=password version=1"));
    let denied = one("credential.get", "admin2", Outcome::Denied);
    assert_eq!(denied.reason.as_deref(), Some("no_grant"));
    assert_eq!(
        one("grant.revoke", "authority", Outcome::Allowed)
            .grant
            .as_deref(),
        Some(grant.as_str())
    );
    assert_eq!(
        one("grant.deny", "authority", Outcome::Allowed).target,
        other
    );
    assert_eq!(
        one("principal.roles", "operator", Outcome::Allowed)
            .detail
            .as_deref(),
        Some("roles=admin,auditor")
    );
    assert_eq!(
        one("principal.disable", "operator", Outcome::Allowed).target,
        "admin2"
    );
    // A disabled principal's certificate is refused at the handshake, and that is on record
    // under its name (once per handshake the client tried).
    let refused: Vec<&&AuditEntry> = new
        .iter()
        .filter(|e| e.action == "connection.refused")
        .collect();
    assert!(!refused.is_empty());
    for e in refused {
        assert_eq!(
            (e.principal.as_str(), e.outcome),
            ("admin2", Outcome::Denied)
        );
        assert_eq!(e.reason.as_deref(), Some("bad_certificate"));
        assert!(
            e.detail
                .as_deref()
                .is_some_and(|d| d.to_lowercase().contains("revoked")),
            "{e:?}"
        );
    }
    assert_eq!(
        one("account.archive", "operator", Outcome::Allowed).target,
        "blog-cest"
    );
    one("vault.seal", "operator", Outcome::Allowed);
    assert_eq!(
        one("account.add", "admin", Outcome::Denied)
            .reason
            .as_deref(),
        Some("forbidden_role")
    );
    // seq has no gaps, and no entry carries a secret.
    for (i, e) in all.iter().enumerate() {
        assert_eq!(e.seq, i as u64);
    }
    let text = serde_json::to_string(&all).unwrap();
    assert!(!text.contains("Blog-Pw-123"));
    for sample in vaultd::daemon::dev::SAMPLE_ACCOUNTS {
        assert!(!text.contains(sample.password));
    }
}

#[test]
fn export_verify_and_report_through_vault_cli_and_tampering_is_named() {
    let d = Daemon::dev();
    let sg = d.identity("authority");
    let grant = cli(
        &sg,
        &[
            "grant",
            "issue",
            "--to",
            "admin",
            "--account",
            "x-cest",
            "--purpose",
            "Vidéo de Noël",
            "--for",
            "1h",
        ],
    )
    .ok()
    .stdout
    .trim()
    .to_owned();
    cli(
        &d.identity("admin"),
        &["credential", "get", "x-cest", "--field", "password"],
    )
    .ok();
    cli(&d.identity("admin2"), &["credential", "get", "x-cest"]).refused("no valid");
    cli(
        &sg,
        &[
            "grant",
            "issue",
            "--to",
            "authority",
            "--account",
            "flickr-cest",
            "--purpose",
            "moi",
            "--for",
            "1h",
        ],
    )
    .ok();
    let key = verifier_key(&d);
    let first = export(&d, "first");
    let ok = verify(&first, &key, None).ok();
    assert!(ok.stdout.starts_with("OK: "), "{}", ok.stdout);
    cli(&d.identity("admin"), &["credential", "get", "x-cest"]).ok();
    let second = export(&d, "second");
    let extends = verify(&second, &key, Some(&first.join("checkpoint"))).ok();
    assert!(
        extends.stdout.contains("extends the earlier checkpoint"),
        "{}",
        extends.stdout
    );

    // Each kind of damage to a copy of the export is named.
    let lines: Vec<String> = std::fs::read_to_string(second.join("entries.jsonl"))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let damaged = |name: &str, lines: Vec<String>| {
        let dir = d.dir.path().join(name);
        std::fs::create_dir(&dir).unwrap();
        std::fs::copy(second.join("checkpoint"), dir.join("checkpoint")).unwrap();
        std::fs::write(dir.join("entries.jsonl"), lines.join("\n") + "\n").unwrap();
        dir
    };
    let mut truncated = lines.clone();
    truncated.pop();
    verify(&damaged("truncated", truncated), &key, None)
        .refused("verification FAILED: the export holds");
    let mut reordered = lines.clone();
    reordered.swap(2, 3);
    verify(&damaged("reordered", reordered), &key, None).refused("line 2: entry has seq 3");
    let mut edited = lines.clone();
    edited[4] = edited[4].replace("\"allowed\"", "\"denied\"");
    verify(&damaged("edited", edited), &key, None).refused("Merkle root does not match");
    let mut duplicated = lines.clone();
    duplicated.insert(6, lines[5].clone());
    verify(&damaged("duplicated", duplicated), &key, None).refused("line 6: entry has seq 5");
    let mut missing = lines.clone();
    missing.remove(1);
    verify(&damaged("missing", missing), &key, None).refused("line 1: entry has seq 2");
    // A checkpoint from another vault, or the wrong key.
    let other = Daemon::dev();
    verify(&second, &verifier_key(&other), None).refused("checkpoint");
    verify(&first, &key, Some(&second.join("checkpoint"))).refused("is larger than the export");

    // The report names the release, its grant and purpose, the denial and the self-grant.
    let report = cli(&d.identity("auditor"), &["--json", "audit", "report"]).ok();
    let report: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
    let review = &report["review"];
    let x = review["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["account"] == "x-cest")
        .unwrap();
    assert_eq!(x["releases"][0]["principal"], "admin");
    assert_eq!(x["releases"][0]["grant"], grant.as_str());
    let x_grant = review["grants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == grant.as_str())
        .unwrap();
    assert_eq!(x_grant["purpose"], "Vidéo de Noël");
    assert!(review["denials"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["principal"] == "admin2" && r["reason"] == "no_grant"));
    let self_grants = review["grants"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["self_grant"] == true)
        .count();
    assert_eq!(self_grants, 1);
    let french = cli_with(
        &d.identity("auditor"),
        &["audit", "report"],
        None,
        &[("LANG", "fr_CA.UTF-8")],
    )
    .ok();
    assert!(
        french.stdout.contains("Tentatives refusées")
            && french.stdout.contains("Autorisations à soi-même"),
        "{}",
        french.stdout
    );
}

#[test]
fn rewritten_audit_rows_are_caught_against_an_earlier_checkpoint() {
    let d = Daemon::dev();
    cli(&d.identity("admin2"), &["credential", "get", "x-cest"]).refused("no valid");
    let key = verifier_key(&d);
    let before = export(&d, "before");
    // An attacker with the database and even the audit key erases the denied attempt's trace
    // by rewriting the entry and re-signing a checkpoint over the rewritten log.
    let db = d.vault_dir().join("vault/vault.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.busy_timeout(Duration::from_secs(5)).unwrap();
    conn.execute_batch("DROP TRIGGER audit_log_append_only_update")
        .unwrap();
    let (seq, bytes): (i64, Vec<u8>) = conn
        .query_row("SELECT seq, entry FROM audit_log WHERE CAST(entry AS TEXT) LIKE '%\"denied\"%' ORDER BY seq LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    let forged = String::from_utf8(bytes)
        .unwrap()
        .replace("admin2", "admin9");
    conn.execute(
        "UPDATE audit_log SET entry = ?2, leaf_hash = ?3 WHERE seq = ?1",
        rusqlite::params![
            seq,
            forged.as_bytes(),
            &vaultd::tlog::merkle::leaf_hash(forged.as_bytes()).as_bytes()[..]
        ],
    )
    .unwrap();
    let leaves: Vec<vaultd::tlog::merkle::Hash> = conn
        .prepare("SELECT leaf_hash FROM audit_log ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get::<_, Vec<u8>>(0))
        .unwrap()
        .map(|h| h.unwrap().try_into().unwrap())
        .collect();
    // The signing key is not in vault.db: only a holder of the whole data directory (its key
    // file included) can re-sign, and the earlier checkpoint still catches the rewrite.
    let signer = vaultd::tlog::note::Signer::parse(
        &std::fs::read_to_string(db.with_file_name("audit-signing.key")).unwrap(),
    )
    .unwrap();
    let origin = signer.name().to_owned();
    let pair = signer.key_pair();
    let resigned = vaultd::tlog::note::Checkpoint {
        origin: origin.clone(),
        size: leaves.len() as u64,
        root: vaultd::tlog::merkle::root(&leaves),
    }
    .sign(&origin, pair);
    let mut frontier = vaultd::tlog::merkle::Frontier::default();
    leaves.iter().for_each(|l| frontier.push(*l));
    conn.execute(
        "UPDATE audit_state SET frontier = ?1, checkpoint = ?2",
        rusqlite::params![frontier.to_bytes(), resigned],
    )
    .unwrap();
    drop(conn);
    let after = d.dir.path().join("after");
    std::fs::create_dir(&after).unwrap();
    std::fs::write(after.join("checkpoint"), &resigned).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let all: Vec<Vec<u8>> = conn
        .prepare("SELECT entry FROM audit_log ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|e| e.unwrap())
        .collect();
    std::fs::write(after.join("entries.jsonl"), all.join(&b'\n')).unwrap();
    // Alone, the forged export is self-consistent; the earlier checkpoint catches it.
    verify(&after, &key, None).ok();
    verify(&after, &key, Some(&before.join("checkpoint")))
        .refused("does not extend the older checkpoint");
}

#[test]
fn inclusion_proofs_verify_offline_and_a_changed_entry_fails() {
    let d = Daemon::dev();
    let auditor = d.identity("auditor");
    let proof = d.dir.path().join("p5.tlog-proof");
    cli(
        &auditor,
        &["audit", "prove", "5", "--out", proof.to_str().unwrap()],
    )
    .ok();
    let entry = format!("{}.entry.json", proof.display());
    let key = verifier_key(&d);
    let offline = |entry: &str| {
        cli_with(
            Path::new("/nonexistent"),
            &[
                "audit",
                "verify-proof",
                proof.to_str().unwrap(),
                "--key",
                &key,
                "--entry",
                entry,
            ],
            None,
            &[("LANG", "en_CA.UTF-8")],
        )
    };
    let ok = offline(&entry).ok();
    assert!(
        ok.stdout.starts_with("OK: entry 5 is included"),
        "{}",
        ok.stdout
    );
    let bundle = std::fs::read_to_string(&proof).unwrap();
    assert!(
        bundle.starts_with("c2sp.org/tlog-proof@v1\nindex 5\n"),
        "{bundle}"
    );
    let changed = d.dir.path().join("changed.json");
    std::fs::write(
        &changed,
        std::fs::read_to_string(&entry)
            .unwrap()
            .replace("allowed", "denied"),
    )
    .unwrap();
    let refused = offline(changed.to_str().unwrap()).refused("is not included");
    assert_eq!(refused.code, 3, "a proof that does not hold exits 3");
    std::fs::write(&proof, bundle.replace("index 5", "index 6")).unwrap();
    offline(&entry).refused("verification FAILED");
    std::fs::write(&proof, "c2sp.org/tlog-proof@v1\nindex x\n\n").unwrap();
    offline(&entry).refused("malformed proof");
    cli(&auditor, &["audit", "prove", "999999"]).refused("request refused");
    cli(&d.identity("admin"), &["audit", "prove", "1"]).refused("(auditor)");
}

#[test]
fn tail_streams_new_entries_and_refused_connections_are_recorded() {
    let d = Daemon::dev();
    let out = d.dir.path().join("tail.out");
    let mut tail = Command::new(vault_cli_path())
        .args(["--json", "--identity"])
        .arg(d.identity("auditor"))
        .args(["audit", "tail"])
        .stdout(Stdio::from(std::fs::File::create(&out).unwrap()))
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_until("the tail to start", Duration::from_secs(20), || {
        std::fs::read_to_string(&out)
            .unwrap_or_default()
            .contains("audit.tail")
    });
    cli(&d.identity("admin"), &["credential", "get", "youtube-cest"]).refused("no valid");
    // A client whose certificate comes from another vault.
    let other = Daemon::dev();
    cli(&other.identity("admin"), &["--server", &d.url, "whoami"]).refused("cannot reach");
    wait_until("the tail to show both", Duration::from_secs(20), || {
        let text = std::fs::read_to_string(&out).unwrap_or_default();
        text.contains("\"credential.get\"") && text.contains("\"connection.refused\"")
    });
    tail.kill().ok();
    tail.wait().ok();
    let text = std::fs::read_to_string(&out).unwrap();
    let refused = text
        .lines()
        .find(|l| l.contains("connection.refused"))
        .unwrap();
    let refused: AuditEntry = serde_json::from_str(refused).unwrap();
    assert_eq!(
        (refused.principal.as_str(), refused.outcome),
        ("anonymous", Outcome::Denied)
    );
    assert!(refused.peer.starts_with("127.0.0.1:"));
}

/// A small tmpfs for the data directory, unmounted when dropped.
struct TmpFs(std::path::PathBuf);

impl TmpFs {
    fn mount(path: &Path, size: &str) -> TmpFs {
        std::fs::create_dir_all(path).unwrap();
        let status = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(path)
            .status()
            .expect("running mount");
        assert!(
            status.success(),
            "this test needs to mount a tmpfs (root, as on CI)"
        );
        TmpFs(path.to_owned())
    }
}

impl Drop for TmpFs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn serving(d: &Daemon) -> Option<bool> {
    let identity = vaultd::identity::Identity::load(&d.identity("auditor"), || None).unwrap();
    health(&identity, &d.url)
}

#[test]
fn a_release_whose_audit_entry_cannot_be_written_is_not_released() {
    if !nix::unistd::geteuid().is_root() {
        // Straight to stderr, not eprintln!: the test harness would swallow that for a test that
        // passes, and a skip nobody sees looks like a pass.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: needs root to mount a tmpfs (a_release_whose_audit_entry_cannot_be_written_is_not_released)"
        );
        return;
    }
    let holder = tempfile::tempdir().unwrap();
    let mount = holder.path().join("fs");
    let _fs = TmpFs::mount(&mount, "24m");
    let dir = mount.join("dev");
    let log = holder.path().join("vaultd.log");
    let child = Command::new(VAULTD)
        .args(["dev", "--dir"])
        .arg(&dir)
        .args(["--listen", "127.0.0.1:0"])
        .stdout(Stdio::null())
        .stderr(Stdio::from(std::fs::File::create(&log).unwrap()))
        .spawn()
        .unwrap();
    // Reuse the harness layout: identities under DIR/identities.
    let mut d = Daemon {
        child,
        dir: tempfile::tempdir().unwrap(),
        log,
        url: String::new(),
    };
    let identity = |stem: &str| dir.join("identities").join(format!("{stem}.id"));
    wait_until("the dev identities", Duration::from_secs(60), || {
        identity("auditor").exists()
    });
    d.url = vaultd::identity::Identity::load(&identity("auditor"), || None)
        .unwrap()
        .server
        .unwrap();
    std::os::unix::fs::symlink(&dir, d.dir.path().join("dev")).unwrap();
    d.wait_serving_as(&identity("auditor"));
    cli(
        &identity("authority"),
        &[
            "grant",
            "issue",
            "--to",
            "admin",
            "--account",
            "x-cest",
            "--purpose",
            "p",
            "--for",
            "1h",
        ],
    )
    .ok();
    cli(&identity("admin"), &["credential", "get", "x-cest"]).ok();

    // Empty the WAL so the next commit must grow a file, then fill the filesystem.
    let db = dir.join("vault/vault.db");
    wait_until("the WAL to be truncated", Duration::from_secs(20), || {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap()
            == 0
            && std::fs::metadata(dir.join("vault/vault.db-wal"))
                .map(|m| m.len() == 0)
                .unwrap_or(true)
    });
    let filler = mount.join("filler");
    let mut file = std::fs::File::create(&filler).unwrap();
    let block = vec![0u8; 64 * 1024];
    use std::io::Write;
    while file.write_all(&block).is_ok() {}
    let _ = file.flush();

    let refused = cli(&identity("admin"), &["credential", "get", "x-cest"]);
    assert_ne!(
        refused.code, 0,
        "released without its audit entry: {}",
        refused.stdout
    );
    assert!(
        refused.stdout.is_empty(),
        "nothing may reach stdout: {}",
        refused.stdout
    );
    assert!(
        refused.stderr.contains("the vault cannot write right now"),
        "{}",
        refused.stderr
    );
    wait_until("health NOT_SERVING", Duration::from_secs(20), || {
        serving(&d) == Some(false)
    });
    assert!(
        d.child.try_wait().unwrap().is_none(),
        "the daemon keeps running"
    );

    drop(file);
    std::fs::remove_file(&filler).unwrap();
    let got = cli(&identity("admin"), &["credential", "get", "x-cest"]).ok();
    assert_eq!(got.stdout, "Dev-X-5c%Wb1yUo");
    wait_until("health SERVING again", Duration::from_secs(20), || {
        serving(&d) == Some(true)
    });
    // The refused attempt left no trace of a release; the log still verifies.
    let releases: Vec<AuditEntry> = serde_json::from_str(
        &cli(
            &identity("auditor"),
            &[
                "--json",
                "audit",
                "log",
                "--action",
                "credential.get",
                "--outcome",
                "allowed",
            ],
        )
        .ok()
        .stdout,
    )
    .unwrap();
    assert_eq!(releases.len(), 2);
    d.kill9();
}

#[test]
fn audit_log_pages_with_limit_and_after_and_filters_exactly() {
    let d = Daemon::dev();
    let auditor = d.identity("auditor");
    for _ in 0..3 {
        cli(&d.identity("admin"), &["whoami"]).ok();
    }
    let page = |args: &[&str]| -> (Vec<AuditEntry>, String) {
        let mut all = vec!["--json", "audit", "log"];
        all.extend_from_slice(args);
        let out = cli(&auditor, &all).ok();
        (serde_json::from_str(&out.stdout).unwrap(), out.stderr)
    };
    let (first, more) = page(&["--limit", "2"]);
    assert_eq!(first.iter().map(|e| e.seq).collect::<Vec<_>>(), [0, 1]);
    assert!(more.contains("--after 1"), "{more}");
    let (next, _) = page(&["--limit", "2", "--after", "1"]);
    assert_eq!(next.iter().map(|e| e.seq).collect::<Vec<_>>(), [2, 3]);
    // Filters run on the stored columns: exactly the admin's three whoami calls, in order.
    let (mine, rest) = page(&["--principal", "admin", "--action", "vault.whoami"]);
    assert_eq!(mine.len(), 3, "{mine:?}");
    assert!(mine.windows(2).all(|w| w[0].seq < w[1].seq));
    assert!(rest.is_empty(), "no page announced: {rest}");
    let (few, more) = page(&["--principal", "admin", "--limit", "3"]);
    assert_eq!(few.len(), 3);
    assert!(
        more.is_empty(),
        "exactly three: nothing more to announce: {more}"
    );
}

#[test]
fn what_a_caller_sends_cannot_bloat_split_or_escape_the_audit_log() {
    let d = Daemon::dev();
    let auditor = d.identity("auditor");
    let huge = "a".repeat(130_000);
    for _ in 0..3 {
        cli(&auditor, &["secret", "history", &huge]).refused("account");
    }
    // Straight over gRPC: a 3 MB id, refused and recorded in a few hundred bytes.
    let identity = vaultd::identity::Identity::load(&auditor, || None).unwrap();
    block_on(async {
        let channel = vaultd::wire::client::connect(&identity, None)
            .await
            .unwrap();
        let status = vaultd::wire::pb::secrets_client::SecretsClient::new(channel)
            .history(vaultd::wire::pb::SecretHistoryRequest {
                account_id: "b".repeat(3 << 20),
            })
            .await
            .unwrap_err();
        assert_eq!(status.code(), tonic::Code::InvalidArgument);
    });
    cli(&auditor, &["secret", "history", "evil,facebook-cest"]).refused("account");
    cli(&auditor, &["secret", "history", "x\u{1b}[2Jcleared"]).refused("account");
    let all = entries(&d);
    let longest = all.iter().map(|e| e.to_bytes().len()).max().unwrap();
    assert!(longest < 4096, "an entry of {longest} bytes");
    let refused: Vec<_> = all
        .iter()
        .filter(|e| e.action == "secret.history" && e.target.starts_with("refused:"))
        .collect();
    assert_eq!(refused.len(), 6, "every refusal is on record");
    assert!(refused.iter().any(|e| e.target.contains("len 130000")));
    assert!(refused
        .iter()
        .any(|e| e.target.contains(&format!("len {}", 3 << 20))));
    // The log stays readable, exportable and verifiable, and names are filtered exactly.
    let shown = cli(&auditor, &["audit", "log", "--action", "secret.history"]).ok();
    assert!(!shown.stdout.contains('\u{1b}'), "{}", shown.stdout);
    let facebook = cli(
        &auditor,
        &["--json", "audit", "log", "--account", "facebook-cest"],
    )
    .ok();
    assert!(!facebook.stdout.contains("evil"), "{}", facebook.stdout);
    let dir = export(&d, "after-hostile-ids");
    verify(&dir, &verifier_key(&d), None).ok();
}

#[test]
fn refused_calls_of_one_principal_are_recorded_at_most_thirty_a_minute() {
    let d = Daemon::dev();
    let admin2 = d.identity("admin2");
    for _ in 0..45 {
        cli(&admin2, &["credential", "get", "wiki-nope"]).refused("wiki-nope");
    }
    // Another principal's refusals still reach the log.
    cli(&d.identity("admin"), &["credential", "get", "wiki-nope"]).refused("wiki-nope");
    let all = entries(&d);
    let recorded = |who: &str| {
        all.iter()
            .filter(|e| e.principal == who && e.outcome == Outcome::Denied)
            .count()
    };
    assert_eq!(recorded("admin2"), 30);
    assert_eq!(recorded("admin"), 1);
}

#[test]
fn exports_are_private_and_a_closed_pipe_ends_the_listing_quietly() {
    use std::os::unix::fs::PermissionsExt;
    let d = Daemon::dev();
    let dir = export(&d, "private");
    for name in ["entries.jsonl", "checkpoint"] {
        let mode = std::fs::metadata(dir.join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "{name}");
    }
    // More output than a pipe holds (64 KiB), so the listing meets the closed pipe.
    for _ in 0..250 {
        cli(&d.identity("admin"), &["whoami"]).ok();
    }
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' --identity '{}' --json audit log | head -1",
            vault_cli_path().display(),
            d.identity("auditor").display()
        ))
        .env("LANG", "C")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Entry times have three fraction digits, so they sort as text.
    let all = entries(&d);
    assert!(all
        .iter()
        .all(|e| e.time.len() == "2026-11-28T12:00:00.000Z".len()));
}

/// What a witness asks: the latest checkpoint and a consistency proof from the size it last
/// co-signed, which verifies against both roots; a size past the log's gets no proof.
#[test]
fn consistency_proofs_from_an_earlier_checkpoint_verify() {
    use vaultd::tlog::note::{Checkpoint, Verifier};
    use vaultd::wire::pb;
    let d = Daemon::dev();
    let auditor = vaultd::identity::Identity::load(&d.identity("auditor"), || None).unwrap();
    block_on(async {
        let channel = vaultd::wire::client::connect(&auditor, None).await.unwrap();
        let mut client = pb::audit_client::AuditClient::new(channel);
        let key = client
            .key(pb::AuditKeyRequest {})
            .await
            .unwrap()
            .into_inner();
        let verifier = Verifier::parse(&key.verifier_key).unwrap();
        let note = client
            .checkpoint(pb::AuditCheckpointRequest {})
            .await
            .unwrap()
            .into_inner()
            .note;
        let older = Checkpoint::open(&note, &verifier).unwrap();
        // More entries: each read of the log is on record.
        for _ in 0..5 {
            client.key(pb::AuditKeyRequest {}).await.unwrap();
            client
                .checkpoint(pb::AuditCheckpointRequest {})
                .await
                .unwrap();
        }
        let answer = client
            .consistency(pb::AuditConsistencyRequest {
                from_size: older.size,
            })
            .await
            .unwrap()
            .into_inner();
        let newer = Checkpoint::open(&answer.checkpoint, &verifier).unwrap();
        assert!(newer.size > older.size);
        let proof: Vec<vaultd::tlog::merkle::Hash> = answer
            .proof
            .iter()
            .map(|h| h.as_slice().try_into().unwrap())
            .collect();
        assert_eq!(
            vaultd::tlog::merkle::verify_consistency(
                older.size,
                newer.size,
                &older.root,
                &newer.root,
                &proof
            ),
            Ok(())
        );
        // A different older root is not extended.
        let mut forged = older.root.to_bytes();
        forged[0] ^= 1;
        assert!(vaultd::tlog::merkle::verify_consistency(
            older.size,
            newer.size,
            &forged.into(),
            &newer.root,
            &proof
        )
        .is_err());
        let past = client
            .consistency(pb::AuditConsistencyRequest {
                from_size: newer.size + 100,
            })
            .await
            .unwrap()
            .into_inner();
        assert!(past.proof.is_empty());
    });
}

/// A reviewer's witness co-signs checkpoints that extend what it co-signed before, and notices
/// a restored backup (a rollback): exit status 3, both sizes and roots named, nothing written.
#[test]
fn a_witness_cosigns_extensions_and_refuses_a_rollback_from_a_restored_backup() {
    let mut d = Daemon::dev();
    let auditor = d.identity("auditor");
    let dir = d.dir.path().to_owned();
    let key = dir.join("witness.key");
    let state = dir.join("witness-state");
    let out = cli(
        &auditor,
        &[
            "audit",
            "witness",
            "init",
            "--out",
            key.to_str().unwrap(),
            "--name",
            "witness.test/w1",
        ],
    )
    .ok();
    let verifier_line = out
        .stdout
        .lines()
        .find(|l| l.contains("witness.test/w1+"))
        .unwrap()
        .to_owned();
    let verifier = vaultd::tlog::cosignature::WitnessVerifier::parse(
        verifier_line.rsplit(' ').next().unwrap(),
    )
    .unwrap();
    // The vault keeps the cosignatures of the witnesses it lists.
    cli(
        &auditor,
        &["audit", "witness", "add", &verifier.to_key_string()],
    )
    .ok();
    let cosign = || {
        cli(
            &auditor,
            &[
                "audit",
                "witness",
                "cosign",
                "--key",
                key.to_str().unwrap(),
                "--state",
                state.to_str().unwrap(),
            ],
        )
    };
    cosign().ok();
    // The kept checkpoint carries a valid cosignature of this witness.
    let kept = std::fs::read_to_string(state.join("checkpoint")).unwrap();
    let (body, signatures) = kept.split_once("\n\n").unwrap();
    let body = format!("{body}\n");
    assert!(signatures
        .lines()
        .any(|l| matches!(verifier.check_line(l, &body), Ok(Some(_)))));

    // A backup now, then more history, co-signed.
    let backup = dir.join("b.age");
    cli(
        &d.identity("operator"),
        &["backup", "--out", backup.to_str().unwrap()],
    )
    .ok();
    for _ in 0..3 {
        cli(&auditor, &["audit", "log", "--limit", "1"]).ok();
    }
    let out = cosign().ok();
    assert!(out.stdout.contains("extends size"), "{}", out.stdout);
    let before_rollback = std::fs::read_to_string(state.join("checkpoint")).unwrap();

    // The vault kept the cosignature: an export carries it, and `verify --witness` requires it.
    let export = dir.join("export");
    cli(
        &auditor,
        &["audit", "export", "--out", export.to_str().unwrap()],
    )
    .ok();
    let log_key = cli(&auditor, &["audit", "key"])
        .ok()
        .stdout
        .trim()
        .to_owned();
    let witness_key = verifier.to_key_string();
    let out = cli(
        &auditor,
        &[
            "audit",
            "verify",
            export.to_str().unwrap(),
            "--key",
            &log_key,
            "--witness",
            &witness_key,
        ],
    )
    .ok();
    assert!(
        out.stdout
            .contains("Witness witness.test/w1: co-signed this log up to size"),
        "{}",
        out.stdout
    );
    let stranger = vaultd::tlog::cosignature::WitnessVerifier::of(
        &vaultd::tlog::note::Signer::generate("witness.test/w2").unwrap(),
    )
    .to_key_string();
    let out = cli(
        &auditor,
        &[
            "audit",
            "verify",
            export.to_str().unwrap(),
            "--key",
            &log_key,
            "--witness",
            &stranger,
        ],
    );
    assert_eq!(out.code, 3, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr
            .contains("no valid cosignature by witness witness.test/w2"),
        "{}",
        out.stderr
    );
    // A refused check prints no "OK" above its refusal.
    assert!(out.stdout.is_empty(), "{}", out.stdout);

    // Restore the backup in place of the vault: the log is shorter than what was co-signed.
    let url = d.url.clone();
    assert!(d.terminate().success());
    let restored = dir.join("restored");
    let out = std::process::Command::new(VAULTD)
        .args(["restore", "--from"])
        .arg(&backup)
        .arg("--data-dir")
        .arg(&restored)
        .arg("--unseal-identity")
        .arg(d.vault_dir().join("unseal.key"))
        .arg("--accept-unknown-origin")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut served = Daemon::serve_again(
        tempfile::tempdir().unwrap(),
        &restored,
        &url,
        Some(&d.vault_dir().join("unseal.key")),
    );
    served.wait_serving_as(&auditor);
    // Used after the restart: its log grows past the co-signed size, on another history (a fork,
    // not merely a shorter log).
    let cosigned_size: u64 = before_rollback.lines().nth(1).unwrap().parse().unwrap();
    cli(&d.identity("admin2"), &["credential", "get", "x-cest"]);
    for _ in 0..cosigned_size {
        cli(&auditor, &["audit", "log", "--limit", "1"]).ok();
    }
    let served_size: u64 = cli(&auditor, &["audit", "checkpoint"])
        .ok()
        .stdout
        .lines()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        served_size > cosigned_size,
        "{served_size} > {cosigned_size}"
    );
    let refused = cosign();
    assert_eq!(refused.code, 3, "{}{}", refused.stdout, refused.stderr);
    assert!(
        refused.stderr.contains("does not extend"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("rollback"), "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains(&format!("already co-signed (size {cosigned_size},")),
        "{}",
        refused.stderr
    );
    assert_eq!(
        std::fs::read_to_string(state.join("checkpoint")).unwrap(),
        before_rollback,
        "nothing written"
    );
}

#[test]
fn a_huge_target_leaves_a_bounded_line_in_the_daemons_log() {
    let d = Daemon::dev();
    let operator = d.identity("operator");
    let huge = "c".repeat(3 << 20);
    let identity = vaultd::identity::Identity::load(&operator, || None).unwrap();
    block_on(async {
        let channel = vaultd::wire::client::connect(&identity, None)
            .await
            .unwrap();
        let status = vaultd::wire::pb::accounts_client::AccountsClient::new(channel)
            .archive(vaultd::wire::pb::ArchiveAccountRequest { id: huge.clone() })
            .await
            .unwrap_err();
        assert_eq!(status.code(), tonic::Code::InvalidArgument);
    });
    // The refusal is in the log, as the excerpt the audit entry has, whatever the target.
    let said = format!("len {}", huge.len());
    wait_until("the refusal in the log", Duration::from_secs(10), || {
        d.log_text()
            .lines()
            .any(|l| l.contains("account.archive") && l.contains(&said))
    });
    let log = d.log_text();
    let longest = log.lines().map(str::len).max().unwrap_or(0);
    assert!(longest < 4096, "a log line of {longest} bytes");
    assert!(
        !log.contains(&"c".repeat(100)),
        "the raw target is in the log"
    );
}

#[test]
fn a_refused_export_leaves_no_directory_behind() {
    let d = Daemon::dev();
    let out = d.dir.path().join("export");
    let out_arg = out.to_str().unwrap();
    // Not an auditor: refused by the vault, and nothing is left to block the next export.
    cli(&d.identity("admin"), &["audit", "export", "--out", out_arg]).refused("auditor");
    assert!(!out.exists(), "a refused export left {}", out.display());
    // An empty directory made beforehand is the user's: kept, and still empty.
    std::fs::create_dir(&out).unwrap();
    cli(&d.identity("admin"), &["audit", "export", "--out", out_arg]).refused("auditor");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
    std::fs::remove_dir(&out).unwrap();
    let done = cli(
        &d.identity("auditor"),
        &["audit", "export", "--out", out_arg],
    )
    .ok();
    assert!(done.stdout.contains(out_arg), "{}", done.stdout);
    assert!(out.join("entries.jsonl").exists() && out.join("checkpoint").exists());
}

#[test]
fn the_authority_reads_releases_and_their_refusals_and_nothing_else_of_the_log() {
    let d = Daemon::dev();
    let (sg, admin) = (d.identity("authority"), d.identity("admin"));
    // A refusal (no grant yet), a grant, then a release: the log now holds many other actions.
    cli(&admin, &["credential", "get", "facebook-cest"]).refused("");
    let grant = cli(
        &sg,
        &[
            "grant",
            "issue",
            "--to",
            "admin",
            "--account",
            "facebook-cest",
            "--purpose",
            "Campagne",
            "--for",
            "1h",
        ],
    )
    .ok();
    assert!(!grant.stdout.trim().is_empty());
    cli(&admin, &["credential", "get", "facebook-cest"]).ok();

    let out = cli(&sg, &["--json", "audit", "log"]).ok();
    let seen: Vec<AuditEntry> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        seen.iter()
            .map(|e| (e.action.as_str(), e.outcome))
            .collect::<Vec<_>>(),
        [
            ("credential.get", Outcome::Denied),
            ("credential.get", Outcome::Allowed)
        ],
        "{seen:?}"
    );
    // Asking for another action is refused, and the auditor still reads everything.
    cli(&sg, &["audit", "log", "--action", "grant.register"]).refused("auditor");
    assert!(entries(&d).iter().any(|e| e.action == "grant.issue"));
}
