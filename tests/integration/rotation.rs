//! Rotation in two phases on the real daemon (issue 23): an administrator under a grant stages a
//! new password, gets it with the current one, and confirms; another stages and aborts; refusals
//! for a second stage, a confirmation with nothing staged, someone without a grant; and a
//! kill -9 between stage and confirm loses nothing.

use crate::harness::*;
use crate::notify::{dev_config, Notifier, Smtp, MAIL_WITHIN};
use std::time::Duration;

/// A grant from the dev authority to `to` for `account`; returns its id.
fn grant(d: &Daemon, to: &str, account: &str, uses: &str) -> String {
    let out = cli(
        &d.identity("authority"),
        &[
            "grant",
            "issue",
            "--to",
            to,
            "--account",
            account,
            "--purpose",
            "rotation annuelle",
            "--for",
            "1h",
            "--max-uses",
            uses,
        ],
    )
    .ok();
    out.stdout.trim().to_owned()
}

fn sample_password(id: &str) -> &'static str {
    vaultd::daemon::dev::SAMPLE_ACCOUNTS
        .iter()
        .find(|a| a.id == id)
        .unwrap()
        .password
}

/// `secret rotate ACCOUNT --json`: (current password, new password, change page).
fn stage(d: &Daemon, who: &str, account: &str) -> (String, String, String) {
    let out = cli(
        &d.identity(who),
        &[
            "--json",
            "secret",
            "rotate",
            account,
            "--reason",
            "rotation annuelle",
        ],
    )
    .ok();
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let text = |key: &str| v[key].as_str().unwrap_or_default().to_owned();
    (
        text("current_password"),
        text("new_password"),
        text("change_url"),
    )
}

fn password(d: &Daemon, who: &str, account: &str) -> String {
    cli(&d.identity(who), &["credential", "get", account])
        .ok()
        .stdout
        .trim()
        .to_owned()
}

/// The allowed entries of `action`.
fn actions(d: &Daemon, action: &str) -> Vec<serde_json::Value> {
    let out = cli(
        &d.identity("auditor"),
        &[
            "--json",
            "audit",
            "log",
            "--action",
            action,
            "--outcome",
            "allowed",
        ],
    )
    .ok();
    serde_json::from_str(&out.stdout).unwrap()
}

#[test]
fn a_staged_password_is_released_with_the_current_one_and_becomes_current_on_confirmation() {
    let d = Daemon::dev();
    let account = "facebook-cest";
    grant(&d, "admin", account, "5");
    let (current, new, page) = stage(&d, "admin", account);
    assert_eq!(current, sample_password(account));
    assert_eq!(new.chars().count(), 24, "the default length");
    assert_ne!(new, current);
    assert_eq!(
        page,
        "https://accountscenter.facebook.com/password_and_security"
    );

    // Until confirmed, the vault keeps giving the current password.
    assert_eq!(password(&d, "admin", account), current);
    // A second stage is refused, saying who staged it, how long ago in words (no UTC time),
    // and what to do.
    let again =
        cli(&d.identity("admin"), &["secret", "rotate", account]).refused("was staged by admin ");
    assert!(
        again
            .stderr
            .contains(" s ago and waits for its confirmation")
            && !again.stderr.contains("Z)"),
        "{}",
        again.stderr
    );
    let fr = cli_with(
        &d.identity("admin"),
        &["secret", "rotate", account],
        None,
        &[("LANG", "fr_CA.UTF-8")],
    );
    assert!(
        fr.stderr
            .contains("attend déjà sa confirmation, préparé par admin depuis "),
        "{}",
        fr.stderr
    );

    let confirmed = cli(
        &d.identity("admin"),
        &["secret", "rotate", account, "--confirm"],
    )
    .ok();
    assert!(
        confirmed.stdout.contains("is now current"),
        "{}",
        confirmed.stdout
    );
    assert_eq!(password(&d, "admin", account), new);
    // Nothing staged any more: a second confirmation and an abort are refused.
    cli(
        &d.identity("admin"),
        &["secret", "rotate", account, "--confirm"],
    )
    .refused("no new password waits");
    cli(
        &d.identity("admin"),
        &["secret", "rotate", account, "--abort"],
    )
    .refused("no new password waits");

    // History names the rotation; the log has the stage (both fields and the version held) and
    // the confirmation.
    let history = cli(
        &d.identity("operator"),
        &["--json", "secret", "history", account],
    )
    .ok();
    let versions: Vec<serde_json::Value> = serde_json::from_str(&history.stdout).unwrap();
    assert!(
        versions.last().unwrap()["rotation"].is_string(),
        "{versions:?}"
    );
    assert!(versions[0]["rotation"].is_null());
    let staged = actions(&d, "secret.rotate");
    let detail = staged[0]["detail"].as_str().unwrap();
    assert!(
        detail.contains("field=password+password-staged"),
        "{detail}"
    );
    assert!(detail.contains("version=1"), "{detail}");
    assert_eq!(actions(&d, "secret.rotate.confirm").len(), 1);
    // No value reaches the log.
    let everything = cli(&d.identity("auditor"), &["--json", "audit", "log"])
        .ok()
        .stdout;
    assert!(!everything.contains(&new) && !everything.contains(&current));
}

