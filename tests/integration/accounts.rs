//! Accounts and secret versions through vault-cli: the operator's flows, role checks, and each
//! kind of bad input refused with a clear message and nothing changed.

use crate::harness::*;

#[test]
fn the_operator_adds_shows_and_archives_an_account() {
    let daemon = Daemon::dev();
    let op = daemon.identity("operator");
    let added = cli(
        &op,
        &[
            "account",
            "add",
            "wiki-cest",
            "--platform",
            "wiki",
            "--login",
            "wiki-admin",
            "--url",
            "https://wiki.cest.example",
            "--note",
            "intranet",
        ],
    )
    .ok();
    assert!(
        added.stdout.contains("Account wiki-cest added."),
        "{}",
        added.stdout
    );
    let shown = cli(&op, &["--json", "account", "show", "wiki-cest"]).ok();
    let shown: serde_json::Value = serde_json::from_str(&shown.stdout).unwrap();
    assert_eq!(shown["platform"], "wiki");
    assert_eq!(shown["login"], "wiki-admin");
    assert_eq!(shown["current_version"], 0);
    assert_eq!(shown["created_by"], "operator");

    cli(
        &op,
        &[
            "account",
            "add",
            "wiki-cest",
            "--platform",
            "wiki",
            "--login",
            "other",
        ],
    )
    .refused("account wiki-cest already exists");
    let after: serde_json::Value = serde_json::from_str(
        &cli(&op, &["--json", "account", "show", "wiki-cest"])
            .ok()
            .stdout,
    )
    .unwrap();
    assert_eq!(
        after["login"], "wiki-admin",
        "a refused duplicate changes nothing"
    );

    cli(&op, &["account", "archive", "wiki-cest"]).ok();
    cli(&op, &["account", "archive", "wiki-cest"]).refused("account wiki-cest is archived");
    let active = cli(&op, &["account", "list"]).ok();
    assert!(
        !active.stdout.contains("wiki-cest"),
        "archived accounts are hidden by default"
    );
    let all = cli(&op, &["account", "list", "--all"]).ok();
    assert!(
        all.stdout.contains("wiki-cest") && all.stdout.contains("archived"),
        "{}",
        all.stdout
    );
    cli_stdin(
        &op,
        &[
            "secret",
            "set",
            "wiki-cest",
            "--password-stdin",
            "--reason",
            "r",
        ],
        "pw-123456\n",
    )
    .refused("account wiki-cest is archived");
}

#[test]
fn secret_versions_append_and_history_shows_metadata_only() {
    let daemon = Daemon::dev();
    let op = daemon.identity("operator");
    let set = cli_stdin(
        &op,
        &[
            "secret",
            "set",
            "youtube-cest",
            "--password-stdin",
            "--reason",
            "changed on the platform",
        ],
        "Nouveau-Mot-2026\n",
    )
    .ok();
    assert!(
        set.stdout.contains("Version 2 of youtube-cest stored"),
        "{}",
        set.stdout
    );
    let generated = cli(
        &op,
        &[
            "secret",
            "set",
            "youtube-cest",
            "--generate",
            "--length",
            "32",
            "--reason",
            "rotation",
        ],
    )
    .ok();
    assert!(
        generated.stdout.contains("Version 3"),
        "{}",
        generated.stdout
    );
    assert!(!generated.stdout.contains("Nouveau"));
    cli_stdin(
        &op,
        &[
            "secret",
            "set",
            "youtube-cest",
            "--totp-seed-stdin",
            "--reason",
            "2FA on",
        ],
        "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ\n",
    )
    .ok();
    let history = cli(&op, &["--json", "secret", "history", "youtube-cest"]).ok();
    let versions: Vec<serde_json::Value> = serde_json::from_str(&history.stdout).unwrap();
    assert_eq!(versions.len(), 4);
    assert_eq!(versions[1]["reason"], "changed on the platform");
    assert_eq!(versions[1]["created_by"], "operator");
    assert_eq!(versions[2]["generated"], true);
    assert_eq!(versions[3]["totp_set"], true);
    assert_eq!(versions[3]["password_set"], false);
    assert!(!history.stdout.contains("Nouveau-Mot-2026"));
    let account: serde_json::Value = serde_json::from_str(
        &cli(&op, &["--json", "account", "show", "youtube-cest"])
            .ok()
            .stdout,
    )
    .unwrap();
    assert_eq!(account["current_version"], 4);
    assert_eq!(account["has_totp"], true);
    // A second password and seed on two lines of one stdin.
    cli_stdin(
        &op,
        &[
            "secret",
            "set",
            "x-cest",
            "--password-stdin",
            "--totp-seed-stdin",
            "--reason",
            "both",
        ],
        "Pw-Both-123\nJBSWY3DPEHPK3PXP\n",
    )
    .ok();
    let x: Vec<serde_json::Value> = serde_json::from_str(
        &cli(&op, &["--json", "secret", "history", "x-cest"])
            .ok()
            .stdout,
    )
    .unwrap();
    assert_eq!(
        (x[1]["password_set"].as_bool(), x[1]["totp_set"].as_bool()),
        (Some(true), Some(true))
    );
}

