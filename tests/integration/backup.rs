//! Backups and restores with the real daemon: a backup taken while releases run, opened by the
//! age crate's own decryptor and by stock `age`, on the audit record; restored into a new
//! directory that serves the same passwords; restores that must refuse and leave nothing.

use crate::harness::*;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use vaultd::daemon::dev::SAMPLE_ACCOUNTS;
use vaultd::wire::pb;

/// A restore whose origin the test does not check (the log entry says so).
fn restore(from: &Path, data_dir: &Path, key: &Path, lang: &str) -> std::process::Output {
    restore_with(from, data_dir, key, lang, &["--accept-unknown-origin"])
}

fn restore_with(
    from: &Path,
    data_dir: &Path,
    key: &Path,
    lang: &str,
    extra: &[&str],
) -> std::process::Output {
    Command::new(VAULTD)
        .args(["restore", "--from"])
        .arg(from)
        .arg("--data-dir")
        .arg(data_dir)
        .arg("--unseal-identity")
        .arg(key)
        .args(extra)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .output()
        .unwrap()
}

/// Decrypts with the age crate, as any program using it would.
fn age_crate_decrypt(file: &Path, identity_file: &Path) -> Vec<u8> {
    use std::io::Read;
    let text = std::fs::read_to_string(identity_file).unwrap();
    let identity: age::x25519::Identity = text
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .unwrap()
        .parse()
        .unwrap();
    let decryptor = age::Decryptor::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut plain = Vec::new();
    decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .unwrap()
        .read_to_end(&mut plain)
        .unwrap();
    plain
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(ring::digest::digest(&ring::digest::SHA256, bytes))
}

