//! The production path: `vaultd init`, `vaultd serve` sealed or unsealed at start, unseal with a
//! passphrase (throttled), seal; and vaults the daemon must refuse to open.

use crate::harness::*;
use std::os::unix::fs::PermissionsExt;
use std::process::Command;
use std::time::Instant;

fn serve_sealed(passphrase: &str) -> (Daemon, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (data, operator, _key, address) = init_vault(dir.path(), Some(passphrase));
    let mut daemon = Daemon::serve(dir, &data, &address, None);
    daemon.wait_serving_as(&operator);
    (daemon, operator)
}

fn pass_file(daemon: &Daemon, name: &str, text: &str) -> String {
    let path = daemon.dir.path().join(name);
    write_private(&path, &format!("{text}\n"));
    path.to_str().unwrap().to_owned()
}

#[test]
fn a_sealed_vault_refuses_secret_calls_until_unsealed_with_its_passphrase() {
    let (daemon, op) = serve_sealed("correct horse battery staple");
    let status = cli(&op, &["status"]).ok();
    assert!(status.stdout.contains("State: sealed"), "{}", status.stdout);
    cli(
        &op,
        &[
            "account",
            "add",
            "blog-cest",
            "--platform",
            "blog",
            "--login",
            "blog",
        ],
    )
    .ok();
    cli(
        &op,
        &[
            "secret",
            "set",
            "blog-cest",
            "--generate",
            "--reason",
            "first",
        ],
    )
    .refused("the vault is sealed");

    let wrong = pass_file(&daemon, "wrong", "wrong horse");
    cli(&op, &["unseal", "--passphrase-file", &wrong])
        .refused("wrong passphrase; the vault stays sealed");
    let right = pass_file(&daemon, "right", "correct horse battery staple");
    let unsealed = cli(&op, &["unseal", "--passphrase-file", &right]).ok();
    assert_eq!(unsealed.stdout.trim(), "Vault unsealed.");
    cli(
        &op,
        &[
            "secret",
            "set",
            "blog-cest",
            "--generate",
            "--reason",
            "first",
        ],
    )
    .ok();

    cli(&op, &["seal"]).ok();
    let status = cli(&op, &["status"]).ok();
    assert!(status.stdout.contains("State: sealed"));
    cli(
        &op,
        &[
            "secret",
            "set",
            "blog-cest",
            "--generate",
            "--reason",
            "second",
        ],
    )
    .refused("sealed");
    cli(&op, &["unseal", "--passphrase-file", &right]).ok();
    let history = cli(&op, &["--json", "secret", "history", "blog-cest"]).ok();
    let versions: Vec<serde_json::Value> = serde_json::from_str(&history.stdout).unwrap();
    assert_eq!(versions.len(), 1, "the sealed attempt stored nothing");
}

#[test]
fn repeated_wrong_passphrases_lock_unsealing_for_a_while() {
    let (daemon, op) = serve_sealed("the right one");
    let wrong = pass_file(&daemon, "wrong", "not it");
    let right = pass_file(&daemon, "right", "the right one");
    for _ in 0..2 {
        cli(&op, &["unseal", "--passphrase-file", &wrong]).refused("wrong passphrase");
    }
    // The third failure locks unsealing for 5 s, from a moment inside its call. The refusal
    // tells the whole seconds left: fewer than 5, and no fewer than 5 less the (rounded up)
    // seconds since that call began, which makes it exactly 4 on a machine that is not crawling.
    let third_started = Instant::now();
    cli(&op, &["unseal", "--passphrase-file", &wrong]).refused("wrong passphrase");
    let locked = cli(&op, &["unseal", "--passphrase-file", &right])
        .refused("too many failed attempts; try again in");
    let elapsed = third_started.elapsed().as_secs_f64().ceil() as u64;
    let seconds: u64 = locked
        .stderr
        .trim_end()
        .rsplit(' ')
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number of seconds in {:?}", locked.stderr));
    assert!(
        (5u64.saturating_sub(elapsed).max(1)..=4).contains(&seconds),
        "{seconds} s left after {elapsed} s of a 5 s lock-out"
    );
    assert_eq!(
        locked.stderr,
        format!("vault-cli: error: too many failed attempts; try again in {seconds} s\n")
    );
    let status = cli(&op, &["status"]).ok();
    assert!(
        status.stdout.contains("State: sealed"),
        "a locked attempt does not unseal"
    );
}

