//! Benchmark: the release path under load, fresh and after ten years of history.
//!
//! Starts the real release `vaultd` (a dev vault on a temp dir), drives it with tonic clients
//! over mTLS, and prints one table:
//! - calls/s, p50 and p99 of the health check, `System.WhoAmI` and `Credentials.Get` (an
//!   unlimited-use grant) at 1, 8 and 64 concurrent clients, and the ratio Get/health;
//! - `vault-cli credential get` and `vault-cli whoami` as whole processes (mean of 30);
//! - start-up to SERVING and RSS, on the fresh vault and on the same vault seeded (daemon
//!   stopped, through the store) with 1,000,000 audit entries, 100,000 past grants and
//!   1,000,000 password holdings, and the same Get figures on it;
//! - `audit verify` of the seeded vault's 1,000,000-entry export next to `sha256sum`.
//!
//! Run: `cargo build --release --workspace && cargo bench --bench release_load`.
//! At 64 clients the runs go in rounds (VAULTD_BENCH_ROUNDS, default 5: health, WhoAmI and
//! Get one after the other, again and again), and ratios are the median of the rounds' own:
//! this machine's speed drifts by a quarter over tens of seconds, more than what is measured.
//! VAULTD_BENCH_SECS (default 3) sets each load run's length, VAULTD_BENCH_ENTRIES (default
//! 1,000,000; 0 for the fresh vault only) the seeded log. VAULTD_BENCH_PERF=PREFIX records the daemon with `perf record
//! --call-graph dwarf` during the first round of 64-client runs (PREFIX-health.data,
//! PREFIX-whoami.data, PREFIX-get.data, and PREFIX-seeded-health.data, PREFIX-seeded-get.data on
//! the seeded vault; read with `perf report -i FILE --no-children`). Prints figures; asserts only that calls succeed (the machine is
//! shared and noisy: targets are ratios read from one run).

mod common;

use common::{env_number, free_port, identity, rss_kib, start_dev, stop, vaultd};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use vaultd::identity::Identity;
use vaultd::wire::pb;

const ACCOUNT: &str = "facebook-cest";
const CONCURRENCY: [usize; 3] = [1, 8, 64];