#[test]
fn a_backup_taken_during_releases_opens_with_age_and_restores_a_vault_that_serves_the_same_passwords(
) {
    let mut daemon = Daemon::dev();
    let admin = daemon.identity("admin");
    cli(
        &daemon.identity("authority"),
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
            "backup test",
        ],
    )
    .ok();
    // Releases run on two connections for the whole backup.
    let stop = Arc::new(AtomicBool::new(false));
    let released = Arc::new(AtomicU64::new(0));
    let url = daemon.url.clone();
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let (stop, released) = (stop.clone(), released.clone());
            let identity = vaultd::identity::Identity::load(&admin, || None).unwrap();
            let url = url.clone();
            std::thread::spawn(move || {
                block_on(async move {
                    let channel = vaultd::wire::client::connect(&identity, Some(&url))
                        .await
                        .unwrap();
                    let mut client = pb::credentials_client::CredentialsClient::new(channel);
                    while !stop.load(Ordering::Relaxed) {
                        client
                            .get(pb::GetCredentialRequest {
                                account_id: "facebook-cest".into(),
                                field: "password".into(),
                                reason: "during the backup".into(),
                                login: false,
                            })
                            .await
                            .expect("releases go on during a backup");
                        released.fetch_add(1, Ordering::Relaxed);
                    }
                })
            })
        })
        .collect();
    wait_until(
        "releases to start",
        std::time::Duration::from_secs(10),
        || released.load(Ordering::Relaxed) > 10,
    );
    let file = daemon.dir.path().join("vault.backup.age");
    let out = cli(
        &daemon.identity("operator"),
        &["--json", "backup", "--out", file.to_str().unwrap()],
    )
    .ok();
    let during = released.load(Ordering::Relaxed);
    stop.store(true, Ordering::Relaxed);
    workers.into_iter().for_each(|w| w.join().unwrap());
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let encrypted = std::fs::read(&file).unwrap();
    assert_eq!(report["size"], encrypted.len() as u64);
    assert_eq!(report["sha256"], sha256_hex(&encrypted));
    assert_eq!(report["recipients"].as_array().unwrap().len(), 1);
    eprintln!("{during} releases before the backup finished");

    // The age crate opens it with the unseal key into a sound SQLite database.
    let unseal_key = daemon.vault_dir().join("unseal.key");
    let plain = age_crate_decrypt(&file, &unseal_key);
    let scratch = tempfile::tempdir().unwrap();
    let db = scratch.path().join("vault.db");
    std::fs::write(&db, &plain).unwrap();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let verdict: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(verdict, "ok");
        let accounts: i64 = conn
            .query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))
            .unwrap();
        assert_eq!(accounts as usize, SAMPLE_ACCOUNTS.len());
        // The keys travel only sealed: no clear key row.
        let clear: i64 = conn
            .query_row(
                "SELECT count(*) FROM vault_meta WHERE name IN ('audit_key_seed', 'server_key_pem')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(clear, 0);
    }
    // Stock age opens it to the same bytes.
    let stock = Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&unseal_key)
        .arg(&file)
        .output()
        .expect("stock age is needed for this test (apt-get install age; .ci/run installs it)");
    assert!(
        stock.status.success(),
        "{}",
        String::from_utf8_lossy(&stock.stderr)
    );
    assert!(
        stock.stdout == plain,
        "stock age and the age crate disagree"
    );

    // The backup is on record with its size and digest.
    let out = cli(
        &daemon.identity("auditor"),
        &["--json", "audit", "log", "--action", "vault.backup"],
    )
    .ok();
    let entries: Vec<vaultd::tlog::entry::AuditEntry> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(entries.len(), 1, "{}", out.stdout);
    let detail = entries[0].detail.clone().unwrap_or_default();
    assert!(
        detail.contains(&format!("size {} bytes", encrypted.len())),
        "{detail}"
    );
    assert!(detail.contains(&sha256_hex(&encrypted)), "{detail}");

    // Restore into a new directory (daemon stopped) and serve it on the same address. The
    // audit key kept elsewhere says the backup is this vault's; another key is refused.
    let audit_key = cli(&daemon.identity("auditor"), &["audit", "key"])
        .ok()
        .stdout;
    let audit_key = audit_key.trim().to_owned();
    let url = daemon.url.clone();
    assert!(daemon.terminate().success());
    let restored = scratch.path().join("restored");
    let foreign = vaultd::tlog::note::Signer::generate("vaultd/other")
        .unwrap()
        .verifier()
        .to_key_string();
    // Without the kept key, the restore is refused: a forged vault encrypted to the public
    // unseal recipient would pass every other check. Saying so takes a flag the log records.
    let out = restore_with(&file, &restored, &unseal_key, "en_CA.UTF-8", &[]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("--audit-key"), "{said}");
    assert!(!restored.exists(), "a refused restore leaves nothing");
    let out = restore_with(
        &file,
        &restored,
        &unseal_key,
        "en_CA.UTF-8",
        &["--audit-key", &foreign],
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not by the expected"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!restored.exists(), "a refused restore leaves nothing");
    let out = restore_with(
        &file,
        &restored,
        &unseal_key,
        "en_CA.UTF-8",
        &["--audit-key", &audit_key],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("Audit log verified against its latest checkpoint"),
        "{stdout}"
    );
    assert!(
        stdout.contains("a restore rolls the vault back"),
        "{stdout}"
    );
    for name in ["server-tls.key", "audit-signing.key"] {
        assert_eq!(
            std::fs::read(restored.join(name)).unwrap(),
            std::fs::read(daemon.vault_dir().join("vault").join(name)).unwrap(),
            "{name} is the same key"
        );
    }
    let mut served = Daemon::serve_again(
        tempfile::tempdir().unwrap(),
        &restored,
        &url,
        Some(&unseal_key),
    );
    served.wait_serving_as(&admin);
    for sample in SAMPLE_ACCOUNTS.iter().filter(|s| s.id == "facebook-cest") {
        let out = cli(&admin, &["credential", "get", sample.id]).ok();
        assert_eq!(out.stdout.trim(), sample.password);
    }
    let out = cli(
        &daemon.identity("auditor"),
        &["--json", "audit", "log", "--action", "vault.restore"],
    )
    .ok();
    assert!(out.stdout.contains("audit log of"), "{}", out.stdout);
}

