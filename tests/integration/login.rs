//! `credential get --login`: login, password and the current 2FA code as one release (one use
//! of the grant, one audit entry naming the three fields); and `--clip`, refused before the vault
//! is asked when there is no display, and copied then cleared for real under Xvfb.

use crate::harness::*;
use std::process::{Command, Stdio};
use std::time::Duration;
use vaultd::daemon::dev::SAMPLE_ACCOUNTS;
use vaultd::tlog::entry::{AuditEntry, Outcome};

fn sample(id: &str) -> &'static vaultd::daemon::dev::SampleAccount {
    SAMPLE_ACCOUNTS.iter().find(|a| a.id == id).unwrap()
}

/// A grant of one use to `admin` for `account`.
fn one_use_grant(d: &Daemon, account: &str) {
    cli(
        &d.identity("authority"),
        &[
            "grant",
            "issue",
            "--to",
            "admin",
            "--account",
            account,
            "--purpose",
            "Publication",
            "--for",
            "1h",
            "--max-uses",
            "1",
        ],
    )
    .ok();
}

/// The credential.get entries, as the auditor reads them.
fn releases(d: &Daemon) -> Vec<AuditEntry> {
    let out = cli(
        &d.identity("auditor"),
        &["--json", "audit", "log", "--limit", "100000"],
    )
    .ok();
    let all: Vec<AuditEntry> = serde_json::from_str(&out.stdout).unwrap();
    all.into_iter()
        .filter(|e| e.action.as_str() == "credential.get")
        .collect()
}

/// The codes the seed gives around now (a 30 s step may turn during the call).
fn codes_around_now(seed: &str) -> Vec<String> {
    let seed = vaultd::limits::decode_totp_seed(seed.as_bytes()).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    [now - 30, now, now + 30]
        .iter()
        .map(|t| vaultd::authz::totp::current(seed.expose(), *t).0)
        .collect()
}

#[test]
fn one_login_releases_the_three_fields_as_one_use_and_one_entry() {
    let d = Daemon::dev();
    let admin = d.identity("admin");
    let account = sample("facebook-cest");
    one_use_grant(&d, account.id);
    let out = cli(
        &admin,
        &["--json", "credential", "get", account.id, "--login"],
    )
    .ok();
    let got: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(got["login"], account.login);
    assert_eq!(got["password"], account.password);
    assert_eq!(got["fields"], "login+password+totp");
    assert_eq!(got["version"], 1);
    let code = got["totp"]["code"].as_str().unwrap();
    assert!(
        codes_around_now(account.totp_seed.unwrap()).contains(&code.to_owned()),
        "{code} is the account's current code"
    );
    assert!((1..=30).contains(&got["totp"]["valid_for_secs"].as_u64().unwrap()));
    // The grant had one use: the login spent it, whole.
    cli(
        &admin,
        &["credential", "get", account.id, "--field", "totp"],
    )
    .refused("all its allowed uses are spent (1/1)");
    let entries = releases(&d);
    let allowed: Vec<_> = entries
        .iter()
        .filter(|e| e.outcome == Outcome::Allowed)
        .collect();
    assert_eq!(allowed.len(), 1, "one entry for the login: {entries:?}");
    assert_eq!(
        allowed[0].detail.as_deref(),
        Some("field=login+password+totp version=1")
    );
    assert_eq!(entries.len(), 2, "the login, then the refusal");
}

#[test]
fn a_login_without_a_2fa_seed_gives_login_and_password_and_says_so() {
    let d = Daemon::dev();
    let account = sample("youtube-cest");
    assert!(account.totp_seed.is_none());
    one_use_grant(&d, account.id);
    let out = cli_with(
        &d.identity("admin"),
        &["credential", "get", account.id, "--login"],
        None,
        &[("LANG", "fr_CA.UTF-8")],
    )
    .ok();
    assert_eq!(
        out.stdout,
        format!(
            "Identifiant : {}\nMot de passe : {}\nCode 2FA : aucun, le coffre ne garde pas de \
             germe 2FA pour ce compte (demandez à un opérateur de l'ajouter : vault-cli secret \
             set COMPTE --totp-seed-stdin)\n",
            account.login, account.password
        )
    );
    assert!(
        out.stderr
            .contains("youtube-cest : login+password v1 remis"),
        "{}",
        out.stderr
    );
    let entries = releases(&d);
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].detail.as_deref(),
        Some("field=login+password version=1")
    );
}

/// A vault-cli that sees no display (the test process may have one).
fn without_display(command: &mut Command) -> &mut Command {
    command.env_remove("DISPLAY").env_remove("WAYLAND_DISPLAY")
}

