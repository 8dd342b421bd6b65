//! `vault-cli.exe`, the Windows build, under Wine against the real Linux daemon: the commands
//! of the people who work on Windows (whoami; the authority's identity made and enrolled by the
//! Windows CLI, approving a request; the administrator's credential under that grant; the
//! auditor's export and its offline verification; French words), and the check of private
//! files as Wine reports their DACL.
//!
//! The `.exe` is built by `.ci/run` (`cargo build -p vault-cli --target x86_64-pc-windows-gnu`,
//! the dev profile: the release build took 7 of CI's minutes and tests the same code); the newer
//! of that and a release build (deploy/windows/build-zip) is run. Without either this test says
//! so and passes, the only case it skips.
//! Wine, and mingw's gcc for the shim, must then be there (scripts/test installs both).
//!
//! What Wine cannot show: it keeps the DACL a file is given and reports it, and it maps a Unix
//! file's mode to a DACL, but it does not enforce DACLs (one user, Unix permissions decide).
//! The DACL's contents are checked by the library's Windows unit tests (private_file/windows.rs,
//! run under Wine as cargo's runner) and the decision by `private_file/sddl.rs` on every machine.

use crate::harness::*;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Where `.ci/run` builds the Windows CLI, beside this target directory's `debug/`: the newer
/// of the dev and release builds (a stale one left beside a fresh one is not the one tested).
fn exe_path() -> PathBuf {
    if let Some(path) = std::env::var_os("VAULT_CLI_EXE") {
        return PathBuf::from(path);
    }
    let target = Path::new(VAULTD).parent().unwrap().parent().unwrap();
    let built =
        |profile: &str| target.join(format!("x86_64-pc-windows-gnu/{profile}/vault-cli.exe"));
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    let (debug, release) = (built("debug"), built("release"));
    match (modified(&debug), modified(&release)) {
        (Some(d), Some(r)) if r > d => release,
        (Some(_), _) => debug,
        _ => release,
    }
}

/// Debian's wine64 loader: `/usr/lib/wine/wine64`, else the first `wine64` or `wine` on PATH.
fn wine_path() -> PathBuf {
    let debian = Path::new("/usr/lib/wine/wine64");
    if debian.exists() {
        return debian.to_owned();
    }
    for name in ["wine64", "wine"] {
        let found = std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|p| p.exists())
        });
        if let Some(path) = found {
            return path;
        }
    }
    panic!("vault-cli.exe is built but Wine is missing: run scripts/test --install-only");
}

/// The path as a Windows program is given it: Wine's drive Z: is the Unix root.
fn win(path: &Path) -> String {
    format!("Z:{}", path.display()).replace('/', "\\")
}

/// The `.exe` beside the test-only `bcryptprimitives.dll` shim in a temporary directory, with
/// a Wine prefix of its own.
struct Windows {
    dir: tempfile::TempDir,
    wine: PathBuf,
}