#[test]
fn a_restore_refuses_a_used_directory_a_foreign_key_and_a_file_that_is_not_a_backup() {
    let daemon = Daemon::dev();
    let file = daemon.dir.path().join("b.age");
    cli(
        &daemon.identity("operator"),
        &["backup", "--out", file.to_str().unwrap()],
    )
    .ok();
    // The same name again: refused, the first file kept.
    let before = std::fs::read(&file).unwrap();
    cli(
        &daemon.identity("operator"),
        &["backup", "--out", file.to_str().unwrap()],
    )
    .refused("already exists");
    assert_eq!(std::fs::read(&file).unwrap(), before);
    // Only an operator may take one.
    cli(
        &daemon.identity("auditor"),
        &[
            "backup",
            "--out",
            daemon.dir.path().join("x.age").to_str().unwrap(),
        ],
    )
    .refused("operator");

    let scratch = tempfile::tempdir().unwrap();
    let key = daemon.vault_dir().join("unseal.key");
    // A directory with something in it is left as it was.
    let used = scratch.path().join("used");
    std::fs::create_dir(&used).unwrap();
    std::fs::write(used.join("keep.txt"), "mine").unwrap();
    let out = restore(&file, &used, &key, "fr_CA.UTF-8");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("n'est pas vide"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(used.join("keep.txt")).unwrap(),
        "mine"
    );
    assert_eq!(std::fs::read_dir(&used).unwrap().count(), 1);
    // Another vault's key: refused, and the new directory is not left behind.
    let other = tempfile::tempdir().unwrap();
    let (_data, _op, other_key, _address) = init_vault(other.path(), None);
    let target = scratch.path().join("new");
    let out = restore(&file, &target, &other_key, "en_CA.UTF-8");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("does not unseal this vault"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!target.exists());
    // A file that is not a backup.
    let out = restore(&key, &target, &key, "en_CA.UTF-8");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not a readable vault backup"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!target.exists());
}

/// Break-glass: the escrow key (kept offline) restores a backup and unseals the vault, and the
/// log says it was the escrow key, by its recipient.
#[test]
fn an_escrow_key_restores_and_unseals_and_the_log_names_it() {
    use age::secrecy::ExposeSecret;
    let dir = tempfile::tempdir().unwrap();
    let escrow = age::x25519::Identity::generate();
    let escrow_recipient = escrow.to_public().to_string();
    let escrow_key = dir.path().join("escrow.key");
    std::fs::write(
        &escrow_key,
        format!("{}\n", escrow.to_string().expose_secret()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&escrow_key, std::fs::Permissions::from_mode(0o600)).unwrap();
    let address = Address::new();
    let data = dir.path().join("data");
    let operator = dir.path().join("operator.id");
    let unseal_key = dir.path().join("unseal.key");
    let out = Command::new(VAULTD)
        .args(["init", "--data-dir"])
        .arg(&data)
        .args(["--listen", &address.addr.to_string(), "--operator-identity"])
        .arg(&operator)
        .arg("--unseal-key-out")
        .arg(&unseal_key)
        .args(["--escrow-recipient", &escrow_recipient])
        .env("LANG", "en_CA.UTF-8")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut daemon = Daemon::serve(dir, &data, &address, Some(&unseal_key));
    daemon.wait_serving_as(&operator);
    let file = daemon.dir.path().join("b.age");
    let out = cli(
        &operator,
        &["--json", "backup", "--out", file.to_str().unwrap()],
    )
    .ok();
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let recipients = report["recipients"].as_array().unwrap();
    assert_eq!(recipients.len(), 2, "{recipients:?}");
    assert!(recipients.iter().any(|r| r == &escrow_recipient));
    assert!(daemon.terminate().success());

    let restored = daemon.dir.path().join("restored");
    let out = restore(&file, &restored, &escrow_key, "en_CA.UTF-8");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut served = Daemon::serve(
        tempfile::tempdir().unwrap(),
        &restored,
        &address,
        Some(&escrow_key),
    );
    served.wait_serving_as(&operator);
    // Read from the file: the dev-less vault has no auditor identity.
    let conn = rusqlite::Connection::open(restored.join("vault.db")).unwrap();
    let details: Vec<String> = conn
        .prepare("SELECT entry FROM audit_log ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get::<_, Vec<u8>>(0))
        .unwrap()
        .map(|e| String::from_utf8(e.unwrap()).unwrap())
        .filter(|e| e.contains("vault.unseal") || e.contains("vault.restore"))
        .collect();
    assert!(
        details
            .iter()
            .any(|e| e.contains("vault.restore") && e.contains("origin NOT checked")),
        "the log says the restore did not check who made the backup: {details:#?}"
    );
    let escrow_unseals = details
        .iter()
        .filter(|e| e.contains(&format!("escrow key {escrow_recipient}")))
        .count();
    // Once by the restore, once by `serve --unseal-identity escrow.key`.
    assert_eq!(escrow_unseals, 2, "{details:#?}");
    assert!(
        details.iter().any(|e| e.contains("identity file")),
        "{details:#?}"
    );
}
