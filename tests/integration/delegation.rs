//! The Secrétaire générale away: her signed delegation to an acting authority (admin2, given
//! the authority role), grants admin2 signs counting only inside it, refusals on record, and the
//! delegation ending by its term, its revocation, or the rotation of her key.

use crate::harness::*;
use std::time::Duration;
use vaultd::authz::delegation::Delegation;
use vaultd::authz::grant::SigningKey;
use vaultd::identity::Identity;
use vaultd::wire::pb;
use vaultd::wire::reason::{Failure, Reason};

pub(crate) fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

pub(crate) fn at(unix: i64) -> String {
    vaultd::times::format_time(unix)
}

/// Gives admin2 the authority role and a grant-signing key in her own identity file, as
/// `identity new --signing` would have; returns her public key in base64.
pub(crate) fn make_admin2_an_authority(d: &Daemon) -> String {
    let path = d.identity("admin2");
    let key = SigningKey::generate();
    Identity::load(&path, || None)
        .unwrap()
        .with_signing_key(&key)
        .save_plain(&path, true)
        .unwrap();
    cli(
        &d.identity("operator"),
        &[
            "principal",
            "roles",
            "admin2",
            "--set",
            "admin",
            "--set",
            "authority",
        ],
    )
    .ok();
    let shown = cli(&path, &["--json", "identity", "show"]).ok();
    let shown: serde_json::Value = serde_json::from_str(&shown.stdout).unwrap();
    shown["signing_public_key"].as_str().unwrap().to_owned()
}

/// `authority delegate` as the SG, for `accounts` (all when empty).
pub(crate) fn delegate(d: &Daemon, key: &str, from: i64, until: i64, accounts: &str) -> CliRun {
    let (from, until) = (at(from), at(until));
    let mut args = vec![
        "authority",
        "delegate",
        "--to",
        "admin2",
        "--key",
        key,
        "--from",
        &from,
        "--until",
        &until,
        "--reason",
        "congé de la Secrétaire générale",
    ];
    if !accounts.is_empty() {
        args.extend_from_slice(&["--accounts", accounts]);
    }
    cli(&d.identity("authority"), &args)
}

/// admin2 made an acting authority (as `make_admin2_an_authority`) and delegated to from now
/// for `secs`, over `accounts` (all when empty): the start most tests of delegation share.
pub(crate) fn admin2_acting_for(d: &Daemon, secs: i64, accounts: &str) {
    let key = make_admin2_an_authority(d);
    let start = now();
    delegate(d, &key, start, start + secs, accounts).ok();
}

/// admin asks for `account`; returns the request id.
pub(crate) fn request(d: &Daemon, account: &str) -> String {
    let out = cli(
        &d.identity("admin"),
        &[
            "grant",
            "request",
            account,
            "--purpose",
            "intérim",
            "--for",
            "1h",
        ],
    )
    .ok();
    out.stdout.trim().to_owned()
}

pub(crate) fn approve_as_admin2(d: &Daemon, request: &str) -> CliRun {
    cli(
        &d.identity("admin2"),
        &["grant", "approve", "--yes", request],
    )
}

/// The audit entries of `action`, as the auditor reads them.
pub(crate) fn entries(d: &Daemon, action: &str) -> Vec<serde_json::Value> {
    let out = cli(
        &d.identity("auditor"),
        &["--json", "audit", "log", "--action", action],
    )
    .ok();
    serde_json::from_str(&out.stdout).unwrap()
}

fn delegations(d: &Daemon) -> Vec<serde_json::Value> {
    let out = cli(
        &d.identity("auditor"),
        &["--json", "authority", "delegation", "list"],
    )
    .ok();
    serde_json::from_str(&out.stdout).unwrap()
}

