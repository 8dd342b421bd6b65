//! No plaintext secret on disk or in the daemon's log: the sample passwords and TOTP seed, and a
//! password set through vault-cli, appear nowhere in the data directory's files (db, -wal, -shm)
//! nor in the log output; nor does a 2FA code released with `credential get --login`.

use crate::harness::*;
use vaultd::daemon::dev::SAMPLE_ACCOUNTS;

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn secrets_appear_nowhere_on_disk_or_in_logs() {
    let mut daemon = Daemon::dev();
    let op = daemon.identity("operator");
    let typed = "Typed-Through-Cli-5150!";
    cli_stdin(
        &op,
        &[
            "secret",
            "set",
            "linkedin-cest",
            "--password-stdin",
            "--reason",
            "leak test",
        ],
        &format!("{typed}\n"),
    )
    .ok();
    cli(
        &op,
        &[
            "secret",
            "set",
            "flickr-cest",
            "--generate",
            "--reason",
            "leak test",
        ],
    )
    .ok();
    // A rotation staged (and another staged and confirmed): both new passwords are needles.
    let admin = daemon.identity("admin");
    let mut rotated = Vec::new();
    for (account, confirm) in [("youtube-cest", false), ("x-cest", true)] {
        cli(
            &daemon.identity("authority"),
            &[
                "grant",
                "issue",
                "--to",
                "admin",
                "--account",
                account,
                "--purpose",
                "fuites",
                "--for",
                "1h",
            ],
        )
        .ok();
        let staged = cli(&admin, &["--json", "secret", "rotate", account]).ok();
        let staged: serde_json::Value = serde_json::from_str(&staged.stdout).unwrap();
        let new = staged["new_password"].as_str().unwrap().to_owned();
        // Fetched again before its confirmation (credential get --field password-staged): the
        // same value, and still nowhere on disk or in the logs.
        let again = cli(
            &admin,
            &["credential", "get", account, "--field", "password-staged"],
        )
        .ok();
        assert_eq!(again.stdout.trim(), new);
        rotated.push(new.into_bytes());
        if confirm {
            cli(&admin, &["secret", "rotate", account, "--confirm"]).ok();
        }
    }
    // A login releases the password, the login and a code computed from the seed.
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
            "1h",
            "--purpose",
            "leak test",
        ],
    )
    .ok();
    let login = cli(
        &daemon.identity("admin"),
        &["--json", "credential", "get", "facebook-cest", "--login"],
    )
    .ok();
    let login: serde_json::Value = serde_json::from_str(&login.stdout).unwrap();
    let code = login["totp"]["code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 6, "{login}");
    // Read the files while the daemon runs (WAL and SHM present) and after it stops.
    let mut needles: Vec<Vec<u8>> = vec![typed.as_bytes().to_vec()];
    needles.extend(rotated);
    for sample in SAMPLE_ACCOUNTS {
        needles.push(sample.password.as_bytes().to_vec());
        if let Some(seed) = sample.totp_seed {
            needles.push(seed.as_bytes().to_vec());
            needles.push(
                vaultd::limits::decode_totp_seed(seed.as_bytes())
                    .unwrap()
                    .expose()
                    .to_vec(),
            );
        }
    }
    let vault_files = daemon.vault_dir().join("vault");
    let log = daemon.log.clone();
    let check = |when: &str| {
        let files = files_under(&vault_files);
        assert!(files.iter().any(|f| f.ends_with("vault.db")), "{files:?}");
        for file in files.iter().chain(std::iter::once(&log)) {
            let bytes = std::fs::read(file).unwrap();
            for needle in &needles {
                assert!(
                    !contains(&bytes, needle),
                    "{when}: a secret is in {} in the clear",
                    file.display()
                );
            }
        }
        // Six digits may turn up by chance in the database's binary pages; the log is text, and
        // what the daemon writes about a release is what would carry a code.
        let text = std::fs::read_to_string(&log).unwrap();
        assert!(!text.contains(&code), "{when}: the 2FA code is in the log");
    };
    let wal = daemon.vault_dir().join("vault/vault.db-wal");
    assert!(wal.exists(), "the WAL is there to be checked");
    check("running");
    assert!(daemon.terminate().success());
    check("stopped");
    assert!(
        daemon.log_text().contains("secret.set"),
        "the log does record the call: {}",
        daemon.log_text()
    );
}

/// The server's TLS key and the audit signing key live in their own 0600 files; the database
/// (what a backup carries) holds them only sealed.
#[test]
fn the_database_holds_neither_the_tls_key_nor_the_audit_key_in_clear() {
    use std::os::unix::fs::PermissionsExt;
    let mut daemon = Daemon::dev();
    let dir = daemon.vault_dir().join("vault");
    let server_key = std::fs::read_to_string(dir.join("server-tls.key")).unwrap();
    let audit_key = std::fs::read_to_string(dir.join("audit-signing.key")).unwrap();
    for name in ["server-tls.key", "audit-signing.key"] {
        let mode = std::fs::metadata(dir.join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "{name}");
    }
    let signer = vaultd::tlog::note::Signer::parse(&audit_key).unwrap();
    assert!(signer.name().starts_with("vaultd/"));
    let seed = {
        use base64::Engine;
        let typed = base64::engine::general_purpose::STANDARD
            .decode(audit_key.trim().splitn(5, '+').nth(4).unwrap())
            .unwrap();
        typed[1..].to_vec()
    };
    let pem_line = server_key
        .lines()
        .find(|l| !l.starts_with("-----"))
        .unwrap()
        .to_owned();
    use rustls_pki_types::pem::PemObject;
    let der: Vec<u8> = rustls_pki_types::PrivateKeyDer::from_pem_slice(server_key.as_bytes())
        .map(|k| k.secret_der().to_vec())
        .unwrap();
    let needles: Vec<(&str, Vec<u8>)> = vec![
        ("the audit key string", audit_key.trim().as_bytes().to_vec()),
        ("the audit seed", seed),
        ("a line of the TLS key's PEM", pem_line.into_bytes()),
        ("the TLS key's DER", der),
    ];
    let check = |when: &str| {
        for name in ["vault.db", "vault.db-wal", "vault.db-shm"] {
            let bytes = std::fs::read(dir.join(name)).unwrap_or_default();
            for (what, needle) in &needles {
                assert!(!contains(&bytes, needle), "{when}: {what} is in {name}");
            }
        }
    };
    check("running");
    assert!(daemon.terminate().success());
    check("stopped");
}