#[test]
fn serve_with_the_unseal_key_starts_unsealed_and_a_foreign_key_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (data, operator, key, address) = init_vault(dir.path(), None);
    let mode = std::fs::metadata(&key).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let mut daemon = Daemon::serve(dir, &data, &address, Some(&key));
    daemon.wait_serving_as(&operator);
    let status = cli(&operator, &["status"]).ok();
    assert!(
        status.stdout.contains("State: unsealed"),
        "{}",
        status.stdout
    );
    // Without a passphrase wrapping, `unseal` explains how this vault unseals.
    cli(&operator, &["seal"]).ok();
    let pass = daemon.dir.path().join("p");
    write_private(&pass, "x\n");
    cli(
        &operator,
        &["unseal", "--passphrase-file", pass.to_str().unwrap()],
    )
    .refused("no unseal passphrase");
    daemon.kill9();

    // Another vault's key does not unseal this one: the daemon refuses to start.
    let other = tempfile::tempdir().unwrap();
    let (_d, _o, other_key, _a) = init_vault(other.path(), None);
    let out = serve_refused(&data, Some(&other_key), "en_CA.UTF-8");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("does not unseal this vault"), "{stderr}");
}

#[test]
fn a_vault_from_a_newer_vaultd_is_refused_and_left_intact() {
    let dir = tempfile::tempdir().unwrap();
    let (data, _op, key, _address) = init_vault(dir.path(), None);
    let db = data.join("vault.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let out = serve_refused(&data, Some(&key), "en_CA.UTF-8");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("schema version 99 is newer"), "{stderr}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the vault file is untouched"
    );
}

#[test]
fn a_data_dir_open_to_other_users_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let (data, _op, key, _address) = init_vault(dir.path(), None);
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = serve_refused(&data, Some(&key), "en_CA.UTF-8");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "{} is accessible to other users (mode 755)",
            data.display()
        )),
        "{stderr}"
    );
    assert!(stderr.contains("chmod 700"), "{stderr}");
    let french = serve_refused(&data, None, "fr_CA.UTF-8");
    let stderr = String::from_utf8_lossy(&french.stderr);
    assert!(
        stderr.contains("vaultd : erreur : ouverture du coffre dans")
            && stderr
                .contains("est accessible à d'autres utilisateurs (mode 755) ; faites : chmod 700"),
        "{stderr}"
    );

    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::set_permissions(
        data.join("vault.db"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let out = serve_refused(&data, None, "en_CA.UTF-8");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("vault.db is accessible to other users (mode 644)"),
        "{stderr}"
    );
}

#[test]
fn a_write_ahead_log_open_to_other_users_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let (data, operator, key, address) = init_vault(dir.path(), None);
    // A daemon that dies leaves vault.db's -wal and -shm behind, holding recent writes.
    let mut daemon = Daemon::serve(tempfile::tempdir().unwrap(), &data, &address, Some(&key));
    daemon.wait_serving_as(&operator);
    daemon.kill9();
    for suffix in ["-wal", "-shm"] {
        let file = data.join(format!("vault.db{suffix}"));
        assert!(file.exists(), "{} was not left behind", file.display());
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let out = serve_refused(&data, Some(&key), "en_CA.UTF-8");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!(
                "vault.db{suffix} is accessible to other users (mode 644); run: chmod 600"
            )),
            "{stderr}"
        );
        let french = serve_refused(&data, Some(&key), "fr_CA.UTF-8");
        let stderr = String::from_utf8_lossy(&french.stderr);
        assert!(
            stderr.contains(&format!(
                "vault.db{suffix} est accessible à d'autres utilisateurs (mode 644) ; faites : chmod 600"
            )),
            "{stderr}"
        );
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    // Put right, the vault opens, with what the dead daemon had committed.
    let mut daemon = Daemon::serve(tempfile::tempdir().unwrap(), &data, &address, Some(&key));
    daemon.wait_serving_as(&operator);
    cli(&operator, &["status"]).ok();
}