#[test]
fn an_acting_authority_approves_inside_her_delegation_only_until_it_is_revoked() {
    let d = Daemon::dev();
    let key = make_admin2_an_authority(&d);

    // Before any delegation her key is no authority's: told to ask for a delegation (not to
    // warn security of a forgery), in her language, and on record as such.
    let early = request(&d, "facebook-cest");
    approve_as_admin2(&d, &early).refused("no delegation names you");
    let french = cli_with(
        &d.identity("admin2"),
        &["grant", "approve", "--yes", &early],
        None,
        &[("LANG", "fr_CA.UTF-8")],
    );
    french.refused("aucune délégation ne vous nomme");
    assert!(entries(&d, "grant.approve")
        .iter()
        .any(|e| e["outcome"] == "denied" && e["reason"] == "not_delegated"));

    let start = now();
    let made = delegate(
        &d,
        &key,
        start,
        start + 7 * 86_400,
        "facebook-cest,youtube-cest",
    )
    .ok();
    assert!(
        made.stdout
            .contains("admin2 acts for the Secrétaire générale")
            && made.stdout.contains("facebook-cest, youtube-cest"),
        "{}",
        made.stdout
    );
    let listed = delegations(&d);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["state"], "active");
    assert_eq!(listed[0]["delegate"], "admin2");
    let delegation_id = listed[0]["id"].as_str().unwrap().to_owned();

    // Inside the delegation: approved, and the password released.
    let granted = approve_as_admin2(&d, &early).ok();
    let grant_id = granted.stdout.trim().to_owned();
    let got = cli(
        &d.identity("admin"),
        &["credential", "get", "facebook-cest"],
    )
    .ok();
    assert!(
        got.stderr.contains(&format!("under grant {grant_id}")),
        "{}",
        got.stderr
    );
    let approved = entries(&d, "grant.approve");
    let ours = approved
        .iter()
        .find(|e| e["grant"] == grant_id.as_str())
        .unwrap();
    assert!(
        ours["detail"]
            .as_str()
            .unwrap()
            .contains(&format!("delegation={delegation_id}")),
        "{ours}"
    );

    // A third account is outside it: refused, in both languages, and nothing decided.
    let third = request(&d, "x-cest");
    approve_as_admin2(&d, &third).refused("x-cest: outside the delegation you act under");
    cli_with(
        &d.identity("admin2"),
        &["grant", "approve", "--yes", &third],
        None,
        &[("LANG", "fr_CA.UTF-8")],
    )
    .refused("hors de la délégation sous laquelle vous agissez");
    cli(
        &d.identity("admin2"),
        &["grant", "deny", &third, "--reason", "non"],
    )
    .refused("outside the delegation");
    // The delegate cannot delegate, nor end a delegation.
    cli(
        &d.identity("admin2"),
        &[
            "authority",
            "delegation",
            "revoke",
            &delegation_id,
            "--reason",
            "x",
        ],
    )
    .refused("only the Secrétaire générale can delegate or end a delegation");
    let refused = entries(&d, "grant.approve");
    assert!(
        refused
            .iter()
            .any(|e| e["outcome"] == "denied" && e["reason"] == "outside_delegation"),
        "{refused:?}"
    );
    cli(
        &d.identity("authority"),
        &["grant", "deny", &third, "--reason", "pas pendant l'intérim"],
    )
    .ok();

    // Revoked: her new grants are refused, the one she signed before still serves.
    cli(
        &d.identity("authority"),
        &[
            "authority",
            "delegation",
            "revoke",
            &delegation_id[..8],
            "--reason",
            "retour de congé",
        ],
    )
    .ok();
    assert_eq!(delegations(&d)[0]["state"], "revoked");
    let after = request(&d, "youtube-cest");
    approve_as_admin2(&d, &after).refused("does not cover this moment");
    cli(
        &d.identity("admin"),
        &["credential", "get", "facebook-cest"],
    )
    .ok();
    let revoked = entries(&d, "authority.delegation.revoke");
    assert!(
        revoked.iter().any(|e| e["outcome"] == "allowed"),
        "{revoked:?}"
    );
    let made = entries(&d, "authority.delegate");
    assert!(made.iter().any(|e| e["outcome"] == "allowed"), "{made:?}");
}