#[test]
fn roles_other_than_operator_cannot_change_accounts_or_secrets() {
    let daemon = Daemon::dev();
    for stem in ["admin", "authority", "auditor"] {
        let id = daemon.identity(stem);
        cli(
            &id,
            &[
                "account",
                "add",
                "blog-cest",
                "--platform",
                "blog",
                "--login",
                "x",
            ],
        )
        .refused("lacks the role this operation needs (operator)");
        cli_stdin(
            &id,
            &[
                "secret",
                "set",
                "facebook-cest",
                "--password-stdin",
                "--reason",
                "r",
            ],
            "pw-123456\n",
        )
        // An administrator may store a password only under a valid grant for the account.
        .refused(if stem == "admin" {
            "no valid art. 3 grant for facebook-cest"
        } else {
            "(operator)"
        });
        cli(&id, &["account", "archive", "facebook-cest"]).refused("(operator)");
        cli(&id, &["principal", "list"]).refused("(operator)");
        cli(&id, &["seal"]).refused("(operator)");
        // Reading metadata is fine for every role.
        cli(&id, &["account", "show", "facebook-cest"]).ok();
    }
    let op = daemon.identity("operator");
    let history = cli(&op, &["--json", "secret", "history", "facebook-cest"]).ok();
    let versions: Vec<serde_json::Value> = serde_json::from_str(&history.stdout).unwrap();
    assert_eq!(versions.len(), 1, "no refused call added a version");
}

