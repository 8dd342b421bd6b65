//! Who can unseal the vault, and the data key itself, with the real daemon: escrow recipients
//! added and removed, a new unseal key, a changed passphrase, each on record; `vaultd rekey`
//! re-seals everything so that the old data key opens nothing; passphrase files that are
//! missing or loose are refused before any attempt.

use crate::harness::*;
use std::path::Path;
use std::process::Command;
use vaultd::crypto::data_key::{Binding, DataKey};

fn audit_actions(auditor: &Path, action: &str) -> Vec<vaultd::tlog::entry::AuditEntry> {
    let out = cli(auditor, &["--json", "audit", "log", "--action", action]).ok();
    serde_json::from_str(&out.stdout).unwrap()
}

#[test]
fn operators_change_who_can_unseal_and_each_change_is_on_record() {
    let daemon = Daemon::dev();
    let (op, auditor) = (daemon.identity("operator"), daemon.identity("auditor"));
    let dir = daemon.dir.path();
    let list = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut all = vec!["--json", "keys"];
        all.extend_from_slice(args);
        serde_json::from_str(&cli(&op, &all).ok().stdout).unwrap()
    };
    let kinds = |rows: &[serde_json::Value]| -> Vec<String> {
        rows.iter()
            .map(|r| r["kind"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(kinds(&list(&["list"])), ["identity"]);

    let (escrow_key, escrow) = age_key(dir, "escrow.key");
    let sg = daemon.identity("authority");
    // Proposed by the operator, in effect once the authority approves (see custody.rs).
    let change = cli(&op, &["--json", "keys", "add-escrow", &escrow]).ok();
    let change: serde_json::Value = serde_json::from_str(&change.stdout).unwrap();
    cli(&sg, &["keys", "approve", change["id"].as_str().unwrap()]).ok();
    assert_eq!(kinds(&list(&["list"])), ["identity", "escrow"]);
    cli(&op, &["keys", "add-escrow", &escrow]).refused("already opens this vault");
    cli(&op, &["keys", "add-escrow", "age1notarecipient"]).refused("age1");
    // The escrow key unseals, and says so in the log.
    cli(&op, &["seal"]).ok();
    cli(&op, &["unseal", "--key-file", escrow_key.to_str().unwrap()]).ok();
    let unseals = audit_actions(&auditor, "vault.unseal");
    assert!(
        unseals
            .iter()
            .any(|e| e.detail.as_deref() == Some(&format!("escrow key {escrow}"))),
        "{unseals:?}"
    );

    // A passphrase where there was none, then changed: the current one is checked.
    let first = dir.join("first-pass");
    write_private(&first, "premiere phrase de passe\n");
    list(&[
        "change-passphrase",
        "--new-passphrase-file",
        first.to_str().unwrap(),
    ]);
    let second = dir.join("second-pass");
    write_private(&second, "seconde phrase de passe\n");
    let wrong = dir.join("wrong-pass");
    write_private(&wrong, "pas la bonne\n");
    cli(
        &op,
        &[
            "keys",
            "change-passphrase",
            "--current-passphrase-file",
            wrong.to_str().unwrap(),
            "--new-passphrase-file",
            second.to_str().unwrap(),
        ],
    )
    .refused("wrong passphrase");
    let rows = list(&[
        "change-passphrase",
        "--current-passphrase-file",
        first.to_str().unwrap(),
        "--new-passphrase-file",
        second.to_str().unwrap(),
    ]);
    assert_eq!(kinds(&rows), ["identity", "escrow", "passphrase"]);
    cli(&op, &["seal"]).ok();
    cli(
        &op,
        &["unseal", "--passphrase-file", first.to_str().unwrap()],
    )
    .refused("wrong passphrase");
    cli(
        &op,
        &["unseal", "--passphrase-file", second.to_str().unwrap()],
    )
    .ok();

    // A new unseal key, made on this side: the old file no longer opens the vault.
    let old_key = daemon.vault_dir().join("unseal.key");
    let new_key = dir.join("new-unseal.key");
    let proposed = cli(
        &op,
        &[
            "--json",
            "keys",
            "new-unseal-key",
            "--out",
            new_key.to_str().unwrap(),
        ],
    )
    .ok();
    let proposed: serde_json::Value = serde_json::from_str(&proposed.stdout).unwrap();
    cli(&sg, &["keys", "approve", proposed["id"].as_str().unwrap()]).ok();
    let rows = list(&["list"]);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&new_key).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let recipient = rows.iter().find(|r| r["kind"] == "identity").unwrap()["recipient"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(std::fs::read_to_string(&new_key)
        .unwrap()
        .contains(&recipient));
    cli(&op, &["seal"]).ok();
    cli(&op, &["unseal", "--key-file", old_key.to_str().unwrap()])
        .refused("does not unseal this vault");
    cli(&op, &["unseal", "--key-file", new_key.to_str().unwrap()]).ok();

    // Removing the escrow recipient; an unknown one is refused.
    assert_eq!(
        kinds(&list(&["remove-escrow", &escrow])),
        ["passphrase", "identity"]
    );
    cli(&op, &["keys", "remove-escrow", &escrow]).refused("no escrow recipient");
    // Only an operator manages keys.
    cli(&auditor, &["keys", "list"]).refused("operator");

    for action in [
        "key.escrow.propose",
        "key.unseal.propose",
        "key.change.approve",
        "key.escrow.remove",
        "key.passphrase.change",
    ] {
        assert!(
            !audit_actions(&auditor, action).is_empty(),
            "{action} is on record"
        );
    }
    let changes = audit_actions(&auditor, "key.passphrase.change");
    assert!(changes
        .iter()
        .any(|e| e.reason.as_deref() == Some("bad_passphrase")));
}

#[test]
fn a_missing_or_loose_passphrase_file_is_named_and_costs_no_attempt() {
    let (daemon, op) = {
        let dir = tempfile::tempdir().unwrap();
        let (data, operator, _key, address) = init_vault(dir.path(), Some("la phrase de passe"));
        let mut daemon = Daemon::serve(dir, &data, &address, None);
        daemon.wait_serving_as(&operator);
        (daemon, operator)
    };
    let missing = daemon.dir.path().join("no-such-file");
    let out = cli_with(
        &op,
        &["unseal", "--passphrase-file", missing.to_str().unwrap()],
        None,
        &[("LANG", "fr_CA.UTF-8")],
    )
    .refused("n'existe pas");
    assert!(out.stderr.contains("rien n'a été tenté"), "{}", out.stderr);
    let loose = daemon.dir.path().join("loose");
    std::fs::write(&loose, "la phrase de passe\n").unwrap();
    cli(
        &op,
        &["unseal", "--passphrase-file", loose.to_str().unwrap()],
    )
    .refused("chmod 600");
    // Neither reached the vault: no unseal attempt is on record, so none counts toward the
    // lock-out, and the right passphrase works at once.
    let db = rusqlite::Connection::open(daemon.dir.path().join("data/vault.db")).unwrap();
    let attempts: i64 = db
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'vault.unseal'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(attempts, 0);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&loose, std::fs::Permissions::from_mode(0o600)).unwrap();
    cli(
        &op,
        &["unseal", "--passphrase-file", loose.to_str().unwrap()],
    )
    .ok();
}

fn sealed_values(db: &Path) -> Vec<(String, u64, String, Vec<u8>)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare("SELECT account_id, version, field, sealed FROM secret_fields ORDER BY 1, 2, 3")
        .unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get::<_, i64>(1)? as u64, r.get(2)?, r.get(3)?))
    })
    .unwrap()
    .map(|r| r.unwrap())
    .collect()
}

