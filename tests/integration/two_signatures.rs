//! Accounts whose grants need two signatures (issue 24 §2): the Secrétaire générale's signed
//! rule (`account approvals --set 2|1`), a grant signed once registered but releasing nothing
//! (second_signature_missing, in both languages) until a second signer cosigns the same bytes,
//! and every bad cosignature and statement refused and on record.

use crate::delegation::{admin2_acting_for, at, entries, now, request};
use crate::harness::*;
use vaultd::authz::approvals::Approvals;
use vaultd::authz::grant::SigningKey;
use vaultd::identity::Identity;
use vaultd::wire::pb;
use vaultd::wire::reason::{Failure, Reason};

fn approvals(d: &Daemon, who: &str, account: &str, set: &str) -> CliRun {
    cli(
        &d.identity(who),
        &["account", "approvals", account, "--set", set, "--yes"],
    )
}

fn account_json(d: &Daemon, account: &str) -> serde_json::Value {
    let out = cli(
        &d.identity("auditor"),
        &["--json", "account", "show", account],
    )
    .ok();
    serde_json::from_str(&out.stdout).unwrap()
}

fn grant_json(d: &Daemon, grant: &str) -> serde_json::Value {
    let out = cli(&d.identity("auditor"), &["--json", "grant", "show", grant]).ok();
    serde_json::from_str(&out.stdout).unwrap()
}

fn cosign(d: &Daemon, who: &str, grant: &str) -> CliRun {
    cli(&d.identity(who), &["grant", "cosign", "--yes", grant])
}

/// The Secrétaire générale issues a grant to admin for `account`, from `from` for `secs`.
fn issue(d: &Daemon, account: &str, from: i64, until: i64) -> String {
    let (from, until) = (at(from), at(until));
    cli(
        &d.identity("authority"),
        &[
            "grant",
            "issue",
            "--to",
            "admin",
            "--account",
            account,
            "--purpose",
            "double",
            "--from",
            &from,
            "--until",
            &until,
        ],
    )
    .ok()
    .stdout
    .trim()
    .to_owned()
}

