//! Soak: 256 clients (64 per identity, each on its own mTLS connection) call the daemon back
//! to back for VAULTD_SOAK_SECS seconds (default 60): releases under a grant, whoami, status.
//! Every call must succeed and the daemon's memory must stay bounded. Ignored in the normal
//! run (it is long); `.ci/run` runs it for a short time, and the full minute is
//! `VAULTD_SOAK_SECS=60 cargo test --release --test integration soak -- --ignored --nocapture`.

use crate::harness::*;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use vaultd::identity::Identity;
use vaultd::wire::pb;

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

#[test]
#[ignore = "long: run by .ci/run with a short VAULTD_SOAK_SECS, and by hand for a minute"]
fn soak_256_clients_without_an_error_and_with_bounded_memory() {
    let secs: u64 = std::env::var("VAULTD_SOAK_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    // The file limit the shipped unit sets (LimitNOFILE=4096).
    let d = Daemon::dev_with_file_limit(4096);
    for who in ["admin", "admin2"] {
        cli(
            &d.identity("authority"),
            &[
                "grant",
                "issue",
                "--to",
                who,
                "--account",
                "facebook-cest",
                "--for",
                "8h",
                "--purpose",
                "soak",
            ],
        )
        .ok();
    }
    let pid = d.child.id();
    // prlimit runs vaultd in its own process (exec), so this is the daemon.
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    assert_eq!(comm.trim(), "vaultd", "measuring the daemon's memory");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (calls, errors) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let rss_start = rss_kib(pid);
    let mut rss_max = rss_start;
    runtime.block_on(async {
        let deadline = Instant::now() + Duration::from_secs(secs);
        let mut tasks = Vec::new();
        for who in ["admin", "admin2", "operator", "auditor"] {
            let identity = Identity::load(&d.identity(who), || None).unwrap();
            for _ in 0..64 {
                let channel = vaultd::wire::client::connect(&identity, None)
                    .await
                    .unwrap();
                let (calls, errors) = (calls.clone(), errors.clone());
                tasks.push(tokio::spawn(async move {
                    while Instant::now() < deadline {
                        let ok = match who {
                            "admin" | "admin2" => {
                                pb::credentials_client::CredentialsClient::new(channel.clone())
                                    .get(pb::GetCredentialRequest {
                                        account_id: "facebook-cest".into(),
                                        field: "password".into(),
                                        reason: String::new(),
                                        login: false,
                                    })
                                    .await
                                    .is_ok()
                            }
                            "operator" => pb::system_client::SystemClient::new(channel.clone())
                                .status(pb::StatusRequest {})
                                .await
                                .is_ok(),
                            _ => pb::system_client::SystemClient::new(channel.clone())
                                .who_am_i(pb::WhoAmIRequest {})
                                .await
                                .is_ok(),
                        };
                        calls.fetch_add(1, Ordering::Relaxed);
                        if !ok {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }));
            }
        }
        while Instant::now() < deadline {
            tokio::time::sleep(Duration::from_secs(1)).await;
            rss_max = rss_max.max(rss_kib(pid));
        }
        for task in tasks {
            task.await.unwrap();
        }
        rss_max = rss_max.max(rss_kib(pid));
    });
    let (calls, errors) = (
        calls.load(Ordering::Relaxed),
        errors.load(Ordering::Relaxed),
    );
    eprintln!(
        "soak: {secs} s, 256 clients, {calls} calls ({:.0}/s), {errors} errors; RSS {} KiB at start, {} KiB at most",
        calls as f64 / secs as f64,
        rss_start,
        rss_max
    );
    assert_eq!(errors, 0, "{}", d.log_text());
    assert!(calls > 0);
    assert!(
        rss_max < rss_start + 128 * 1024,
        "RSS grew from {rss_start} KiB to {rss_max} KiB"
    );
}
