//! `vaultd dev`, as the README's first command starts it.

use crate::harness::*;
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};
use std::time::Duration;
use vaultd::daemon::dev::{DEV_IDENTITIES, SAMPLE_ACCOUNTS};

#[test]
fn dev_writes_one_private_identity_per_role_and_serves_the_sample_accounts() {
    let daemon = Daemon::dev();
    for (stem, role) in DEV_IDENTITIES {
        let path = daemon.identity(stem);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{stem}");
        if matches!(
            role,
            vaultd::ids::Role::Backup | vaultd::ids::Role::Notifier
        ) {
            // A service identity: backups, or events, and nothing else (custody.rs, events.rs).
            cli(&path, &["whoami"]).refused("lacks the role");
            continue;
        }
        let who = cli(&path, &["--json", "whoami"]).ok();
        let who: serde_json::Value = serde_json::from_str(&who.stdout).unwrap();
        assert_eq!(who["name"], *stem);
        assert_eq!(who["roles"][0], role.as_str());
    }
    let status = cli(&daemon.identity("operator"), &["status"]).ok();
    assert!(
        status.stdout.contains("State: unsealed"),
        "{}",
        status.stdout
    );
    assert!(
        status.stdout.contains("Accounts: 5 active"),
        "{}",
        status.stdout
    );

    let list = cli(&daemon.identity("admin"), &["--json", "account", "list"]).ok();
    let accounts: Vec<serde_json::Value> = serde_json::from_str(&list.stdout).unwrap();
    let ids: Vec<&str> = accounts.iter().map(|a| a["id"].as_str().unwrap()).collect();
    for sample in SAMPLE_ACCOUNTS {
        assert!(
            ids.contains(&sample.id),
            "{} missing from {ids:?}",
            sample.id
        );
    }
    let facebook = accounts
        .iter()
        .find(|a| a["id"] == "facebook-cest")
        .unwrap();
    assert_eq!(facebook["has_totp"], true);
    assert_eq!(facebook["has_password"], true);
    let youtube = accounts.iter().find(|a| a["id"] == "youtube-cest").unwrap();
    assert_eq!(youtube["has_totp"], false);
}

#[test]
fn dev_prints_what_to_try_next_in_the_readers_language() {
    let daemon = Daemon::dev();
    let banner = std::fs::read_to_string(daemon.dir.path().join("stdout")).unwrap();
    assert!(banner.contains("throwaway vault, unsealed"), "{banner}");
    assert!(banner.contains("grant request facebook-cest"), "{banner}");
    assert!(
        banner.contains("art. 14: the audit log") && banner.contains("audit verify"),
        "{banner}"
    );
    assert!(banner.contains(&daemon.url), "{banner}");
    // The notifier: a local SMTP server, then vaultd notify on the configuration dev wrote.
    let notify = daemon.vault_dir().join("notify.toml");
    assert!(notify.exists());
    assert!(
        banner.contains("python3 -m aiosmtpd -n -l 127.0.0.1:2525")
            && banner.contains(&format!("notify --config {}", notify.display())),
        "{banner}"
    );
    let french = daemon::french_banner();
    assert!(french.contains("coffre jetable, descellé"), "{french}");
    assert!(french.contains("art. 14 : le journal d'accès"), "{french}");
    assert!(french.contains("avis par courriel"), "{french}");
    // Roles in the reader's words, in a column as wide as the longest one.
    assert!(
        french.contains("  admin2    administrateur /")
            && french.contains("  auditor   vérificateur   /"),
        "{french}"
    );
}

mod daemon {
    use super::*;

    /// Starts a second dev vault with a French locale and returns its banner.
    pub fn french_banner() -> String {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut child = Command::new(VAULTD)
            .args(["dev", "--dir"])
            .arg(dir.path().join("v"))
            .args(["--listen", "127.0.0.1:0"])
            .env("LANG", "fr_CA.UTF-8")
            .env_remove("LC_ALL")
            .stdout(Stdio::from(std::fs::File::create(&out).unwrap()))
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_until("the French banner", Duration::from_secs(60), || {
            std::fs::read_to_string(&out)
                .unwrap_or_default()
                .contains("Ctrl-C")
        });
        child.kill().ok();
        child.wait().ok();
        std::fs::read_to_string(&out).unwrap()
    }
}

#[test]
fn dev_without_dir_stops_on_sigterm_and_removes_its_temporary_vault() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("out");
    let child = Command::new(VAULTD)
        .args(["dev", "--listen", "127.0.0.1:0"])
        .env("TMPDIR", temp.path())
        .env("LANG", "en_CA.UTF-8")
        .stdout(Stdio::from(std::fs::File::create(&out).unwrap()))
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut daemon = Daemon {
        child,
        dir: tempfile::tempdir().unwrap(),
        log: out.clone(),
        url: String::new(),
    };
    wait_until("the banner", Duration::from_secs(60), || {
        std::fs::read_to_string(&out)
            .unwrap_or_default()
            .contains("Ctrl-C")
    });
    let banner = std::fs::read_to_string(&out).unwrap();
    let dir_line = banner
        .lines()
        .find(|l| l.starts_with("Directory: "))
        .unwrap();
    let vault_dir = std::path::PathBuf::from(dir_line.trim_start_matches("Directory: "));
    assert!(vault_dir.starts_with(temp.path()));
    assert!(vault_dir.join("identities/admin.id").exists());
    let status = daemon.terminate();
    assert!(status.success(), "{status}");
    assert!(!vault_dir.exists(), "the throwaway vault should be gone");
}

