//! vault-cli's output as a user sees it, in French and in English: the cases under `tests/cmd/`
//! (trycmd, one file per outcome with its arguments, exact stdout, stderr and exit status).
//! `offline/` needs no vault; the other folders are run against a `vaultd dev`, each with its
//! role's identity, one step after another since each step reads what the one before did.

use crate::harness::*;

/// The cases matching `glob`, run with the real vault-cli. What varies per run (ids, times,
/// counts that depend on the order of a step's cases) is `[..]` in the snapshots.
fn cases(glob: &str) -> trycmd::TestCases {
    let cases = trycmd::TestCases::new();
    cases.register_bin("vault-cli", vault_cli_path()).case(glob);
    cases
}

#[test]
fn offline_help_errors_and_audit_verify_read_as_snapshots() {
    cases("tests/cmd/offline/*.toml").run();
}

#[test]
fn each_role_reads_its_main_commands_as_snapshots_against_a_dev_vault() {
    let d = Daemon::dev();
    let step = |role: &str, glob: &str| {
        let step = cases(glob);
        step.env(
            "VAULT_CLI_IDENTITY",
            d.identity(role).to_string_lossy().into_owned(),
        );
        step.run();
    };
    step("operator", "tests/cmd/operator/*.toml");
    // Refused without a grant, and a request sent in each language.
    step("admin", "tests/cmd/admin/*.toml");
    // Both requests pending; a grant issued for x-cest.
    step("authority", "tests/cmd/authority/*.toml");
    // What a refused release names: a request still waiting (linkedin-cest), the last one
    // denied with the authority's reason (youtube-cest); and a grant for facebook-cest, the
    // account with a 2FA seed, for `--login`.
    let (admin, authority) = (d.identity("admin"), d.identity("authority"));
    let request = |account: &str| {
        let args = [
            "grant",
            "request",
            account,
            "--purpose",
            "Offre d'emploi",
            "--for",
            "8h",
        ];
        cli(&admin, &args).ok().stdout.trim().to_owned()
    };
    request("linkedin-cest");
    let denied = request("youtube-cest");
    let deny = [
        "grant",
        "deny",
        &denied,
        "--reason",
        "Pas pendant la période électorale",
    ];
    cli(&authority, &deny).ok();
    let issue = [
        "grant",
        "issue",
        "--to",
        "admin",
        "--account",
        "facebook-cest",
        "--for",
        "1h",
        "--purpose",
        "Publication",
    ];
    cli(&authority, &issue).ok();
    step("admin", "tests/cmd/admin/granted/*.toml");
    step("auditor", "tests/cmd/auditor/*.toml");
}

/// Requests filed three days and two hours ago with ids chosen so that the snapshots can name
/// them: ten starting `abcdef0`, two `abcdef1`, and one of the authority's own (`abcdef2`).
fn file_requests_with_known_ids(d: &Daemon) {
    let conn = rusqlite::Connection::open(d.vault_dir().join("vault/vault.db")).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    let filed = time::OffsetDateTime::now_utc().unix_timestamp() - (3 * 24 + 2) * 3600 - 60;
    let mut requests: Vec<(String, &str, &str)> = (0..10)
        .map(|i| (format!("abcdef000000000{i}"), "admin", "Campagne de Noël"))
        .collect();
    requests.push(("abcdef1000000000".into(), "admin", "Campagne d'hiver"));
    requests.push(("abcdef1000000001".into(), "admin", "Campagne d'hiver"));
    requests.push(("abcdef2000000000".into(), "authority", "Ma propre demande"));
    for (id, requester, purpose) in &requests {
        conn.execute(
            "INSERT INTO grant_requests (id, requester, purpose, duration_secs, created_at)
             VALUES (?1, ?2, ?3, 28800, ?4)",
            rusqlite::params![id, requester, purpose, filed],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO grant_request_accounts (request_id, account_id) VALUES (?1, 'facebook-cest')",
            [id],
        )
        .unwrap();
    }
}

#[test]
fn the_authority_sees_what_she_signs_and_ambiguous_prefixes_read_as_snapshots() {
    let d = Daemon::dev();
    file_requests_with_known_ids(&d);
    let step = |glob: &str| {
        let step = cases(glob);
        step.env(
            "VAULT_CLI_IDENTITY",
            d.identity("authority").to_string_lossy().into_owned(),
        );
        step.run();
    };
    // Nothing signed: the status line, ambiguous prefixes, a confirmation with no terminal.
    step("tests/cmd/pending/*.toml");
    step("tests/cmd/pending/approved/*.toml");
}
