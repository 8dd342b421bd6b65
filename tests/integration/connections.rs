//! Hostile networks: a daemon with few file descriptors keeps serving people while peers hold
//! sockets that never start TLS, TLS connections that never speak HTTP/2, and connections with
//! a disabled principal's certificate.

use crate::harness::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use vaultd::identity::Identity;

/// The address `host:port` of the daemon.
fn address(d: &Daemon) -> String {
    d.url.trim_start_matches("https://").to_owned()
}

/// A TLS client for `identity` that completes the handshake and then sends nothing.
fn tls_connector(identity: &Identity) -> tokio_rustls::TlsConnector {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(identity.ca_pem.as_deref().unwrap().as_bytes()) {
        roots.add(cert.unwrap()).unwrap();
    }
    let chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(identity.cert_pem.as_deref().unwrap().as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
    let key = PrivateKeyDer::from_pem_slice(identity.key_pem().expose().as_bytes()).unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_protocol_versions(&[&rustls::version::TLS13])
    .unwrap()
    .with_root_certificates(roots)
    .with_client_auth_cert(chain, key)
    .unwrap();
    tokio_rustls::TlsConnector::from(Arc::new(config))
}

/// Times `status` as the operator, three times; every call must succeed.
fn status_calls(d: &Daemon) -> Vec<Duration> {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            cli(&d.identity("operator"), &["status"]).ok();
            t.elapsed()
        })
        .collect()
}

/// Whether the daemon has closed this socket (end of stream or an error), asked without
/// blocking. The daemon never writes to a socket that has not started TLS.
fn closed_by_daemon(socket: &std::net::TcpStream) -> bool {
    socket.set_nonblocking(true).unwrap();
    match socket.peek(&mut [0u8; 1]) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
    }
}

/// TLS connections one certificate opened, each watched by a task that reads (and drops) what
/// the daemon sends until the daemon closes it.
struct Watched {
    opened: usize,
    failed: usize,
    closed: Arc<AtomicUsize>,
}

impl Watched {
    /// Opens `count` TLS connections as `identity`, one after the other, that never send the
    /// HTTP/2 preface.
    async fn open(addr: &str, identity: &Identity, count: usize) -> Watched {
        use tokio::io::AsyncReadExt;
        let connector = tls_connector(identity);
        let closed = Arc::new(AtomicUsize::new(0));
        let (mut opened, mut failed) = (0, 0);
        for _ in 0..count {
            let Ok(tcp) = tokio::net::TcpStream::connect(addr).await else {
                failed += 1;
                continue;
            };
            let name = rustls::pki_types::ServerName::try_from("localhost").unwrap();
            let Ok(mut tls) = connector.connect(name, tcp).await else {
                failed += 1;
                continue;
            };
            opened += 1;
            let closed = closed.clone();
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                while matches!(tls.read(&mut buf).await, Ok(n) if n > 0) {}
                closed.fetch_add(1, Ordering::SeqCst);
            });
        }
        Watched {
            opened,
            failed,
            closed,
        }
    }

    /// How many the daemon still keeps open.
    fn open_now(&self) -> usize {
        self.opened - self.closed.load(Ordering::SeqCst)
    }
}

