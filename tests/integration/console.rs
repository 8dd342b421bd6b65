//! The Secrétaire générale's console (`vault-cli authority console`) with the real daemon, the
//! real vault-cli holding her passphrase-protected identity, and a real browser: Debian's
//! Chromium driven over WebDriver (chromium-driver) through fantoccini. The gates that need no
//! browser (Host, the one-time link, CSRF) are tried with plain HTTP written by hand, as an
//! attacker would send it.

use crate::harness::*;
use fantoccini::{Client, ClientBuilder, Locator};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PASSPHRASE: &str = "Une phrase de passe pour la console";

/// The dev authority's identity, saved again encrypted with a passphrase (as hers is), and the
/// 0600 file the console reads that passphrase from.
fn encrypted_authority(daemon: &Daemon) -> (PathBuf, PathBuf) {
    let plain = vaultd::identity::Identity::load(&daemon.identity("authority"), || None).unwrap();
    let path = daemon.dir.path().join("sg.id");
    plain
        .save_encrypted(
            &path,
            &vaultd::secret::SecretString::new(PASSPHRASE.into()),
            false,
        )
        .unwrap();
    let pass = daemon.dir.path().join("sg.pass");
    write_private(&pass, &format!("{PASSPHRASE}\n"));
    (path, pass)
}

/// A running console, stopped when dropped.
struct Console {
    child: Child,
    /// The link it printed (its one line on stdout).
    link: String,
    addr: SocketAddr,
    stderr: PathBuf,
}

