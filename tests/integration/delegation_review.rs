//! The reviewer's side of a delegation, on the real daemon: an export carries the delegation
//! statements and the grants signed under them, `audit verify` checks each chain (grant ->
//! delegation -> the Secrétaire générale's key) offline, and a statement edited by one byte,
//! missing, or checked under another key is a finding naming the grant and why.

use crate::delegation::{
    admin2_acting_for, approve_as_admin2, delegate, make_admin2_an_authority, now, request,
};
use crate::harness::*;
use base64::Engine;
use std::path::{Path, PathBuf};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

fn verifier_key(d: &Daemon) -> String {
    let out = cli(&d.identity("auditor"), &["audit", "key"]).ok();
    out.stdout.trim().to_owned()
}

fn export(d: &Daemon, name: &str) -> PathBuf {
    let dir = d.dir.path().join(name);
    cli(
        &d.identity("auditor"),
        &["audit", "export", "--out", dir.to_str().unwrap()],
    )
    .ok();
    dir
}

/// `audit verify`, offline (no identity), in `lang`.
fn verify(dir: &Path, key: &str, extra: &[&str], lang: &str) -> CliRun {
    let mut args = vec!["audit", "verify", dir.to_str().unwrap(), "--key", key];
    args.extend_from_slice(extra);
    cli_with(Path::new("/nonexistent"), &args, None, &[("LANG", lang)])
}