#[test]
fn an_account_set_to_two_releases_only_after_both_signatures_and_set_back_to_one() {
    let d = Daemon::dev();
    admin2_acting_for(&d, 7 * 86_400, "facebook-cest,youtube-cest");

    // Only her key signs the rule: her delegate's statement does not verify.
    approvals(&d, "admin2", "facebook-cest", "2").refused("does not verify");
    assert_eq!(account_json(&d, "facebook-cest")["required_signatures"], 1);
    let set = approvals(&d, "authority", "facebook-cest", "2").ok();
    assert!(set.stdout.contains("two signatures"), "{}", set.stdout);
    assert_eq!(account_json(&d, "facebook-cest")["required_signatures"], 2);
    let shown = cli(&d.identity("admin"), &["account", "show", "facebook-cest"]).ok();
    assert!(shown.stdout.contains("SIGNATURES"), "{}", shown.stdout);
    let listed = cli(&d.identity("admin"), &["--json", "account", "list"]).ok();
    let listed: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    let rule = |id: &str| {
        listed
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap()["required_signatures"]
            .clone()
    };
    assert_eq!(
        (rule("facebook-cest"), rule("x-cest")),
        (2.into(), 1.into())
    );

    // Approved by the SG: registered, but it releases nothing until a second signature.
    let asked = request(&d, "facebook-cest");
    let approved = cli(
        &d.identity("authority"),
        &["grant", "approve", "--yes", &asked],
    )
    .ok();
    let grant = approved.stdout.trim().to_owned();
    assert!(
        approved.stderr.contains(&format!(
            "waiting: vault-cli grant cosign {grant} by a second signer"
        )) && approved.stderr.contains("may cosign it (told): admin2"),
        "{}",
        approved.stderr
    );
    let refused = cli(
        &d.identity("admin"),
        &["credential", "get", "facebook-cest"],
    )
    .refused("this account needs two signatures");
    assert!(
        refused
            .stderr
            .contains(&format!("vault-cli grant cosign {grant}")),
        "{}",
        refused.stderr
    );
    cli_with(
        &d.identity("admin"),
        &["credential", "get", "facebook-cest"],
        None,
        &[("LANG", "fr_CA.UTF-8")],
    )
    .refused("ce compte exige deux signatures");
    assert_eq!(grant_json(&d, &grant)["state"], "awaiting_second_signature");
    let waiting = cli_with(
        &d.identity("admin"),
        &["grant", "list"],
        None,
        &[("LANG", "fr_CA.UTF-8")],
    )
    .ok();
    assert!(
        waiting
            .stdout
            .contains("en attente d'une deuxième signature"),
        "{}",
        waiting.stdout
    );
    let shown = cli(&d.identity("admin"), &["grant", "show", &grant]).ok();
    assert!(
        shown.stdout.contains("waiting for a second signature"),
        "{}",
        shown.stdout
    );

    // The pending view lists it for a second signer.
    let pending = cli(&d.identity("admin2"), &["grant", "pending"]).ok();
    assert!(
        pending.stdout.contains("waiting for a second signature")
            && pending.stdout.contains(&grant),
        "{}",
        pending.stdout
    );

    // Her own key twice is one signature; her delegate's is the second.
    cosign(&d, "authority", &grant).refused("already carries your key's signature");
    let cosigned = cosign(&d, "admin2", &grant).ok();
    assert_eq!(cosigned.stdout.trim(), grant);
    assert!(
        cosigned.stderr.contains("now carries two signatures"),
        "{}",
        cosigned.stderr
    );
    let got = cli(
        &d.identity("admin"),
        &["credential", "get", "facebook-cest"],
    )
    .ok();
    assert!(
        got.stderr.contains(&format!("under grant {grant}")),
        "{}",
        got.stderr
    );
    let shown = grant_json(&d, &grant);
    assert_eq!(shown["state"], "active");
    assert_eq!(shown["second_signature"]["signer"], "admin2");
    cosign(&d, "admin2", &grant).refused("carries its two signatures already");
    let pending = cli(&d.identity("authority"), &["grant", "pending"]).ok();
    assert!(!pending.stdout.contains(&grant), "{}", pending.stdout);

    // Two delegates' signatures would do too; here, back to one: her signature alone serves.
    approvals(&d, "authority", "facebook-cest", "1").ok();
    assert_eq!(account_json(&d, "facebook-cest")["required_signatures"], 1);
    let single = issue(&d, "facebook-cest", now(), now() + 3_600);
    let got = cli(
        &d.identity("admin"),
        &["credential", "get", "facebook-cest"],
    )
    .ok();
    assert!(got.stderr.contains("under grant"), "{}", got.stderr);
    assert_eq!(grant_json(&d, &single)["state"], "active");

    // On record: both rules as administrative events, the cosign and its refusals.
    let rules = entries(&d, "account.approvals");
    let allowed: Vec<&str> = rules
        .iter()
        .filter(|e| e["outcome"] == "allowed")
        .map(|e| e["detail"].as_str().unwrap())
        .collect();
    assert_eq!(allowed.len(), 2, "{rules:?}");
    assert!(allowed[0].contains("approvals=2") && allowed[1].contains("approvals=1"));
    assert!(rules
        .iter()
        .any(|e| e["outcome"] != "allowed" && e["reason"] == "bad_signature"));
    let cosigns = entries(&d, "grant.cosign");
    assert!(cosigns
        .iter()
        .any(|e| e["outcome"] == "allowed" && e["grant"] == grant.as_str()));
    assert_eq!(
        cosigns.iter().filter(|e| e["outcome"] != "allowed").count(),
        2,
        "{cosigns:?}"
    );
    let released = entries(&d, "credential.get");
    assert!(released
        .iter()
        .any(|e| e["reason"] == "second_signature_missing"));
}

