//! Art. 3 grants end to end: the Secrétaire générale signs on her side, the daemon verifies, and
//! a credential leaves the vault only under a valid grant, for its grantee and its accounts.

use crate::harness::*;
use std::time::Duration;
use vaultd::identity::Identity;

/// Issues a grant as the dev authority; returns its id.
fn issue(d: &Daemon, to: &str, accounts: &[&str], extra: &[&str]) -> String {
    let mut args = vec![
        "grant",
        "issue",
        "--to",
        to,
        "--purpose",
        "tests d'intégration",
    ];
    for a in accounts {
        args.extend_from_slice(&["--account", a]);
    }
    args.extend_from_slice(extra);
    let out = cli(&d.identity("authority"), &args).ok();
    let id = out.stdout.trim().to_owned();
    assert_eq!(id.len(), 32, "a grant id is 32 hex digits: {id:?}");
    id
}

fn get(d: &Daemon, who: &str, account: &str, field: &str) -> CliRun {
    cli(
        &d.identity(who),
        &["credential", "get", account, "--field", field],
    )
}

fn sample_password(id: &str) -> &'static str {
    vaultd::daemon::dev::SAMPLE_ACCOUNTS
        .iter()
        .find(|a| a.id == id)
        .unwrap()
        .password
}

#[test]
fn request_approve_get_revoke_then_denied() {
    let d = Daemon::dev();
    let admin = d.identity("admin");
    let authority = d.identity("authority");
    cli(&admin, &["credential", "get", "facebook-cest"]).refused(
        "no valid art. 3 grant for facebook-cest; ask with: vault-cli grant request facebook-cest",
    );
    let request = cli(
        &admin,
        &[
            "grant",
            "request",
            "facebook-cest",
            "--purpose",
            "Campagne d'hiver",
            "--for",
            "8h",
        ],
    )
    .ok();
    let request_id = request.stdout.trim().to_owned();
    assert_eq!(request_id.len(), 32);
    let pending = cli(&authority, &["grant", "pending"]).ok();
    assert!(
        pending.stdout.contains(&request_id) && pending.stdout.contains("Campagne d'hiver"),
        "{}",
        pending.stdout
    );
    cli(&authority, &["grant", "approve", "--yes", &request_id[..5]]).refused("id: invalid format");
    let approved = cli(&authority, &["grant", "approve", "--yes", &request_id[..8]]).ok();
    let grant_id = approved.stdout.trim().to_owned();
    assert!(approved.stderr.contains("until"), "{}", approved.stderr);

    let got = get(&d, "admin", "facebook-cest", "password").ok();
    assert_eq!(
        got.stdout,
        sample_password("facebook-cest"),
        "the value alone on stdout"
    );
    assert!(
        got.stderr.contains(&format!("under grant {grant_id}")),
        "{}",
        got.stderr
    );
    let login = get(&d, "admin", "facebook-cest", "login").ok();
    assert_eq!(login.stdout, "communications@cest.example");

    let mine = cli(&admin, &["--json", "grant", "list", "--mine"]).ok();
    let mine: serde_json::Value = serde_json::from_str(&mine.stdout).unwrap();
    assert_eq!(mine["grants"][0]["id"], grant_id.as_str());
    assert_eq!(mine["requests"][0]["state"], "approved");

    cli(&authority, &["grant", "approve", "--yes", &request_id])
        .refused(&format!("request {request_id} was already decided"));
    cli(
        &authority,
        &[
            "grant",
            "revoke",
            &grant_id,
            "--reason",
            "fin de la campagne",
        ],
    )
    .ok();
    get(&d, "admin", "facebook-cest", "password").refused("the grant was revoked on");
    get(&d, "admin", "facebook-cest", "totp").refused("revoked");
    cli(
        &authority,
        &["grant", "revoke", &grant_id, "--reason", "encore"],
    )
    .refused("already revoked");
    cli(
        &authority,
        &["grant", "revoke", "0123456789abcdef", "--reason", "x"],
    )
    .refused("unknown grant: 0123456789abcdef");

    // A denied request.
    let second = cli(
        &admin,
        &["grant", "request", "youtube-cest", "--purpose", "vidéo"],
    )
    .ok()
    .stdout
    .trim()
    .to_owned();
    cli(
        &authority,
        &["grant", "deny", &second, "--reason", "pas nécessaire"],
    )
    .ok();
    cli(
        &authority,
        &["grant", "approve", "--yes", &second, "--for", "1h"],
    )
    .refused("already decided");
    get(&d, "admin", "youtube-cest", "password").refused("no valid art. 3 grant");
}