/// The data key as the unseal key's wrapping in the database holds it.
fn data_key_of(db: &Path, unseal_key: &Path) -> DataKey {
    let conn = rusqlite::Connection::open(db).unwrap();
    let wrapped: Vec<u8> = conn
        .query_row(
            "SELECT wrapped FROM key_wraps WHERE kind = 'identity'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let identity = vaultd::secret::SecretString::new(std::fs::read_to_string(unseal_key).unwrap());
    vaultd::crypto::data_key_wrap::unwrap_with_identity(&wrapped, &identity).unwrap()
}

#[test]
fn rekey_reseals_everything_under_a_new_key_and_the_old_key_opens_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (data, operator, unseal_key, address) = init_vault(dir.path(), Some("phrase de passe"));
    let (escrow_key, escrow) = age_key(dir.path(), "escrow.key");
    // On the server, daemon stopped, with the unseal key as proof: no approval needed.
    let added = Command::new(env!("CARGO_BIN_EXE_vaultd"))
        .args(["keys", "add-escrow", "--data-dir"])
        .arg(&data)
        .arg("--unseal-identity")
        .arg(&unseal_key)
        .arg(&escrow)
        .env("LANG", "en_CA.UTF-8")
        .output()
        .unwrap();
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(String::from_utf8_lossy(&added.stdout).contains("vaultd-keys"));
    let mut daemon = Daemon::serve(dir, &data, &address, Some(&unseal_key));
    daemon.wait_serving_as(&operator);
    for id in ["blog-cest", "wiki-cest"] {
        let platform = id.trim_end_matches("-cest");
        cli(
            &operator,
            &["account", "add", id, "--platform", platform, "--login", "x"],
        )
        .ok();
        for n in 0..2 {
            cli(
                &operator,
                &[
                    "secret",
                    "set",
                    id,
                    "--generate",
                    "--reason",
                    &format!("v{n}"),
                ],
            )
            .ok();
        }
    }
    assert!(daemon.terminate().success());
    let db = data.join("vault.db");
    let before = sealed_values(&db);
    assert_eq!(before.len(), 4);
    let old_key = data_key_of(&db, &unseal_key);
    let old_wraps: Vec<Vec<u8>> = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let mut stmt = conn.prepare("SELECT wrapped FROM key_wraps").unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(|w| w.unwrap())
            .collect()
    };

    let rekey = |pass: Option<&Path>| {
        let mut command = Command::new(VAULTD);
        command
            .args(["rekey", "--data-dir"])
            .arg(&data)
            .arg("--unseal-identity")
            .arg(&unseal_key)
            .env("LANG", "en_CA.UTF-8");
        if let Some(pass) = pass {
            command.arg("--passphrase-file").arg(pass);
        }
        command.output().unwrap()
    };
    // The vault also unseals with a passphrase: without it, nothing changes.
    let out = rekey(None);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("also unseals with a passphrase"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(sealed_values(&db), before);
    let pass = daemon.dir.path().join("passphrase");
    let out = rekey(Some(&pass));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("4 secret values re-sealed, 3 way(s) to unseal remade"),
        "{stdout}"
    );

    // Neither the old wrappings nor the old sealed values are left anywhere in the files.
    let mut on_disk = Vec::new();
    for name in ["vault.db", "vault.db-wal"] {
        on_disk.extend(std::fs::read(data.join(name)).unwrap_or_default());
    }
    let contains = |needle: &[u8]| on_disk.windows(needle.len()).any(|w| w == needle);
    for wrap in &old_wraps {
        assert!(
            !contains(wrap),
            "an old key wrapping is still in the database files"
        );
    }
    for (_, _, _, sealed) in &before {
        assert!(
            !contains(sealed),
            "a value sealed under the old key is still there"
        );
    }
    // Every value changed, and the old key opens none of them; the new key opens all.
    let after = sealed_values(&db);
    let new_key = data_key_of(&db, &unseal_key);
    assert_ne!(new_key.expose(), old_key.expose());
    for ((account, version, field, old_sealed), (_, _, _, new_sealed)) in before.iter().zip(&after)
    {
        assert_ne!(old_sealed, new_sealed);
        let binding = Binding::secret(account, *version, field);
        assert!(old_key.open(&binding, new_sealed).is_err());
        assert!(new_key.open(&binding, new_sealed).is_ok());
    }
    // The CA key, the key check and the key files' copies moved too.
    let conn = rusqlite::Connection::open(&db).unwrap();
    for name in [
        "ca_key_sealed",
        "data_key_check",
        "server_key_sealed",
        "audit_key_sealed",
    ] {
        let sealed: Vec<u8> = conn
            .query_row(
                "SELECT value FROM vault_meta WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .unwrap();
        let binding = Binding::vault_key(match name {
            "ca_key_sealed" => "ca",
            "data_key_check" => "key-check",
            "server_key_sealed" => "server-tls-key",
            _ => "audit-signing-key",
        });
        assert!(old_key.open(&binding, &sealed).is_err(), "{name}");
        assert!(new_key.open(&binding, &sealed).is_ok(), "{name}");
    }
    drop(conn);
    // Every way to unseal still works: `check` with the unseal key and with the escrow key.
    for key in [&unseal_key, &escrow_key] {
        let out = Command::new(VAULTD)
            .args(["check", "--data-dir"])
            .arg(&data)
            .arg("--unseal-identity")
            .arg(key)
            .env("LANG", "en_CA.UTF-8")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("4 sealed values opened"));
    }
    // And the passphrase, on the served vault; the rekey is on record.
    let mut served = Daemon::serve(tempfile::tempdir().unwrap(), &data, &address, None);
    served.wait_serving_as(&operator);
    cli(
        &operator,
        &["unseal", "--passphrase-file", pass.to_str().unwrap()],
    )
    .ok();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let rekeys: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'vault.rekey' AND outcome = 'allowed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rekeys, 1);
}