fn vault_cli(identity: &std::path::Path, args: &[&str], lang: &str) -> Command {
    let mut command = Command::new(vault_cli_path());
    command
        .arg("--identity")
        .arg(identity)
        .args(args)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("VAULT_CLI_IDENTITY")
        .env_remove("VAULT_CLI_SERVER")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

#[test]
fn without_a_display_clip_refuses_before_asking_the_vault() {
    let d = Daemon::dev();
    let admin = d.identity("admin");
    let account = sample("facebook-cest");
    one_use_grant(&d, account.id);
    for (lang, says) in [
        ("en_CA.UTF-8", "--clip: no display here"),
        ("fr_CA.UTF-8", "--clip : aucun affichage ici"),
    ] {
        let out = without_display(&mut vault_cli(
            &admin,
            &["credential", "get", account.id, "--login", "--clip"],
            lang,
        ))
        .output()
        .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(out.stdout.is_empty(), "nothing of the secret");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{stderr}");
        assert!(!stderr.contains(account.password));
    }
    // Nothing was asked: the one use is still there, and the log holds no release.
    assert!(releases(&d).is_empty());
    cli(&admin, &["credential", "get", account.id]).ok();
}

/// An X server of its own for a test; stopped when dropped.
struct Xvfb {
    child: std::process::Child,
    display: String,
}

impl Xvfb {
    fn start() -> Xvfb {
        use std::io::BufRead;
        let mut child = Command::new("Xvfb")
            .args(["-displayfd", "1", "-nolisten", "tcp"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb (scripts/test installs it)");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let display = format!(":{}", line.trim());
        assert!(line.trim().parse::<u32>().is_ok(), "display {line:?}");
        Xvfb { child, display }
    }

    /// The clipboard's text now, as another program on the display reads it.
    fn clipboard(&self) -> Option<String> {
        let out = Command::new("xclip")
            .args(["-o", "-selection", "clipboard"])
            .env("DISPLAY", &self.display)
            .output()
            .expect("xclip (scripts/test installs it)");
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    fn copy(&self, text: &str) {
        use std::io::Write;
        let mut child = Command::new("xclip")
            .args(["-i", "-selection", "clipboard"])
            .env("DISPLAY", &self.display)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        // xclip stays in the background to serve the text; the parent returns.
        assert!(child.wait().unwrap().success());
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn clip_puts_the_password_on_the_clipboard_then_clears_it_unless_replaced() {
    let d = Daemon::dev();
    let admin = d.identity("admin");
    let x = Xvfb::start();
    let account = sample("facebook-cest");
    cli(
        &d.identity("authority"),
        &[
            "grant",
            "issue",
            "--to",
            "admin",
            "--account",
            account.id,
            "--purpose",
            "Publication",
            "--for",
            "1h",
        ],
    )
    .ok();
    for replaced in [false, true] {
        let mut run = vault_cli(
            &admin,
            &[
                "credential",
                "get",
                account.id,
                "--login",
                "--clip",
                // Long enough for the poller below to see it on a loaded machine (at 5 s
                // the whole suite in parallel missed it once: the clear came first).
                "--clip-seconds",
                "12",
            ],
            "en_CA.UTF-8",
        )
        .env("DISPLAY", &x.display)
        .spawn()
        .unwrap();
        // The whole suite runs on 2 cores: the release itself may take long. If vault-cli
        // ends before the password is seen, say why rather than time out.
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while x.clipboard().as_deref() != Some(account.password) {
            if run.try_wait().unwrap().is_some() {
                let out = run.wait_with_output().unwrap();
                panic!(
                    "vault-cli ended ({}) before the password was seen on the clipboard: {}{}",
                    out.status,
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the password never reached the clipboard"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        if replaced {
            x.copy("something the person copied");
        }
        let out = run.wait_with_output().unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(out.status.success(), "{stderr}");
        assert!(!stdout.contains(account.password), "{stdout}");
        assert!(stdout.contains("Password: on the clipboard"), "{stdout}");
        assert!(stdout.contains(&format!("Login: {}", account.login)));
        assert!(stderr.contains("cleared in 12 s"), "{stderr}");
        if replaced {
            assert!(stderr.contains("left as it is"), "{stderr}");
            assert_eq!(
                x.clipboard().as_deref(),
                Some("something the person copied")
            );
        } else {
            assert!(stderr.contains("Clipboard cleared."), "{stderr}");
            let now = x.clipboard();
            assert!(now.as_deref().is_none_or(str::is_empty), "cleared: {now:?}");
        }
    }
}