#[test]
fn bad_delegations_are_refused_recorded_and_pin_nothing() {
    let d = Daemon::dev();
    let key = make_admin2_an_authority(&d);
    let start = now();
    delegate(&d, &key, start, start + 91 * 86_400, "").refused("too long (at most 90 days)");
    delegate(&d, &key, start - 3 * 86_400, start - 86_400, "").refused("the window is in the past");
    delegate(&d, &key, start, start + 86_400, "nope-cest").refused("nope-cest");
    delegate(&d, "not-a-key", start, start + 86_400, "").refused("--key not-a-key");
    // admin2 with her own key is not the Secrétaire générale.
    let admin2 = d.identity("admin2");
    let (from, until) = (at(start), at(start + 86_400));
    cli(
        &admin2,
        &[
            "authority",
            "delegate",
            "--to",
            "admin",
            "--key",
            &key,
            "--from",
            &from,
            "--until",
            &until,
        ],
    )
    .refused("does not verify");

    // Statements made by hand: an unknown principal, one byte edited, a replay.
    let sg = Identity::load(&d.identity("authority"), || None).unwrap();
    let sg_key = sg.signing_key().unwrap();
    use base64::Engine;
    let public = base64::engine::general_purpose::STANDARD
        .decode(&key)
        .unwrap();
    let statement = |delegate: &str| Delegation {
        id: vaultd::ids::new_id(),
        delegate: delegate.into(),
        delegate_key: hex::encode(&public),
        not_before: start,
        not_after: start + 86_400,
        accounts: None,
        reason: "déplacement".into(),
        issued_at: start,
        key_id: sg_key.key_id(),
    };
    block_on(async {
        let channel = vaultd::wire::client::connect(&sg, None).await.unwrap();
        let mut grants = pb::grants_client::GrantsClient::new(channel);
        let register = |s: &Delegation| {
            let signed = s.encode();
            let signature = sg_key.sign(&signed);
            pb::RegisterDelegation { signed, signature }
        };
        let reason = |status: &tonic::Status| Failure::from_status(status).unwrap();

        let unknown = grants
            .delegate(register(&statement("personne")))
            .await
            .unwrap_err();
        assert_eq!(reason(&unknown).reason, Reason::UnknownPrincipal);
        let not_authority = grants
            .delegate(register(&statement("admin")))
            .await
            .unwrap_err();
        assert_eq!(
            reason(&not_authority).target.as_deref(),
            Some("delegate_not_authority")
        );

        let good = register(&statement("admin2"));
        let mut edited = good.clone();
        let last = edited.signed.len() - 3;
        edited.signed[last] ^= 1;
        let forged = grants.delegate(edited).await.unwrap_err();
        assert_eq!(reason(&forged).reason, Reason::BadSignature);
        let other = SigningKey::generate();
        let mut by_other = good.clone();
        by_other.signature = other.sign(&good.signed);
        let forged = grants.delegate(by_other).await.unwrap_err();
        assert_eq!(reason(&forged).reason, Reason::BadSignature);

        let pinned = grants.delegate(good.clone()).await.unwrap().into_inner();
        grants
            .revoke_delegation(pb::RevokeDelegationRequest {
                id: pinned.id.clone(),
                reason: "annulée".into(),
                end_grants: false,
            })
            .await
            .unwrap();
        let replay = grants.delegate(good).await.unwrap_err();
        assert_eq!(reason(&replay).target.as_deref(), Some("delegation_known"));
    });
    let listed = delegations(&d);
    assert_eq!(listed.len(), 1, "only the good one was ever pinned");
    assert_eq!(listed[0]["state"], "revoked");
    let recorded = entries(&d, "authority.delegate");
    let refused = recorded
        .iter()
        .filter(|e| e["outcome"] != "allowed")
        .count();
    assert!(refused >= 9, "every refusal is on record: {recorded:?}");
}

#[test]
fn a_delegation_ends_at_its_term_and_with_the_rotation_of_her_key() {
    let d = Daemon::dev();
    let key = make_admin2_an_authority(&d);
    let start = now();
    // A short delegation: inside it admin2 approves; once past --until, the same key's new
    // grants are refused.
    let until = start + 10;
    delegate(&d, &key, start, until, "").ok();
    let first = request(&d, "linkedin-cest");
    approve_as_admin2(&d, &first).ok();
    let later = request(&d, "linkedin-cest");
    wait_until("the delegation's end", Duration::from_secs(30), || {
        now() > until
    });
    approve_as_admin2(&d, &later).refused("does not cover this moment");
    cli(
        &d.identity("admin"),
        &["credential", "get", "linkedin-cest"],
    )
    .ok();

    // A week's delegation, then her key is rotated: it ends, and grants signed under it too.
    delegate(&d, &key, now(), now() + 7 * 86_400, "flickr-cest").ok();
    let flickr = request(&d, "flickr-cest");
    approve_as_admin2(&d, &flickr).ok();
    cli(&d.identity("admin"), &["credential", "get", "flickr-cest"]).ok();
    // The delegation in force (flickr) does not name linkedin; the ended one did: she is told
    // that one ended, not that linkedin is outside her delegation.
    let again = request(&d, "linkedin-cest");
    approve_as_admin2(&d, &again).refused("does not cover this moment");
    let sg = Identity::load(&d.identity("authority"), || None).unwrap();
    let current = sg.signing_key().unwrap();
    let next = SigningKey::generate();
    block_on(async {
        let channel = vaultd::wire::client::connect(&sg, None).await.unwrap();
        let mut grants = pb::grants_client::GrantsClient::new(channel);
        grants
            .rotate_authority_key(pb::RotateAuthorityKeyRequest {
                new_public_key: next.public_key(),
                signature: current.sign_rotation(1, &next.public_key()),
            })
            .await
            .unwrap();
    });
    assert!(delegations(&d).iter().all(|d| d["state"] != "active"));
    cli(&d.identity("admin"), &["credential", "get", "flickr-cest"]).refused("does not verify");
    let again = request(&d, "flickr-cest");
    approve_as_admin2(&d, &again).refused("no delegation names you");
}