impl Windows {
    /// None when the `.exe` was not built (the reason is printed).
    fn new() -> Option<Windows> {
        let exe = exe_path();
        if !exe.exists() {
            println!(
                "skipped: {} was not built (cargo build -p vault-cli --target \
                 x86_64-pc-windows-gnu; .ci/run does)",
                exe.display()
            );
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(&exe, dir.path().join("vault-cli.exe")).unwrap();
        let shim = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/windows/bcryptprimitives.c");
        let built = Command::new("x86_64-w64-mingw32-gcc")
            .args(["-shared", "-O2", "-o"])
            .arg(dir.path().join("bcryptprimitives.dll"))
            .arg(&shim)
            .arg("-ladvapi32")
            .output()
            .expect("x86_64-w64-mingw32-gcc (gcc-mingw-w64-x86-64) builds the test's shim");
        assert!(
            built.status.success(),
            "{}",
            String::from_utf8_lossy(&built.stderr)
        );
        let windows = Windows {
            dir,
            wine: wine_path(),
        };
        // One wineserver for the whole test (each run would otherwise start its own, seconds
        // apiece); stopped when dropped. The first run makes the prefix and starts Wine's
        // services, which live as long as the server: their output goes nowhere, or they
        // would hold the pipes of a run open.
        std::fs::DirBuilder::new()
            .mode(0o700)
            .create(windows.path("prefix"))
            .unwrap();
        let server = windows
            .wineserver()
            .arg("-p")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(server.success(), "wineserver -p: {server}");
        let boot = windows
            .command(&["--version"], &[])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(boot.success(), "the first run under Wine: {boot}");
        let version = windows.run(&["--version"], &[]).ok();
        assert!(
            version.stdout.contains(vaultd::VERSION),
            "{}",
            version.stdout
        );
        Some(windows)
    }

    /// Wine's server for this test's prefix, beside the loader.
    fn wineserver(&self) -> Command {
        let beside = self.wine.with_file_name("wineserver");
        let mut command = Command::new(if beside.exists() {
            beside
        } else {
            PathBuf::from("wineserver")
        });
        command.env("WINEPREFIX", self.path("prefix"));
        command
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `vault-cli.exe ARGS` under Wine, English unless `env` says otherwise. With umask 077,
    /// as a Windows profile's folders are their owner's: Wine reads a DACL back from the Unix
    /// mode and adds the folder's inheritable entries to one it is given, so under a folder
    /// Everyone may read, the private files the `.exe` makes would read back as Everyone's.
    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> CliRun {
        let output = self
            .command(args, env)
            .output()
            .expect("running vault-cli.exe under Wine");
        CliRun {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    fn command(&self, args: &[&str], env: &[(&str, &str)]) -> Command {
        let mut command = Command::new("sh");
        command
            .args(["-c", "umask 077; exec \"$0\" \"$@\""])
            .arg(&self.wine)
            .arg(self.path("vault-cli.exe"))
            .args(args)
            .current_dir(self.dir.path())
            .env("WINEPREFIX", self.path("prefix"))
            .env("WINEDEBUG", "-all")
            .env("LANG", "en_CA.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("DISPLAY")
            .env_remove("VAULT_CLI_IDENTITY")
            .env_remove("VAULT_CLI_SERVER")
            .env_remove("VAULT_CLI_IDENTITY_PASSPHRASE_FILE")
            .stdin(Stdio::null());
        for (k, v) in env {
            command.env(k, v);
        }
        command
    }

    /// `vault-cli.exe --identity ID ARGS`.
    fn as_(&self, identity: &Path, args: &[&str], env: &[(&str, &str)]) -> CliRun {
        let identity = win(identity);
        let mut all = vec!["--identity", identity.as_str()];
        all.extend_from_slice(args);
        self.run(&all, env)
    }
}

impl Drop for Windows {
    fn drop(&mut self) {
        let _ = self.wineserver().arg("-k").status();
    }
}

#[test]
fn the_windows_cli_under_wine_does_an_approval_loop_against_the_linux_daemon() {
    let Some(windows) = Windows::new() else {
        return;
    };
    let d = Daemon::dev();

    // whoami, with an identity file the Linux daemon wrote.
    let who = windows
        .as_(&d.identity("admin"), &["--json", "whoami"], &[])
        .ok();
    let who: serde_json::Value = serde_json::from_str(&who.stdout).unwrap();
    assert_eq!(who["name"], "admin");

    // The Secrétaire générale's new identity, made by the Windows CLI (encrypted, with a
    // grant-signing key), enrolled by the operator, installed, and trusted by a rotation
    // signed with her current key.
    let pass = windows.path("pass");
    write_private(&pass, "correct horse battery staple\n");
    let sg = windows.path("sg.id");
    let made = windows
        .run(
            &[
                "identity",
                "new",
                "--name",
                "sg-windows",
                "--signing",
                "--out",
                &win(&sg),
                "--new-passphrase-file",
                &win(&pass),
            ],
            &[],
        )
        .ok();
    assert!(made.stdout.contains("principal enroll"), "{}", made.stdout);
    let enrollment = windows.path("sg.enrollment");
    windows
        .as_(
            &d.identity("operator"),
            &[
                "principal",
                "enroll",
                &win(&windows.path("sg.csr")),
                "--role",
                "authority",
                "--out",
                &win(&enrollment),
            ],
            &[],
        )
        .ok();
    let with_pass = [("VAULT_CLI_IDENTITY_PASSPHRASE_FILE", win(&pass))];
    let with_pass: Vec<(&str, &str)> = with_pass.iter().map(|(k, v)| (*k, v.as_str())).collect();
    windows
        .as_(&sg, &["identity", "install", &win(&enrollment)], &with_pass)
        .ok();
    windows
        .as_(
            &d.identity("authority"),
            &[
                "authority",
                "rotate",
                "--new-identity",
                &win(&sg),
                "--new-identity-passphrase-file",
                &win(&pass),
            ],
            &[],
        )
        .ok();

    // The administrator asks, the new key approves, the administrator gets the password.
    let admin = d.identity("admin");
    let request = windows
        .as_(
            &admin,
            &[
                "grant",
                "request",
                "facebook-cest",
                "--purpose",
                "publication",
            ],
            &[],
        )
        .ok()
        .stdout
        .trim()
        .to_owned();
    windows
        .as_(
            &sg,
            &["grant", "approve", "--yes", &request, "--for", "1h"],
            &with_pass,
        )
        .ok();
    let got = windows
        .as_(&admin, &["credential", "get", "facebook-cest"], &[])
        .ok();
    let sample = vaultd::daemon::dev::SAMPLE_ACCOUNTS
        .iter()
        .find(|a| a.id == "facebook-cest")
        .unwrap();
    assert_eq!(got.stdout, sample.password);
    assert!(got.stderr.contains("facebook-cest"), "{}", got.stderr);

    // The auditor's export, verified offline by the Windows CLI, in English and in French.
    let auditor = d.identity("auditor");
    let export = windows.path("export");
    windows
        .as_(&auditor, &["audit", "export", "--out", &win(&export)], &[])
        .ok();
    let key = windows.as_(&auditor, &["audit", "key"], &[]).ok();
    let key = key.stdout.trim();
    let verify = ["audit", "verify", &win(&export), "--key", key];
    let english = windows.run(&verify, &[]).ok();
    assert!(english.stdout.starts_with("OK: "), "{}", english.stdout);
    let french = windows.run(&verify, &[("LANG", "fr_CA.UTF-8")]).ok();
    assert!(
        french.stdout.starts_with("OK : ") && french.stdout.contains(" entrées, racine "),
        "{}",
        french.stdout
    );
    // The export the Windows CLI wrote holds the acts of the loop: the new authority's approval
    // and the administrator's release under it.
    let entries = std::fs::read_to_string(export.join("entries.jsonl")).unwrap();
    assert!(
        entries.contains("\"sg-windows\"") && entries.contains("facebook-cest"),
        "{entries}"
    );
}

#[test]
fn the_windows_cli_refuses_a_passphrase_file_others_may_read_in_both_languages() {
    let Some(windows) = Windows::new() else {
        return;
    };
    // Wine gives a Unix file without a DACL of its own one made from its mode: 0644 becomes
    // read for Everyone (WD), which the check refuses as Windows would.
    let pass = windows.path("pass");
    std::fs::write(&pass, "correct horse battery staple\n").unwrap();
    let args = [
        "identity",
        "new",
        "--name",
        "someone",
        "--out",
        &win(&windows.path("someone.id")),
        "--new-passphrase-file",
        &win(&pass),
    ]
    .map(String::from);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let english = windows.run(&args, &[]);
    let english = english.refused("is readable by other users (DACL ");
    assert!(english.stderr.contains("icacls"), "{}", english.stderr);
    windows
        .run(&args, &[("LANG", "fr_CA.UTF-8")])
        .refused("est lisible par d'autres utilisateurs (DACL ");
    assert!(!windows.path("someone.id").exists());
}
