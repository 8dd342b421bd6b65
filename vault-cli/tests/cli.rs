//! vault-cli on its own, without a daemon: usage, locale, and the identity files it writes.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

fn vault_cli(lang: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_vault-cli"));
    c.env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("VAULT_CLI_IDENTITY")
        .env_remove("VAULT_CLI_IDENTITY_PASSPHRASE_FILE");
    c
}

#[test]
fn a_command_without_identity_says_what_to_do_in_both_languages() {
    let en = vault_cli("en_CA.UTF-8").arg("status").output().unwrap();
    assert_eq!(en.status.code(), Some(1));
    assert!(en.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&en.stderr);
    assert!(
        stderr.contains("no identity: give --identity FILE or VAULT_CLI_IDENTITY"),
        "{stderr}"
    );
    let fr = vault_cli("fr_CA.UTF-8").arg("status").output().unwrap();
    let stderr = String::from_utf8_lossy(&fr.stderr);
    assert!(
        stderr.contains("aucune identité : donnez --identity FICHIER"),
        "{stderr}"
    );
}

#[test]
fn identity_new_writes_a_private_key_file_and_a_request_and_show_hides_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let id = dir.path().join("alice.id");
    let out = vault_cli("en_CA.UTF-8")
        .args(["identity", "new", "--name", "alice", "--plain", "--out"])
        .arg(&id)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("principal enroll"), "{stdout}");
    assert_eq!(
        std::fs::metadata(&id).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let csr = std::fs::read_to_string(dir.path().join("alice.csr")).unwrap();
    assert!(csr.starts_with("-----BEGIN CERTIFICATE REQUEST-----"));
    assert!(!csr.contains("PRIVATE KEY"));

    let shown = vault_cli("en_CA.UTF-8")
        .arg("--identity")
        .arg(&id)
        .args(["--json", "identity", "show"])
        .output()
        .unwrap();
    let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(shown["name"], "alice");
    assert_eq!(shown["enrolled"], false);
    assert!(!shown.to_string().contains("PRIVATE"));

    // The same path again is refused and the first key is kept.
    let before = std::fs::read(&id).unwrap();
    let again = vault_cli("en_CA.UTF-8")
        .args(["identity", "new", "--name", "alice", "--plain", "--out"])
        .arg(&id)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read(&id).unwrap(), before);
}

#[test]
fn an_identity_file_readable_by_others_is_refused_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let id = dir.path().join("bob.id");
    let made = vault_cli("en_CA.UTF-8")
        .args(["identity", "new", "--name", "bob", "--plain", "--out"])
        .arg(&id)
        .output()
        .unwrap();
    assert!(made.status.success());
    std::fs::set_permissions(&id, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = vault_cli("en_CA.UTF-8")
        .arg("--identity")
        .arg(&id)
        .arg("whoami")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is readable by other users") && stderr.contains("chmod 600"),
        "{stderr}"
    );
}

#[test]
fn invalid_names_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let id = dir.path().join("x.id");
    let out = vault_cli("en_CA.UTF-8")
        .args(["identity", "new", "--name", "Not Valid", "--plain", "--out"])
        .arg(&id)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("principal: invalid format"));
    assert!(!id.exists());
}

#[test]
fn help_is_in_the_readers_language() {
    let fr = vault_cli("fr_CA.UTF-8")
        .args(["grant", "issue", "--help"])
        .output()
        .unwrap();
    let fr = String::from_utf8_lossy(&fr.stdout);
    assert!(
        fr.contains("Délivrer directement une autorisation") && fr.contains("Bénéficiaire"),
        "{fr}"
    );
    let en = vault_cli("en_CA.UTF-8")
        .args(["grant", "issue", "--help"])
        .output()
        .unwrap();
    let en = String::from_utf8_lossy(&en.stdout);
    assert!(en.contains("Grant access directly"), "{en}");
}
