//! Every grant's signatures checked offline from an export, on the real daemon: a grant the
//! Secrétaire générale signed, one her delegate signed, and one an account set to two
//! signatures needed (hers, then her delegate's cosignature) all verify with nothing but her
//! public key; one byte of the carried second signature changed is a finding (exit status 3)
//! naming the grant, in English and French; an export without the new files (as an older
//! vault-cli made) verifies as before and says what it did not check. Its review report says
//! why a second signature by the first signer was refused, and titles the delegations once.

use crate::delegation::{admin2_acting_for, approve_as_admin2, request};
use crate::harness::*;
use base64::Engine;
use std::path::{Path, PathBuf};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

fn export(d: &Daemon, name: &str) -> PathBuf {
    let dir = d.dir.path().join(name);
    cli(
        &d.identity("auditor"),
        &["audit", "export", "--out", dir.to_str().unwrap()],
    )
    .ok();
    dir
}

/// `audit verify`, offline (no identity), in `lang`, under her key as `identity show` prints it.
fn verify(d: &Daemon, dir: &Path, lang: &str, json: bool) -> CliRun {
    let key = cli(&d.identity("auditor"), &["audit", "key"]).ok();
    let shown = cli(&d.identity("authority"), &["--json", "identity", "show"]).ok();
    let shown: serde_json::Value = serde_json::from_str(&shown.stdout).unwrap();
    let sg_key = shown["signing_public_key"].as_str().unwrap().to_owned();
    let mut args = vec![
        "audit",
        "verify",
        dir.to_str().unwrap(),
        "--key",
        key.stdout.trim(),
        "--authority-key",
        &sg_key,
    ];
    if json {
        args.insert(0, "--json");
    }
    cli_with(Path::new("/nonexistent"), &args, None, &[("LANG", lang)])
}

/// A flat copy of an export (a dev vault has no witnesses), to damage.
fn copy(from: &Path, to: &Path) {
    std::fs::create_dir(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// The grant id the CLI printed on its first line.
fn first_line(run: CliRun) -> String {
    run.stdout
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned()
}

#[test]
fn an_export_checks_her_grants_her_delegates_and_their_second_signatures_with_her_key_alone() {
    let d = Daemon::dev();
    admin2_acting_for(&d, 7 * 86_400, "facebook-cest,youtube-cest");
    // Her own grant, signed with her key.
    let hers = first_line(
        cli(
            &d.identity("authority"),
            &[
                "grant",
                "issue",
                "--to",
                "admin",
                "--account",
                "x-cest",
                "--purpose",
                "veille",
                "--for",
                "1h",
            ],
        )
        .ok(),
    );
    // Her delegate's, through the delegation.
    let delegated = first_line(approve_as_admin2(&d, &request(&d, "youtube-cest")).ok());
    // Two signatures: the rule she signed, her approval, her delegate's cosignature.
    cli(
        &d.identity("authority"),
        &[
            "account",
            "approvals",
            "facebook-cest",
            "--set",
            "2",
            "--yes",
        ],
    )
    .ok();
    let asked = request(&d, "facebook-cest");
    let both = first_line(
        cli(
            &d.identity("authority"),
            &["grant", "approve", "--yes", &asked],
        )
        .ok(),
    );
    // Her own key twice is refused, and on record.
    cli(
        &d.identity("authority"),
        &["grant", "cosign", "--yes", &both],
    )
    .refused("already carries your key's signature");
    cli(&d.identity("admin2"), &["grant", "cosign", "--yes", &both]).ok();
    cli(
        &d.identity("admin"),
        &["credential", "get", "facebook-cest"],
    )
    .ok();

    let dir = export(&d, "export");
    for (file, carries) in [
        ("authority-grants.jsonl", &hers),
        ("authority-grants.jsonl", &both),
        ("delegated-grants.jsonl", &delegated),
        ("cosignatures.jsonl", &both),
    ] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        assert!(text.contains(carries.as_str()), "{file}: {text}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.join("approvals.jsonl"))
            .unwrap()
            .lines()
            .count(),
        1
    );

    // Intact: every signature holds under her key, said in both languages.
    let ok = verify(&d, &dir, "en_CA.UTF-8", false).ok();
    assert!(
        ok.stdout.contains(
            "Signatures: every grant (3) verifies under the key of the Secrétaire générale or \
             through a delegation; second signatures checked: 1; approvals statements checked: 1"
        ),
        "{}",
        ok.stdout
    );
    assert!(!ok.stdout.contains("Not checked"), "{}", ok.stdout);
    let fr = verify(&d, &dir, "fr_CA.UTF-8", false).ok();
    assert!(
        fr.stdout
            .contains("Signatures : chaque autorisation (3) se vérifie")
            && fr.stdout.contains("deuxièmes signatures vérifiées : 1"),
        "{}",
        fr.stdout
    );
    let json = verify(&d, &dir, "en_CA.UTF-8", true).ok();
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        (
            &json["grants"],
            &json["delegated_grants"],
            &json["cosignatures"],
            &json["approvals"]
        ),
        (&3.into(), &1.into(), &1.into(), &1.into()),
        "{json}"
    );

    // The review report of the same export says why her second signature was refused, and
    // titles the delegations once.
    let key = cli(&d.identity("auditor"), &["audit", "key"]).ok().stdout;
    let key = key.trim();
    for (lang, why, title) in [
        (
            "en_CA.UTF-8",
            "second signature by the same key or person: it must come from another key",
            "Delegations to an acting authority",
        ),
        (
            "fr_CA.UTF-8",
            "deuxième signature de la même clé ou de la même personne : elle doit venir d'une autre clé",
            "Délégations à une autorité par intérim",
        ),
    ] {
        let text = crate::report::report(&dir, key, &[], lang).ok().stdout;
        assert!(text.contains(why), "{lang}: {text}");
        assert!(
            !text.contains("unusable request") && !text.contains("demande inutilisable"),
            "{lang}: {text}"
        );
        assert_eq!(text.matches(title).count(), 1, "{lang}: {text}");
        let html = crate::report::report(&dir, key, &["--format", "html"], lang)
            .ok()
            .stdout;
        // Escaped as the page writes text.
        assert!(html.contains(&why.replace('\'', "&#39;")), "{lang}");
    }

    // One byte of the carried second signature changed: a finding naming the grant.
    let tampered = d.dir.path().join("tampered");
    copy(&dir, &tampered);
    let path = tampered.join("cosignatures.jsonl");
    let mut line: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&path).unwrap().trim()).unwrap();
    let mut signature = B64.decode(line["signature"].as_str().unwrap()).unwrap();
    signature[10] ^= 0x01;
    line["signature"] = B64.encode(&signature).into();
    std::fs::write(&path, format!("{line}\n")).unwrap();
    let refused = verify(&d, &tampered, "en_CA.UTF-8", false);
    assert_eq!(refused.code, 3, "{}", refused.stderr);
    assert!(
        refused.stderr.contains(&format!(
            "grant {both}: its second signature does not verify over the grant's signed bytes"
        )),
        "{}",
        refused.stderr
    );
    assert!(!refused.stdout.contains("Signatures"), "{}", refused.stdout);
    let refused = verify(&d, &tampered, "fr_CA.UTF-8", false);
    assert_eq!(refused.code, 3, "{}", refused.stderr);
    assert!(
        refused.stderr.contains(&format!(
            "autorisation {both} : sa deuxième signature ne se vérifie pas"
        )),
        "{}",
        refused.stderr
    );

    // An export as an older vault-cli made it: verifies as before, says what it left out.
    let older = d.dir.path().join("older");
    copy(&dir, &older);
    for file in [
        "authority-grants.jsonl",
        "cosignatures.jsonl",
        "approvals.jsonl",
    ] {
        std::fs::remove_file(older.join(file)).unwrap();
    }
    let ok = verify(&d, &older, "en_CA.UTF-8", false).ok();
    for said in [
        "every grant signed by an acting authority (1) leads through its delegation",
        "Not checked: this export has no authority-grants.jsonl (made by an older vault-cli), \
         so the signatures of the grants signed with the Secrétaire générale's own key (2) were \
         not checked",
        "Not checked: this export has no cosignatures.jsonl",
        "so the approvals statements (1) were not checked",
    ] {
        assert!(ok.stdout.contains(said), "{said}: {}", ok.stdout);
    }
    let fr = verify(&d, &older, "fr_CA.UTF-8", false).ok();
    assert!(
        fr.stdout
            .contains("Non vérifié : cet export n'a pas de fichier authority-grants.jsonl"),
        "{}",
        fr.stdout
    );
}