#[test]
fn init_can_encrypt_the_first_operators_identity() {
    let dir = tempfile::tempdir().unwrap();
    let pass = dir.path().join("op-pass");
    write_private(&pass, "phrase de l'opérateur\n");
    let out = Command::new(VAULTD)
        .args(["init", "--data-dir"])
        .arg(dir.path().join("data"))
        .arg("--operator-identity")
        .arg(dir.path().join("op.id"))
        .arg("--operator-passphrase-file")
        .arg(&pass)
        .arg("--unseal-key-out")
        .arg(dir.path().join("k"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("op.id")).unwrap();
    assert!(text.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
    assert!(!text.contains("PRIVATE KEY"));
}

#[test]
fn init_refuses_to_overwrite_an_existing_vault() {
    let dir = tempfile::tempdir().unwrap();
    let (data, _op, _key, _address) = init_vault(dir.path(), None);
    let out = Command::new(VAULTD)
        .args(["init", "--data-dir"])
        .arg(&data)
        .arg("--operator-identity")
        .arg(dir.path().join("op2.id"))
        .arg("--unseal-key-out")
        .arg(dir.path().join("k2"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("a vault already exists here"), "{stderr}");
}

/// The raw Ed25519 seed inside an audit key file (`PRIVATE+KEY+name+id+base64(0x01 || seed)`).
fn seed_of(key_file: &str) -> Vec<u8> {
    use base64::Engine;
    let typed = base64::engine::general_purpose::STANDARD
        .decode(key_file.trim().splitn(5, '+').nth(4).unwrap())
        .unwrap();
    typed[1..].to_vec()
}

fn vaultd_check(data: &std::path::Path, key: &std::path::Path) -> std::process::Output {
    Command::new(VAULTD)
        .args(["check", "--data-dir"])
        .arg(data)
        .arg("--unseal-identity")
        .arg(key)
        .env("LANG", "en_CA.UTF-8")
        .output()
        .unwrap()
}

/// A vault made before the keys moved out of `vault.db` (both in clear in `vault_meta`, no key
/// files, no sealed copies) is moved on open and gets its sealed copies at unseal; a missing key
/// file then stops the daemon with a message saying where the key lives.
#[test]
fn keys_of_an_older_vault_move_out_of_the_database_and_a_missing_key_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (data, operator, key, address) = init_vault(dir.path(), None);
    let server_key = std::fs::read(data.join("server-tls.key")).unwrap();
    let audit_key = std::fs::read_to_string(data.join("audit-signing.key")).unwrap();
    let count_of = |out: &std::process::Output| -> u64 {
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            out.status.success(),
            "{text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            text.contains("Key files: server-tls.key and audit-signing.key match"),
            "{text}"
        );
        text.split_whitespace().nth(1).unwrap().parse().unwrap()
    };
    let values_before = count_of(&vaultd_check(&data, &key));
    {
        let conn = rusqlite::Connection::open(data.join("vault.db")).unwrap();
        conn.execute(
            "DELETE FROM vault_meta WHERE name IN
             ('audit_public_key', 'server_key_sealed', 'audit_key_sealed')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO vault_meta (name, value) VALUES ('audit_key_seed', ?1), ('server_key_pem', ?2)",
            rusqlite::params![seed_of(&audit_key), server_key],
        )
        .unwrap();
    }
    std::fs::remove_file(data.join("server-tls.key")).unwrap();
    std::fs::remove_file(data.join("audit-signing.key")).unwrap();

    let mut daemon = Daemon::serve(dir, &data, &address, Some(&key));
    daemon.wait_serving_as(&operator);
    cli(&operator, &["status"]).ok();
    assert!(daemon.terminate().success());
    assert_eq!(
        std::fs::read(data.join("server-tls.key")).unwrap(),
        server_key
    );
    assert_eq!(
        std::fs::read_to_string(data.join("audit-signing.key")).unwrap(),
        audit_key
    );
    let conn = rusqlite::Connection::open(data.join("vault.db")).unwrap();
    let names: Vec<String> = conn
        .prepare("SELECT name FROM vault_meta WHERE name LIKE '%key%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|n| n.unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "audit_key_sealed",
            "audit_public_key",
            "ca_key_sealed",
            "data_key_check",
            "server_key_sealed"
        ]
    );
    drop(conn);
    // The sealed copies open and match the files.
    assert_eq!(count_of(&vaultd_check(&data, &key)), values_before);

    // A key file that is not the vault's copy is named by `check`.
    let mut changed = server_key.clone();
    let at = changed.len() / 2;
    changed[at] = if changed[at] == b'A' { b'B' } else { b'A' };
    std::fs::write(data.join("server-tls.key"), &changed).unwrap();
    let out = vaultd_check(&data, &key);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("server-tls.key differs from the vault's sealed copy"),
        "{stderr}"
    );
    std::fs::write(data.join("server-tls.key"), &server_key).unwrap();

    std::fs::remove_file(data.join("audit-signing.key")).unwrap();
    let out = serve_refused(&data, Some(&key), "en_CA.UTF-8");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("audit-signing.key: key file missing"),
        "{stderr}"
    );
    let out = serve_refused(&data, Some(&key), "fr_CA.UTF-8");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("fichier de clé absent"), "{stderr}");
}

