//! Starting the real `vaultd` binary on a temp dir and a port the kernel chose, waiting for it to
//! serve, and running the real `vault-cli` binary against it, as a user would.

use std::io::Write;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use vaultd::identity::Identity;

pub const VAULTD: &str = env!("CARGO_BIN_EXE_vaultd");

/// `vault-cli` sits beside `vaultd` in the target directory; `cargo test --workspace` builds it
/// (vault-cli has tests of its own) before any test runs.
pub fn vault_cli_path() -> PathBuf {
    let path = Path::new(VAULTD).with_file_name("vault-cli");
    assert!(
        path.exists(),
        "{} is missing: run the tests with `cargo test --workspace`",
        path.display()
    );
    path
}

/// An address on 127.0.0.1 that this test holds for as long as it lives: a socket listening on
/// port 0, the kernel's choice read back. `vaultd init` records it; each `vaultd serve` of that
/// vault is handed the socket itself, as systemd's socket activation does
/// (deploy/vaultd.socket), so no other process can take the port before or between daemons.
pub struct Address {
    listener: TcpListener,
    pub addr: SocketAddr,
}

impl Address {
    pub fn new() -> Address {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        Address { listener, addr }
    }

    /// What clients use: `https://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("https://{}", self.addr)
    }
}

/// A name for a log file that no other daemon of this test process uses.
fn log_name(dir: &Path, what: &str) -> PathBuf {
    static STARTED: AtomicUsize = AtomicUsize::new(0);
    dir.join(format!(
        "vaultd-{what}-{}.log",
        STARTED.fetch_add(1, Ordering::Relaxed)
    ))
}