#[test]
fn rotation_is_refused_without_a_grant_and_an_abort_keeps_the_current_password() {
    let d = Daemon::dev();
    let account = "youtube-cest";
    // Without a grant nobody stages, an operator included: nothing is staged.
    cli(&d.identity("admin2"), &["secret", "rotate", account]).refused("no valid art. 3 grant");
    cli(&d.identity("operator"), &["secret", "rotate", account]).refused("admin");
    cli(
        &d.identity("operator"),
        &["secret", "rotate", account, "--abort"],
    )
    .refused("no new password waits");

    grant(&d, "admin2", account, "3");
    let (current, _, _) = stage(&d, "admin2", account);
    // Another administrator without a grant may neither confirm nor abort it.
    cli(
        &d.identity("admin"),
        &["secret", "rotate", account, "--confirm"],
    )
    .refused("grant");
    cli(
        &d.identity("admin"),
        &["secret", "rotate", account, "--abort"],
    )
    .refused("grant");
    let aborted = cli(
        &d.identity("admin2"),
        &["secret", "rotate", account, "--abort"],
    )
    .ok();
    assert!(aborted.stdout.contains("aborted"), "{}", aborted.stdout);
    assert_eq!(password(&d, "admin2", account), current);
    assert_eq!(actions(&d, "secret.rotate.abort").len(), 1);
    // Refusals are on record too.
    let refused = cli(
        &d.identity("auditor"),
        &[
            "--json",
            "audit",
            "log",
            "--action",
            "secret.rotate",
            "--outcome",
            "denied",
        ],
    )
    .ok();
    let refused: Vec<serde_json::Value> = serde_json::from_str(&refused.stdout).unwrap();
    assert!(!refused.is_empty());
}