#[test]
fn bad_cosignatures_and_statements_are_refused_and_recorded() {
    let d = Daemon::dev();
    admin2_acting_for(&d, 7 * 86_400, "facebook-cest");
    let start = now();
    approvals(&d, "authority", "facebook-cest", "2").ok();
    approvals(&d, "authority", "x-cest", "2").ok();

    // Outside the cosigner's delegation.
    let outside = issue(&d, "x-cest", start, start + 3_600);
    cosign(&d, "admin2", &outside).refused("outside the delegation");
    // She signed and no delegation covers x-cest: told at once that nobody can cosign it yet.
    let alone = cli(
        &d.identity("authority"),
        &[
            "grant",
            "issue",
            "--to",
            "admin",
            "--account",
            "x-cest",
            "--purpose",
            "seule",
            "--for",
            "1h",
        ],
    )
    .ok();
    assert!(
        alone.stderr.contains("nobody can cosign it yet"),
        "{}",
        alone.stderr
    );
    // Ended: revoked, or expired.
    let revoked = issue(&d, "facebook-cest", start, start + 3_600);
    cli(
        &d.identity("authority"),
        &["grant", "revoke", &revoked, "--reason", "erreur"],
    )
    .ok();
    cosign(&d, "admin2", &revoked).refused("already revoked");
    let expired = issue(&d, "facebook-cest", start - 7_200, start - 3_600);
    cosign(&d, "admin2", &expired).refused("has ended");
    // Nothing released under any of them.
    cli(&d.identity("admin"), &["credential", "get", "x-cest"]).refused("two signatures");

    // By hand: a signature over other bytes, and statements edited, replayed or older.
    let grant = issue(&d, "facebook-cest", start, start + 3_600);
    let admin2 = Identity::load(&d.identity("admin2"), || None).unwrap();
    let admin2_key = admin2.signing_key().unwrap();
    let sg = Identity::load(&d.identity("authority"), || None).unwrap();
    let sg_key = sg.signing_key().unwrap();
    let statement = |required: u8, at: i64| {
        let s = Approvals {
            id: vaultd::ids::new_id(),
            account: "facebook-cest".into(),
            required,
            key_id: sg_key.key_id(),
            at,
        };
        let signed = s.encode();
        let signature = sg_key.sign(&signed);
        pb::SetApprovalsRequest { signed, signature }
    };
    block_on(async {
        let reason = |status: &tonic::Status| Failure::from_status(status).unwrap();
        let channel = vaultd::wire::client::connect(&admin2, None).await.unwrap();
        let mut grants = pb::grants_client::GrantsClient::new(channel);
        let shown = grants
            .get(pb::GetGrant { id: grant.clone() })
            .await
            .unwrap()
            .into_inner();
        let mut other = shown.signed.clone();
        let last = other.len() - 3;
        other[last] ^= 1;
        let forged = grants
            .cosign(pb::CosignGrant {
                id: grant.clone(),
                signature: admin2_key.sign(&other),
            })
            .await
            .unwrap_err();
        assert_eq!(reason(&forged).reason, Reason::BadSignature);
        let stranger = SigningKey::generate();
        let forged = grants
            .cosign(pb::CosignGrant {
                id: grant.clone(),
                signature: stranger.sign(&shown.signed),
            })
            .await
            .unwrap_err();
        assert_eq!(reason(&forged).reason, Reason::BadSignature);

        let channel = vaultd::wire::client::connect(&sg, None).await.unwrap();
        let mut accounts = pb::accounts_client::AccountsClient::new(channel);
        let one = statement(1, now());
        let mut edited = one.clone();
        let last = edited.signed.len() - 3;
        edited.signed[last] ^= 1;
        let forged = accounts.set_approvals(edited).await.unwrap_err();
        assert_eq!(reason(&forged).reason, Reason::BadSignature);
        let stale = accounts
            .set_approvals(statement(1, now() - 2 * 86_400))
            .await
            .unwrap_err();
        assert_eq!(reason(&stale).target.as_deref(), Some("approvals_replayed"));
        accounts.set_approvals(one.clone()).await.unwrap();
        let replay = accounts.set_approvals(one).await.unwrap_err();
        assert_eq!(
            reason(&replay).target.as_deref(),
            Some("approvals_replayed")
        );
    });
    assert_eq!(account_json(&d, "facebook-cest")["required_signatures"], 1);
    let cosigns = entries(&d, "grant.cosign");
    let refused = cosigns.iter().filter(|e| e["outcome"] != "allowed").count();
    assert_eq!(refused, 5, "{cosigns:?}");
    let rules = entries(&d, "account.approvals");
    assert_eq!(
        rules.iter().filter(|e| e["outcome"] != "allowed").count(),
        3,
        "{rules:?}"
    );
}