/// A copy of an export (flat: a dev vault has no witnesses), to damage.
fn copy(from: &Path, to: &Path) {
    std::fs::create_dir(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

fn public_key_of(identity: &Path) -> String {
    let shown = cli(identity, &["--json", "identity", "show"]).ok();
    let shown: serde_json::Value = serde_json::from_str(&shown.stdout).unwrap();
    shown["signing_public_key"].as_str().unwrap().to_owned()
}

/// Rewrites the first statement of `file` in an export with `change` applied to its bytes.
fn edit_first_statement(dir: &Path, file: &str, change: impl FnOnce(&mut Vec<u8>)) -> String {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut signed = B64.decode(lines[0]["signed"].as_str().unwrap()).unwrap();
    change(&mut signed);
    lines[0]["signed"] = B64.encode(&signed).into();
    let out: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, out).unwrap();
    lines[0]["id"].as_str().unwrap().to_owned()
}

#[test]
fn an_export_checks_every_delegated_grant_to_her_key_and_names_a_broken_link() {
    let d = Daemon::dev();
    let admin2_key = make_admin2_an_authority(&d);
    let start = now();
    delegate(
        &d,
        &admin2_key,
        start,
        start + 7 * 86_400,
        "facebook-cest,youtube-cest",
    )
    .ok();
    let asked = request(&d, "facebook-cest");
    let grant = approve_as_admin2(&d, &asked).ok().stdout.trim().to_owned();
    let key = verifier_key(&d);
    let dir = export(&d, "export");
    for name in [
        "delegations.jsonl",
        "delegated-grants.jsonl",
        "authority-keys",
    ] {
        assert!(dir.join(name).is_file(), "{name} is in the export");
    }
    let carried = std::fs::read_to_string(dir.join("delegated-grants.jsonl")).unwrap();
    assert!(carried.contains(&grant), "{carried}");

    // Intact: the chain holds with the keys the export carries, and with hers given.
    let ok = verify(&dir, &key, &[], "en_CA.UTF-8").ok();
    assert!(
        ok.stdout
            .contains("every grant signed by an acting authority (1) leads through its delegation"),
        "{}",
        ok.stdout
    );
    let sg_key = public_key_of(&d.identity("authority"));
    verify(&dir, &key, &["--authority-key", &sg_key], "en_CA.UTF-8").ok();
    let fr = verify(&dir, &key, &["--authority-key", &sg_key], "fr_CA.UTF-8").ok();
    assert!(
        fr.stdout.contains("remonte par sa délégation"),
        "{}",
        fr.stdout
    );
    let json = cli_with(
        Path::new("/nonexistent"),
        &[
            "--json",
            "audit",
            "verify",
            dir.to_str().unwrap(),
            "--key",
            &key,
        ],
        None,
        &[("LANG", "en_CA.UTF-8")],
    )
    .ok();
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["delegated_grants"], 1, "{json}");
    // Another key than hers (the delegate's own): the chain does not reach it.
    let other = verify(&dir, &key, &["--authority-key", &admin2_key], "en_CA.UTF-8");
    assert_eq!(other.code, 3, "{}", other.stderr);
    assert!(
        other.stderr.contains(&format!("grant {grant}"))
            && other.stderr.contains("which is not among the keys given"),
        "{}",
        other.stderr
    );
    verify(&dir, &key, &["--authority-key", "not-a-key"], "en_CA.UTF-8")
        .refused("invalid authority key");

    // One byte of the delegation statement edited: verification fails and says which.
    let edited = d.dir.path().join("edited");
    copy(&dir, &edited);
    let delegation = edit_first_statement(&edited, "delegations.jsonl", |signed| {
        // A byte of the reason: still a well-formed delegation, no longer what she signed.
        let at = signed.len() - 60;
        signed[at] ^= 0x01;
    });
    for (lang, says) in [
        (
            "en_CA.UTF-8",
            format!(
                "grant {grant}: delegation {delegation} does not verify under the Secrétaire générale's key"
            ),
        ),
        (
            "fr_CA.UTF-8",
            format!(
                "autorisation {grant} : la délégation {delegation} ne se vérifie pas sous la clé de la Secrétaire générale"
            ),
        ),
    ] {
        let failed = verify(&edited, &key, &[], lang);
        assert_eq!(failed.code, 3, "{}", failed.stderr);
        assert!(failed.stderr.contains(&says), "{}", failed.stderr);
    }

    // The grant's own statement edited: it no longer verifies under the delegate's key.
    let regranted = d.dir.path().join("regranted");
    copy(&dir, &regranted);
    edit_first_statement(&regranted, "delegated-grants.jsonl", |signed| {
        let at = signed.len() - 40;
        signed[at] ^= 0x01;
    });
    let failed = verify(&regranted, &key, &[], "en_CA.UTF-8");
    assert_eq!(failed.code, 3);
    assert!(
        failed.stderr.contains(&format!(
            "grant {grant} does not verify under the delegate's key that delegation {delegation} names"
        )),
        "{}",
        failed.stderr
    );

    // The statements left out: the log still names the delegation, so the chain is missing.
    let stripped = d.dir.path().join("stripped");
    copy(&dir, &stripped);
    std::fs::remove_file(stripped.join("delegations.jsonl")).unwrap();
    let failed = verify(&stripped, &key, &[], "en_CA.UTF-8");
    assert_eq!(failed.code, 3);
    assert!(
        failed.stderr.contains(&format!(
            "grant {grant} was signed under delegation {delegation}, which the export does not carry"
        )),
        "{}",
        failed.stderr
    );
}