#[test]
fn a_kill_9_between_stage_and_confirm_loses_nothing() {
    let d = Daemon::dev();
    let account = "x-cest";
    grant(&d, "admin", account, "5");
    let (_, new, _) = stage(&d, "admin", account);
    let mut d = d;
    d.kill9();
    // Offline, the data key opens the staged value with every version's (`vaultd check`), and
    // a rekey re-seals it with them.
    let dev = d.vault_dir();
    let offline = |command: &str| {
        let out = std::process::Command::new(VAULTD)
            .args([command, "--data-dir"])
            .arg(dev.join("vault"))
            .arg("--unseal-identity")
            .arg(dev.join("unseal.key"))
            .env("LANG", "en_CA.UTF-8")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let checked = offline("check");
    assert!(
        checked.contains("sealed values opened, all intact"),
        "{checked}"
    );
    let rekeyed = offline("rekey");
    assert!(rekeyed.contains("secret values re-sealed"), "{rekeyed}");
    let after = offline("check");
    assert_eq!(after, checked, "the same values open under the new key");
    let d = d.kill9_and_resume_dev();
    // The staged password is there, whole: confirming makes it current.
    cli(
        &d.identity("admin"),
        &["secret", "rotate", account, "--confirm"],
    )
    .ok();
    assert_eq!(password(&d, "admin", account), new);
    // The new version names the stage it came from.
    let history = cli(
        &d.identity("operator"),
        &["--json", "secret", "history", account],
    )
    .ok();
    let versions: Vec<serde_json::Value> = serde_json::from_str(&history.stdout).unwrap();
    assert!(
        versions.last().unwrap()["rotation"].is_string(),
        "{versions:?}"
    );
}

/// `credential get ACCOUNT --field FIELD` as `who`.
fn get_field(d: &Daemon, who: &str, account: &str, field: &str) -> CliRun {
    cli(
        &d.identity(who),
        &["credential", "get", account, "--field", field],
    )
}

#[test]
fn the_staged_password_goes_to_its_stager_alone_under_a_grant_and_is_held_once_confirmed() {
    let d = Daemon::dev();
    let account = "linkedin-cest";
    // One use: the stage spends it.
    grant(&d, "admin", account, "1");
    // Nothing staged yet: refused, in the reader's words.
    get_field(&d, "admin", account, "password-staged").refused("no new password waits");

    let (current, new, _) = stage(&d, "admin", account);
    // The fetch is a release: it needs a grant `decide` allows now, not the one staged under.
    get_field(&d, "admin", account, "password-staged").refused("no valid art. 3 grant");
    let second = grant(&d, "admin", account, "5");
    let fetched = get_field(&d, "admin", account, "password-staged").ok();
    assert_eq!(fetched.stdout.trim(), new);
    assert!(
        fetched.stderr.contains("new password (staged)"),
        "{}",
        fetched.stderr
    );
    // The current password is still the one released by default.
    assert_eq!(password(&d, "admin", account), current);
    // Someone without a grant learns nothing of the staged change: the usual refusal.
    get_field(&d, "admin2", account, "password-staged").refused("no valid art. 3 grant");
    // Another administrator, under a grant of their own: refused, naming who staged it.
    grant(&d, "admin2", account, "5");
    let other = get_field(&d, "admin2", account, "password-staged")
        .refused("is admin's: only the person who staged it may fetch it");
    assert_eq!(other.code, 4, "a refusal by the vault's rules");
    let fr = cli_with(
        &d.identity("admin2"),
        &["credential", "get", account, "--field", "password-staged"],
        None,
        &[("LANG", "fr_CA.UTF-8")],
    );
    assert!(
        fr.stderr
            .contains("a été préparé par admin : seule cette personne"),
        "{}",
        fr.stderr
    );
    // A password was staged, not a TOTP seed: no staged code to give.
    get_field(&d, "admin", account, "totp-staged").refused("no new password waits");

    // Audited as the staged field, naming the stage, with no value; the refusals too.
    let fetches: Vec<serde_json::Value> = actions(&d, "credential.get")
        .into_iter()
        .filter(|e| {
            e["detail"]
                .as_str()
                .is_some_and(|d| d.contains("field=password-staged"))
        })
        .collect();
    assert_eq!(fetches.len(), 1, "{fetches:?}");
    assert!(fetches[0]["detail"].as_str().unwrap().contains("stage="));
    let denied = cli(
        &d.identity("auditor"),
        &[
            "--json",
            "audit",
            "log",
            "--action",
            "credential.get",
            "--outcome",
            "denied",
        ],
    )
    .ok()
    .stdout;
    assert!(!denied.contains(&new));
    let denied: Vec<serde_json::Value> = serde_json::from_str(&denied).unwrap();
    let reasons = |field: &str| -> Vec<&str> {
        denied
            .iter()
            .filter(|e| e["detail"] == format!("field={field}"))
            .filter_map(|e| e["reason"].as_str())
            .collect()
    };
    // Nothing staged yet, the staging grant spent, no grant, someone else's (asked in English
    // then French); a TOTP seed not staged.
    assert_eq!(
        reasons("password-staged"),
        [
            "bad_request",
            "exhausted",
            "no_grant",
            "staged_by_another",
            "staged_by_another"
        ]
    );
    assert_eq!(reasons("totp-staged"), ["bad_request"]);

    // Confirmed: the fetch's holding becomes the new version's, and the staged field is gone.
    cli(
        &d.identity("admin"),
        &["secret", "rotate", account, "--confirm"],
    )
    .ok();
    get_field(&d, "admin", account, "password-staged").refused("no new password waits");
    assert!(!rotation_recommended(&d, account));
    // Ending the grant the staged password was fetched under (the staging one is still live)
    // makes the new password one to change: the fetch was held.
    cli(
        &d.identity("authority"),
        &["grant", "revoke", &second, "--reason", "fin"],
    )
    .ok();
    assert!(rotation_recommended(&d, account));
}

/// Whether `account show` says rotation is recommended for `id`.
fn rotation_recommended(d: &Daemon, id: &str) -> bool {
    let shown = cli(&d.identity("operator"), &["--json", "account", "show", id]).ok();
    serde_json::from_str::<serde_json::Value>(&shown.stdout).unwrap()["rotation_recommended"]
        .as_bool()
        .unwrap()
}

/// The allowed and denied entries of `action`.
fn entries(d: &Daemon, action: &str) -> Vec<serde_json::Value> {
    let out = cli(
        &d.identity("auditor"),
        &["--json", "audit", "log", "--action", action],
    )
    .ok();
    serde_json::from_str(&out.stdout).unwrap()
}

#[test]
fn a_rotation_staged_too_long_is_said_once_mailed_to_its_stager_and_the_operators_and_shown() {
    let d = Daemon::dev().served_with("[rotation]\nstaged_warn_after = \"1s\"\n");
    let smtp = Smtp::started(d.dir.path());
    let _notifier = Notifier::start(&dev_config(&d), &smtp);
    let account = "flickr-cest";
    grant(&d, "admin", account, "5");
    stage(&d, "admin", account);

    // Written by the clock a second later, as the vault's own act, naming the stager.
    wait_until("rotation.staged_stale", MAIL_WITHIN, || {
        !entries(&d, "rotation.staged_stale").is_empty()
    });
    let mail = smtp.wait_for("about the stale rotation", MAIL_WITHIN, |m| {
        m.subject.contains("staged by admin")
    });
    assert!(
        mail.to.contains("admin@vaultd.test") && mail.to.contains("operator@vaultd.test"),
        "{}",
        mail.to
    );
    assert!(
        mail.subject.contains("Une rotation préparée par admin"),
        "{}",
        mail.subject
    );
    for words in [
        "admin a préparé un nouveau mot de passe",
        "admin staged a new password",
        "vault-cli secret rotate flickr-cest --confirm",
        "(America/Montreal)",
    ] {
        assert!(mail.body.contains(words), "{words}: {}", mail.body);
    }
    // Once, not twice: the clock looks again (a second stage elsewhere wakes it) and says
    // nothing more of this one.
    grant(&d, "admin2", "x-cest", "5");
    stage(&d, "admin2", "x-cest");
    wait_until("the second stage's notice", MAIL_WITHIN, || {
        entries(&d, "rotation.staged_stale").len() == 2
    });
    std::thread::sleep(Duration::from_secs(2));
    let stale = entries(&d, "rotation.staged_stale");
    let targets: Vec<&str> = stale.iter().filter_map(|e| e["target"].as_str()).collect();
    assert_eq!(
        targets.iter().filter(|t| **t == account).count(),
        1,
        "{stale:?}"
    );
    assert!(stale.iter().all(|e| e["principal"] == "vaultd"));
    assert_eq!(
        smtp.mails()
            .iter()
            .filter(|m| m.subject.contains("staged by admin "))
            .count(),
        1
    );

    // account show says who, since when in local time, and for too long.
    let shown = cli(&d.identity("operator"), &["account", "show", account]).ok();
    assert!(
        shown.stdout.contains("new password staged by admin, ")
            && shown.stdout.contains("waiting for too long"),
        "{}",
        shown.stdout
    );
    let fr = cli_with(
        &d.identity("operator"),
        &["account", "show", account],
        None,
        &[("LANG", "fr_CA.UTF-8")],
    )
    .ok();
    assert!(
        fr.stdout
            .contains("nouveau mot de passe préparé par admin, le ")
            && fr.stdout.contains("en attente depuis trop longtemps"),
        "{}",
        fr.stdout
    );
    let json = cli(
        &d.identity("operator"),
        &["--json", "account", "show", account],
    )
    .ok();
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["staged"]["by"], "admin");
    assert_eq!(json["staged"]["stale"], true);
    // Confirmed: no longer shown.
    cli(
        &d.identity("admin"),
        &["secret", "rotate", account, "--confirm"],
    )
    .ok();
    let shown = cli(&d.identity("operator"), &["account", "show", account]).ok();
    assert!(!shown.stdout.contains("staged"), "{}", shown.stdout);
}