#[test]
fn status_keeps_answering_while_idle_sockets_and_idle_tls_connections_are_held() {
    let d = Daemon::dev_with_file_limit(256);
    let addr = address(&d);
    // The caps in force are the ones derived from this process's 256-descriptor limit.
    let limits = vaultd::daemon::connections::Limits::for_fd_limit(256);
    let log = d.log_text();
    assert!(
        log.contains(&format!("established: {}", limits.established)),
        "{log}"
    );

    // 300 TCP sockets that never start TLS: more than the daemon has descriptors. It keeps the
    // newest `pending` handshakes waiting and closes older ones at once.
    let idle_tcp: Vec<std::net::TcpStream> = (0..300)
        .filter_map(|_| std::net::TcpStream::connect(&addr).ok())
        .collect();
    assert!(idle_tcp.len() >= 250, "{} sockets opened", idle_tcp.len());
    let still_open = || idle_tcp.iter().filter(|s| !closed_by_daemon(s)).count();
    wait_until(
        "the daemon to close the idle sockets past its handshake cap",
        Duration::from_secs(30),
        || still_open() <= limits.pending,
    );
    let took = status_calls(&d);
    eprintln!("status (vault-cli process) with 300 idle sockets opened: {took:?}");
    for t in &took {
        assert!(*t < Duration::from_secs(5), "status took {t:?}");
    }
    // Those within the cap run out their handshake time and are closed too; only they were
    // left to time out, the others were closed to make room.
    wait_until(
        "the daemon to close every idle socket",
        Duration::from_secs(30),
        || still_open() == 0,
    );
    drop(idle_tcp);
    let timed_out = d.log_text().matches("TLS handshake timed out").count();
    assert!(
        timed_out <= limits.pending,
        "{timed_out} handshakes timed out, more than the {} the daemon keeps waiting",
        limits.pending
    );

    // 240 TLS connections with a valid certificate that never send the HTTP/2 preface, and 240
    // with a disabled principal's certificate.
    cli(&d.identity("operator"), &["principal", "disable", "admin2"]).ok();
    let auditor = Identity::load(&d.identity("auditor"), || None).unwrap();
    let admin2 = Identity::load(&d.identity("admin2"), || None).unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (valid, disabled) = runtime.block_on(async {
        (
            Watched::open(&addr, &auditor, 240).await,
            Watched::open(&addr, &admin2, 240).await,
        )
    });
    // The daemon keeps one certificate's share of connections, closes the rest, and refuses
    // every connection with the disabled principal's certificate.
    wait_until(
        "the daemon to close the connections past its caps",
        Duration::from_secs(30),
        || valid.open_now() <= limits.per_principal && disabled.open_now() == 0,
    );
    let took = status_calls(&d);
    eprintln!(
        "status after peers opened {} TLS connections that never speak ({} failed on their side): {took:?}",
        valid.opened + disabled.opened,
        valid.failed + disabled.failed,
    );
    for t in &took {
        assert!(*t < Duration::from_secs(5), "status took {t:?}");
    }
    assert_eq!(
        valid.open_now(),
        limits.per_principal,
        "one certificate keeps exactly its share of connections"
    );
    let log = d.log_text();
    assert!(
        log.lines().any(
            |l| l.contains("connection refused: TLS handshake failed") && l.contains("Revoked")
        ),
        "the disabled certificate's refusals are not logged: {log}"
    );
    let accept_errors = log.matches("accept failed").count();
    assert!(accept_errors <= 10, "{accept_errors} accept errors logged");
    drop(runtime);
}

/// A client session store that counts the TLS 1.3 tickets the server gave.
#[derive(Debug)]
struct CountingStore {
    inner: rustls::client::ClientSessionMemoryCache,
    tickets: AtomicUsize,
}

impl rustls::client::ClientSessionStore for CountingStore {
    fn set_kx_hint(
        &self,
        server: rustls::pki_types::ServerName<'static>,
        group: rustls::NamedGroup,
    ) {
        self.inner.set_kx_hint(server, group)
    }
    fn kx_hint(&self, server: &rustls::pki_types::ServerName<'_>) -> Option<rustls::NamedGroup> {
        self.inner.kx_hint(server)
    }
    fn set_tls12_session(
        &self,
        server: rustls::pki_types::ServerName<'static>,
        value: rustls::client::Tls12ClientSessionValue,
    ) {
        self.inner.set_tls12_session(server, value)
    }
    fn tls12_session(
        &self,
        server: &rustls::pki_types::ServerName<'_>,
    ) -> Option<rustls::client::Tls12ClientSessionValue> {
        self.inner.tls12_session(server)
    }
    fn remove_tls12_session(&self, server: &rustls::pki_types::ServerName<'static>) {
        self.inner.remove_tls12_session(server)
    }
    fn insert_tls13_ticket(
        &self,
        server: rustls::pki_types::ServerName<'static>,
        value: rustls::client::Tls13ClientSessionValue,
    ) {
        self.tickets.fetch_add(1, Ordering::SeqCst);
        self.inner.insert_tls13_ticket(server, value)
    }
    fn take_tls13_ticket(
        &self,
        server: &rustls::pki_types::ServerName<'static>,
    ) -> Option<rustls::client::Tls13ClientSessionValue> {
        self.inner.take_tls13_ticket(server)
    }
}

