//! Benchmark: a legitimate `status` while peers hold connections open.
//!
//! Starts the real release `vaultd dev` under a file-descriptor limit (`prlimit`), then measures
//! `System.Status` as the operator, each call on a fresh mTLS connection (as a `vault-cli`
//! process makes it), three times:
//! 1. with nothing else connected (the baseline);
//! 2. while 1,000 TCP sockets that never start TLS are held;
//! 3. while, on top of those, 1,000 TLS connections with a valid certificate that never send the
//!    HTTP/2 preface and 1,000 with a disabled principal's certificate are held.
//!
//! It does so at 4,096 descriptors (`LimitNOFILE` in deploy/vaultd.service) and at 256, where
//! the daemon cannot hold them all and must shed the idle ones. Prints p50, p99 and the ratio of
//! p99 to the baseline's; asserts only that every status call succeeds.
//!
//! Run: `cargo build --release --workspace && cargo bench --bench hostile_connections`.
//! VAULTD_BENCH_IDLE (default 1000) sets how many of each kind are held.

mod common;

use common::{free_port, identity, stop};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use vaultd::identity::Identity;
use vaultd::wire::pb;

const STATUS_CALLS: usize = 200;

fn main() {
    let idle: usize = std::env::var("VAULTD_BENCH_IDLE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    raise_own_file_limit(3 * idle as u64 + 512);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    println!("status (fresh mTLS connection per call, {STATUS_CALLS} calls) while peers hold {idle} idle connections of each kind");
    for files in [4096u64, 256] {
        let scratch = tempfile::tempdir().expect("scratch dir");
        let dir = scratch.path().join("dev");
        let port = free_port();
        let mut daemon = start_dev(&dir, port, files);
        let url = format!("https://127.0.0.1:{port}");
        let operator = identity(&dir, "operator");
        let auditor = identity(&dir, "auditor");
        let admin2 = identity(&dir, "admin2");
        runtime.block_on(disable(&operator, &url, "admin2"));

        let pid = daemon.id();
        let base = runtime.block_on(status_calls(&operator, &url));
        report(files, pid, "no other connection", &base, &base);

        let addr = format!("127.0.0.1:{port}");
        let (tcp, tcp_failed) = hold_tcp(&addr, idle);
        std::thread::sleep(Duration::from_millis(300));
        let with_tcp = runtime.block_on(status_calls(&operator, &url));
        report(
            files,
            pid,
            &format!(
                "{} idle TCP sockets ({tcp_failed} not accepted by the kernel)",
                tcp.len()
            ),
            &with_tcp,
            &base,
        );

        let (tls, tls_failed) =
            runtime.block_on(hold_tls(&addr, &[(&auditor, idle), (&admin2, idle)]));
        std::thread::sleep(Duration::from_millis(500));
        let with_all = runtime.block_on(status_calls(&operator, &url));
        report(
            files,
            pid,
            &format!(
                "+ {} TLS connections that never speak, half with a disabled certificate ({tls_failed} failed on the client's side)",
                tls.len()
            ),
            &with_all,
            &base,
        );
        drop(tls);
        drop(tcp);
        stop(&mut daemon);
    }
}

fn report(files: u64, pid: u32, what: &str, took: &[Duration], base: &[Duration]) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    // What the daemon keeps open once the calls are done: the caps at work.
    let open = std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, |d| d.count());
    println!(
        "LimitNOFILE={files:>4}  p50 {:6.2} ms  p99 {:6.2} ms  (p99 ratio to no load {:4.2})  daemon fds {open:>4}  {what}",
        ms(percentile(took, 50)),
        ms(percentile(took, 99)),
        ms(percentile(took, 99)) / ms(percentile(base, 99)),
    );
}

fn percentile(samples: &[Duration], p: usize) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

/// The benchmark itself holds thousands of sockets.
fn raise_own_file_limit(wanted: u64) {
    use nix::sys::resource::{getrlimit, setrlimit, Resource};
    let (soft, hard) = getrlimit(Resource::RLIMIT_NOFILE).expect("getrlimit");
    if soft < wanted {
        setrlimit(Resource::RLIMIT_NOFILE, wanted.min(hard), hard).expect("setrlimit");
    }
}