/// The allowed entries of `action` about `target`, waited for until there is one.
fn wait_entry(d: &Daemon, action: &str, target: &str) -> serde_json::Value {
    let mut found = None;
    wait_until(
        &format!("{action} about {target}"),
        std::time::Duration::from_secs(15),
        || {
            found = actions(d, action)
                .into_iter()
                .find(|e| e["target"] == target);
            found.is_some()
        },
    );
    found.unwrap()
}

#[test]
fn the_report_from_the_exported_log_tells_due_from_recommended_and_how_long_each_rotation_took() {
    let d = Daemon::dev();
    let op = d.identity("operator");
    // Due by age: x-cest stays due; youtube-cest is rotated (secret set) once due.
    for account in ["x-cest", "youtube-cest"] {
        cli(&op, &["account", "set", account, "--max-age", "1s"]).ok();
        wait_entry(&d, "rotation.due", account);
    }
    cli(
        &op,
        &["account", "set", "youtube-cest", "--default-max-age"],
    )
    .ok();
    cli_stdin(
        &op,
        &[
            "secret",
            "set",
            "youtube-cest",
            "--password-stdin",
            "--reason",
            "rotation annuelle",
        ],
        "Nouveau-mot-de-passe-youtube-2026!",
    )
    .ok();
    // Recommended after an exposure: facebook-cest seen under a grant since revoked.
    let g = grant(&d, "admin", "facebook-cest", "5");
    password(&d, "admin", "facebook-cest");
    cli(
        &d.identity("authority"),
        &["grant", "revoke", &g, "--reason", "fin du mandat"],
    )
    .ok();
    // A stage given up: listed as never confirmed. The account's own change page comes first.
    let own_page = "https://www.linkedin.com/psettings/change-password?page=cest";
    cli(
        &op,
        &["account", "set", "linkedin-cest", "--change-url", own_page],
    )
    .ok();
    grant(&d, "admin", "linkedin-cest", "5");
    let (_, _, page) = stage(&d, "admin", "linkedin-cest");
    assert_eq!(page, own_page);
    cli(
        &d.identity("admin"),
        &["secret", "rotate", "linkedin-cest", "--abort"],
    )
    .ok();

    let auditor = d.identity("auditor");
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
    let report = |extra: &[&str], lang: &str| {
        let mut args = vec!["audit", "report", export.to_str().unwrap(), "--key", &key];
        args.extend_from_slice(extra);
        cli_with(
            std::path::Path::new("/nonexistent"),
            &args,
            None,
            &[("LANG", lang)],
        )
        .ok()
        .stdout
    };

    let json: serde_json::Value =
        serde_json::from_str(&report(&["--format", "json"], "en_CA.UTF-8")).unwrap();
    let review = &json["review"];
    let account = |id: &str| {
        review["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["account"] == id)
            .unwrap_or_else(|| panic!("{id} not in {review}"))
            .clone()
    };
    assert!(account("x-cest")["due_since"].is_string());
    assert!(account("x-cest")["rotation_since"].is_null());
    assert!(account("facebook-cest")["rotation_since"].is_string());
    assert!(account("facebook-cest")["due_since"].is_null());
    assert!(account("youtube-cest")["due_since"].is_null());
    let done = review["rotations"].as_array().unwrap();
    assert_eq!(done.len(), 1, "{done:?}");
    assert_eq!(done[0]["account"], "youtube-cest");
    assert_eq!(done[0]["action"], "secret.set");
    assert_eq!(done[0]["cause"], "age");
    assert!(
        done[0]["took_secs"].as_i64().is_some_and(|s| s >= 0),
        "{done:?}"
    );
    let unconfirmed = review["stagings_unconfirmed"].as_array().unwrap();
    assert_eq!(unconfirmed.len(), 1, "{unconfirmed:?}");
    assert_eq!(unconfirmed[0]["account"], "linkedin-cest");
    assert!(unconfirmed[0]["aborted"].is_string());

    // As a person reads it, in English and French, text and HTML.
    let text = report(&[], "en_CA.UTF-8");
    for needle in [
        "Password rotation",
        "Passwords to change",
        "age (due: older than its maximum age)",
        "exposure (recommended: a grant under which it was seen ended)",
        "Rotations done",
        "TIME TO ROTATE",
        "New passwords staged, never confirmed",
    ] {
        assert!(text.contains(needle), "{needle} not in\n{text}");
    }
    let page = d.dir.path().join("report.html");
    report(
        &["--format", "html", "--out", page.to_str().unwrap()],
        "fr_CA.UTF-8",
    );
    let html = std::fs::read_to_string(&page).unwrap();
    for needle in [
        "Mots de passe à changer",
        "âge (due : plus vieux que son âge maximal)",
        "exposition (recommandée",
        "Délai de rotation",
        "jamais confirmés",
    ] {
        assert!(html.contains(needle), "{needle} not in the page");
    }
}

#[test]
fn a_staged_totp_seed_gives_its_stager_the_current_code_never_the_seed() {
    let d = Daemon::dev();
    let account = "youtube-cest";
    grant(&d, "admin", account, "5");
    // RFC 6238's test seed ("12345678901234567890"), as a platform would show it.
    let seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    cli_stdin(
        &d.identity("admin"),
        &["secret", "rotate", account, "--totp-seed-stdin"],
        &format!("{seed}\n"),
    )
    .ok();
    let code = cli(
        &d.identity("admin"),
        &[
            "--json",
            "credential",
            "get",
            account,
            "--field",
            "totp-staged",
        ],
    )
    .ok();
    let code: serde_json::Value = serde_json::from_str(&code.stdout).unwrap();
    let value = code["value"].as_str().unwrap();
    assert!(
        value.len() == 6 && value.chars().all(|c| c.is_ascii_digit()),
        "{code}"
    );
    assert!(
        code["valid_for_secs"].as_u64().is_some_and(|s| s <= 30),
        "{code}"
    );
    assert_eq!(code["field"], "totp-staged");
    assert!(!code.to_string().contains(seed));
    // A seed was staged, not a password.
    cli(
        &d.identity("admin"),
        &["credential", "get", account, "--field", "password-staged"],
    )
    .refused("no new password waits");
}