#[test]
fn a_short_grant_works_then_expires() {
    let d = Daemon::dev();
    issue(&d, "admin", &["x-cest"], &["--for", "3s"]);
    let got = get(&d, "admin", "x-cest", "password").ok();
    assert_eq!(got.stdout, sample_password("x-cest"));
    wait_until("the grant to expire", Duration::from_secs(15), || {
        let out = get(&d, "admin", "x-cest", "password");
        out.code != 0 && out.stderr.contains("the grant expired on")
    });
    get(&d, "admin", "x-cest", "password").refused("expired");
}

#[test]
fn max_uses_allows_exactly_that_many_releases() {
    let d = Daemon::dev();
    issue(
        &d,
        "admin",
        &["linkedin-cest"],
        &["--for", "1h", "--max-uses", "2"],
    );
    get(&d, "admin", "linkedin-cest", "password").ok();
    get(&d, "admin", "linkedin-cest", "password").ok();
    get(&d, "admin", "linkedin-cest", "password").refused("all its allowed uses are spent (2/2)");
}

#[test]
fn concurrent_gets_never_exceed_max_uses() {
    let d = Daemon::dev();
    issue(
        &d,
        "admin",
        &["flickr-cest"],
        &["--for", "1h", "--max-uses", "3"],
    );
    let admin = d.identity("admin");
    let threads: Vec<_> = (0..10)
        .map(|_| {
            let admin = admin.clone();
            std::thread::spawn(move || cli(&admin, &["credential", "get", "flickr-cest"]).code == 0)
        })
        .collect();
    let allowed = threads
        .into_iter()
        .map(|t| t.join().unwrap())
        .filter(|ok| *ok)
        .count();
    assert_eq!(allowed, 3);
}

#[test]
fn a_grant_serves_only_its_grantee_and_its_accounts() {
    let d = Daemon::dev();
    issue(&d, "admin", &["facebook-cest"], &["--for", "1h"]);
    get(&d, "admin", "facebook-cest", "password").ok();
    get(&d, "admin2", "facebook-cest", "password")
        .refused("no valid art. 3 grant for facebook-cest");
    get(&d, "admin", "youtube-cest", "password").refused("no valid art. 3 grant for youtube-cest");
    // Roles other than admin are refused even with a grant naming them.
    issue(&d, "auditor", &["facebook-cest"], &["--for", "1h"]);
    for who in ["auditor", "operator", "authority"] {
        get(&d, who, "facebook-cest", "password")
            .refused("lacks the role this operation needs (admin)");
    }
    get(&d, "admin", "nope-cest", "password").refused("unknown account: nope-cest");
}

#[test]
fn totp_is_the_rfc6238_code_of_the_sample_seed_and_the_seed_never_leaves() {
    let d = Daemon::dev();
    issue(&d, "admin", &["facebook-cest"], &["--for", "1h"]);
    let seed_text = vaultd::daemon::dev::SAMPLE_ACCOUNTS[0].totp_seed.unwrap();
    let seed = vaultd::limits::decode_totp_seed(seed_text.as_bytes()).unwrap();
    let before = time::OffsetDateTime::now_utc().unix_timestamp() as u64;
    let out = get(&d, "admin", "facebook-cest", "totp").ok();
    let after = time::OffsetDateTime::now_utc().unix_timestamp() as u64;
    let code = out.stdout.trim().to_owned();
    assert_eq!(code.len(), 6);
    let expected: Vec<String> = (before..=after)
        .map(|t| vaultd::authz::totp::current(seed.expose(), t).0)
        .collect();
    assert!(expected.contains(&code), "{code} not in {expected:?}");
    assert!(!out.stdout.contains(seed_text) && !out.stderr.contains(seed_text));
    get(&d, "admin", "youtube-cest", "totp").refused("no valid art. 3 grant");
    issue(&d, "admin", &["youtube-cest"], &["--for", "1h"]);
    get(&d, "admin", "youtube-cest", "totp").refused("no TOTP seed");
}