async fn status_calls(operator: &Identity, url: &str) -> Vec<Duration> {
    let mut took = Vec::with_capacity(STATUS_CALLS);
    for _ in 0..STATUS_CALLS {
        let started = Instant::now();
        let channel = vaultd::wire::client::connect(operator, Some(url))
            .await
            .expect("the operator connects");
        pb::system_client::SystemClient::new(channel)
            .status(pb::StatusRequest {})
            .await
            .expect("status answers");
        took.push(started.elapsed());
    }
    took
}

async fn disable(operator: &Identity, url: &str, name: &str) {
    let channel = vaultd::wire::client::connect(operator, Some(url))
        .await
        .expect("connect");
    pb::principals_client::PrincipalsClient::new(channel)
        .disable(pb::DisablePrincipalRequest { name: name.into() })
        .await
        .expect("disable");
}

/// Opens `count` TCP connections and keeps them; returns them and how many failed to open.
fn hold_tcp(addr: &str, count: usize) -> (Vec<std::net::TcpStream>, usize) {
    let addr: std::net::SocketAddr = addr.parse().expect("address");
    let held: Vec<_> = (0..count)
        .filter_map(|_| {
            std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(500)).ok()
        })
        .collect();
    let failed = count - held.len();
    (held, failed)
}

/// Opens TLS connections with each identity's certificate and sends nothing after the
/// handshake; returns the sockets (completed or not) and how many handshakes failed.
async fn hold_tls(addr: &str, plan: &[(&Identity, usize)]) -> (Vec<tokio::net::TcpStream>, usize) {
    let mut sockets = Vec::new();
    let mut streams = Vec::new();
    let mut failed = 0;
    for (identity, count) in plan {
        let connector = tls_connector(identity);
        for _ in 0..*count {
            let Ok(Ok(tcp)) = tokio::time::timeout(
                Duration::from_millis(500),
                tokio::net::TcpStream::connect(addr),
            )
            .await
            else {
                failed += 1;
                continue;
            };
            let name = rustls::pki_types::ServerName::try_from("localhost").expect("name");
            match tokio::time::timeout(Duration::from_secs(2), connector.connect(name, tcp)).await {
                Ok(Ok(tls)) => streams.push(tls),
                _ => failed += 1,
            }
        }
    }
    // Keep the TLS streams' sockets open without driving them.
    for stream in streams {
        let (tcp, _session) = stream.into_inner();
        sockets.push(tcp);
    }
    (sockets, failed)
}

fn tls_connector(identity: &Identity) -> tokio_rustls::TlsConnector {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(identity.ca_pem.as_deref().expect("ca").as_bytes()) {
        roots.add(cert.expect("ca cert")).expect("root");
    }
    let chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(identity.cert_pem.as_deref().expect("cert").as_bytes())
            .collect::<Result<_, _>>()
            .expect("chain");
    let key = PrivateKeyDer::from_pem_slice(identity.key_pem().expose().as_bytes()).expect("key");
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_protocol_versions(&[&rustls::version::TLS13])
    .expect("TLS 1.3")
    .with_root_certificates(roots)
    .with_client_auth_cert(chain, key)
    .expect("client auth");
    tokio_rustls::TlsConnector::from(Arc::new(config))
}

/// `prlimit --nofile=N:N vaultd dev` on `dir`, waited for until its banner is out.
fn start_dev(dir: &Path, port: u16, files: u64) -> Child {
    let out = dir.with_extension("out");
    let child = Command::new("prlimit")
        .arg(format!("--nofile={files}:{files}"))
        .arg(env!("CARGO_BIN_EXE_vaultd"))
        .args(["dev", "--dir"])
        .arg(dir)
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .env("LANG", "C")
        .env("RUST_LOG", "warn")
        .stdout(std::fs::File::create(&out).expect("banner file"))
        .stderr(Stdio::null())
        .spawn()
        .expect("prlimit vaultd dev");
    let deadline = Instant::now() + Duration::from_secs(60);
    while !std::fs::read_to_string(&out)
        .unwrap_or_default()
        .contains("Ctrl-C")
    {
        assert!(Instant::now() < deadline, "vaultd dev never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}