#[test]
fn the_report_names_the_delegation_each_grant_was_signed_under_and_flags_her_self_grants() {
    let d = Daemon::dev();
    admin2_acting_for(&d, 7 * 86_400, "");
    let asked = request(&d, "facebook-cest");
    let grant = approve_as_admin2(&d, &asked).ok().stdout.trim().to_owned();
    // The delegate grants herself: on record, and flagged.
    cli(
        &d.identity("admin2"),
        &[
            "grant",
            "issue",
            "--yes",
            "--to",
            "admin2",
            "--account",
            "youtube-cest",
            "--for",
            "1h",
            "--purpose",
            "Publication urgente",
        ],
    )
    .ok();
    let listed = cli(
        &d.identity("auditor"),
        &["--json", "authority", "delegation", "list"],
    )
    .ok();
    let listed: serde_json::Value = serde_json::from_str(&listed.stdout).unwrap();
    let delegation = listed[0]["id"].as_str().unwrap().to_owned();
    cli(
        &d.identity("authority"),
        &[
            "authority",
            "delegation",
            "revoke",
            &delegation,
            "--reason",
            "retour de congé",
        ],
    )
    .ok();
    let key = verifier_key(&d);
    let dir = export(&d, "export");
    let short = |id: &str| id[..12].to_owned();

    let text = crate::report::report(&dir, &key, &[], "en_CA.UTF-8")
        .ok()
        .stdout;
    for needle in [
        format!(
            "admin2, acting for the Secrétaire générale under delegation {}",
            short(&delegation)
        ),
        "Delegations to an acting authority".to_owned(),
        "ACTING AUTHORITY".to_owned(),
        "all accounts".to_owned(),
        "congé de la Secrétaire générale".to_owned(),
        "authority: retour de congé".to_owned(),
        "⚑ Self-grants by an acting authority".to_owned(),
        format!("2: {}", short(&grant)),
    ] {
        assert!(text.contains(&needle), "{needle} missing from:\n{text}");
    }
    let fr = crate::report::report(&dir, &key, &[], "fr_CA.UTF-8")
        .ok()
        .stdout;
    for needle in [
        format!(
            "admin2, par intérim pour la Secrétaire générale, délégation {}",
            short(&delegation)
        ),
        "Délégations à une autorité par intérim".to_owned(),
        "tous les comptes".to_owned(),
        "⚑ Autorisations à soi-même par une autorité par intérim".to_owned(),
    ] {
        assert!(fr.contains(&needle), "{needle} missing from:\n{fr}");
    }
    let html = crate::report::report(&dir, &key, &["--format", "html"], "fr_CA.UTF-8")
        .ok()
        .stdout;
    assert!(
        html.contains("id=\"delegations\"")
            && html.contains("Délégations à une autorité par intérim"),
        "the HTML report has the section"
    );
    let json = crate::report::report(&dir, &key, &["--format", "json"], "en_CA.UTF-8")
        .ok()
        .stdout;
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let json = &json["review"];
    let d0 = &json["delegations"][0];
    assert_eq!(d0["id"], delegation.as_str(), "{d0}");
    assert_eq!(d0["delegate"], "admin2");
    assert_eq!(d0["accounts"], serde_json::Value::Null, "every account");
    assert_eq!(d0["revoked"]["reason"], "retour de congé");
    assert_eq!(d0["grants"].as_array().unwrap().len(), 2, "{d0}");
    assert_eq!(d0["self_grants"].as_array().unwrap().len(), 1, "{d0}");
    let own = d0["self_grants"][0].as_str().unwrap();
    assert_ne!(own, grant, "the approved request named admin");
    let flagged = text
        .split("⚑ Self-grants by an acting authority")
        .nth(1)
        .unwrap();
    assert!(flagged.contains(&short(own)), "{flagged}");
    let signed = json["grants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == grant.as_str())
        .unwrap();
    assert_eq!(signed["delegation"], delegation.as_str());
}

#[test]
fn no_report_is_made_of_an_export_whose_delegation_was_edited() {
    let d = Daemon::dev();
    admin2_acting_for(&d, 86_400, "facebook-cest");
    let asked = request(&d, "facebook-cest");
    let grant = approve_as_admin2(&d, &asked).ok().stdout.trim().to_owned();
    let key = verifier_key(&d);
    let dir = export(&d, "export");
    crate::report::report(&dir, &key, &[], "en_CA.UTF-8").ok();
    let delegation = edit_first_statement(&dir, "delegations.jsonl", |signed| {
        let at = signed.len() - 60;
        signed[at] ^= 0x01;
    });
    let refused = crate::report::report(&dir, &key, &[], "fr_CA.UTF-8");
    assert_eq!(refused.code, 3, "{}", refused.stderr);
    assert!(
        refused.stderr.contains(&format!(
            "autorisation {grant} : la délégation {delegation} ne se vérifie pas"
        )) && refused.stdout.is_empty(),
        "{}",
        refused.stderr
    );
}
