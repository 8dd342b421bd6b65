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