/// Her key replaced (`authority rotate`): a grant signed before and one after verify when both
/// her keys are given (`--authority-key` twice) or none (the keys the log says were pinned);
/// with the new key alone, the older grant is named as signed by a key not given.
#[test]
fn grants_signed_before_and_after_her_key_rotation_verify_with_each_key_given() {
    use vaultd::authz::grant::SigningKey;
    use vaultd::identity::Identity;
    let d = Daemon::dev();
    let sg = d.identity("authority");
    let issue = |identity: &Path, purpose: &str| {
        first_line(
            cli(
                identity,
                &[
                    "grant",
                    "issue",
                    "--to",
                    "admin",
                    "--account",
                    "x-cest",
                    "--purpose",
                    purpose,
                    "--for",
                    "1h",
                ],
            )
            .ok(),
        )
    };
    let key_of = |identity: &Path| {
        let shown = cli(identity, &["--json", "identity", "show"]).ok();
        let shown: serde_json::Value = serde_json::from_str(&shown.stdout).unwrap();
        shown["signing_public_key"].as_str().unwrap().to_owned()
    };
    let before = issue(&sg, "avant");
    let next = d.dir.path().join("authority-next.id");
    Identity::load(&sg, || None)
        .unwrap()
        .with_signing_key(&SigningKey::generate())
        .save_plain(&next, false)
        .unwrap();
    cli(
        &sg,
        &[
            "authority",
            "rotate",
            "--new-identity",
            next.to_str().unwrap(),
        ],
    )
    .ok();
    let after = issue(&next, "après");
    assert_ne!(before, after);
    let (old_key, new_key) = (key_of(&sg), key_of(&next));
    let dir = export(&d, "rotated");
    let log_key = cli(&d.identity("auditor"), &["audit", "key"]).ok();
    let verify_with = |keys: &[&str]| {
        let mut args = vec![
            "audit",
            "verify",
            dir.to_str().unwrap(),
            "--key",
            log_key.stdout.trim(),
        ];
        for key in keys {
            args.extend_from_slice(&["--authority-key", key]);
        }
        cli_with(
            Path::new("/nonexistent"),
            &args,
            None,
            &[("LANG", "en_CA.UTF-8")],
        )
    };
    verify_with(&[&old_key, &new_key]).ok();
    verify_with(&[]).ok();
    let only_new = verify_with(&[&new_key]);
    assert_eq!(only_new.code, 3, "{}", only_new.stderr);
    assert!(
        only_new
            .stderr
            .contains(&format!("grant {before} is signed by authority key"))
            && only_new.stderr.contains("may be repeated"),
        "{}",
        only_new.stderr
    );
}