#[test]
fn rotation_is_recommended_after_revocation_until_a_new_version_is_set() {
    let d = Daemon::dev();
    let op = d.identity("operator");
    let grant = issue(&d, "admin", &["youtube-cest"], &["--for", "1h"]);
    get(&d, "admin", "youtube-cest", "password").ok();
    let rotation = |id: &str| -> bool {
        let shown = cli(&op, &["--json", "account", "show", id]).ok();
        serde_json::from_str::<serde_json::Value>(&shown.stdout).unwrap()["rotation_recommended"]
            .as_bool()
            .unwrap()
    };
    assert!(!rotation("youtube-cest"), "not while the grant is valid");
    // An administrator with a valid grant stores the password they set on the platform.
    cli_stdin(
        &d.identity("admin"),
        &[
            "secret",
            "set",
            "youtube-cest",
            "--password-stdin",
            "--reason",
            "changé sur YouTube",
        ],
        "Yt-New-Password-1\n",
    )
    .ok();
    // The 2FA seed stays the operator's, grant or not.
    cli_stdin(
        &d.identity("admin"),
        &[
            "secret",
            "set",
            "youtube-cest",
            "--totp-seed-stdin",
            "--reason",
            "x",
        ],
        "JBSWY3DPEHPK3PXP\n",
    )
    .refused("(operator)");
    cli_stdin(
        &d.identity("admin2"),
        &[
            "secret",
            "set",
            "youtube-cest",
            "--password-stdin",
            "--reason",
            "x",
        ],
        "Yt-New-Password-2\n",
    )
    .refused("no valid art. 3 grant for youtube-cest");
    get(&d, "admin", "youtube-cest", "password").ok();
    cli(
        &d.identity("authority"),
        &["grant", "revoke", &grant, "--reason", "départ"],
    )
    .ok();
    assert!(rotation("youtube-cest"));
    let listed = cli(&op, &["account", "list"]).ok();
    assert!(
        listed.stdout.contains("recommended since"),
        "{}",
        listed.stdout
    );
    assert!(!rotation("facebook-cest"));
    cli_stdin(
        &op,
        &[
            "secret",
            "set",
            "youtube-cest",
            "--password-stdin",
            "--reason",
            "rotation après départ",
        ],
        "Yt-Rotated-3\n",
    )
    .ok();
    assert!(!rotation("youtube-cest"), "cleared by a newer version");
}

#[test]
fn bad_grants_are_refused_with_a_clear_error() {
    let d = Daemon::dev();
    let sg = d.identity("authority");
    let base = ["grant", "issue", "--purpose", "p"];
    let run = |extra: &[&str]| {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        cli(&sg, &args)
    };
    run(&["--to", "nobody", "--account", "x-cest", "--for", "1h"])
        .refused("unknown principal: nobody");
    run(&["--to", "admin", "--account", "nope-cest", "--for", "1h"])
        .refused("unknown account: nope-cest");
    // A bad value is a usage error (exit status 2), whether the CLI or the vault finds it.
    let usage = run(&["--to", "admin", "--account", "x-cest", "--for", "400d"])
        .refused("duration: too long (at most 366 days)");
    assert_eq!(usage.code, 2, "{}", usage.stderr);
    run(&[
        "--to",
        "admin",
        "--account",
        "x-cest",
        "--until",
        "2020-01-01T00:00:00Z",
    ])
    .refused("request refused: not_after must be later than not_before");
    run(&[
        "--to",
        "admin",
        "--account",
        "x-cest",
        "--for",
        "1h",
        "--max-uses",
        "0",
    ])
    .refused("max_uses: too short");
    for value in ["soon", "8"] {
        let usage = run(&["--to", "admin", "--account", "x-cest", "--for", value]).refused(
            &format!("invalid value '{value}' for '--for <DURATION>': expected a duration"),
        );
        assert_eq!(usage.code, 2, "{}", usage.stderr);
    }
    // An id that no id could start with is a bad value too.
    let usage = cli(&sg, &["grant", "revoke", "not-an-id", "--reason", "r"]).refused("id:");
    assert_eq!(usage.code, 2, "{}", usage.stderr);
    let usage = run(&["--to", "admin", "--account", "x-cest"])
        .refused("<--for <DURATION>|--until <UNTIL>>");
    assert!(!usage.stderr.contains("request"), "{}", usage.stderr);
    assert_eq!(usage.code, 2);
    let long = "p".repeat(501);
    cli(
        &sg,
        &[
            "grant",
            "issue",
            "--to",
            "admin",
            "--account",
            "x-cest",
            "--for",
            "1h",
            "--purpose",
            &long,
        ],
    )
    .refused("purpose: too long (at most 500)");
    cli(
        &sg,
        &[
            "grant",
            "issue",
            "--to",
            "admin",
            "--account",
            "x-cest",
            "--for",
            "1h",
            "--purpose",
            " ",
        ],
    )
    .refused("purpose: empty value");
    cli(
        &d.identity("admin"),
        &["grant", "request", "x-cest", "--purpose", ""],
    )
    .refused("purpose: empty value");
    // Only the authority approves, issues and revokes; admins and others are refused.
    for who in ["admin", "operator", "auditor"] {
        cli(
            &d.identity(who),
            &[
                "grant",
                "issue",
                "--to",
                "admin",
                "--account",
                "x-cest",
                "--for",
                "1h",
                "--purpose",
                "p",
            ],
        )
        .refused("no grant-signing key");
        cli(
            &d.identity(who),
            &["grant", "revoke", "0123456789abcdef", "--reason", "r"],
        )
        .refused("(authority)");
        cli(&d.identity(who), &["grant", "pending"]).refused("(authority)");
    }
    let listed = cli(&sg, &["--json", "grant", "list"]).ok();
    let listed: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    assert_eq!(
        listed["grants"].as_array().unwrap().len(),
        0,
        "nothing was registered"
    );
}

