//! Benchmark: the art. 3 loop at human speed (issue 21's figures).
//!
//! Starts the real release `vaultd dev`, a real SMTP server (Debian's python3-aiosmtpd writing
//! a maildir) and the real `vaultd notify` on the dev vault's `notify.toml`, then prints:
//! - request created (`Grants.Request` returned) to its mail accepted by the SMTP server (the
//!   message's file in the maildir), p50 and p99 over VAULTD_BENCH_REQUESTS (default 100);
//! - the authority's `Grants.Register` of an approving grant to the requester's open
//!   `Grants.Wait` returning, p50 and p99 over as many;
//! - the notifier's RSS after VAULTD_BENCH_EVENTS (default 10,000) more events (requests and
//!   their denials), all mailed.
//!
//! Run: `cargo build --release --workspace && cargo bench --bench approval_loop`. Prints
//! figures; asserts only that each step happens (the machine is shared and noisy).

mod common;

use common::{
    env_number, free_port, identity, percentile_ms, rss_kib, start_dev, stop, vaultd, wait_for,
};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use vaultd::identity::Identity;
use vaultd::wire::pb;

const ACCOUNT: &str = "facebook-cest";

/// Debian's interpreter, where python3-aiosmtpd is installed (not a pyenv's on the PATH).
const PYTHON: &str = "/usr/bin/python3";

fn main() {
    let requests = env_number("VAULTD_BENCH_REQUESTS", 100) as usize;
    let events = env_number("VAULTD_BENCH_EVENTS", 10_000) as usize;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = temp.path().join("dev");
    let maildir = temp.path().join("maildir");
    let port = free_port();
    let url = format!("https://127.0.0.1:{port}");

    let mut daemon = start_dev(&dir, port);
    let mut smtp = start_smtp(&maildir);
    let mut notifier = start_notifier(&dir, smtp.1);
    let admin = identity(&dir, "admin");
    let authority = identity(&dir, "authority");
    let mut table = Vec::new();

    let mailed = runtime.block_on(request_to_mail(
        &admin, &authority, &url, &maildir, requests,
    ));
    table.push(latency_line(
        "request created -> mail accepted by SMTP",
        &mailed,
    ));

    let answered = runtime.block_on(approve_to_wait(&admin, &authority, &url, requests));
    table.push(latency_line(
        "Register (approve) -> Grants.Wait returns",
        &answered,
    ));

    // Every request so far was mailed to the authority and its decision to the requester.
    wait_for("the first phases' mails", Duration::from_secs(120), || {
        mail_count(&maildir) >= 4 * requests
    });
    let before = mail_count(&maildir);
    let rss_start = rss_kib(notifier.id());
    let made = runtime.block_on(make_events(&admin, &authority, &url, events));
    let mailing = Instant::now();
    wait_for("every event mailed", Duration::from_secs(1800), || {
        mail_count(&maildir) >= before + made
    });
    table.push(format!(
        "notifier RSS: {:.1} MiB after the first {} events, {:.1} MiB after {} more \
         (all mailed {:.1} s after the last was made)",
        rss_start as f64 / 1024.0,
        before,
        rss_kib(notifier.id()) as f64 / 1024.0,
        made,
        mailing.elapsed().as_secs_f64()
    ));

    stop(&mut notifier);
    stop(&mut smtp.0);
    stop(&mut daemon);
    println!();
    for line in table {
        println!("{line}");
    }
}

fn latency_line(what: &str, samples: &[Duration]) -> String {
    let mut sorted = samples.to_vec();
    sorted.sort_unstable();
    format!(
        "{what}: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms over {}",
        percentile_ms(&sorted, 50),
        percentile_ms(&sorted, 99),
        percentile_ms(&sorted, 100),
        sorted.len()
    )
}