fn main() {
    let secs: u64 = env_number("VAULTD_BENCH_SECS", 3);
    let entries: u64 = env_number("VAULTD_BENCH_ENTRIES", 1_000_000);
    let rounds = env_number("VAULTD_BENCH_ROUNDS", 5) as usize;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("dev");
    let port = free_port();
    let url = format!("https://127.0.0.1:{port}");
    let mut table = Vec::new();

    // A fresh dev vault, and an unlimited-use grant for the admin.
    let mut daemon = start_dev(&dir, port);
    let admin = identity(&dir, "admin");
    let grant = runtime.block_on(issue_unlimited_grant(&identity(&dir, "authority"), &url));
    println!("dev vault on {url}; grant {grant} for admin on {ACCOUNT}");
    let fresh = runtime.block_on(load_runs(
        &admin,
        &url,
        daemon.id(),
        Plan {
            each: Duration::from_secs(secs),
            rounds,
            ops_at_64: &["health", "whoami", "get"],
            ops_below_64: &["health", "whoami", "get"],
            profile_prefix: "",
        },
    ));
    for row in &fresh {
        table.push(row.line("fresh"));
    }
    let ratio = |runs: &[Run], a: &'static str, b: &'static str, cpu: bool| {
        median_per_round(runs, |round| {
            let (a, b) = (round.op(a)?, round.op(b)?);
            Some(if cpu {
                a.daemon_cpu_us / b.daemon_cpu_us
            } else {
                a.per_sec / b.per_sec
            })
        })
    };
    let fresh_get_per_health = ratio(&fresh, "get", "health", false);
    table.push(format!(
        "at 64 clients, median of {rounds} rounds (fresh): Get/health calls/s {:.2}, CPU per call Get/health {:.2}, WhoAmI/health {:.2}; Get p99 {:.2} ms, WhoAmI/health calls/s {:.2}",
        fresh_get_per_health,
        ratio(&fresh, "get", "health", true),
        ratio(&fresh, "whoami", "health", true),
        median_per_round(&fresh, |round| round.op("get").map(|r| r.p99_ms)),
        ratio(&fresh, "whoami", "health", false),
    ));
    table.extend(cli_processes(&dir));
    stop(&mut daemon);

    // Start-up and memory, fresh.
    let (startup_fresh, rss_fresh, mut daemon) = start_serve(&dir, port, &admin, &url, &runtime);
    table.push(format!(
        "start-up to SERVING, fresh vault: {:.0} ms; RSS after start {:.1} MiB",
        startup_fresh.as_secs_f64() * 1000.0,
        rss_fresh as f64 / 1024.0
    ));
    stop(&mut daemon);

    // VAULTD_BENCH_ENTRIES=0: the fresh vault only (e.g. to run this against an older vaultd,
    // whose schema the seeding through this build's store would not match).
    if entries > 0 {
        // Ten years of history, written through the store while the daemon is stopped.
        let seeding = Instant::now();
        seed_history(&dir.join("vault/vault.db"), entries, &grant);
        println!(
            "seeded {entries} audit entries, 100000 grants, 1000000 holdings in {:.1} s",
            seeding.elapsed().as_secs_f64()
        );
        let (startup_seeded, rss_seeded, mut daemon) =
            start_serve(&dir, port, &admin, &url, &runtime);
        table.push(format!(
            "start-up to SERVING, seeded vault: {:.0} ms; RSS after start {:.1} MiB (ratio to fresh {:.2})",
            startup_seeded.as_secs_f64() * 1000.0,
            rss_seeded as f64 / 1024.0,
            rss_seeded as f64 / rss_fresh as f64
        ));
        let seeded = runtime.block_on(load_runs(
            &admin,
            &url,
            daemon.id(),
            Plan {
                each: Duration::from_secs(secs),
                rounds,
                ops_at_64: &["health", "get"],
                ops_below_64: &["get"],
                profile_prefix: "seeded-",
            },
        ));
        for row in &seeded {
            table.push(row.line("seeded"));
        }
        for clients in [1, 8] {
            let get = |runs: &[Run]| {
                runs.iter()
                    .find(|r| r.op == "get" && r.clients == clients)
                    .map(|r| r.per_sec)
            };
            if let (Some(s), Some(f)) = (get(&seeded), get(&fresh)) {
                table.push(format!(
                    "  ratio seeded / fresh Get calls/s at {clients} clients: {:.2}",
                    s / f
                ));
            }
        }
        let get_64 =
            |runs: &[Run]| median_per_round(runs, |round| round.op("get").map(|r| r.per_sec));
        // The same ratio measured against the health check run beside it, in each vault: what is
        // left of the host's drift between the two vaults' runs, a minute apart.
        table.push(format!(
            "  ratio seeded / fresh Get calls/s at 64 clients: {:.2} (medians of rounds); against health in each: {:.2}",
            get_64(&seeded) / get_64(&fresh),
            ratio(&seeded, "get", "health", false) / fresh_get_per_health
        ));
        table.extend(runtime.block_on(export_and_verify(&dir, &url, temp.path())));
        stop(&mut daemon);
    }

    println!(
        "\n== release_load ({secs} s per load run, {} cores)",
        cores()
    );
    for line in table {
        println!("{line}");
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `vaultd serve` on the dev vault's data; returns the time to SERVING and the RSS then (KiB).
fn start_serve(
    dir: &Path,
    port: u16,
    admin: &Identity,
    url: &str,
    runtime: &tokio::runtime::Runtime,
) -> (Duration, u64, Child) {
    let started = Instant::now();
    let child = vaultd()
        .args(["serve", "--data-dir"])
        .arg(dir.join("vault"))
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .arg("--unseal-identity")
        .arg(dir.join("unseal.key"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("vaultd serve");
    let deadline = Instant::now() + Duration::from_secs(120);
    while !runtime.block_on(serving(admin, url)) {
        assert!(
            Instant::now() < deadline,
            "vaultd serve never became SERVING"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let took = started.elapsed();
    (took, rss_kib(child.id()), child)
}

async fn serving(admin: &Identity, url: &str) -> bool {
    let Ok(channel) = vaultd::wire::client::connect(admin, Some(url)).await else {
        return false;
    };
    tonic_health::pb::health_client::HealthClient::new(channel)
        .check(tonic_health::pb::HealthCheckRequest {
            service: String::new(),
        })
        .await
        .is_ok_and(|r| r.into_inner().status == 1)
}

/// Signs and registers a grant with no use limit for the admin on ACCOUNT, for a day.
async fn issue_unlimited_grant(authority: &Identity, url: &str) -> String {
    let key = authority
        .signing_key()
        .expect("the dev authority signs grants");
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let body = vaultd::authz::grant::GrantBody {
        id: vaultd::ids::new_id(),
        grantee: "admin".into(),
        accounts: vec![ACCOUNT.into()],
        purpose: "release_load benchmark".into(),
        not_before: now - 60,
        not_after: now + 86_400,
        max_uses: None,
        issued_at: now,
        key_id: key.key_id(),
        request: None,
    };
    let signed = body.encode();
    let signature = key.sign(&signed);
    let channel = vaultd::wire::client::connect(authority, Some(url))
        .await
        .expect("connect as authority");
    pb::grants_client::GrantsClient::new(channel)
        .register(pb::RegisterGrant { signed, signature })
        .await
        .expect("register the grant");
    body.id
}

/// One load run's figures.
struct Run {
    op: &'static str,
    clients: usize,
    /// Which round of the 64-client runs (0 for the others).
    round: usize,
    calls: usize,
    per_sec: f64,
    p50_ms: f64,
    p99_ms: f64,
    /// The daemon's CPU time per call (user + system), in microseconds.
    daemon_cpu_us: f64,
    /// Bytes the daemon sent to the disk per call (the WAL, its checkpoints into vault.db):
    /// what the rows and pages a release writes cost, free of the machine's speed.
    written_per_call: f64,
}

impl Run {
    fn line(&self, vault: &str) -> String {
        format!(
            "{vault:>6} {:<7} {:>3} clients{}: {:>8.0} calls/s  p50 {:>7.2} ms  p99 {:>7.2} ms  daemon CPU {:>5.0} us/call  disk {:>5.0} B/call  ({} calls)",
            self.op,
            self.clients,
            if self.clients == 64 { format!(" r{}", self.round + 1) } else { "   ".into() },
            self.per_sec, self.p50_ms, self.p99_ms, self.daemon_cpu_us, self.written_per_call, self.calls
        )
    }
}

/// What one vault's load runs are.
struct Plan {
    each: Duration,
    rounds: usize,
    ops_at_64: &'static [&'static str],
    ops_below_64: &'static [&'static str],
    /// Prepended to the op in perf's file names.
    profile_prefix: &'static str,
}

async fn load_runs(admin: &Identity, url: &str, daemon: u32, plan: Plan) -> Vec<Run> {
    let Plan {
        each,
        rounds,
        ops_at_64,
        ops_below_64,
        profile_prefix,
    } = plan;
    let mut runs = Vec::new();
    for clients in CONCURRENCY {
        // At 64 clients, the ops one after the other, round after round: the host's speed
        // drifts over tens of seconds, so ratios are taken within a round, then their median.
        let (rounds, ops) = if clients == 64 {
            (rounds, ops_at_64)
        } else {
            (1, ops_below_64)
        };
        for round in 0..rounds {
            for &op in ops {
                let profile = (clients == 64 && round == 0)
                    .then(|| Profile::start(&format!("{profile_prefix}{op}"), daemon))
                    .flatten();
                let mut run = load(admin, url, op, clients, each, daemon).await;
                run.round = round;
                runs.push(run);
                drop(profile);
            }
        }
    }
    runs
}

/// The median of `values` (NaN when empty).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// The runs of one round at 64 clients.
struct Round<'a>(Vec<&'a Run>);

impl<'a> Round<'a> {
    fn op(&self, op: &str) -> Option<&'a Run> {
        self.0.iter().copied().find(|r| r.op == op)
    }
}

/// `f` of each round at 64 clients; their median.
fn median_per_round(runs: &[Run], f: impl Fn(&Round<'_>) -> Option<f64>) -> f64 {
    let at_64: Vec<&Run> = runs.iter().filter(|r| r.clients == 64).collect();
    let rounds = at_64
        .iter()
        .map(|r| r.round)
        .max()
        .map_or(0, |last| last + 1);
    median(
        (0..rounds)
            .filter_map(|round| {
                f(&Round(
                    at_64.iter().copied().filter(|r| r.round == round).collect(),
                ))
            })
            .collect(),
    )
}

/// `perf record` attached to the daemon while it lives, if VAULTD_BENCH_PERF asks for it.
struct Profile(Child);

impl Profile {
    fn start(op: &str, daemon: u32) -> Option<Self> {
        let prefix = std::env::var("VAULTD_BENCH_PERF").ok()?;
        let child = Command::new("perf")
            .args([
                "record",
                "-q",
                "-F",
                "999",
                "--call-graph",
                "dwarf,32768",
                "-p",
            ])
            .arg(daemon.to_string())
            .arg("-o")
            .arg(format!("{prefix}-{op}.data"))
            .stdout(Stdio::null())
            .spawn()
            .ok()?;
        // perf needs a moment to attach before the load starts.
        std::thread::sleep(Duration::from_millis(500));
        Some(Profile(child))
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        // SIGINT: perf writes its file and ends.
        let _ = Command::new("kill")
            .args(["-INT", &self.0.id().to_string()])
            .status();
        let _ = self.0.wait();
    }
}

/// Bytes the process has caused to be written to storage so far (`write_bytes` in its
/// /proc io file; 0 when it cannot be read).
fn bytes_written(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/io"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("write_bytes:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

/// CPU time (user + system) the process has used so far, in clock ticks (1/100 s here).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let field = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    field(11) + field(12)
}

/// `clients` connections, each calling `op` back to back for `each`.
async fn load(
    admin: &Identity,
    url: &str,
    op: &'static str,
    clients: usize,
    each: Duration,
    daemon: u32,
) -> Run {
    let mut channels = Vec::new();
    for _ in 0..clients {
        channels.push(
            vaultd::wire::client::connect(admin, Some(url))
                .await
                .expect("connect as admin"),
        );
    }
    let started = Instant::now();
    let cpu_before = cpu_ticks(daemon);
    let written_before = bytes_written(daemon);
    let deadline = started + each;
    let mut tasks = Vec::new();
    for channel in channels {
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while Instant::now() < deadline {
                let t = Instant::now();
                call(op, channel.clone()).await;
                latencies.push(t.elapsed().as_micros() as u64);
            }
            latencies
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.expect("client task"));
    }
    let elapsed = started.elapsed().as_secs_f64();
    // Ticks are 10 ms: the daemon's CPU per call, a coarse but honest split of the two cores.
    let daemon_cpu_us = (cpu_ticks(daemon) - cpu_before) as f64 * 10_000.0 / all.len() as f64;
    let written_per_call =
        bytes_written(daemon).saturating_sub(written_before) as f64 / all.len() as f64;
    all.sort_unstable();
    let at = |q: f64| all[((all.len() as f64 * q) as usize).min(all.len() - 1)] as f64 / 1000.0;
    Run {
        op,
        clients,
        round: 0,
        calls: all.len(),
        per_sec: all.len() as f64 / elapsed,
        p50_ms: at(0.50),
        p99_ms: at(0.99),
        daemon_cpu_us,
        written_per_call,
    }
}

async fn call(op: &str, channel: tonic::transport::Channel) {
    match op {
        "health" => {
            tonic_health::pb::health_client::HealthClient::new(channel)
                .check(tonic_health::pb::HealthCheckRequest::default())
                .await
                .expect("health");
        }
        "whoami" => {
            pb::system_client::SystemClient::new(channel)
                .who_am_i(pb::WhoAmIRequest {})
                .await
                .expect("whoami");
        }
        _ => {
            let released = pb::credentials_client::CredentialsClient::new(channel)
                .get(pb::GetCredentialRequest {
                    account_id: ACCOUNT.into(),
                    field: "password".into(),
                    reason: String::new(),
                    login: false,
                })
                .await
                .expect("credential get");
            assert!(!released.into_inner().value.is_empty());
        }
    }
}

/// `vault-cli credential get` and `whoami` as whole processes, mean of 30 each, when the
/// release vault-cli sits beside this benchmark.
fn cli_processes(dir: &Path) -> Vec<String> {
    let cli = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent()?.parent().map(|d| d.join("vault-cli")))
        .filter(|p| p.exists());
    let Some(cli) = cli else {
        return vec![
            "vault-cli not built (cargo build --release --workspace): process rows skipped".into(),
        ];
    };
    let admin = dir.join("identities/admin.id");
    let mean = |args: &[&str]| -> f64 {
        let mut total = 0.0;
        for _ in 0..30 {
            let t = Instant::now();
            let out = Command::new(&cli)
                .arg("--identity")
                .arg(&admin)
                .args(args)
                .env("LANG", "C")
                .output()
                .expect("vault-cli");
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            total += t.elapsed().as_secs_f64();
        }
        total / 30.0 * 1000.0
    };
    vec![
        format!(
            "vault-cli credential get (process): mean of 30 = {:.1} ms",
            mean(&["credential", "get", ACCOUNT])
        ),
        format!(
            "vault-cli whoami (process):         mean of 30 = {:.1} ms",
            mean(&["whoami"])
        ),
    ]
}

/// Adds ten years of history to a stopped vault, through the store's own audit writer (so the
/// log, its tree, filter columns and checkpoint stay consistent) and plain inserts for past
/// grants (ended: expired or revoked) and password holdings.
fn seed_history(db: &Path, entries: u64, live_grant: &str) {
    let mut conn = rusqlite::Connection::open(db).expect("open the vault");
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;")
        .expect("pragmas");
    let data_dir = db.parent().expect("the data directory");
    let signer =
        vaultd::store::daemon_key_files::read_audit_signer(data_dir).expect("audit key file");
    let mut log = vaultd::store::audit::AuditLog::load(&mut conn, signer).expect("audit log");
    let tx = conn.transaction().expect("transaction");
    let actions = [
        vaultd::tlog::action::Action::CredentialGet,
        vaultd::tlog::action::Action::VaultWhoami,
        vaultd::tlog::action::Action::GrantIssue,
        vaultd::tlog::action::Action::AccountShow,
    ];
    for seq in 0..entries {
        log.append(
            &tx,
            vaultd::tlog::entry::AuditDraft {
                principal: format!("admin{}", seq % 7),
                action: actions[(seq % 4) as usize],
                targets: vec![ACCOUNT.into()],
                outcome: vaultd::tlog::entry::Outcome::Allowed,
                reason: None,
                grant: Some(live_grant.into()),
                request_id: format!("{seq:016x}"),
                peer: "127.0.0.1:50000".into(),
                detail: Some("password v1".into()),
            },
        )
        .expect("append");
    }
    log.seal_batch(&tx).expect("checkpoint");
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let accounts = [
        "facebook-cest",
        "youtube-cest",
        "linkedin-cest",
        "x-cest",
        "flickr-cest",
    ];
    {
        let mut grant = tx
            .prepare(
                "INSERT INTO grants (id, signed, signature, key_id, grantee, purpose, not_before,
                   not_after, max_uses, issued_at, signer, registered_at, revoked_at)
                 VALUES (?1, x'00', x'00', 'old', 'admin', 'past', ?2, ?3, 3, ?2, 'authority', ?2, ?4)",
            )
            .expect("grant insert");
        let mut used = tx
            .prepare("INSERT INTO grant_uses (grant_id, uses) VALUES (?1, 3)")
            .expect("grant uses insert");
        let mut named = tx
            .prepare("INSERT INTO grant_accounts (grant_id, account_id) VALUES (?1, ?2)")
            .expect("grant account insert");
        let mut holding = tx
            .prepare(
                "INSERT INTO password_holders (account_id, version, grant_id, grantee, not_after,
                   ended_at, lapse_noted_at, first_at)
                 VALUES (?1, ?2, ?3, 'admin', ?4, ?5, ?6, ?4)",
            )
            .expect("holding insert");
        for i in 0..100_000i64 {
            // Ten years back, one grant every ~52 minutes, each for an hour; one in ten revoked.
            let start = now - 315_360_000 + i * 3_153;
            let id = format!("{:032x}", 0xbe00_0000_0000u64 as i64 + i);
            let revoked = (i % 10 == 0).then_some(start + 600);
            grant
                .execute(rusqlite::params![id, start, start + 3_600, revoked])
                .expect("grant");
            used.execute([&id]).expect("grant uses");
            // Every past grant named the benchmark's account, the worst case for a release.
            named
                .execute(rusqlite::params![id, ACCOUNT])
                .expect("grant account");
            // As the daemon's clock leaves them: a holding whose grant ran its course was noted
            // as lapsed when it ended (a revoked one ended then).
            let lapse_noted = revoked.is_none().then_some(start + 3_600);
            for v in 0..10i64 {
                holding
                    .execute(rusqlite::params![
                        accounts[(i % 5) as usize],
                        100 + v,
                        id,
                        start + 3_600,
                        revoked,
                        lapse_noted
                    ])
                    .expect("holding");
            }
        }
    }
    tx.commit().expect("commit");
}

