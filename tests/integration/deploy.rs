//! What a Debian operator installs: shell completions and man pages generated from both
//! binaries, and the systemd units as shipped (clean for `systemd-analyze verify`, exposure at
//! most 1.2 for `systemd-analyze security`).

use crate::harness::*;
use std::path::Path;
use std::process::Command;

const UNITS: [&str; 7] = [
    "vaultd.service",
    "vaultd-notify.service",
    "vaultd.socket",
    "vaultd-backup.service",
    "vaultd-backup.timer",
    "vaultd-witness.service",
    "vaultd-witness.timer",
];

fn run(program: &str, args: &[&str]) -> std::process::Output {
    Command::new(program)
        .args(args)
        .env("LANG", "en_CA.UTF-8")
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"))
}

#[test]
fn both_binaries_print_completions_for_bash_zsh_fish_and_powershell() {
    let cli = vault_cli_path();
    let cli = cli.to_str().unwrap();
    // PowerShell's go in the Windows zip (deploy/windows/build-zip).
    for shell in ["bash", "zsh", "fish", "powershell"] {
        for (program, words) in [(VAULTD, ["serve", "restore"]), (cli, ["grant", "backup"])] {
            let out = run(program, &["completions", shell]);
            assert!(out.status.success(), "{program} {shell}");
            let script = String::from_utf8_lossy(&out.stdout);
            for word in words {
                assert!(script.contains(word), "{program} {shell}: no {word}");
            }
        }
    }
}

#[test]
fn both_binaries_write_english_and_french_man_pages() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().to_str().unwrap();
    let cli = vault_cli_path();
    for program in [VAULTD, cli.to_str().unwrap()] {
        let out = run(program, &["man", "--out", out_dir]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let page = |path: &str| std::fs::read_to_string(dir.path().join(path)).unwrap();
    assert!(page("man1/vaultd.1").contains("Credential vault daemon"));
    assert!(page("man1/vaultd-restore.1").contains("audit\\-key"));
    assert!(page("man1/vault-cli-grant-issue.1").contains("purpose"));
    assert!(page("fr/man1/vault-cli-grant-issue.1").contains("autorisation"));
    assert!(page("fr/man1/vaultd-serve.1").contains("Faire tourner le démon"));
    let english = std::fs::read_dir(dir.path().join("man1")).unwrap().count();
    let french = std::fs::read_dir(dir.path().join("fr/man1"))
        .unwrap()
        .count();
    assert_eq!(english, french);
    assert!(english > 60, "{english} pages");
}

/// The shipped units with their binaries pointing at this build, in a directory of their own.
fn units_for_this_build(dir: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cli = vault_cli_path();
    for unit in UNITS {
        let text = std::fs::read_to_string(repo.join("deploy").join(unit))
            .unwrap()
            .replace("/usr/bin/vaultd", VAULTD)
            .replace("/usr/bin/vault-cli", cli.to_str().unwrap());
        std::fs::write(dir.join(unit), text).unwrap();
    }
}

#[test]
fn the_shipped_units_verify_cleanly_and_the_service_is_well_confined() {
    let dir = tempfile::tempdir().unwrap();
    units_for_this_build(dir.path());
    let paths: Vec<String> = UNITS
        .iter()
        .map(|u| dir.path().join(u).display().to_string())
        .collect();
    let mut args = vec!["verify"];
    args.extend(paths.iter().map(String::as_str));
    let out = run("systemd-analyze", &args);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success() && said.trim().is_empty(), "{said}");

    // The daemon, and the notifier (which has the network, but nothing of the vault's data).
    for (unit, path) in UNITS.iter().zip(&paths).take(2) {
        let out = run("systemd-analyze", &["security", "--offline=yes", path]);
        let text = String::from_utf8_lossy(&out.stdout);
        let exposure: f64 = text
            .lines()
            .find_map(|l| l.split(&format!("exposure level for {unit}: ")).nth(1))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no exposure figure in:\n{text}"));
        assert!(exposure <= 1.2, "{unit}: exposure {exposure}:\n{text}");
    }
    let notifier = std::fs::read_to_string(&paths[1]).unwrap();
    assert!(notifier.contains("InaccessiblePaths=-/var/lib/vaultd"));
    assert!(
        notifier.contains("StateDirectory=vaultd-notify")
            && notifier.contains("User=vaultd-notify")
    );
}

/// `identity export-tls` gives stock gRPC tools the three PEM files they take, and a TLS client
/// built from nothing else is served.
#[test]
fn exported_tls_files_are_enough_for_a_stock_client() {
    let daemon = Daemon::dev();
    let dir = daemon.dir.path().join("tls");
    let out = cli(
        &daemon.identity("auditor"),
        &["identity", "export-tls", "--out", dir.to_str().unwrap()],
    )
    .ok();
    assert!(out.stdout.contains("grpcurl -cacert"), "{}", out.stdout);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir.join("key.pem"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let status = block_on(async {
        use tonic::transport::{Certificate, ClientTlsConfig, Endpoint, Identity};
        let tls = ClientTlsConfig::new()
            .ca_certificate(Certificate::from_pem(read("ca.pem")))
            .identity(Identity::from_pem(read("cert.pem"), read("key.pem")))
            .domain_name("localhost");
        let channel = Endpoint::from_shared(daemon.url.clone())
            .unwrap()
            .tls_config(tls)
            .unwrap()
            .connect()
            .await
            .unwrap();
        vaultd::wire::pb::system_client::SystemClient::new(channel)
            .who_am_i(vaultd::wire::pb::WhoAmIRequest {})
            .await
            .map(|r| r.into_inner().name)
    });
    assert_eq!(status.unwrap(), "auditor");
    // An existing directory is not written into.
    cli(
        &daemon.identity("auditor"),
        &["identity", "export-tls", "--out", dir.to_str().unwrap()],
    )
    .refused("already exists");
}