#[test]
fn forged_replayed_and_tampered_grants_are_refused() {
    let d = Daemon::dev();
    // An authority whose key the vault does not pin: its signature does not verify.
    let dir = d.dir.path();
    let rogue = dir.join("rogue.id");
    cli(
        &d.identity("operator"),
        &[
            "identity",
            "new",
            "--name",
            "rogue",
            "--plain",
            "--signing",
            "--out",
            rogue.to_str().unwrap(),
        ],
    )
    .ok();
    let enrollment = dir.join("rogue.enrollment");
    cli(
        &d.identity("operator"),
        &[
            "principal",
            "enroll",
            dir.join("rogue.csr").to_str().unwrap(),
            "--role",
            "authority",
            "--out",
            enrollment.to_str().unwrap(),
        ],
    )
    .ok();
    cli(
        &rogue,
        &["identity", "install", enrollment.to_str().unwrap()],
    )
    .ok();
    cli(
        &rogue,
        &[
            "grant",
            "issue",
            "--to",
            "admin",
            "--account",
            "x-cest",
            "--for",
            "1h",
            "--purpose",
            "p",
        ],
    )
    // An authority whom no delegation names: told to ask for one, and on record as such.
    .refused("no delegation names you");

    // Replaying the exact registration of a grant is refused.
    let identity = vaultd::identity::Identity::load(&d.identity("authority"), || None).unwrap();
    let key = identity.signing_key().unwrap();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let body = vaultd::authz::grant::GrantBody {
        id: vaultd::ids::new_id(),
        grantee: "admin".into(),
        accounts: vec!["x-cest".into()],
        purpose: "rejeu".into(),
        not_before: now,
        not_after: now + 3600,
        max_uses: None,
        issued_at: now,
        key_id: key.key_id(),
        request: None,
    };
    let signed = body.encode();
    let signature = key.sign(&signed);
    block_on(async {
        let channel = vaultd::wire::client::connect(&identity, None)
            .await
            .unwrap();
        let mut grants = vaultd::wire::pb::grants_client::GrantsClient::new(channel);
        let register = vaultd::wire::pb::RegisterGrant {
            signed: signed.clone(),
            signature: signature.clone(),
        };
        grants.register(register.clone()).await.unwrap();
        let again = grants.register(register).await.unwrap_err();
        assert_eq!(again.code(), tonic::Code::AlreadyExists);
        // A window that would overflow the length check is refused, not wrapped around.
        let forever = vaultd::authz::grant::GrantBody {
            id: vaultd::ids::new_id(),
            not_before: i64::MIN + 1,
            not_after: i64::MAX,
            ..body.clone()
        };
        let forever_signed = forever.encode();
        let forever_sig = key.sign(&forever_signed);
        let refused = grants
            .register(vaultd::wire::pb::RegisterGrant {
                signed: forever_signed,
                signature: forever_sig,
            })
            .await
            .unwrap_err();
        assert_eq!(refused.code(), tonic::Code::InvalidArgument);
        let mut tampered = signed.clone();
        let at = tampered.len() - 3;
        tampered[at] ^= 1;
        let forged = grants
            .register(vaultd::wire::pb::RegisterGrant {
                signed: tampered,
                signature: signature.clone(),
            })
            .await
            .unwrap_err();
        assert_eq!(forged.code(), tonic::Code::PermissionDenied);
        assert_eq!(
            vaultd::wire::reason::Failure::from_status(&forged).map(|f| f.reason),
            Some(vaultd::wire::reason::Reason::BadSignature)
        );
    });
    get(&d, "admin", "x-cest", "password").ok();

    // One changed byte in the stored grant row makes it invalid.
    let db = d.vault_dir().join("vault/vault.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.busy_timeout(Duration::from_secs(5)).unwrap();
    conn.execute_batch("DROP TRIGGER grants_signed_immutable")
        .unwrap();
    conn.execute(
        "UPDATE grants SET signed = CAST(replace(CAST(signed AS TEXT), 'rejeu', 'rejeX') AS BLOB) WHERE id = ?1",
        [&body.id],
    )
    .unwrap();
    drop(conn);
    get(&d, "admin", "x-cest", "password")
        .refused("does not verify under the Secrétaire générale's pinned key");
}

#[test]
fn rotating_the_authority_key_needs_the_current_key_and_retires_old_grants() {
    let d = Daemon::dev();
    let sg = d.identity("authority");
    let live = issue(&d, "admin", &["x-cest"], &["--for", "1h"]);
    get(&d, "admin", "x-cest", "password").ok();
    // Revoked before the rotation: the rotation does not end it, and it still reads "revoked".
    let revoked = issue(&d, "admin", &["facebook-cest"], &["--for", "1h"]);
    cli(&sg, &["grant", "revoke", &revoked, "--reason", "fini"]).ok();
    let new_key = d.dir.path().join("sg-new.id");
    cli(
        &sg,
        &[
            "identity",
            "new",
            "--name",
            "authority",
            "--plain",
            "--signing",
            "--out",
            new_key.to_str().unwrap(),
        ],
    )
    .ok();
    let before = cli(&sg, &["--json", "authority", "key"]).ok();
    let rotated = cli(
        &sg,
        &[
            "--json",
            "authority",
            "rotate",
            "--new-identity",
            new_key.to_str().unwrap(),
        ],
    )
    .ok();
    let (before, rotated): (serde_json::Value, serde_json::Value) = (
        serde_json::from_str(&before.stdout).unwrap(),
        serde_json::from_str(&rotated.stdout).unwrap(),
    );
    assert_ne!(before["key_id"], rotated["key_id"]);
    assert_eq!(rotated["pinned_by"], "authority");
    assert_eq!(
        (before["sequence"].as_u64(), rotated["sequence"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(rotated["ended_grants"], serde_json::json!([live]));
    let shown = cli(&sg, &["authority", "key"]).ok();
    assert!(
        shown.stdout.contains("sequence number 2"),
        "{}",
        shown.stdout
    );
    let listed = cli(&sg, &["--json", "grant", "list"]).ok();
    let listed: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    let state = |id: &str| {
        listed["grants"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["id"] == id)
            .map(|g| g["state"].clone())
    };
    assert_eq!(state(&live), Some("superseded".into()));
    assert_eq!(state(&revoked), Some("revoked".into()));
    get(&d, "admin", "x-cest", "password").refused("does not verify");
    // The old key can no longer sign, nor rotate again.
    cli(
        &sg,
        &[
            "grant",
            "issue",
            "--to",
            "admin",
            "--account",
            "x-cest",
            "--for",
            "1h",
            "--purpose",
            "p",
        ],
    )
    .refused("does not verify");
    cli(
        &sg,
        &[
            "authority",
            "rotate",
            "--new-identity",
            new_key.to_str().unwrap(),
        ],
    )
    .refused("does not verify");
    // Rotating back to the retired key, even signed by the current one, is refused: its old
    // grants would come back with it. The statement names the current key's sequence (2).
    let old_key = Identity::load(&sg, || None).unwrap().signing_key().unwrap();
    let current = Identity::load(&new_key, || None)
        .unwrap()
        .signing_key()
        .unwrap();
    let authority = Identity::load(&sg, || None).unwrap();
    block_on(async {
        let channel = vaultd::wire::client::connect(&authority, None)
            .await
            .unwrap();
        let mut grants = vaultd::wire::pb::grants_client::GrantsClient::new(channel);
        let info = grants
            .authority_key(vaultd::wire::pb::AuthorityKeyRequest {})
            .await
            .unwrap()
            .into_inner();
        assert_eq!(info.sequence, 2);
        let back = grants
            .rotate_authority_key(vaultd::wire::pb::RotateAuthorityKeyRequest {
                new_public_key: old_key.public_key(),
                signature: current.sign_rotation(2, &old_key.public_key()),
            })
            .await
            .unwrap_err();
        let failure = vaultd::wire::reason::Failure::from_status(&back).unwrap();
        assert_eq!(failure.target.as_deref(), Some("retired_key"));
        // A statement signed for another step of the history does not verify.
        let third = vaultd::authz::grant::SigningKey::generate();
        let wrong_step = grants
            .rotate_authority_key(vaultd::wire::pb::RotateAuthorityKeyRequest {
                new_public_key: third.public_key(),
                signature: current.sign_rotation(1, &third.public_key()),
            })
            .await
            .unwrap_err();
        assert_eq!(
            vaultd::wire::reason::Failure::from_status(&wrong_step).map(|f| f.reason),
            Some(vaultd::wire::reason::Reason::BadSignature)
        );
    });
}

/// Whether `account show` says rotation is recommended for `id`.
fn rotation_recommended(d: &Daemon, id: &str) -> bool {
    let shown = cli(&d.identity("operator"), &["--json", "account", "show", id]).ok();
    serde_json::from_str::<serde_json::Value>(&shown.stdout).unwrap()["rotation_recommended"]
        .as_bool()
        .unwrap()
}

#[test]
fn a_grantee_who_set_the_password_makes_rotation_due_when_the_grant_ends() {
    let d = Daemon::dev();
    // The grantee never fetches the password: they set a new one on the platform and store it.
    issue(&d, "admin", &["linkedin-cest"], &["--for", "3s"]);
    cli_stdin(
        &d.identity("admin"),
        &[
            "secret",
            "set",
            "linkedin-cest",
            "--password-stdin",
            "--reason",
            "changé sur LinkedIn",
        ],
        "Li-Set-By-Admin-1\n",
    )
    .ok();
    assert!(
        !rotation_recommended(&d, "linkedin-cest"),
        "the grant is still valid"
    );
    wait_until("the 3 s grant ends", Duration::from_secs(10), || {
        rotation_recommended(&d, "linkedin-cest")
    });
    // The operator's next version clears it.
    cli_stdin(
        &d.identity("operator"),
        &[
            "secret",
            "set",
            "linkedin-cest",
            "--password-stdin",
            "--reason",
            "rotation",
        ],
        "Li-Rotated-2\n",
    )
    .ok();
    assert!(!rotation_recommended(&d, "linkedin-cest"));
}

#[test]
fn disabling_a_grantee_who_holds_a_password_makes_rotation_due() {
    let d = Daemon::dev();
    issue(&d, "admin2", &["flickr-cest"], &["--for", "8h"]);
    get(&d, "admin2", "flickr-cest", "password").ok();
    assert!(!rotation_recommended(&d, "flickr-cest"));
    cli(&d.identity("operator"), &["principal", "disable", "admin2"]).ok();
    assert!(rotation_recommended(&d, "flickr-cest"));
    // Someone else's holding elsewhere is untouched.
    assert!(!rotation_recommended(&d, "facebook-cest"));
}

#[test]
fn after_a_key_rotation_old_grants_are_superseded_and_their_passwords_due_for_rotation() {
    let d = Daemon::dev();
    let sg = d.identity("authority");
    let old = issue(&d, "admin", &["x-cest"], &["--for", "8h"]);
    get(&d, "admin", "x-cest", "password").ok();
    let state_of = |id: &str| -> String {
        let listed = cli(&d.identity("auditor"), &["--json", "grant", "list"]).ok();
        let value: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
        value["grants"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["id"] == id)
            .map(|g| g["state"].as_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    assert_eq!(state_of(&old), "active");
    let new_key = d.dir.path().join("sg-next.id");
    cli(
        &sg,
        &[
            "identity",
            "new",
            "--name",
            "authority",
            "--plain",
            "--signing",
            "--out",
            new_key.to_str().unwrap(),
        ],
    )
    .ok();
    cli(
        &sg,
        &[
            "authority",
            "rotate",
            "--new-identity",
            new_key.to_str().unwrap(),
        ],
    )
    .ok();
    assert_eq!(state_of(&old), "superseded");
    assert!(rotation_recommended(&d, "x-cest"));
    // Listed as no longer valid, in the reader's language, and not among the active ones.
    let listed = cli_with(
        &d.identity("auditor"),
        &["grant", "list"],
        None,
        &[("LANG", "fr_CA.UTF-8")],
    )
    .ok();
    assert!(listed.stdout.contains("caduque"), "{}", listed.stdout);
    let active = cli(
        &d.identity("auditor"),
        &["--json", "grant", "list", "--active"],
    )
    .ok();
    assert!(!active.stdout.contains(&old), "{}", active.stdout);
}

#[test]
fn hostile_grant_inputs_are_refused_and_denials_name_the_right_time() {
    let d = Daemon::dev();
    let sg = d.identity("authority");
    // Bidi and zero-width characters in a purpose a person will read.
    cli(
        &sg,
        &[
            "grant",
            "issue",
            "--to",
            "admin",
            "--account",
            "x-cest",
            "--for",
            "1h",
            "--purpose",
            "campagne\u{202E}elgnis",
        ],
    )
    .refused("purpose");
    cli(
        &sg,
        &[
            "grant",
            "issue",
            "--to",
            "admin",
            "--account",
            "x-cest",
            "--purpose",
            "p",
            "--for",
            "9223372036854775807s",
        ],
    )
    .refused("9223372036854775807s");
    cli(
        &sg,
        &[
            "grant",
            "issue",
            "--to",
            "admin",
            "--account",
            "x-cest",
            "--for",
            "1h",
            "--purpose",
            "p",
            "--max-uses",
            "9223372036854775808",
        ],
    )
    .refused("max_uses");
    // Two grants for admin on x-cest: one that ended, one that starts in an hour. The refusal
    // names when the future one starts, not the past one's start.
    issue(&d, "admin", &["x-cest"], &["--for", "2s"]);
    wait_until(
        "the two-second grant to expire",
        Duration::from_secs(30),
        || {
            let run = get(&d, "admin", "x-cest", "password");
            run.code != 0 && run.stderr.contains("the grant expired on")
        },
    );
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let start = vaultd::times::format_time(now + 3600);
    let end = vaultd::times::format_time(now + 7200);
    issue(
        &d,
        "admin",
        &["x-cest"],
        &["--from", &start, "--until", &end],
    );
    get(&d, "admin", "x-cest", "password").refused(&start);
}

#[test]
fn invisible_characters_that_split_or_hide_text_are_refused_in_purposes_and_reasons() {
    let d = Daemon::dev();
    let admin = d.identity("admin");
    let authority = d.identity("authority");
    // Arabic letter mark (bidi), line and paragraph separators, word joiner and the invisible
    // operators (default ignorable, format): each would hide text or split a report's line.
    for c in [
        '\u{061C}', '\u{2028}', '\u{2029}', '\u{2060}', '\u{2061}', '\u{2062}', '\u{2063}',
        '\u{2064}',
    ] {
        let purpose = format!("campagne{c}d'été");
        let shown = format!("U+{:04X}", c as u32);
        let run = cli(
            &admin,
            &["grant", "request", "x-cest", "--purpose", &purpose],
        );
        assert_ne!(run.code, 0, "{shown} accepted in a request's purpose");
        run.refused("purpose");
        let run = cli(
            &authority,
            &[
                "grant",
                "issue",
                "--to",
                "admin",
                "--account",
                "x-cest",
                "--for",
                "1h",
                "--purpose",
                &purpose,
            ],
        );
        assert_ne!(run.code, 0, "{shown} accepted in a grant's purpose");
        run.refused("purpose");
    }
    // What French text needs stays accepted: accents, « » and the narrow no-break spaces
    // before ; : ! ? and inside the quotes.
    let request = cli(
        &admin,
        &[
            "grant",
            "request",
            "x-cest",
            "--purpose",
            "campagne d'été\u{202F}: « vidéo\u{00A0}» ; Ça va\u{202F}?",
        ],
    )
    .ok()
    .stdout
    .trim()
    .to_owned();
    for c in ['\u{2028}', '\u{2060}'] {
        cli(
            &authority,
            &[
                "grant",
                "deny",
                &request,
                "--reason",
                &format!("non{c}merci"),
            ],
        )
        .refused("reason");
    }
    cli(
        &authority,
        &["grant", "deny", &request, "--reason", "pas nécessaire"],
    )
    .ok();
}

#[test]
fn one_requester_may_keep_only_ten_requests_waiting_and_a_decision_frees_a_place() {
    let d = Daemon::dev();
    let admin = d.identity("admin");
    let authority = d.identity("authority");
    let ask = |n: usize| {
        cli(
            &admin,
            &[
                "grant",
                "request",
                "x-cest",
                "--purpose",
                &format!("demande {n}"),
            ],
        )
    };
    let first = ask(0).ok().stdout.trim().to_owned();
    for n in 1..10 {
        ask(n).ok();
    }
    let refused = ask(10);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    refused.refused("as many requests waiting");
    // Another requester is not held back by the first one's requests.
    cli(
        &d.identity("admin2"),
        &["grant", "request", "x-cest", "--purpose", "autre"],
    )
    .ok();
    cli(&authority, &["grant", "deny", &first, "--reason", "non"]).ok();
    ask(11).ok();
}

/// `grant list` as people read it: `--to NAME` lists that grantee's grants and requests only;
/// times in the zone asked (a bare date is its midnight there), durations in hours, `--json`
/// in UTC and seconds; a disabled grantee's grant reads as ended.
#[test]
fn grant_list_shows_one_grantee_in_local_time_and_a_disabled_grantees_grant_as_ended() {
    let d = Daemon::dev();
    let sg = d.identity("authority");
    for who in ["admin", "admin2"] {
        cli(
            &d.identity(who),
            &[
                "grant",
                "request",
                "x-cest",
                "--purpose",
                "Campagne",
                "--for",
                "8h",
            ],
        )
        .ok();
    }
    let montreal = ["--time-zone", "America/Montreal"];
    let mut args = montreal.to_vec();
    args.extend(["grant", "issue", "--to", "admin2", "--account", "x-cest"]);
    args.extend([
        "--purpose",
        "Campagne",
        "--from",
        "2030-01-15",
        "--for",
        "8h",
    ]);
    let later = cli(&sg, &args).ok().stdout.trim().to_owned();
    let now = issue(&d, "admin", &["x-cest"], &["--for", "1h"]);

    let mut args = montreal.to_vec();
    args.extend(["grant", "list", "--to", "admin2"]);
    let table = cli(&sg, &args).ok().stdout;
    assert!(table.contains(&later) && !table.contains(&now), "{table}");
    assert!(table.contains("2030-01-15 08:00"), "local end: {table}");
    let requests: Vec<&str> = table.lines().filter(|l| l.contains("Campagne")).collect();
    assert!(
        requests.iter().all(|l| !l.contains(" admin ")),
        "only admin2's request: {table}"
    );
    assert!(
        requests
            .iter()
            .any(|l| l.contains("admin2") && l.contains("8 h")),
        "{table}"
    );
    let json = cli(&sg, &["--json", "grant", "list", "--to", "admin2"]).ok();
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["grants"][0]["not_before"], "2030-01-15T05:00:00Z");
    assert_eq!(json["grants"][0]["not_after"], "2030-01-15T13:00:00Z");
    assert_eq!(json["requests"].as_array().unwrap().len(), 1);
    assert_eq!(json["requests"][0]["requester"], "admin2");
    assert_eq!(json["requests"][0]["duration_secs"], 28_800);

    // admin2 disabled: the grant no longer serves anyone, and says so.
    cli(&d.identity("operator"), &["principal", "disable", "admin2"]).ok();
    let json = cli(&sg, &["--json", "grant", "list", "--to", "admin2"]).ok();
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["grants"][0]["state"], "grantee_disabled");
    let french = cli_with(
        &sg,
        &["grant", "list", "--to", "admin2"],
        None,
        &[("LANG", "fr_CA.UTF-8")],
    )
    .ok();
    assert!(
        french.stdout.contains("terminée (bénéficiaire désactivé)"),
        "{}",
        french.stdout
    );
    let active = cli(&sg, &["--json", "grant", "list", "--active"]).ok();
    assert!(!active.stdout.contains(&later), "{}", active.stdout);
}