fn revoke_delegation(d: &Daemon, id: &str, extra: &[&str], lang: &str) -> CliRun {
    let mut args = vec![
        "authority",
        "delegation",
        "revoke",
        id,
        "--reason",
        "retour de congé",
    ];
    args.extend_from_slice(extra);
    cli_with(&d.identity("authority"), &args, None, &[("LANG", lang)])
}

fn grant_state(d: &Daemon, grant: &str) -> String {
    let out = cli(&d.identity("auditor"), &["--json", "grant", "list"]).ok();
    let listed: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let grants = listed["grants"]
        .as_array()
        .unwrap_or_else(|| panic!("{listed}"));
    grants
        .iter()
        .find(|g| g["id"] == grant)
        .unwrap_or_else(|| panic!("{grant} not listed: {listed}"))["state"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn rotation_recommended(d: &Daemon, account: &str) -> bool {
    let shown = cli(
        &d.identity("operator"),
        &["--json", "account", "show", account],
    )
    .ok();
    serde_json::from_str::<serde_json::Value>(&shown.stdout).unwrap()["rotation_recommended"]
        .as_bool()
        .unwrap()
}

#[test]
fn revoking_a_delegation_ends_its_live_grants_only_when_she_says_so() {
    let d = Daemon::dev();
    admin2_acting_for(&d, 86_400, "facebook-cest,youtube-cest");
    let id = delegations(&d)[0]["id"].as_str().unwrap().to_owned();
    let first = approve_as_admin2(&d, &request(&d, "facebook-cest"))
        .ok()
        .stdout
        .trim()
        .to_owned();
    let second = approve_as_admin2(&d, &request(&d, "youtube-cest"))
        .ok()
        .stdout
        .trim()
        .to_owned();
    // One the SG signed herself is no grant of the delegation: it never ends with it.
    let hers = cli(
        &d.identity("authority"),
        &["grant", "approve", "--yes", &request(&d, "youtube-cest")],
    )
    .ok()
    .stdout
    .trim()
    .to_owned();
    cli(
        &d.identity("admin"),
        &["credential", "get", "facebook-cest"],
    )
    .ok();
    assert!(!rotation_recommended(&d, "facebook-cest"));

    // Without --end-grants: they stay valid, and she is told how many and how to end them.
    let kept = revoke_delegation(&d, &id, &[], "en_CA.UTF-8").ok();
    assert!(
        kept.stdout.contains(
            "Grants issued under it that stay live until their own end: 2 (the delegation covered the time they were issued)"
        ) && kept.stdout.contains("--end-grants"),
        "{}",
        kept.stdout
    );
    assert_eq!(grant_state(&d, &first), "active");
    cli(
        &d.identity("admin"),
        &["credential", "get", "facebook-cest"],
    )
    .ok();
    // Revoking it again ends nothing more and says so.
    revoke_delegation(&d, &id, &[], "en_CA.UTF-8").refused("revoked");

    // With --end-grants (here after the fact, in French): both ended in one commit, each on
    // record as a grant revocation, and the password its holder saw is to be changed.
    let ended = revoke_delegation(&d, &id[..8], &["--end-grants"], "fr_CA.UTF-8").ok();
    assert!(
        ended.stdout.contains(
            "Autorisations émises sous elle et encore en vigueur, révoquées maintenant : 2"
        ),
        "{}",
        ended.stdout
    );
    assert_eq!(grant_state(&d, &first), "revoked");
    assert_eq!(grant_state(&d, &second), "revoked");
    assert_eq!(grant_state(&d, &hers), "active");
    cli(
        &d.identity("admin"),
        &["credential", "get", "facebook-cest"],
    )
    .refused("facebook-cest");
    assert!(rotation_recommended(&d, "facebook-cest"));
    let revocations = entries(&d, "grant.revoke");
    for grant in [&first, &second] {
        let entry = revocations
            .iter()
            .find(|e| e["grant"] == grant.as_str())
            .unwrap_or_else(|| panic!("no grant.revoke entry for {grant}: {revocations:?}"));
        assert_eq!(entry["outcome"], "allowed");
        assert_eq!(entry["principal"], "authority");
        let detail = entry["detail"].as_str().unwrap();
        assert!(
            detail.contains(&format!("delegation={id}")) && detail.contains("retour de congé"),
            "{detail}"
        );
    }
    assert_eq!(revocations.len(), 2, "{revocations:?}");
    // Nothing left to end: the answer says none, in JSON too.
    let json = cli(
        &d.identity("authority"),
        &[
            "--json",
            "authority",
            "delegation",
            "revoke",
            &id,
            "--reason",
            "encore",
            "--end-grants",
        ],
    )
    .ok();
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["ended_grants"], serde_json::json!([]));
    assert_eq!(json["grants_still_live"], 0);
}