#[test]
fn health_and_reflection_answer_stock_clients() {
    let daemon = Daemon::dev();
    let identity = vaultd::identity::Identity::load(&daemon.identity("auditor"), || None).unwrap();
    // The same listing through both reflection versions (v1alpha: older grpcurl, grpcui,
    // Postman, stock Python grpcio-reflection).
    macro_rules! list_services {
        ($version:ident) => {
            block_on(async {
                use tonic_reflection::pb::$version::{
                    server_reflection_client::ServerReflectionClient,
                    server_reflection_request::MessageRequest,
                    server_reflection_response::MessageResponse, ServerReflectionRequest,
                };
                let channel = vaultd::wire::client::connect(&identity, None)
                    .await
                    .unwrap();
                let mut client = ServerReflectionClient::new(channel);
                let request = ServerReflectionRequest {
                    host: String::new(),
                    message_request: Some(MessageRequest::ListServices(String::new())),
                };
                let mut stream = client
                    .server_reflection_info(tokio_stream::iter(vec![request]))
                    .await
                    .unwrap()
                    .into_inner();
                let reply = stream.message().await.unwrap().unwrap();
                match reply.message_response.unwrap() {
                    MessageResponse::ListServicesResponse(list) => {
                        list.service.into_iter().map(|s| s.name).collect::<Vec<_>>()
                    }
                    other => panic!("unexpected reflection reply {other:?}"),
                }
            })
        };
    }
    // Each lists itself as the reflection service; everything else is the same.
    let without_reflection = |list: Vec<String>| -> Vec<String> {
        list.into_iter()
            .filter(|s| !s.starts_with("grpc.reflection."))
            .collect()
    };
    let services = list_services!(v1);
    let older = list_services!(v1alpha);
    assert!(older.contains(&"grpc.reflection.v1alpha.ServerReflection".to_owned()));
    assert_eq!(
        without_reflection(older),
        without_reflection(services.clone())
    );
    for name in [
        "vault.v1.System",
        "vault.v1.Accounts",
        "vault.v1.Secrets",
        "vault.v1.Principals",
        "grpc.health.v1.Health",
    ] {
        assert!(
            services.iter().any(|s| s == name),
            "{name} not in {services:?}"
        );
    }
}

#[test]
fn checkpoints_reach_the_log_at_most_once_a_second_one_line_each_and_decode_to_the_note() {
    let d = Daemon::dev();
    let start = std::time::Instant::now();
    for _ in 0..20 {
        cli(&d.identity("admin"), &["whoami"]).ok();
    }
    // The size of the log once the last call is on record, read from the database so that no
    // further call adds to it.
    let db = rusqlite::Connection::open(d.vault_dir().join("vault/vault.db")).unwrap();
    let size: u64 = db
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    // The checkpoint of that last batch reaches the log with no further call.
    wait_until(
        "the checkpoint of the last batch in the daemon's log",
        Duration::from_secs(10),
        || logged_checkpoints(&d.log_text()).last() >= Some(&size),
    );
    let elapsed = start.elapsed().as_secs() + 1;
    let log = d.log_text();
    let lines: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("audit checkpoint"))
        .collect();
    // Seeding the dev vault and 20 calls make dozens of batches; the log gets a few lines.
    assert!(
        lines.len() as u64 <= elapsed + 2,
        "{} checkpoint lines in about {elapsed} s:\n{log}",
        lines.len()
    );
    assert!(lines.iter().all(|l| !l.contains("\\n")), "{log}");
    // The last line's note is the vault's current checkpoint, byte for byte.
    use base64::Engine;
    let last = lines.last().unwrap();
    let encoded = last
        .split("note=")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap();
    let note = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .unwrap();
    // It is a checkpoint signed by this vault's audit key, at most as large as the log.
    let key = cli(&d.identity("auditor"), &["audit", "key"]).ok();
    let verifier = vaultd::tlog::note::Verifier::parse(key.stdout.trim()).unwrap();
    let note = String::from_utf8(note).unwrap();
    let logged = vaultd::tlog::note::Checkpoint::open(&note, &verifier).unwrap();
    assert_eq!(logged.size, size, "{note}");
    assert!(logged.size >= 20, "{note}");
    let current = cli(&d.identity("auditor"), &["audit", "checkpoint"]).ok();
    let current = vaultd::tlog::note::Checkpoint::open(&current.stdout, &verifier).unwrap();
    assert!(logged.size < current.size, "{note}");
}

