//! What the benches share: a dev vault started as a process, its identities, the process's
//! memory, waiting for a condition. Each bench includes it with `mod common;`.
#![allow(dead_code)] // each bench uses its own part

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use vaultd::identity::Identity;

pub fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A dev vault's identity by its file's stem (`admin`, `authority`, ...), without passphrase.
pub fn identity(dir: &Path, stem: &str) -> Identity {
    Identity::load(&dir.join(format!("identities/{stem}.id")), || None).expect("identity")
}

/// The release `vaultd` this bench was built with, quiet.
pub fn vaultd() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vaultd"));
    command.env("LANG", "C").env("RUST_LOG", "warn");
    command
}

/// `vaultd dev` on `dir`, waited for until its banner is out.
pub fn start_dev(dir: &Path, port: u16) -> Child {
    let out = dir.with_extension("out");
    let child = vaultd()
        .args(["dev", "--dir"])
        .arg(dir)
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .stdout(std::fs::File::create(&out).expect("banner file"))
        .stderr(Stdio::null())
        .spawn()
        .expect("vaultd dev");
    wait_for("the dev banner", Duration::from_secs(60), || {
        std::fs::read_to_string(&out)
            .unwrap_or_default()
            .contains("Ctrl-C")
    });
    child
}

/// A process's resident memory in KiB (0 when it cannot be read).
pub fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// SIGTERM, then wait for the process to end.
pub fn stop(child: &mut Child) {
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM);
    let _ = child.wait();
}

pub fn wait_for(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + timeout;
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The p-th percentile (0..=100) of sorted durations, in milliseconds.
pub fn percentile_ms(sorted: &[Duration], p: usize) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = (sorted.len() * p).div_ceil(100).clamp(1, sorted.len()) - 1;
    sorted[index].as_secs_f64() * 1000.0
}