/// Connects and reads what the daemon sends first (its HTTP/2 settings): Ok(resumed) when
/// the daemon serves the connection, Err when it refuses it (an alert or a closed connection).
async fn served(addr: &str, connector: &tokio_rustls::TlsConnector) -> Result<bool, String> {
    use tokio::io::AsyncReadExt;
    let tcp = tokio::net::TcpStream::connect(addr)
        .await
        .map_err(|e| e.to_string())?;
    let name = rustls::pki_types::ServerName::try_from("localhost").unwrap();
    let mut tls = connector
        .connect(name, tcp)
        .await
        .map_err(|e| e.to_string())?;
    let resumed = tls.get_ref().1.handshake_kind() == Some(rustls::HandshakeKind::Resumed);
    let mut buf = [0u8; 64];
    match tokio::time::timeout(Duration::from_secs(10), tls.read(&mut buf)).await {
        Ok(Ok(n)) if n > 0 => Ok(resumed),
        Ok(Ok(_)) => Err("closed".into()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("nothing within 10 s".into()),
    }
}

#[test]
fn a_disabled_principal_cannot_resume_an_earlier_tls_session() {
    let d = Daemon::dev();
    let addr = address(&d);
    let admin2 = Identity::load(&d.identity("admin2"), || None).unwrap();
    let store = Arc::new(CountingStore {
        inner: rustls::client::ClientSessionMemoryCache::new(16),
        tickets: AtomicUsize::new(0),
    });
    let connector = {
        let base = tls_connector(&admin2);
        let mut config = (*base.config().clone()).clone();
        config.resumption = rustls::client::Resumption::store(store.clone());
        tokio_rustls::TlsConnector::from(Arc::new(config))
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    assert_eq!(runtime.block_on(served(&addr, &connector)), Ok(false));
    cli(&d.identity("operator"), &["principal", "disable", "admin2"]).ok();
    let again = runtime.block_on(served(&addr, &connector));
    assert!(
        again.is_err(),
        "the disabled principal was served: {again:?}"
    );
    // The server sends its tickets right after the handshake, before anything else:
    // the first connection had them by the time it read the daemon's settings.
    assert_eq!(
        store.tickets.load(Ordering::SeqCst),
        0,
        "the daemon hands out no session tickets"
    );
}

#[test]
fn a_principal_holds_at_most_its_share_of_connections_whatever_certificates_it_has() {
    let d = Daemon::dev_with_file_limit(256);
    let addr = address(&d);
    let limits = vaultd::daemon::connections::Limits::for_fd_limit(256);
    let cap = limits.per_principal;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();

    // Its share with one certificate, less one for the renewal's own call, then its share
    // with the certificate the renewal gave it.
    let admin = d.identity("admin");
    let before = Identity::load(&admin, || None).unwrap();
    let first = runtime.block_on(Watched::open(&addr, &before, cap - 1));
    assert_eq!(first.open_now(), cap - 1, "{} failed", first.failed);
    cli(&admin, &["identity", "renew"]).ok();
    let renewed = Identity::load(&admin, || None).unwrap();
    let second = runtime.block_on(Watched::open(&addr, &renewed, cap));
    wait_until(
        "the principal to hold no more than its share",
        Duration::from_secs(10),
        || first.open_now() + second.open_now() <= cap,
    );

    // A disabled principal's connections are closed.
    let admin2 = Identity::load(&d.identity("admin2"), || None).unwrap();
    let held = runtime.block_on(Watched::open(&addr, &admin2, 4));
    assert_eq!(held.open_now(), 4);
    cli(&d.identity("operator"), &["principal", "disable", "admin2"]).ok();
    wait_until(
        "the disabled principal's connections to close",
        Duration::from_secs(5),
        || held.open_now() == 0,
    );
    drop(runtime);
}