/// `vaultd server-cert`: a new server key and certificate from the same CA, for a new address;
/// identities keep working (with `--server` until renewed, which brings the new address).
#[test]
fn a_new_server_certificate_and_address_keep_every_identity_working() {
    let dir = tempfile::tempdir().unwrap();
    let (data, operator, unseal_key, _address) = init_vault(dir.path(), None);
    let old_key = std::fs::read(data.join("server-tls.key")).unwrap();
    let address = Address::new();
    let url = address.url();
    let out = Command::new(VAULTD)
        .args(["server-cert", "--data-dir"])
        .arg(&data)
        .arg("--unseal-identity")
        .arg(&unseal_key)
        .args([
            "--public-url",
            &url,
            "--server-name",
            "localhost",
            "--server-name",
            "127.0.0.1",
        ])
        .env("LANG", "en_CA.UTF-8")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("localhost, 127.0.0.1"), "{stdout}");
    assert!(
        stdout.contains(&format!("Public address: {url}")),
        "{stdout}"
    );
    assert_ne!(std::fs::read(data.join("server-tls.key")).unwrap(), old_key);
    assert!(!data.join("server-tls.key.new").exists());
    let check = Command::new(VAULTD)
        .args(["check", "--data-dir"])
        .arg(&data)
        .arg("--unseal-identity")
        .arg(&unseal_key)
        .env("LANG", "en_CA.UTF-8")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&check.stdout).contains("match the copies sealed"));

    // As if the renewal had stopped between the database's commit and the key file's rename:
    // the new key still staged, the old one in place. Serving finishes the renewal.
    let new_key = std::fs::read(data.join("server-tls.key")).unwrap();
    std::fs::rename(data.join("server-tls.key"), data.join("server-tls.key.new")).unwrap();
    write_private(
        &data.join("server-tls.key"),
        &String::from_utf8(old_key).unwrap(),
    );
    let mut daemon = Daemon::serve(dir, &data, &address, Some(&unseal_key));
    let server = ["--server", url.as_str()];
    wait_until(
        "the daemon on its new address",
        std::time::Duration::from_secs(30),
        || {
            let mut args = server.to_vec();
            args.push("whoami");
            cli(&operator, &args).code == 0
        },
    );
    // Renewing through the new address writes it into the identity.
    let mut args = server.to_vec();
    args.extend(["identity", "renew"]);
    cli(&operator, &args).ok();
    let out = cli(&operator, &["--json", "identity", "show"]).ok();
    let shown: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(shown["server"], url.as_str());
    cli(&operator, &["whoami"]).ok();
    assert_eq!(std::fs::read(data.join("server-tls.key")).unwrap(), new_key);
    assert!(!data.join("server-tls.key.new").exists());
    let db = rusqlite::Connection::open(data.join("vault.db")).unwrap();
    let entries: i64 = db
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'vault.server_cert' AND outcome = 'allowed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(entries, 1);
    assert!(daemon.terminate().success());
}