#[test]
fn bad_input_gets_a_clear_error_and_changes_nothing() {
    let daemon = Daemon::dev();
    let op = daemon.identity("operator");
    let long_note = "n".repeat(vaultd::limits::MAX_NOTE + 1);
    let long_login = "l".repeat(vaultd::limits::MAX_LOGIN + 1);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "account",
                "add",
                "Bad Id",
                "--platform",
                "blog",
                "--login",
                "x",
            ],
            "account: invalid format",
        ),
        (
            vec![
                "account",
                "add",
                "blog-cest",
                "--platform",
                "myspace",
                "--login",
                "x",
            ],
            "[possible values: facebook, youtube, linkedin, x, flickr, instagram, tiktok, threads, bluesky, mastodon, blog, wiki, other]",
        ),
        (
            vec![
                "account",
                "add",
                "blog-cest",
                "--platform",
                "blog",
                "--login",
                "",
            ],
            "login: empty value",
        ),
        (
            vec![
                "account",
                "add",
                "blog-cest",
                "--platform",
                "blog",
                "--login",
                &long_login,
            ],
            "login: too long (at most 256)",
        ),
        (
            vec![
                "account",
                "add",
                "blog-cest",
                "--platform",
                "blog",
                "--login",
                "x",
                "--note",
                &long_note,
            ],
            "note: too long (at most 1024)",
        ),
        (
            vec![
                "account",
                "add",
                "blog-cest",
                "--platform",
                "blog",
                "--login",
                "x",
                "--url",
                "ftp://x",
            ],
            "url: invalid format",
        ),
        (
            vec!["account", "show", "nope-cest"],
            "unknown account: nope-cest",
        ),
        (
            vec!["secret", "history", "nope-cest"],
            "unknown account: nope-cest",
        ),
        (
            vec![
                "secret",
                "set",
                "x-cest",
                "--generate",
                "--length",
                "4",
                "--reason",
                "r",
            ],
            "length: too short (at least 12)",
        ),
        (
            vec!["secret", "set", "x-cest", "--generate", "--reason", ""],
            "reason: empty value",
        ),
        (
            vec!["secret", "set", "nope-cest", "--generate", "--reason", "r"],
            "unknown account: nope-cest",
        ),
        (
            vec!["secret", "set", "x-cest", "--reason", "r"],
            "nothing to set",
        ),
    ];
    for (args, message) in cases {
        cli(&op, &args).refused(message);
    }
    let long_password = "p".repeat(vaultd::limits::MAX_PASSWORD + 1);
    let stdin_cases: Vec<(&str, &str)> = vec![
        ("\n", "password: empty value"),
        (&long_password, "password: too long (at most 1024)"),
    ];
    for (stdin, message) in stdin_cases {
        cli_stdin(
            &op,
            &[
                "secret",
                "set",
                "x-cest",
                "--password-stdin",
                "--reason",
                "r",
            ],
            stdin,
        )
        .refused(message);
    }
    cli_stdin(
        &op,
        &[
            "secret",
            "set",
            "x-cest",
            "--totp-seed-stdin",
            "--reason",
            "r",
        ],
        "not base32!\n",
    )
    .refused("totp_seed: invalid format");
    let status = cli(&op, &["--json", "status"]).ok();
    let status: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    assert_eq!(status["accounts"], 5, "no account was added");
    assert_eq!(status["secret_versions"], 5, "no version was added");
}

#[test]
fn the_server_enforces_limits_even_when_a_client_skips_them() {
    // A stock gRPC client, not vault-cli: the daemon must check on its own.
    let daemon = Daemon::dev();
    let identity = vaultd::identity::Identity::load(&daemon.identity("operator"), || None).unwrap();
    block_on(async {
        let channel = vaultd::wire::client::connect(&identity, None)
            .await
            .unwrap();
        let mut accounts = vaultd::wire::pb::accounts_client::AccountsClient::new(channel.clone());
        let status = accounts
            .add(vaultd::wire::pb::AddAccountRequest {
                id: "blog-cest".into(),
                platform: "blog".into(),
                login: "x".repeat(5000),
                url: String::new(),
                note: String::new(),
                ..Default::default()
            })
            .await
            .unwrap_err();
        assert_eq!(status.code(), tonic::Code::InvalidArgument);
        let failure = vaultd::wire::reason::Failure::from_status(&status).unwrap();
        assert_eq!(failure.field.unwrap().field, "login");
        let mut secrets = vaultd::wire::pb::secrets_client::SecretsClient::new(channel);
        let status = secrets
            .set(vaultd::wire::pb::SetSecretRequest {
                account_id: "x-cest".into(),
                password: b"abc\0def".to_vec(),
                generate_length: 0,
                totp_seed: Vec::new(),
                reason: "r".into(),
            })
            .await
            .unwrap_err();
        assert_eq!(status.code(), tonic::Code::InvalidArgument);
        assert!(
            !status.message().contains("abc"),
            "the secret is not echoed: {}",
            status.message()
        );
    });
}