/// The address a daemon logged that it listens on (`vaultd listening address=…`), if it did.
pub fn logged_address(log: &str) -> Option<SocketAddr> {
    log.lines()
        .find(|l| l.contains("vaultd listening"))?
        .split("address=")
        .nth(1)?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Polls `check` until it holds or `timeout` passes.
pub fn wait_until(what: &str, timeout: Duration, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// What `vault-cli` did.
pub struct CliRun {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl CliRun {
    fn from(output: Output) -> Self {
        Self {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(
            self.code, 0,
            "vault-cli failed:\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts a refusal: non-zero exit, nothing on stdout, `needle` on stderr.
    #[track_caller]
    pub fn refused(self, needle: &str) -> Self {
        assert_ne!(
            self.code, 0,
            "expected a refusal, got success: {}",
            self.stdout
        );
        assert!(
            self.stdout.is_empty(),
            "stdout should be empty: {}",
            self.stdout
        );
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}: {}",
            self.stderr
        );
        self
    }
}

/// Runs vault-cli with an English locale and the given identity.
pub fn cli(identity: &Path, args: &[&str]) -> CliRun {
    cli_with(identity, args, None, &[("LANG", "en_CA.UTF-8")])
}

pub fn cli_stdin(identity: &Path, args: &[&str], stdin: &str) -> CliRun {
    cli_with(identity, args, Some(stdin), &[("LANG", "en_CA.UTF-8")])
}

pub fn cli_with(
    identity: &Path,
    args: &[&str],
    stdin: Option<&str>,
    env: &[(&str, &str)],
) -> CliRun {
    let mut command = Command::new(vault_cli_path());
    command
        .arg("--identity")
        .arg(identity)
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("VAULT_CLI_IDENTITY")
        .env_remove("VAULT_CLI_SERVER")
        .env_remove("VAULT_CLI_IDENTITY_PASSPHRASE_FILE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().expect("starting vault-cli");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    } else {
        drop(child.stdin.take());
    }
    CliRun::from(child.wait_with_output().unwrap())
}

/// Runs a future to completion on a fresh single-threaded runtime (for gRPC clients in tests).
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

/// gRPC health of the whole server at `url` through mTLS: Some(true) when SERVING, None when it
/// cannot be asked within a few seconds (on an [`Address`] whose daemon is not up yet, the
/// connection waits in the socket's queue rather than being refused).
pub fn health(identity: &Identity, url: &str) -> Option<bool> {
    use tonic_health::pb::{
        health_check_response::ServingStatus, health_client::HealthClient, HealthCheckRequest,
    };
    let ask = async {
        let channel = vaultd::wire::client::connect(identity, Some(url))
            .await
            .ok()?;
        let reply = HealthClient::new(channel)
            .check(HealthCheckRequest {
                service: String::new(),
            })
            .await
            .ok()?;
        Some(reply.into_inner().status == ServingStatus::Serving as i32)
    };
    block_on(async {
        tokio::time::timeout(Duration::from_secs(5), ask)
            .await
            .ok()
            .flatten()
    })
}

/// Runs `vaultd serve` on `data` expecting it to stop at once (a vault it must refuse), before
/// it listens anywhere; one still running after 30 s is stopped and the test fails.
pub fn serve_refused(data: &Path, unseal_key: Option<&Path>, lang: &str) -> Output {
    let mut command = Command::new(VAULTD);
    command
        .args(["serve", "--data-dir"])
        .arg(data)
        .args(["--listen", "127.0.0.1:0"])
        .env("LANG", lang)
        .env_remove("LC_ALL");
    if let Some(key) = unseal_key {
        command.arg("--unseal-identity").arg(key);
    }
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running vaultd serve");
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().ok();
            let out = child.wait_with_output().unwrap();
            panic!(
                "vaultd serve should have refused, and serves: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success(), "vaultd serve should have refused");
    out
}

/// A running vaultd, killed when dropped.
pub struct Daemon {
    pub child: Child,
    pub dir: tempfile::TempDir,
    pub log: PathBuf,
    pub url: String,
}

impl Daemon {
    /// `vaultd dev --dir DIR --listen 127.0.0.1:0`, waited for until it serves.
    pub fn dev() -> Daemon {
        Self::dev_from(Command::new(VAULTD))
    }

    /// `vaultd dev` with at most `files` open file descriptors (through prlimit(1)).
    pub fn dev_with_file_limit(files: u64) -> Daemon {
        let mut command = Command::new("prlimit");
        command.arg(format!("--nofile={files}:{files}")).arg(VAULTD);
        Self::dev_from(command)
    }

    fn dev_from(mut command: Command) -> Daemon {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("vaultd.log");
        let vault_dir = dir.path().join("dev");
        let child = command
            .args(["dev", "--dir"])
            .arg(&vault_dir)
            .args(["--listen", "127.0.0.1:0"])
            .env("LANG", "en_CA.UTF-8")
            .stdout(Stdio::from(
                std::fs::File::create(dir.path().join("stdout")).unwrap(),
            ))
            .stderr(Stdio::from(std::fs::File::create(&log).unwrap()))
            .spawn()
            .expect("starting vaultd dev");
        let mut daemon = Daemon {
            child,
            dir,
            log,
            url: String::new(),
        };
        let auditor = daemon.identity("auditor");
        wait_until("the dev identities", Duration::from_secs(60), || {
            auditor.exists()
        });
        let identity = Identity::load(&auditor, || None).unwrap();
        daemon.url = identity.server.clone().unwrap();
        daemon.wait_serving();
        daemon
    }

    /// Stops this dev daemon and starts `vaultd dev --dir` again on the same directory, with no
    /// `--listen`: it resumes the vault where its identities point.
    pub fn resume_dev(mut self) -> Daemon {
        assert!(self.terminate().success());
        self.start_dev_again()
    }

    /// Kills this dev daemon with SIGKILL (no shutdown of any kind) and starts `vaultd dev`
    /// again on the same directory.
    pub fn kill9_and_resume_dev(mut self) -> Daemon {
        self.kill9();
        self.start_dev_again()
    }

    fn start_dev_again(mut self) -> Daemon {
        let dir = std::mem::replace(&mut self.dir, tempfile::tempdir().unwrap());
        let log = dir.path().join("vaultd-resumed.log");
        let child = Command::new(VAULTD)
            .args(["dev", "--dir"])
            .arg(dir.path().join("dev"))
            .env("LANG", "en_CA.UTF-8")
            .stdout(Stdio::from(
                std::fs::File::create(dir.path().join("stdout-resumed")).unwrap(),
            ))
            .stderr(Stdio::from(std::fs::File::create(&log).unwrap()))
            .spawn()
            .expect("starting vaultd dev again");
        let mut daemon = Daemon {
            child,
            dir,
            log,
            url: self.url.clone(),
        };
        daemon.wait_serving();
        daemon
    }

    /// `vaultd serve` on an existing data dir, handed `address`'s socket as systemd passes one
    /// (`LISTEN_FDS`, the socket as descriptor 3).
    pub fn serve(
        dir: tempfile::TempDir,
        data_dir: &Path,
        address: &Address,
        unseal_key: Option<&Path>,
    ) -> Daemon {
        let socket = std::os::fd::OwnedFd::from(address.listener.try_clone().unwrap());
        // The socket arrives as standard input; the shell moves it to descriptor 3, where
        // socket activation puts it, and becomes vaultd.
        let mut command = Command::new("sh");
        command
            .args(["-c", "exec 3<&0 0</dev/null; exec \"$0\" \"$@\""])
            .arg(VAULTD)
            .args(["serve", "--data-dir"])
            .arg(data_dir)
            .env("LISTEN_FDS", "1")
            .env_remove("LISTEN_PID")
            .stdin(Stdio::from(socket));
        if let Some(key) = unseal_key {
            command.arg("--unseal-identity").arg(key);
        }
        Self::spawn(dir, command, address.url())
    }

    /// `vaultd serve --listen ADDR` on an existing data dir, where `url` is the address a
    /// daemon of this vault that just stopped listened on (a dev vault's): the identities point
    /// there, as they do after a service restart.
    pub fn serve_again(
        dir: tempfile::TempDir,
        data_dir: &Path,
        url: &str,
        unseal_key: Option<&Path>,
    ) -> Daemon {
        let mut command = Command::new(VAULTD);
        command
            .args(["serve", "--data-dir"])
            .arg(data_dir)
            .args(["--listen", url.trim_start_matches("https://")]);
        if let Some(key) = unseal_key {
            command.arg("--unseal-identity").arg(key);
        }
        Self::spawn(dir, command, url.to_owned())
    }

    /// Starts `command` (a `vaultd serve`) with its log in `dir`; `url` is where it will serve.
    pub fn spawn(dir: tempfile::TempDir, mut command: Command, url: String) -> Daemon {
        let log = log_name(dir.path(), "serve");
        let child = command
            .env("LANG", "en_CA.UTF-8")
            .env_remove("LC_ALL")
            .stdout(Stdio::null())
            .stderr(Stdio::from(std::fs::File::create(&log).unwrap()))
            .spawn()
            .expect("starting vaultd serve");
        Daemon {
            child,
            dir,
            log,
            url,
        }
    }

    /// Waits until the daemon logs the address it listens on (it was told port 0), and takes
    /// it as its URL.
    pub fn wait_listening(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(addr) = logged_address(&self.log_text()) {
                self.url = format!("https://{addr}");
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("vaultd exited with {status}: {}", self.log_text());
            }
            assert!(
                Instant::now() < deadline,
                "vaultd never said where it listens: {}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn vault_dir(&self) -> PathBuf {
        self.dir.path().join("dev")
    }

    /// The identity file `vaultd dev` wrote for `stem`.
    pub fn identity(&self, stem: &str) -> PathBuf {
        self.vault_dir()
            .join("identities")
            .join(format!("{stem}.id"))
    }

    /// Waits for gRPC health SERVING through mTLS with `identity`.
    pub fn wait_serving_as(&mut self, identity: &Path) {
        let identity = Identity::load(identity, || None).unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("vaultd exited with {status}: {}", self.log_text());
            }
            if health(&identity, &self.url) == Some(true) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "vaultd never served: {}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn wait_serving(&mut self) {
        let auditor = self.identity("auditor");
        self.wait_serving_as(&auditor);
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn pid(&self) -> nix::unistd::Pid {
        nix::unistd::Pid::from_raw(self.child.id() as i32)
    }

    /// This dev vault stopped and started again as `vaultd serve` on a configuration that adds
    /// `extra` (TOML) to its directory, address and unseal key: how the tests shorten the
    /// clock's delays (`[requests] remind_after`, `[rotation] staged_warn_after`) to a second.
    pub fn served_with(mut self, extra: &str) -> Daemon {
        assert!(self.terminate().success());
        let config = self.dir.path().join("vaultd.toml");
        let vault_dir = self.vault_dir();
        std::fs::write(
            &config,
            format!(
                "data_dir = {:?}\nlisten = {:?}\nunseal_identity = {:?}\n\n{extra}",
                vault_dir.join("vault"),
                self.url.trim_start_matches("https://"),
                vault_dir.join("unseal.key"),
            ),
        )
        .unwrap();
        let mut command = Command::new(VAULTD);
        command.arg("serve").arg("--config").arg(&config);
        let dir = std::mem::replace(&mut self.dir, tempfile::tempdir().unwrap());
        let mut served = Daemon::spawn(dir, command, self.url.clone());
        served.wait_serving_as(&served.identity("operator"));
        served
    }

    /// SIGTERM, then waits for the exit status.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        nix::sys::signal::kill(self.pid(), nix::sys::signal::Signal::SIGTERM).unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "vaultd ignored SIGTERM");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn kill9(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// `vaultd init` into `DIR/data` with an unseal key and optionally a passphrase, for a new
/// [`Address`]; returns (data dir, operator identity, unseal key, address).
pub fn init_vault(dir: &Path, passphrase: Option<&str>) -> (PathBuf, PathBuf, PathBuf, Address) {
    let address = Address::new();
    let data = dir.join("data");
    let operator = dir.join("operator.id");
    let key = dir.join("unseal.key");
    let mut command = Command::new(VAULTD);
    command
        .args(["init", "--data-dir"])
        .arg(&data)
        .args(["--listen", &address.addr.to_string(), "--operator-identity"])
        .arg(&operator)
        .arg("--unseal-key-out")
        .arg(&key)
        .env("LANG", "en_CA.UTF-8");
    if let Some(pass) = passphrase {
        let pass_file = dir.join("passphrase");
        write_private(&pass_file, &format!("{pass}\n"));
        command.arg("--passphrase-file").arg(&pass_file);
    }
    let out = command.output().unwrap();
    assert!(
        out.status.success(),
        "init failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("created in"), "{stdout}");
    (data, operator, key, address)
}

/// A new age identity in a 0600 file `dir/name`, and its recipient (an escrow key).
pub fn age_key(dir: &Path, name: &str) -> (std::path::PathBuf, String) {
    use age::secrecy::ExposeSecret;
    let identity = age::x25519::Identity::generate();
    let path = dir.join(name);
    write_private(
        &path,
        &format!("{}\n", identity.to_string().expose_secret()),
    );
    (path, identity.to_public().to_string())
}

/// Writes a file only its owner can read (passphrase files must be).
pub fn write_private(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}
