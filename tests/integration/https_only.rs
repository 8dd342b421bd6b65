//! The client never speaks in clear: `vault-cli` pointed at an `http://` address (by
//! `--server`, `VAULT_CLI_SERVER` or an enrollment) refuses before connecting, so a plain TCP
//! listener there receives not one byte of the passphrase or password it was about to send;
//! `vaultd init` refuses an `http://` public URL, which would become every enrollment's address.

use crate::harness::*;
use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// A plain TCP listener on 127.0.0.1 port 0 that keeps every byte any client sends it: where a
/// client that speaks in clear would hand over its secrets.
struct Eavesdropper {
    addr: std::net::SocketAddr,
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<(usize, Vec<u8>)>,
}

impl Eavesdropper {
    fn new() -> Eavesdropper {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        listener.set_nonblocking(true).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let thread = std::thread::spawn(move || {
            let (mut connections, mut heard) = (0, Vec::new());
            while !stopped.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((mut socket, _)) => {
                        connections += 1;
                        socket.set_nonblocking(false).unwrap();
                        // What the client sends before it waits for an answer; then the
                        // connection is closed, so that the client gives up.
                        socket
                            .set_read_timeout(Some(Duration::from_millis(500)))
                            .unwrap();
                        let mut buf = [0u8; 4096];
                        while let Ok(n @ 1..) = socket.read(&mut buf) {
                            heard.extend_from_slice(&buf[..n]);
                        }
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(20)),
                }
            }
            (connections, heard)
        });
        Eavesdropper { addr, stop, thread }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many connections it accepted and what it heard.
    fn heard(self) -> (usize, Vec<u8>) {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.join().unwrap()
    }
}

/// A complete identity made here (a self-signed certificate, an https address nobody uses):
/// enough for vault-cli to try to connect.
fn identity(dir: &Path) -> PathBuf {
    let key = vaultd::identity::pki::new_client_key().unwrap();
    let pair = rcgen::KeyPair::from_pem(key.expose()).unwrap();
    let cert = rcgen::CertificateParams::new(vec!["clear".into()])
        .unwrap()
        .self_signed(&pair)
        .unwrap();
    let identity = vaultd::identity::Identity::enrolled(
        vaultd::identity::Enrollment {
            format: vaultd::identity::Enrollment::FORMAT.into(),
            name: "clear".into(),
            server: "https://127.0.0.1:1".into(),
            server_name: "localhost".into(),
            ca_pem: cert.pem(),
            cert_pem: cert.pem(),
        },
        key,
    )
    .unwrap();
    let path = dir.join("clear.id");
    identity.save_plain(&path, false).unwrap();
    path
}

/// Runs vault-cli against an eavesdropper and asserts it refused before sending anything.
#[track_caller]
fn refused_in_clear(run: impl FnOnce(&str) -> CliRun, needle: &str) {
    let ear = Eavesdropper::new();
    let out = run(&ear.url());
    let (connections, heard) = ear.heard();
    assert!(
        heard.is_empty(),
        "{} bytes sent in clear: {:?}",
        heard.len(),
        String::from_utf8_lossy(&heard)
    );
    assert_eq!(connections, 0, "vault-cli connected to an http:// address");
    out.refused(needle);
}

const SAID: &str = "only https:// addresses are accepted";
const DIT: &str = "seules les adresses https:// sont acceptées";

#[test]
fn unseal_and_secret_set_never_send_their_secrets_to_an_http_address() {
    let dir = tempfile::tempdir().unwrap();
    let id = identity(dir.path());
    let pass = dir.path().join("passphrase");
    write_private(&pass, "phrase de descellement secrète\n");
    for (lang, needle) in [("en_CA.UTF-8", SAID), ("fr_CA.UTF-8", DIT)] {
        refused_in_clear(
            |url| {
                cli_with(
                    &id,
                    &[
                        "--server",
                        url,
                        "unseal",
                        "--passphrase-file",
                        pass.to_str().unwrap(),
                    ],
                    None,
                    &[("LANG", lang)],
                )
            },
            needle,
        );
        refused_in_clear(
            |url| {
                cli_with(
                    &id,
                    &[
                        "secret",
                        "set",
                        "facebook-cest",
                        "--password-stdin",
                        "--reason",
                        "rotation",
                    ],
                    Some("N0uveau-mot-de-passe\n"),
                    &[("LANG", lang), ("VAULT_CLI_SERVER", url)],
                )
            },
            needle,
        );
    }
    // An identity file written with an http:// address (by hand, or before this check).
    refused_in_clear(
        |url| {
            let text = std::fs::read_to_string(&id).unwrap();
            let old = dir.path().join("old.id");
            write_private(&old, &text.replace("https://127.0.0.1:1", url));
            cli(
                &old,
                &["unseal", "--passphrase-file", pass.to_str().unwrap()],
            )
        },
        SAID,
    );
    // Whatever the case of the scheme, and whatever else it is.
    for scheme in ["HTTP", "ftp", "unix"] {
        refused_in_clear(
            |url| {
                let url = url.replacen("http", scheme, 1);
                cli(&id, &["--server", &url, "status"])
            },
            SAID,
        );
    }
}

#[test]
fn an_enrollment_with_an_http_address_is_not_installed() {
    let d = Daemon::dev();
    let dir = d.dir.path();
    let id = dir.join("clear.id");
    cli_with(
        Path::new("/nonexistent"),
        &[
            "identity",
            "new",
            "--name",
            "clear",
            "--plain",
            "--out",
            id.to_str().unwrap(),
        ],
        None,
        &[("LANG", "en_CA.UTF-8")],
    )
    .ok();
    let enrollment = dir.join("clear.enrollment");
    cli(
        &d.identity("operator"),
        &[
            "principal",
            "enroll",
            dir.join("clear.csr").to_str().unwrap(),
            "--role",
            "auditor",
            "--out",
            enrollment.to_str().unwrap(),
        ],
    )
    .ok();
    let text = std::fs::read_to_string(&enrollment).unwrap();
    let https = d.url.clone();
    let http = https.replacen("https://", "http://", 1);
    assert!(text.contains(&https), "{text}");
    std::fs::write(&enrollment, text.replace(&https, &http)).unwrap();
    let before = std::fs::read(&id).unwrap();
    cli(&id, &["identity", "install", enrollment.to_str().unwrap()]).refused(SAID);
    assert_eq!(
        std::fs::read(&id).unwrap(),
        before,
        "the identity is unchanged"
    );
}

#[test]
fn init_refuses_an_http_public_url() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, needle) in [("en_CA.UTF-8", SAID), ("fr_CA.UTF-8", DIT)] {
        let out = std::process::Command::new(VAULTD)
            .args(["init", "--data-dir"])
            .arg(dir.path().join("data"))
            .args(["--public-url", "http://vault.example:8443"])
            .arg("--operator-identity")
            .arg(dir.path().join("op.id"))
            .arg("--unseal-key-out")
            .arg(dir.path().join("unseal.key"))
            .env("LANG", lang)
            .env_remove("LC_ALL")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "init accepted an http URL");
        assert!(stderr.contains(needle), "{stderr}");
        for made in ["data", "op.id", "unseal.key"] {
            assert!(!dir.path().join(made).exists(), "{made} was left behind");
        }
    }
}
