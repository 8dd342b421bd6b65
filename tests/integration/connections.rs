//! Hostile networks: a daemon with few file descriptors keeps serving people while peers hold
//! sockets that never start TLS, TLS connections that never speak HTTP/2, and connections with
//! a disabled principal's certificate.

use crate::harness::*;
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

#[test]
fn status_keeps_answering_while_idle_sockets_and_idle_tls_connections_are_held() {
    let d = Daemon::dev_with_file_limit(256);
    let addr = address(&d);
    // 300 TCP sockets that never start TLS: more than the daemon has descriptors.
    let idle_tcp: Vec<std::net::TcpStream> = (0..300)
        .filter_map(|_| std::net::TcpStream::connect(&addr).ok())
        .collect();
    assert!(idle_tcp.len() >= 250, "{} sockets opened", idle_tcp.len());
    std::thread::sleep(Duration::from_millis(300));
    let took = status_calls(&d);
    eprintln!("status (vault-cli process) with 300 idle sockets held: {took:?}");
    for t in &took {
        assert!(*t < Duration::from_secs(5), "status took {t:?}");
    }
    drop(idle_tcp);

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
    let (held, refused) = runtime.block_on(async {
        let mut held = Vec::new();
        let mut refused = 0;
        for (identity, count) in [(&auditor, 240), (&admin2, 240)] {
            let connector = tls_connector(identity);
            for _ in 0..count {
                let Ok(tcp) = tokio::net::TcpStream::connect(&addr).await else {
                    refused += 1;
                    continue;
                };
                let name = rustls::pki_types::ServerName::try_from("localhost").unwrap();
                match connector.connect(name, tcp).await {
                    Ok(tls) => held.push(tls),
                    Err(_) => refused += 1,
                }
            }
        }
        (held, refused)
    });
    // The daemon closes what it will not keep; give it a moment, then people still get in.
    std::thread::sleep(Duration::from_millis(500));
    let took = status_calls(&d);
    eprintln!(
        "status after peers opened {} TLS connections that never speak ({refused} failed on their side): {took:?}",
        held.len()
    );
    for t in &took {
        assert!(*t < Duration::from_secs(5), "status took {t:?}");
    }
    assert!(refused + held.len() == 480);
    let log = d.log_text();
    // The caps in force are the ones derived from this process's 256-descriptor limit.
    let limits = vaultd::daemon::connections::Limits::for_fd_limit(256);
    assert!(
        log.contains(&format!("established: {}", limits.established)),
        "{log}"
    );
    let accept_errors = log.matches("accept failed").count();
    assert!(accept_errors <= 10, "{accept_errors} accept errors logged");
    drop(held);
}
