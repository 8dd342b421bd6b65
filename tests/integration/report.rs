//! `audit report`: the review document, offline from a verified export of the real daemon's
//! log, in every format and both languages; and the HTML form rendered in headless Chromium.

use crate::harness::*;
use std::path::{Path, PathBuf};

/// A dev vault with a little of everything a reviewer looks for, exported.
struct Reviewed {
    daemon: Daemon,
    export: PathBuf,
    key: String,
}

pub(crate) fn grant_id(run: &CliRun) -> String {
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    value["id"].as_str().unwrap().to_owned()
}

fn reviewed() -> Reviewed {
    let d = Daemon::dev();
    let (admin, admin2, authority, auditor) = (
        d.identity("admin"),
        d.identity("admin2"),
        d.identity("authority"),
        d.identity("auditor"),
    );
    // Requested and approved, then used for a password and a login.
    let request = cli(
        &admin,
        &[
            "--json",
            "grant",
            "request",
            "facebook-cest",
            "--purpose",
            "Campagne <d'automne>",
            "--for",
            "8h",
        ],
    )
    .ok();
    let request = grant_id(&request);
    cli(&authority, &["grant", "approve", "--yes", &request]).ok();
    cli(&admin, &["credential", "get", "facebook-cest"]).ok();
    cli(
        &admin,
        &["credential", "get", "facebook-cest", "--field", "login"],
    )
    .ok();
    // A denial, with the exit status scripts use for it.
    let denied = cli(&admin2, &["credential", "get", "facebook-cest"]);
    assert_eq!(denied.code, 4, "{}", denied.stderr);
    // A grant to a non-administrator, a self-grant, a revoked grant used before its revocation.
    let issue = |to: &str, account: &str, purpose: &str| {
        grant_id(
            &cli(
                &authority,
                &[
                    "--json",
                    "grant",
                    "issue",
                    "--to",
                    to,
                    "--account",
                    account,
                    "--purpose",
                    purpose,
                    "--for",
                    "2h",
                ],
            )
            .ok(),
        )
    };
    issue("auditor", "x-cest", "Vérification ponctuelle");
    issue("authority", "linkedin-cest", "Publication urgente");
    let revoked = issue("admin2", "youtube-cest", "Vidéo annuelle");
    cli(&admin2, &["credential", "get", "youtube-cest"]).ok();
    cli(
        &authority,
        &["grant", "revoke", &revoked, "--reason", "Mandat terminé"],
    )
    .ok();
    // A request refused by the authority.
    let second = grant_id(
        &cli(
            &admin,
            &[
                "--json",
                "grant",
                "request",
                "flickr-cest",
                "--purpose",
                "Album",
                "--for",
                "1h",
            ],
        )
        .ok(),
    );
    cli(
        &authority,
        &["grant", "deny", &second, "--reason", "Pas nécessaire"],
    )
    .ok();
    let export = d.dir.path().join("export");
    cli(
        &auditor,
        &["audit", "export", "--out", export.to_str().unwrap()],
    )
    .ok();
    let key = cli(&auditor, &["audit", "key"])
        .ok()
        .stdout
        .trim()
        .to_owned();
    Reviewed {
        daemon: d,
        export,
        key,
    }
}

/// `vault-cli audit report` without an identity: offline.
pub(crate) fn report(dir: &Path, key: &str, extra: &[&str], lang: &str) -> CliRun {
    let mut args = vec!["audit", "report", dir.to_str().unwrap(), "--key", key];
    args.extend_from_slice(extra);
    cli_with(Path::new("/nonexistent"), &args, None, &[("LANG", lang)])
}