impl Console {
    fn start(daemon: &Daemon, env: &[(&str, &str)]) -> Console {
        let (identity, pass) = encrypted_authority(daemon);
        let stderr = daemon.dir.path().join("console.stderr");
        let mut command = Command::new(vault_cli_path());
        command
            .arg("--identity")
            .arg(&identity)
            .args(["authority", "console", "--no-open"])
            .env("VAULT_CLI_IDENTITY_PASSPHRASE_FILE", &pass)
            .env("LANG", "fr_CA.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("VAULT_CLI_SERVER")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(std::fs::File::create(&stderr).unwrap()));
        for (k, v) in env {
            command.env(k, v);
        }
        let mut child = command.spawn().expect("starting the console");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let link = line.trim().to_owned();
        assert!(
            link.starts_with("http://127.0.0.1:"),
            "{link:?}: {}",
            std::fs::read_to_string(&stderr).unwrap_or_default()
        );
        let addr = link["http://".len()..]
            .split('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        Console {
            child,
            link,
            addr,
            stderr,
        }
    }

    fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn said(&self) -> String {
        std::fs::read_to_string(&self.stderr).unwrap_or_default()
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// One HTTP/1.1 exchange written by hand: (status, head, body).
fn http(addr: SocketAddr, request: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_owned(), body.to_owned())
}

fn get(addr: SocketAddr, path: &str, host: &str, cookie: Option<&str>) -> (u16, String, String) {
    let cookie = cookie
        .map(|c| format!("Cookie: {c}\r\n"))
        .unwrap_or_default();
    http(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n{cookie}Connection: close\r\n\r\n"),
    )
}

fn post(addr: SocketAddr, path: &str, cookie: &str, form: &str) -> (u16, String, String) {
    http(
        addr,
        &format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{form}",
            form.len()
        ),
    )
}

/// A request from the dev admin; its id.
fn request(daemon: &Daemon, purpose: &str) -> String {
    let out = cli(
        &daemon.identity("admin"),
        &[
            "grant",
            "request",
            "facebook-cest",
            "--purpose",
            purpose,
            "--for",
            "8h",
        ],
    )
    .ok();
    out.stdout.trim().to_owned()
}

fn pending_ids(daemon: &Daemon) -> Vec<String> {
    let out = cli(
        &daemon.identity("authority"),
        &["--json", "grant", "pending"],
    )
    .ok();
    let list: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_foreign_host_a_reused_link_and_a_form_without_its_csrf_token_are_refused() {
    let daemon = Daemon::dev();
    let id = request(&daemon, "Campagne d'automne");
    let console = Console::start(&daemon, &[]);
    let addr = console.addr;
    let host = addr.to_string();
    let open = &console.link[console.base().len()..];

    // DNS rebinding: the right port through another name is refused, even with the link.
    let (status, _, body) = get(
        addr,
        open,
        &format!("vault.evil.example:{}", addr.port()),
        None,
    );
    assert_eq!(status, 421, "{body}");
    assert!(body.contains("en-tête Host"), "{body}");

    // The link once: a cookie only scripts cannot read, sent to this site only.
    let (status, head, _) = get(addr, open, &host, None);
    assert_eq!(status, 303, "{head}");
    let set_cookie = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .expect("a session cookie");
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Strict"));
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    // ...and never again.
    let (status, _, body) = get(addr, open, &host, None);
    assert_eq!(status, 403);
    assert!(body.contains("a déjà servi"), "{body}");

    // Nothing without the cookie, nothing through another Host even with it.
    assert_eq!(get(addr, "/", &host, None).0, 403);
    assert_eq!(get(addr, "/", "localhost", Some(&cookie)).0, 421);

    // With it: the page, its strict policy, and the request with its hooks.
    let (status, head, page) = get(addr, "/", &host, Some(&cookie));
    assert_eq!(status, 200);
    let head = head.to_lowercase();
    for expected in [
        "content-security-policy: default-src 'none'; script-src 'self'; style-src 'self'; \
         img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; \
         base-uri 'none'",
        "x-content-type-options: nosniff",
        "referrer-policy: no-referrer",
        "cache-control: no-store",
    ] {
        assert!(head.contains(expected), "{expected}\n{head}");
    }
    assert!(page.contains(&format!("data-request=\"{id}\"")), "{page}");
    assert!(!page.contains("<script>") && !page.contains("style="));

    // A forged form: no token, then a wrong one. Refused, and the request still waits.
    let deny = format!("/requests/{id}/deny");
    let (status, _, body) = post(addr, &deny, &cookie, "reason=forged");
    assert_eq!(status, 403);
    assert!(body.contains("anti-falsification"), "{body}");
    let (status, _, _) = post(
        addr,
        &deny,
        &cookie,
        &format!("csrf={}&reason=forged", "0".repeat(64)),
    );
    assert_eq!(status, 403);
    assert_eq!(pending_ids(&daemon), std::slice::from_ref(&id));

    // Page and form answers are bounded: a huge form is not read.
    let huge = format!("csrf=x&reason={}", "a".repeat(64 * 1024));
    assert_ne!(post(addr, &deny, &cookie, &huge).0, 303);
    assert_eq!(pending_ids(&daemon), [id]);
}

#[test]
fn a_console_on_a_non_loopback_address_is_refused_before_anything_else() {
    for (lang, said) in [
        ("fr_CA.UTF-8", "n'écoute que sur la boucle locale"),
        ("en_CA.UTF-8", "listens on loopback only"),
    ] {
        let out = cli_with(
            Path::new("/nonexistent/sg.id"),
            &[
                "authority",
                "console",
                "--no-open",
                "--listen",
                "0.0.0.0:8080",
            ],
            None,
            &[("LANG", lang)],
        );
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stderr.contains(said), "{}", out.stderr);
        assert!(out.stdout.is_empty());
    }
}

/// chromedriver on a free loopback port, stopped when dropped.
struct Driver {
    child: Child,
    url: String,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

fn driver() -> Driver {
    let chromedriver = ["chromedriver", "/usr/bin/chromedriver"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("chromedriver is needed for this test: apt-get install chromium-driver");
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let profile = tempfile::tempdir().unwrap();
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .env("HOME", profile.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_until("chromedriver listens", Duration::from_secs(30), || {
        TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
        _profile: profile,
    }
}

/// A headless Chromium session of `width`x`height`.
async fn browser(driver: &Driver, width: u32, height: u32) -> Client {
    let profile = driver._profile.path().join("chromium");
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                format!("--window-size={width},{height}"),
                format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a Chromium session through chromedriver");
    client.set_window_size(width, height).await.ok();
    client
}

fn css(selector: &str) -> Locator<'_> {
    Locator::Css(selector)
}

/// Starts vault-cli in the background, as the requester leaving it waiting.
fn spawn_cli(identity: &Path, args: &[&str]) -> Child {
    Command::new(vault_cli_path())
        .arg("--identity")
        .arg(identity)
        .args(args)
        .env("LANG", "en_CA.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("VAULT_CLI_IDENTITY")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn finished(mut child: Child, within: Duration) -> (i32, String, String) {
    let deadline = Instant::now() + within;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().ok();
            let out = child.wait_with_output().unwrap();
            panic!("still waiting: {}", String::from_utf8_lossy(&out.stderr));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = child.wait_with_output().unwrap();
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn approving_in_the_browser_ends_the_requesters_wait_and_the_credential_is_released() {
    let daemon = Daemon::dev();
    let admin = daemon.identity("admin");
    let waiting = spawn_cli(
        &admin,
        &[
            "grant",
            "request",
            "facebook-cest",
            "--purpose",
            "Campagne d'automne <b>",
            "--for",
            "8h",
            "--wait",
            "--timeout",
            "5m",
        ],
    );
    wait_until(
        "the request reaches the vault",
        Duration::from_secs(20),
        || pending_ids(&daemon).len() == 1,
    );
    let id = pending_ids(&daemon).remove(0);
    let console = Console::start(&daemon, &[]);
    let driver = driver();
    block_on(async {
        let b = browser(&driver, 1280, 800).await;
        b.goto(&console.link).await.unwrap();
        let card = b
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(css(&format!("[data-request=\"{id}\"]")))
            .await
            .unwrap();
        let text = card.text().await.unwrap();
        assert!(
            text.contains("Campagne d'automne <b>"),
            "escaped, shown as typed: {text}"
        );
        assert!(text.contains("admin") && text.contains("facebook-cest") && text.contains("8 h"));
        assert!(text.contains("0 remise(s)"), "{text}");
        assert!(
            b.find_all(css(".warning")).await.unwrap().is_empty(),
            "not her own request: no self-grant warning"
        );

        // The picture of the page with one request (docs/console.png is one such run's).
        let png = b.screenshot().await.unwrap();
        assert!(png.starts_with(b"\x89PNG"));
        if let Ok(out) = std::env::var("VAULT_CONSOLE_SCREENSHOT") {
            std::fs::write(out, &png).unwrap();
        }

        // Keyboard only: shorten the window, set one use, press Enter in the form.
        let duration = card.find(css("input[name=duration]")).await.unwrap();
        duration.clear().await.unwrap();
        duration.send_keys("2h").await.unwrap();
        let uses = card.find(css("input[name=max_uses]")).await.unwrap();
        uses.send_keys("1\u{E007}").await.unwrap();
        let notice = b
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(css("p.notice"))
            .await
            .unwrap();
        let said = notice.text().await.unwrap();
        assert!(said.contains(&id) && said.contains("approuvée"), "{said}");
        assert!(b
            .find_all(css(&format!("[data-request=\"{id}\"]")))
            .await
            .unwrap()
            .is_empty());
        let grant = b.find(css("[data-grant]")).await.unwrap();
        assert!(grant.text().await.unwrap().contains("0 / 1"));
        b.close().await.ok();
    });

    let (code, stdout, stderr) = finished(waiting, Duration::from_secs(30));
    assert_eq!(code, 0, "{stderr}");
    // The request's id, then the grant's.
    let grant = stdout.lines().last().unwrap_or_default().trim();
    assert_eq!(stdout.lines().next(), Some(id.as_str()));
    assert!(stderr.contains("approved by authority"), "{stderr}");
    // Two hours, not the eight asked; one use.
    let shown = cli(&admin, &["--json", "grant", "list", "--mine"]).ok();
    let list: serde_json::Value = serde_json::from_str(&shown.stdout).unwrap();
    let g = &list["grants"][0];
    assert_eq!(g["id"], grant);
    assert_eq!(g["max_uses"], 1);
    let window = vaultd::times::parse_time(g["not_after"].as_str().unwrap()).unwrap()
        - vaultd::times::parse_time(g["not_before"].as_str().unwrap()).unwrap();
    assert_eq!(window, 2 * 3600);
    let out = cli(&admin, &["credential", "get", "facebook-cest"]).ok();
    assert!(!out.stdout.trim().is_empty());
    // The entries `grant approve` makes: the request read for approval, the grant signed.
    let log = cli(
        &daemon.identity("auditor"),
        &["--json", "audit", "log", "--action", "grant.approve"],
    )
    .ok();
    let entries: Vec<serde_json::Value> = serde_json::from_str(&log.stdout).unwrap();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert!(entries
        .iter()
        .all(|e| e["principal"] == "authority" && e["outcome"] == "allowed"));
    assert_eq!(entries[0]["target"], id.as_str());
    assert_eq!(entries[1]["grant"], grant);
    assert!(entries[1]["detail"].as_str().unwrap().contains("uses=1"));
}

#[test]
fn a_denial_needs_a_reason_and_the_requester_reads_it() {
    let daemon = Daemon::dev();
    let id = request(&daemon, "Diffusion en direct");
    let waiting = spawn_cli(
        &daemon.identity("admin"),
        &["grant", "wait", &id, "--timeout", "5m"],
    );
    let console = Console::start(&daemon, &[]);
    let driver = driver();
    block_on(async {
        let b = browser(&driver, 1280, 800).await;
        b.goto(&console.link).await.unwrap();
        let card = b
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(css(&format!("[data-request=\"{id}\"]")))
            .await
            .unwrap();
        // The browser itself will not send an empty reason...
        card.find(css("[data-action=deny]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let still = b.find(css(&format!("[data-request=\"{id}\"]"))).await;
        assert!(still.is_ok(), "the page stayed");
        // ...and with the browser's check taken off, the console refuses it.
        b.execute(
            "document.querySelectorAll('input[name=reason]').forEach(function (f) { f.required = false; f.value = '   '; });",
            vec![],
        )
        .await
        .unwrap();
        let card = b
            .find(css(&format!("[data-request=\"{id}\"]")))
            .await
            .unwrap();
        card.find(css("[data-action=deny]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let error = b
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(css("p.error"))
            .await
            .unwrap();
        assert!(error
            .text()
            .await
            .unwrap()
            .contains("motif est obligatoire"));
        assert_eq!(pending_ids(&daemon), std::slice::from_ref(&id));

        let card = b
            .find(css(&format!("[data-request=\"{id}\"]")))
            .await
            .unwrap();
        card.find(css("input[name=reason]"))
            .await
            .unwrap()
            .send_keys("Hors mandat")
            .await
            .unwrap();
        card.find(css("[data-action=deny]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let notice = b
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(css("p.notice"))
            .await
            .unwrap();
        assert!(notice.text().await.unwrap().contains("refusée"));
        b.close().await.ok();
    });
    let (code, _, stderr) = finished(waiting, Duration::from_secs(30));
    assert_eq!(code, 4, "{stderr}");
    assert!(stderr.contains("Hors mandat"), "{stderr}");
    assert!(pending_ids(&daemon).is_empty());
}

#[test]
fn an_idle_console_says_so_in_the_page_and_exits() {
    let daemon = Daemon::dev();
    let driver = driver();
    let mut console = block_on(async {
        // The browser first: the idle clock starts with the console.
        let b = browser(&driver, 390, 844).await;
        let console = Console::start(&daemon, &[("VAULT_CLI_CONSOLE_IDLE_SECS", "5")]);
        b.goto(&console.link).await.unwrap();
        b.wait()
            .at_most(Duration::from_secs(20))
            .for_element(css("#pending"))
            .await
            .unwrap();
        let closed = b.find(css("#closed")).await.unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while !closed.is_displayed().await.unwrap() {
            assert!(Instant::now() < deadline, "the page never said it closed");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(closed
            .text()
            .await
            .unwrap()
            .contains("La console est fermée"));
        b.close().await.ok();
        console
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = console.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the console did not exit");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success());
    assert!(
        console.said().contains("sans activité"),
        "{}",
        console.said()
    );
}

#[test]
fn a_new_request_appears_in_the_open_page_without_a_reload() {
    let daemon = Daemon::dev();
    let console = Console::start(&daemon, &[]);
    let driver = driver();
    block_on(async {
        let b = browser(&driver, 1280, 800).await;
        b.goto(&console.link).await.unwrap();
        b.wait()
            .at_most(Duration::from_secs(20))
            .for_element(css("#pending"))
            .await
            .unwrap();
        assert!(b.find_all(css("[data-request]")).await.unwrap().is_empty());
        // A mark that a reload would wipe.
        b.execute("window.notReloaded = true;", vec![])
            .await
            .unwrap();
        let id = request(&daemon, "Annonce urgente");
        b.wait()
            .at_most(Duration::from_secs(30))
            .for_element(css(&format!("[data-request=\"{id}\"]")))
            .await
            .unwrap();
        let mark = b
            .execute("return window.notReloaded === true;", vec![])
            .await
            .unwrap();
        assert_eq!(
            mark,
            serde_json::Value::Bool(true),
            "the page was not reloaded"
        );
        let status = b.find(css("#status")).await.unwrap().text().await.unwrap();
        assert!(status.contains("à jour"), "{status}");
        b.close().await.ok();
    });
}

#[test]
fn she_sees_her_delegates_grant_as_acting_and_ends_the_delegation_with_its_grants() {
    use crate::delegation::admin2_acting_for;
    let daemon = Daemon::dev();
    admin2_acting_for(&daemon, 86_400, "facebook-cest");
    let listed = cli(
        &daemon.identity("auditor"),
        &["--json", "authority", "delegation", "list"],
    )
    .ok();
    let listed: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    let delegation = listed[0]["id"].as_str().unwrap().to_owned();
    let asked = request(&daemon, "Campagne d'hiver");
    let grant = cli(
        &daemon.identity("admin2"),
        &["grant", "approve", "--yes", &asked],
    )
    .ok()
    .stdout
    .trim()
    .to_owned();

    let console = Console::start(&daemon, &[]);
    let driver = driver();
    block_on(async {
        let b = browser(&driver, 1280, 800).await;
        b.goto(&console.link).await.unwrap();
        let card = b
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(css(&format!("[data-delegation=\"{delegation}\"]")))
            .await
            .unwrap();
        let text = card.text().await.unwrap();
        assert!(
            text.contains("admin2") && text.contains("facebook-cest") && text.contains("active"),
            "{text}"
        );
        // Her delegate's grant is marked as taken in her name.
        let acting = b
            .find(css(&format!("[data-grant=\"{grant}\"] .acting")))
            .await
            .unwrap();
        assert!(
            acting
                .text()
                .await
                .unwrap()
                .contains("Par intérim : signée par admin2"),
            "{}",
            acting.text().await.unwrap()
        );

        // End it, and the grants issued under it.
        card.find(css("input[name=reason]"))
            .await
            .unwrap()
            .send_keys("Retour de congé")
            .await
            .unwrap();
        card.find(css("input[name=end_grants]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        card.find(css("[data-action=revoke-delegation]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let notice = b
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(css("p.notice"))
            .await
            .unwrap();
        let said = notice.text().await.unwrap();
        assert!(
            said.contains(&format!("Délégation {delegation} terminée"))
                && said.contains("Autorisations révoquées avec elle : 1"),
            "{said}"
        );
        let ended = b
            .find(css(&format!("[data-delegation=\"{delegation}\"]")))
            .await
            .unwrap();
        assert_eq!(
            ended.attr("data-state").await.unwrap().as_deref(),
            Some("revoked")
        );
        assert!(ended
            .find_all(css("[data-action=revoke-delegation]"))
            .await
            .unwrap()
            .is_empty());
        b.close().await.ok();
    });
    // Through the same RPC as the CLI: on record as her revocation, the grant ended with it.
    cli(
        &daemon.identity("admin"),
        &["credential", "get", "facebook-cest"],
    )
    .refused("facebook-cest");
    let log = cli(
        &daemon.identity("auditor"),
        &["--json", "audit", "log", "--action", "grant.revoke"],
    )
    .ok();
    let entries: Vec<serde_json::Value> = serde_json::from_str(&log.stdout).unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e["grant"] == grant.as_str() && e["principal"] == "authority"),
        "{entries:?}"
    );
}

/// The console's session cookie, from its one-time link.
fn session(console: &Console) -> String {
    let open = &console.link[console.base().len()..];
    let (status, head, _) = get(console.addr, open, &console.addr.to_string(), None);
    assert_eq!(status, 303, "{head}");
    head.lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .expect("a session cookie")
        .to_owned()
}

/// The `data-awaiting` card of `grant` in `page`, up to the next card or section.
fn awaiting_card<'a>(page: &'a str, grant: &str) -> &'a str {
    let start = page
        .find(&format!("data-awaiting=\"{grant}\""))
        .unwrap_or_else(|| panic!("no card for {grant} in {page}"));
    let rest = &page[start..];
    &rest[..rest.find("</article>").unwrap_or(rest.len())]
}

#[test]
fn a_grant_waiting_for_its_second_signature_is_shown_and_cosigned_from_the_page_not_by_its_first_signer(
) {
    use crate::delegation::admin2_acting_for;
    let daemon = Daemon::dev();
    admin2_acting_for(&daemon, 86_400, "facebook-cest");
    cli(
        &daemon.identity("authority"),
        &[
            "account",
            "approvals",
            "facebook-cest",
            "--set",
            "2",
            "--yes",
        ],
    )
    .ok();
    let approve = |who: &str, purpose: &str| {
        let asked = request(&daemon, purpose);
        cli(
            &daemon.identity(who),
            &["grant", "approve", "--yes", &asked],
        )
        .ok()
        .stdout
        .trim()
        .to_owned()
    };
    // One signed first by her delegate, one by herself.
    let by_admin2 = approve("admin2", "Campagne d'hiver");
    let by_her = approve("authority", "Vidéo du congrès");

    let console = Console::start(&daemon, &[]);
    let cookie = session(&console);
    let host = console.addr.to_string();
    let (status, _, page) = get(console.addr, "/", &host, Some(&cookie));
    assert_eq!(status, 200);
    assert!(
        page.contains("En attente d'une deuxième signature (2)"),
        "{page}"
    );
    // Who signed first, for whom, on what, when; and the button for the one she may sign.
    let theirs = awaiting_card(&page, &by_admin2);
    for words in [
        "admin2, le ",
        "par intérim (délégation ",
        "admin — facebook-cest",
        "Campagne d'hiver",
        "du ",
        "data-action=\"cosign\"",
        &format!("vault-cli grant cosign {by_admin2}"),
    ] {
        assert!(theirs.contains(words), "{words}\n{theirs}");
    }
    // Her own: said, and no button.
    let hers = awaiting_card(&page, &by_her);
    assert!(hers.contains("Vous l'avez signée en premier"), "{hers}");
    assert!(!hers.contains("data-action=\"cosign\""), "{hers}");
    // Even a form forged for her own grant signs nothing.
    let csrf = page
        .split("name=\"csrf\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let (status, _, refused) = post(
        console.addr,
        &format!("/grants/{by_her}/cosign"),
        &cookie,
        &format!("csrf={csrf}"),
    );
    assert_eq!(status, 422, "{refused}");
    assert!(refused.contains("Vous l'avez signée en premier"));
    let state = |grant: &str| {
        let out = cli(
            &daemon.identity("auditor"),
            &["--json", "grant", "show", grant],
        )
        .ok();
        serde_json::from_str::<serde_json::Value>(&out.stdout).unwrap()["state"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(state(&by_her), "awaiting_second_signature");

    // She adds the second signature to her delegate's grant from the page.
    let (status, head, _) = post(
        console.addr,
        &format!("/grants/{by_admin2}/cosign"),
        &cookie,
        &format!("csrf={csrf}"),
    );
    assert_eq!(status, 303, "{head}");
    let (_, _, page) = get(console.addr, "/", &host, Some(&cookie));
    assert!(
        page.contains(&format!(
            "Deuxième signature ajoutée à l'autorisation {by_admin2} (signée d'abord par admin2)"
        )),
        "{page}"
    );
    assert!(!page.contains(&format!("data-awaiting=\"{by_admin2}\"")));
    assert!(page.contains("En attente d'une deuxième signature (1)"));
    assert_eq!(state(&by_admin2), "active");
    cli(
        &daemon.identity("admin"),
        &["credential", "get", "facebook-cest"],
    )
    .ok();
    // On record as her second signature, through the same RPC as `grant cosign`.
    let log = cli(
        &daemon.identity("auditor"),
        &["--json", "audit", "log", "--action", "grant.cosign"],
    )
    .ok();
    let entries: Vec<serde_json::Value> = serde_json::from_str(&log.stdout).unwrap();
    assert!(
        entries.iter().any(|e| e["principal"] == "authority"
            && e["outcome"] == "allowed"
            && e["target"] == by_admin2.as_str()),
        "{entries:?}"
    );
}