/// One vault id everywhere: what `init` prints is the audit log's origin (`vaultd/ID`).
#[test]
fn init_names_the_vault_by_the_id_its_audit_log_signs_with() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = Command::new(VAULTD)
        .args(["init", "--data-dir"])
        .arg(&data)
        .arg("--operator-identity")
        .arg(dir.path().join("op.id"))
        .arg("--unseal-key-out")
        .arg(dir.path().join("k"))
        .env("LANG", "en_CA.UTF-8")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let id = stdout
        .split_whitespace()
        .nth(1)
        .expect("Vault ID created in ...")
        .to_owned();
    let conn = rusqlite::Connection::open(data.join("vault.db")).unwrap();
    let origin: Vec<u8> = conn
        .query_row(
            "SELECT value FROM vault_meta WHERE name = 'audit_origin'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(String::from_utf8(origin).unwrap(), format!("vaultd/{id}"));
    let key = std::fs::read_to_string(data.join("audit-signing.key")).unwrap();
    assert!(
        key.starts_with(&format!("PRIVATE+KEY+vaultd/{id}+")),
        "{key}"
    );
}

/// `serve` listens where `init --listen` said, with no address given; under socket activation
/// it takes the socket systemd passes instead of binding one.
#[test]
fn serve_listens_where_init_said_or_on_the_socket_systemd_passes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let operator = dir.path().join("operator.id");
    let key = dir.path().join("unseal.key");
    // Port 0 on another loopback address than the default (127.0.0.1:8443): the daemon
    // chooses the port, and its address says whether it listened where init said.
    let out = Command::new(VAULTD)
        .args(["init", "--data-dir"])
        .arg(&data)
        .args(["--listen", "127.0.0.2:0", "--operator-identity"])
        .arg(&operator)
        .arg("--unseal-key-out")
        .arg(&key)
        .env("LANG", "en_CA.UTF-8")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut command = Command::new(VAULTD);
    command
        .args(["serve", "--data-dir"])
        .arg(&data)
        .arg("--unseal-identity")
        .arg(&key);
    let mut daemon = Daemon::spawn(dir, command, String::new());
    daemon.wait_listening();
    assert!(
        daemon.url.starts_with("https://127.0.0.2:"),
        "{}",
        daemon.url
    );
    daemon.wait_serving_as(&operator);
    cli(&operator, &["--server", &daemon.url, "whoami"]).ok();
    assert!(daemon.terminate().success());

    // Handed a listening socket as systemd passes one, it serves there and binds nothing.
    let address = Address::new();
    let url = address.url();
    let mut daemon = Daemon::serve(tempfile::tempdir().unwrap(), &data, &address, Some(&key));
    daemon.wait_serving_as(&operator);
    cli(&operator, &["--server", &url, "whoami"]).ok();
    let log = daemon.log_text();
    assert!(
        log.contains("listening on the socket systemd passed"),
        "{log}"
    );
    assert_eq!(logged_address(&log), Some(address.addr), "{log}");
    assert!(daemon.terminate().success());
}

/// A failed init leaves nothing behind, so the same command can simply be run again: a bad
/// escrow recipient is refused before anything is made, and a failure at the very end (the
/// operator's identity cannot be written) removes the half-made vault.
#[test]
fn a_failed_init_leaves_nothing_and_can_be_retried() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let key = dir.path().join("unseal.key");
    let init = |operator_identity: &std::path::Path, extra: &[&str]| {
        Command::new(VAULTD)
            .args(["init", "--data-dir"])
            .arg(&data)
            .arg("--operator-identity")
            .arg(operator_identity)
            .arg("--unseal-key-out")
            .arg(&key)
            .args(extra)
            .env("LANG", "en_CA.UTF-8")
            .output()
            .unwrap()
    };
    let operator = dir.path().join("operator.id");
    let out = init(&operator, &["--escrow-recipient", "age1notarecipient"]);
    assert!(!out.status.success());
    assert!(!data.exists() && !key.exists() && !operator.exists());

    let unwritable = dir.path().join("no-such-dir/operator.id");
    let out = init(&unwritable, &[]);
    assert!(
        !out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!data.exists(), "the half-made vault is removed");
    assert!(!key.exists());

    let out = init(&operator, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(data.join("vault.db").exists() && key.exists() && operator.exists());
}