/// Exports the seeded log through `Audit.Export`, verifies it with the library (the code
/// `vault-cli audit verify` runs) and times `sha256sum` of the same file.
async fn export_and_verify(dir: &Path, url: &str, scratch: &Path) -> Vec<String> {
    let auditor = identity(dir, "auditor");
    let channel = vaultd::wire::client::connect(&auditor, Some(url))
        .await
        .expect("connect as auditor");
    let mut client = pb::audit_client::AuditClient::new(channel.clone());
    let key = client
        .key(pb::AuditKeyRequest {})
        .await
        .expect("audit key")
        .into_inner()
        .verifier_key;
    let started = Instant::now();
    let mut stream = client
        .export(pb::AuditExportRequest {})
        .await
        .expect("export")
        .into_inner();
    let path: PathBuf = scratch.join("entries.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("export file"));
    let mut checkpoint = String::new();
    let mut count = 0u64;
    while let Some(chunk) = stream.message().await.expect("export chunk") {
        use std::io::Write;
        for entry in chunk.entries {
            out.write_all(&entry)
                .and_then(|_| out.write_all(b"\n"))
                .expect("write");
            count += 1;
        }
        if !chunk.checkpoint.is_empty() {
            checkpoint = chunk.checkpoint;
        }
    }
    drop(out);
    let export_secs = started.elapsed().as_secs_f64();
    let verifier = vaultd::tlog::note::Verifier::parse(&key).expect("verifier key");
    let _ = std::fs::read(&path); // page cache warm for both
    let best_of_3 = |f: &dyn Fn()| {
        (0..3)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    let verify = best_of_3(&|| {
        let reader =
            std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(&path).unwrap());
        let verified = vaultd::tlog::verify::verify_export(reader, &checkpoint, &verifier, None)
            .expect("the export verifies");
        assert_eq!(verified.size, count);
    });
    let sha = best_of_3(&|| {
        let status = Command::new("sha256sum")
            .arg(&path)
            .stdout(Stdio::null())
            .status()
            .expect("sha256sum");
        assert!(status.success());
    });
    vec![
        format!("audit export of the seeded vault: {count} entries in {export_secs:.2} s"),
        format!(
            "audit verify: {verify:.3} s, sha256sum: {sha:.3} s (best of 3), ratio {:.2}",
            verify / sha
        ),
    ]
}