#[test]
fn errors_speak_french_to_a_french_locale() {
    let daemon = Daemon::dev();
    let out = cli_with(
        &daemon.identity("admin"),
        &[
            "account",
            "add",
            "blog-cest",
            "--platform",
            "blog",
            "--login",
            "x",
        ],
        None,
        &[("LANG", "fr_CA.UTF-8")],
    );
    assert_ne!(out.code, 0);
    assert!(
        out.stderr
            .contains("vault-cli : erreur : votre identité n'a pas le rôle requis (operator)"),
        "{}",
        out.stderr
    );
    let shown = cli_with(
        &daemon.identity("admin"),
        &["account", "show", "nope-cest"],
        None,
        &[("LANG", "fr_CA.UTF-8")],
    );
    assert!(
        shown.stderr.contains("compte inconnu : nope-cest"),
        "{}",
        shown.stderr
    );
}

#[test]
fn the_operator_sets_an_account_s_change_page_and_max_age_and_nobody_else_may() {
    let daemon = Daemon::dev();
    let op = daemon.identity("operator");
    // Refused for an administrator (and recorded), before anything changes.
    cli(
        &daemon.identity("admin"),
        &["account", "set", "x-cest", "--max-age", "1s"],
    )
    .refused("lacks the role this operation needs (operator)");
    // Bad values are refused with the field named; nothing to change is a usage error.
    cli(
        &op,
        &[
            "account",
            "set",
            "x-cest",
            "--change-url",
            "http://x.com/pw",
        ],
    )
    .refused("change_url");
    cli(&op, &["account", "set", "x-cest", "--max-age", "0s"]).refused("--max-age");
    cli(&op, &["account", "set", "x-cest", "--max-age", "3661d"]).refused("max_age");
    let none = cli(&op, &["account", "set", "x-cest"]);
    assert_eq!(none.code, 2, "{}", none.stderr);

    let set = cli(
        &op,
        &[
            "--json",
            "account",
            "set",
            "x-cest",
            "--change-url",
            "https://x.com/settings/password?cest=1",
            "--max-age",
            "90d",
        ],
    )
    .ok();
    let a: serde_json::Value = serde_json::from_str(&set.stdout).unwrap();
    assert_eq!(a["change_url"], "https://x.com/settings/password?cest=1");
    assert_eq!(a["max_age_secs"], 90 * 86_400);
    assert_eq!(a["max_age_default"], false);
    assert_eq!(a["rotation"], serde_json::json!([]));
    let shown = cli(&op, &["account", "show", "x-cest"]).ok();
    assert!(shown.stdout.contains("90 d"), "{}", shown.stdout);

    // The audit entry says what changed; going back to the defaults says so too.
    cli(
        &op,
        &[
            "account",
            "set",
            "x-cest",
            "--no-change-url",
            "--default-max-age",
        ],
    )
    .ok();
    let log = cli(
        &daemon.identity("auditor"),
        &["--json", "audit", "log", "--action", "account.set"],
    )
    .ok();
    let entries: Vec<serde_json::Value> = serde_json::from_str(&log.stdout).unwrap();
    let details: Vec<&str> = entries
        .iter()
        .filter(|e| e["outcome"] == "allowed")
        .map(|e| e["detail"].as_str().unwrap())
        .collect();
    assert!(
        details.contains(&"change_url=https://x.com/settings/password?cest=1 max_age=7776000s"),
        "{details:?}"
    );
    assert!(
        details.contains(&"change_url=none max_age=default"),
        "{details:?}"
    );
    assert!(
        entries
            .iter()
            .any(|e| e["principal"] == "admin" && e["outcome"] == "denied"),
        "the administrator's refusal is on the record: {entries:?}"
    );
    let shown = cli(&op, &["account", "show", "x-cest"]).ok();
    assert!(
        shown.stdout.contains("365 d (the vault's default)")
            && shown.stdout.contains("the platform's known page"),
        "{}",
        shown.stdout
    );
}