/// The sizes of the checkpoints in the daemon's log, in order, from each line's signed note
/// (whose second line is the size).
fn logged_checkpoints(log: &str) -> Vec<u64> {
    use base64::Engine;
    log.lines()
        .filter(|l| l.contains("audit checkpoint"))
        .filter_map(|l| l.split("note=").nth(1)?.split_whitespace().next())
        .filter_map(|encoded| {
            base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .ok()
        })
        .filter_map(|note| String::from_utf8(note).ok()?.lines().nth(1)?.parse().ok())
        .collect()
}

/// `vaultd dev --dir DIR` on a directory that holds a dev vault resumes it, where its identities
/// point, unsealed with `DIR/unseal.key`; a sealed dev vault unseals again with that key sent by
/// the operator; the banner has a header and suggestions that work twice.
#[test]
fn a_dev_directory_resumes_and_a_sealed_dev_vault_unseals_with_its_key_file() {
    let daemon = Daemon::dev();
    let op = daemon.identity("operator");
    let key = daemon.vault_dir().join("unseal.key");
    let banner = std::fs::read_to_string(daemon.dir.path().join("stdout")).unwrap();
    assert!(
        banner.contains("  name      role      identity file"),
        "{banner}"
    );
    assert!(banner.contains("audit-export-$(date +%s)"), "{banner}");
    cli(&op, &["seal"]).ok();
    let out = cli(&op, &["--json", "status"]).ok();
    let status: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(status["sealed"], true);
    let out = cli(&op, &["unseal", "--key-file", key.to_str().unwrap()]).ok();
    assert!(out.stdout.contains("Vault unsealed"), "{}", out.stdout);
    let out = cli(&op, &["unseal", "--key-file", key.to_str().unwrap()]).ok();
    assert!(out.stdout.contains("already"), "{}", out.stdout);
    // A key file readable by others is refused before anything is sent.
    let loose = daemon.dir.path().join("loose.key");
    std::fs::copy(&key, &loose).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o644)).unwrap();
    cli(&op, &["unseal", "--key-file", loose.to_str().unwrap()]).refused("chmod 600");
    cli(
        &op,
        &[
            "secret",
            "set",
            "youtube-cest",
            "--generate",
            "--reason",
            "before resume",
        ],
    )
    .ok();

    let resumed = daemon.resume_dev();
    // The first daemon stopped on SIGTERM without an error line.
    let first_log = std::fs::read_to_string(resumed.dir.path().join("vaultd.log")).unwrap();
    assert!(!first_log.contains("ERROR"), "{first_log}");
    let banner = std::fs::read_to_string(resumed.dir.path().join("stdout-resumed")).unwrap();
    assert!(banner.contains("vault resumed"), "{banner}");
    let out = cli(&op, &["--json", "status"]).ok();
    let status: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(status["sealed"], false);
    assert_eq!(
        status["secret_versions"], 6,
        "the version set before resuming is there"
    );
    let out = cli(
        &resumed.identity("auditor"),
        &["--json", "audit", "log", "--action", "vault.unseal"],
    )
    .ok();
    let unseals: Vec<vaultd::tlog::entry::AuditEntry> = serde_json::from_str(&out.stdout).unwrap();
    // The operator's key-file unseal, the refused-as-already one, and the resume's.
    assert!(
        unseals.iter().any(|e| e.principal == "operator"),
        "{}",
        out.stdout
    );
    assert!(
        unseals.iter().any(|e| e.principal == "vaultd"),
        "{}",
        out.stdout
    );
}

/// The banner's absence procedure, run as printed: admin2 made an authority, delegated to with
/// the public key dev wrote beside her identity, approves; the account set to two signatures
/// releases only once the Secrétaire générale adds hers.
#[test]
fn dev_admin2_becomes_the_acting_authority_as_the_banner_shows() {
    use crate::delegation::{approve_as_admin2, delegate, now, request};
    let d = Daemon::dev();
    let banner = std::fs::read_to_string(d.dir.path().join("stdout")).unwrap();
    let key = d
        .identity("admin2")
        .with_file_name("admin2.signing-key.pub");
    let key = key.to_str().unwrap();
    assert!(
        banner.contains(&format!("authority delegate --to admin2 --key {key}")),
        "{banner}"
    );
    let (operator, sg) = (d.identity("operator"), d.identity("authority"));
    let roles = ["principal", "roles", "admin2", "--set", "admin"];
    cli(&operator, &[&roles[..], &["--set", "authority"]].concat()).ok();
    delegate(
        &d,
        key,
        now(),
        now() + 7 * 86_400,
        "facebook-cest,youtube-cest",
    )
    .ok();
    cli(&sg, &["account", "approvals", "youtube-cest", "--set", "2"]).ok();
    let asked = request(&d, "youtube-cest");
    let grant = approve_as_admin2(&d, &asked).ok().stdout.trim().to_owned();
    let admin = d.identity("admin");
    cli(&admin, &["credential", "get", "youtube-cest"]).refused("grant cosign");
    cli(&sg, &["grant", "cosign", &grant, "--yes"]).ok();
    let got = cli(&admin, &["credential", "get", "youtube-cest"]).ok();
    assert!(
        got.stderr.contains(&format!("under grant {grant}")),
        "{}",
        got.stderr
    );
}
