//! The reviewer's side of a delegation, on the real daemon: an export carries the delegation
//! statements and the grants signed under them, `audit verify` checks each chain (grant ->
//! delegation -> the Secrétaire générale's key) offline, and a statement edited by one byte,
//! missing, or checked under another key is a finding naming the grant and why.

use crate::delegation::{approve_as_admin2, delegate, make_admin2_an_authority, now, request};
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
            && other.stderr.contains("which is not the key given"),
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