#[test]
fn an_offline_report_lists_releases_grants_denials_and_events_in_both_languages() {
    let r = reviewed();
    let text = report(&r.export, &r.key, &[], "en_CA.UTF-8").ok().stdout;
    for needle in [
        "Audit log review report",
        "Vault (log origin)",
        "vaultd/",
        "export verified offline with the key given",
        "Times shown in",
        "America/Montreal",
        "-- facebook-cest",
        "password v1",
        "Campagne <d'automne>",
        "Grants to a principal who is not an administrator",
        "Vérification ponctuelle",
        "Publication urgente",
        "Mandat terminé",
        "Pas nécessaire",
        "no grant",
        // Actions read as words in the reader's language (JSON keeps their codes).
        "enrol a principal",
        "release a credential",
        "role(s): auditor",
        "set a secret",
    ] {
        assert!(text.contains(needle), "{needle:?} missing:\n{text}");
    }
    // A login release is listed, not only counted.
    let facebook = text.split("-- facebook-cest").nth(1).unwrap();
    assert!(
        facebook.lines().take(4).any(|l| l.contains(" login ")),
        "{facebook}"
    );

    let french = report(&r.export, &r.key, &[], "fr_CA.UTF-8").ok().stdout;
    for needle in [
        "Rapport de revue du journal d'accès",
        "Coffre (origine du journal)",
        "Remises, par compte",
        "Autorisations à soi-même",
        "Tentatives refusées",
        "aucune autorisation",
        "inscrire une personne",
        "remettre un identifiant",
    ] {
        assert!(french.contains(needle), "{needle:?} missing:\n{french}");
    }

    // JSON: the model, with the checkpoint it was verified against.
    let json = report(&r.export, &r.key, &["--format", "json"], "en_CA.UTF-8")
        .ok()
        .stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["origin"].as_str().unwrap().starts_with("vaultd/"));
    assert!(v["checkpoint"]["size"].as_u64().unwrap() > 20);
    let review = &v["review"];
    let facebook = review["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["account"] == "facebook-cest")
        .unwrap();
    let fields: Vec<&str> = facebook["releases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["password v1", "login"]);
    let grants = review["grants"].as_array().unwrap();
    let by_grantee = |who: &str| {
        grants
            .iter()
            .find(|g| g["grantee"] == who)
            .unwrap_or_else(|| panic!("no grant to {who}: {grants:?}"))
    };
    assert_eq!(by_grantee("admin")["purpose"], "Campagne <d'automne>");
    assert!(by_grantee("admin")["approved_request"].is_string());
    assert_eq!(by_grantee("auditor")["to_non_admin"], true);
    assert_eq!(by_grantee("authority")["self_grant"], true);
    assert_eq!(by_grantee("admin2")["revoked"]["reason"], "Mandat terminé");
    // Revoked after the password was released under it: rotation recommended.
    let youtube = review["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["account"] == "youtube-cest")
        .unwrap();
    assert!(youtube["rotation_since"].is_string(), "{youtube}");
    assert_eq!(review["denied_requests"][0]["reason"], "Pas nécessaire");
    assert!(review["denials"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["principal"] == "admin2" && d["reason"] == "no_grant"));

    // CSV: one record per row, section first, fields quoted where needed.
    let csv = report(&r.export, &r.key, &["--format", "csv"], "en_CA.UTF-8")
        .ok()
        .stdout;
    assert!(
        csv.lines().any(
            |l| l.starts_with("\"Releases, per account — facebook-cest\",")
                && l.contains("password v1")
        ),
        "{csv}"
    );

    // The online form: the same report, said to rest on the vault's own key.
    let online = cli(&r.daemon.identity("auditor"), &["audit", "report"])
        .ok()
        .stdout;
    assert!(online.contains("read online"), "{online}");
    assert!(online.contains("Campagne <d'automne>"), "{online}");
}

#[test]
fn a_report_is_refused_with_status_3_when_the_export_does_not_verify() {
    let r = reviewed();
    let out = r.daemon.dir.path().join("report.html");
    let out_arg = out.to_str().unwrap();
    // Another vault's key.
    let other_key = vaultd::tlog::note::Signer::generate("vaultd/other")
        .unwrap()
        .verifier()
        .to_key_string();
    let run = report(&r.export, &other_key, &["--out", out_arg], "en_CA.UTF-8");
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        !out.exists(),
        "no report from an export that does not verify"
    );

    // One altered entry: the purpose of a grant.
    let entries = r.export.join("entries.jsonl");
    let text = std::fs::read_to_string(&entries).unwrap();
    std::fs::write(
        &entries,
        text.replacen("Mandat terminé", "Mandat terminE", 1),
    )
    .unwrap();
    let run = report(&r.export, &r.key, &["--out", out_arg], "fr_CA.UTF-8");
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("vérification ÉCHOUÉE"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
    std::fs::write(&entries, text).unwrap();

    // A witness that never co-signed.
    let stranger = vaultd::tlog::cosignature::WitnessVerifier::of(
        &vaultd::tlog::note::Signer::generate("witness.test/w9").unwrap(),
    )
    .to_key_string();
    let run = report(&r.export, &r.key, &["--witness", &stranger], "en_CA.UTF-8");
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stdout.is_empty());

    // Usage errors exit 2, and --json errors carry a code.
    let run = report(&r.export, &r.key, &["--from", "yesterday"], "en_CA.UTF-8");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--from"), "{}", run.stderr);
    let run = report(
        &r.export,
        &r.key,
        &["--business-hours", "lun-ven 8-17"],
        "en_CA.UTF-8",
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    let run = cli(
        &r.daemon.identity("admin2"),
        &["--json", "credential", "get", "facebook-cest"],
    );
    assert_eq!(run.code, 4);
    let error: serde_json::Value = serde_json::from_str(run.stderr.trim()).unwrap();
    assert_eq!(error["error"]["code"], "no_grant");
    assert_eq!(error["error"]["exit"], 4);

    // The untouched export still reports.
    report(&r.export, &r.key, &["--out", out_arg], "en_CA.UTF-8").ok();
    assert!(out.exists());
}

#[test]
fn audit_key_and_checkpoint_honour_json() {
    let d = Daemon::dev();
    let auditor = d.identity("auditor");
    let key: serde_json::Value =
        serde_json::from_str(&cli(&auditor, &["--json", "audit", "key"]).ok().stdout).unwrap();
    assert!(key["verifier_key"].as_str().unwrap().starts_with("vaultd/"));
    let checkpoint: serde_json::Value = serde_json::from_str(
        &cli(&auditor, &["--json", "audit", "checkpoint"])
            .ok()
            .stdout,
    )
    .unwrap();
    assert!(checkpoint["size"].as_u64().unwrap() > 0);
    assert!(checkpoint["note"].as_str().unwrap().contains("\n— vaultd/"));
}

/// Headless Chromium (Debian's `chromium`, installed by .ci/run), with a throwaway profile,
/// 1280 px wide, on `page`; `args` say what to make of it.
pub(crate) fn chromium(page: &Path, height: u32, args: &[String]) -> std::process::Output {
    let chromium = ["chromium", "/usr/lib/chromium/chromium", "chromium-browser"]
        .into_iter()
        .find(|c| {
            std::process::Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("headless Chromium is needed for this test: apt-get install chromium");
    let profile = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("timeout")
        .arg("120")
        .arg(chromium)
        .env("HOME", profile.path())
        .env("XDG_CONFIG_HOME", profile.path().join(".config"))
        .env("XDG_CACHE_HOME", profile.path().join(".cache"))
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--enable-logging=stderr",
            "--v=0",
            "--hide-scrollbars",
        ])
        .arg(format!("--window-size=1280,{height}"))
        .arg(format!(
            "--user-data-dir={}",
            profile.path().join("p").display()
        ))
        .args(args)
        .arg(format!("file://{}", page.canonicalize().unwrap().display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The DOM Chromium rendered and its stderr, where console messages appear.
fn render_in_chromium(page: &Path, screenshot: Option<&Path>) -> (String, String) {
    let mut args = vec!["--dump-dom".to_owned()];
    if let Some(shot) = screenshot {
        args.push(format!("--screenshot={}", shot.display()));
    }
    let out = chromium(page, 2200, &args);
    let (dom, err) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(!dom.trim().is_empty(), "{err}");
    (dom, err)
}

#[test]
fn the_html_report_of_the_dev_vault_renders_in_headless_chromium() {
    let r = reviewed();
    let page = r.daemon.dir.path().join("report.html");
    report(
        &r.export,
        &r.key,
        &["--format", "html", "--out", page.to_str().unwrap()],
        "fr_CA.UTF-8",
    )
    .ok();
    let html = std::fs::read_to_string(&page).unwrap();
    // Self-contained: nothing to fetch, no script.
    assert!(!html.contains("<script"), "no script");
    let outside = html.replace("http://www.w3.org/2000/svg", "");
    assert!(!outside.contains("http://") && !outside.contains("https://"));
    assert!(
        !html.contains("Campagne <d'automne>"),
        "log text is escaped"
    );

    let shot = r.daemon.dir.path().join("report.png");
    let (dom, stderr) = render_in_chromium(&page, Some(&shot));
    let problems: Vec<&str> = stderr
        .lines()
        .filter(|l| {
            l.contains(":CONSOLE") || l.contains("Uncaught") || l.contains("Page load failed")
        })
        .collect();
    assert!(
        problems.is_empty(),
        "console messages:\n{}",
        problems.join("\n")
    );
    assert!(dom.contains("<html lang=\"fr\""), "{dom}");
    assert!(dom.contains("Rapport de revue du journal d'accès"));
    for account in [
        "facebook-cest",
        "youtube-cest",
        "linkedin-cest",
        "x-cest",
        "flickr-cest",
    ] {
        assert!(
            dom.contains(&format!("data-account=\"{account}\"")),
            "timeline of {account} missing"
        );
    }
    // The timelines' own marks (the legend uses the same classes on other elements).
    let count = |class: &str| dom.matches(&format!("<rect class=\"{class}\"")).count();
    // Marks are binned per pixel column: facebook's and youtube's releases give one mark at
    // least each, and there are four releases in all.
    assert!((2..=4).contains(&count("release")), "{}", count("release"));
    // admin2's refused release on facebook-cest.
    assert!(count("denial") >= 1, "{}", count("denial"));
    // One bar per grant: facebook, x, linkedin, youtube.
    assert_eq!(count("grant"), 4);
    assert!(dom.contains("Campagne &lt;d'automne&gt;"));
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a real screenshot"
    );
}

/// Runs `vault-cli ARGS` under a pseudo-terminal (`script`, from util-linux, which every
/// Debian has), so that stderr is a terminal; returns what the terminal showed.
fn on_a_terminal(args: &[&str], lang: &str) -> String {
    let command = std::iter::once(vault_cli_path().display().to_string())
        .chain(args.iter().map(|a| format!("'{a}'")))
        .collect::<Vec<_>>()
        .join(" ");
    let out = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env("LANG", lang)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("script (util-linux)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn long_audit_work_draws_a_progress_bar_on_a_terminal_and_none_with_json() {
    let r = reviewed();
    let dir = r.export.to_str().unwrap();
    let out = r.daemon.dir.path().join("report.txt");
    // On a terminal: the bar, labelled in the reader's language, then the result.
    let shown = on_a_terminal(&["audit", "verify", dir, "--key", &r.key], "fr_CA.UTF-8");
    assert!(shown.contains("vérification ["), "{shown}");
    let shown = on_a_terminal(
        &[
            "audit",
            "report",
            dir,
            "--key",
            &r.key,
            "--out",
            out.to_str().unwrap(),
        ],
        "en_CA.UTF-8",
    );
    assert!(shown.contains("verifying ["), "{shown}");
    assert!(out.exists());
    // With --json, none, even on a terminal; and none when stderr is a pipe (every other test).
    let shown = on_a_terminal(
        &["--json", "audit", "verify", dir, "--key", &r.key],
        "en_CA.UTF-8",
    );
    assert!(!shown.contains("verifying"), "{shown}");
    assert!(
        shown.contains("\"ok\": true") || shown.contains("\"ok\":true"),
        "{shown}"
    );
    let piped = report(
        &r.export,
        &r.key,
        &["--out", out.to_str().unwrap()],
        "en_CA.UTF-8",
    )
    .ok();
    assert!(!piped.stderr.contains("verifying"), "{}", piped.stderr);
}