/// aiosmtpd on a free loopback port, keeping each message in a maildir.
fn start_smtp(maildir: &Path) -> (Child, u16) {
    let port = free_port();
    let child = Command::new(PYTHON)
        .args(["-m", "aiosmtpd", "-n", "-l"])
        .arg(format!("127.0.0.1:{port}"))
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3-aiosmtpd (apt-get install python3-aiosmtpd)");
    wait_for("the SMTP server", Duration::from_secs(30), || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    (child, port)
}

/// `vaultd notify` on the dev vault's own config, pointed at the bench's SMTP server.
fn start_notifier(dir: &Path, smtp_port: u16) -> Child {
    vaultd()
        .args(["notify", "--config"])
        .arg(dir.join("notify.toml"))
        .args(["--smtp-server", &format!("127.0.0.1:{smtp_port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("vaultd notify")
}

fn mail_count(maildir: &Path) -> usize {
    std::fs::read_dir(maildir.join("new")).map_or(0, |d| d.count())
}

async fn grants(
    who: &Identity,
    url: &str,
) -> pb::grants_client::GrantsClient<tonic::transport::Channel> {
    let channel = vaultd::wire::client::connect(who, Some(url))
        .await
        .expect("connect");
    pb::grants_client::GrantsClient::new(channel)
}

fn request(purpose: &str) -> pb::GrantRequestCreate {
    pb::GrantRequestCreate {
        accounts: vec![ACCOUNT.into()],
        purpose: purpose.into(),
        duration_secs: 3600,
    }
}

/// Each request, one after the other, timed from its creation to its mail in the maildir; then
/// denied (a requester may keep only a few waiting), its denial mailed before the next.
async fn request_to_mail(
    admin: &Identity,
    authority: &Identity,
    url: &str,
    maildir: &Path,
    n: usize,
) -> Vec<Duration> {
    let mut client = grants(admin, url).await;
    let mut decider = grants(authority, url).await;
    let mut samples = Vec::with_capacity(n);
    for i in 0..n {
        let before = mail_count(maildir);
        let asked = client
            .request(request(&format!("approval_loop bench, mail {i}")))
            .await
            .expect("request")
            .into_inner();
        let created = Instant::now();
        mailed(maildir, before + 1, created).await;
        samples.push(created.elapsed());
        decider
            .deny(pb::DenyGrantRequest {
                id: asked.id,
                reason: "bench".into(),
            })
            .await
            .expect("deny");
        mailed(maildir, before + 2, Instant::now()).await;
    }
    samples
}

/// Waits until the maildir holds `count` messages.
async fn mailed(maildir: &Path, count: usize, since: Instant) {
    while mail_count(maildir) < count {
        assert!(
            since.elapsed() < Duration::from_secs(60),
            "mail {count} never came"
        );
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

/// Each request waited on by its requester while the authority approves it, timed from the
/// approving grant's registration to the wait's answer.
async fn approve_to_wait(
    admin: &Identity,
    authority: &Identity,
    url: &str,
    n: usize,
) -> Vec<Duration> {
    let mut requester = grants(admin, url).await;
    let mut signer = grants(authority, url).await;
    let key = authority
        .signing_key()
        .expect("the dev authority signs grants");
    let mut samples = Vec::with_capacity(n);
    for i in 0..n {
        let asked = requester
            .request(request(&format!("approval_loop bench, wait {i}")))
            .await
            .expect("request")
            .into_inner();
        let mut wait = requester
            .wait(pb::WaitGrantRequest {
                id: asked.id.clone(),
                timeout_secs: 60,
            })
            .await
            .expect("wait")
            .into_inner();
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let body = vaultd::authz::grant::GrantBody {
            id: vaultd::ids::new_id(),
            grantee: "admin".into(),
            accounts: vec![ACCOUNT.into()],
            purpose: asked.purpose.clone(),
            not_before: now - 60,
            not_after: now + 3600,
            max_uses: Some(1),
            issued_at: now,
            key_id: key.key_id(),
            request: Some(asked.id.clone()),
        };
        let signed = body.encode();
        let signature = key.sign(&signed);
        let registering = Instant::now();
        signer
            .register(pb::RegisterGrant { signed, signature })
            .await
            .expect("register");
        let outcome = wait
            .message()
            .await
            .expect("wait answer")
            .expect("one message");
        samples.push(registering.elapsed());
        let state = outcome.request.map(|r| r.state).unwrap_or_default();
        assert_eq!(state, "approved", "request {i}");
    }
    samples
}

/// `n` events at most: requests and their denials, as fast as one client makes them. Returns
/// how many mails they call for (one per event: the authority's, then the requester's).
async fn make_events(admin: &Identity, authority: &Identity, url: &str, n: usize) -> usize {
    let mut requester = grants(admin, url).await;
    let mut decider = grants(authority, url).await;
    for i in 0..n / 2 {
        let asked = requester
            .request(request(&format!("approval_loop bench, event {i}")))
            .await
            .expect("request")
            .into_inner();
        decider
            .deny(pb::DenyGrantRequest {
                id: asked.id,
                reason: "bench".into(),
            })
            .await
            .expect("deny");
    }
    n / 2 * 2
}
