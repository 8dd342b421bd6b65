//! A reviewer's witness against a vault that was rolled back while the witness lost its own
//! state, and the vault's list of the witnesses whose cosignatures it keeps.

use crate::harness::{cli, Daemon, VAULTD};
use std::path::{Path, PathBuf};

/// A witness key made by `audit witness init` under `name`; its verifier key.
fn init_witness(identity: &Path, key: &Path, name: &str) -> String {
    let out = cli(
        identity,
        &[
            "audit",
            "witness",
            "init",
            "--out",
            key.to_str().unwrap(),
            "--name",
            name,
        ],
    )
    .ok();
    // The bare key on stdout, as `audit key` prints the log's; the sentence on stderr.
    let verifier = out.stdout.trim();
    assert!(
        verifier.starts_with(&format!("{name}+")) && !verifier.contains([' ', '\n']),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("keep it off the server"),
        "{}",
        out.stderr
    );
    verifier.to_owned()
}

fn cosign(identity: &Path, key: &Path, state: &Path, extra: &[&str]) -> crate::harness::CliRun {
    let mut args = vec![
        "audit",
        "witness",
        "cosign",
        "--key",
        key.to_str().unwrap(),
        "--state",
        state.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    cli(identity, &args)
}

/// Stops `d` and serves the vault restored from `backup` in its place, at the same address.
fn restore_in_place(d: &mut Daemon, backup: &Path, auditor: &Path) -> Daemon {
    let dir = d.dir.path().to_owned();
    let url = d.url.clone();
    assert!(d.terminate().success());
    let restored = dir.join("restored");
    let out = std::process::Command::new(VAULTD)
        .args(["restore", "--from"])
        .arg(backup)
        .arg("--data-dir")
        .arg(&restored)
        .arg("--unseal-identity")
        .arg(d.vault_dir().join("unseal.key"))
        .arg("--accept-unknown-origin")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut served = Daemon::serve_again(
        tempfile::tempdir().unwrap(),
        &restored,
        &url,
        Some(&d.vault_dir().join("unseal.key")),
    );
    served.wait_serving_as(auditor);
    served
}

/// The record a witness keeps beside its key.
fn record_of(key: &Path) -> PathBuf {
    PathBuf::from(format!("{}.cosigned", key.display()))
}

/// Losing the witness's saved checkpoint (deleted, or damaged) does not make it forget what its
/// key co-signed: the record beside the key still refuses a rollback. Losing both refuses too,
/// until the reviewer says `--reset`, which says what it gives up.
#[test]
fn a_witness_that_lost_its_checkpoint_still_refuses_a_rollback_and_resets_only_when_told() {
    let mut d = Daemon::dev();
    let auditor = d.identity("auditor");
    let dir = d.dir.path().to_owned();
    let key = dir.join("witness.key");
    let state = dir.join("witness-state");
    let verifier = init_witness(&auditor, &key, "witness.test/w1");
    cli(&auditor, &["audit", "witness", "add", &verifier]).ok();
    let first = cosign(&auditor, &key, &state, &[]).ok();
    assert!(
        first.stdout.contains("the first this key co-signs") && !first.stdout.contains("extends"),
        "{}",
        first.stdout
    );
    let backup = dir.join("b.age");
    cli(
        &d.identity("operator"),
        &["backup", "--out", backup.to_str().unwrap()],
    )
    .ok();
    for _ in 0..3 {
        cli(&auditor, &["audit", "log", "--limit", "1"]).ok();
    }
    cosign(&auditor, &key, &state, &[]).ok();
    let cosigned = std::fs::read_to_string(state.join("checkpoint")).unwrap();
    let cosigned_size: u64 = cosigned.lines().nth(1).unwrap().parse().unwrap();

    // The vault is rolled back to the backup, and the witness's checkpoint is gone.
    let _served = restore_in_place(&mut d, &backup, &auditor);
    std::fs::remove_file(state.join("checkpoint")).unwrap();
    let refused = cosign(&auditor, &key, &state, &[]);
    assert_eq!(refused.code, 3, "{}{}", refused.stdout, refused.stderr);
    assert!(
        refused
            .stderr
            .contains(&format!("already co-signed (size {cosigned_size},")),
        "{}",
        refused.stderr
    );
    assert!(!state.join("checkpoint").exists(), "nothing written");

    // A damaged checkpoint is no better than none.
    std::fs::write(state.join("checkpoint"), "not a checkpoint\n").unwrap();
    let refused = cosign(&auditor, &key, &state, &[]);
    assert_eq!(refused.code, 3, "{}{}", refused.stdout, refused.stderr);
    assert!(
        refused
            .stderr
            .contains(&format!("already co-signed (size {cosigned_size},")),
        "{}",
        refused.stderr
    );

    // With the record beside the key gone too, the witness cannot tell what it co-signed: it
    // refuses, and names the way out.
    std::fs::remove_file(record_of(&key)).unwrap();
    std::fs::remove_dir_all(&state).unwrap();
    let refused = cosign(&auditor, &key, &state, &[]);
    assert_eq!(refused.code, 3, "{}{}", refused.stdout, refused.stderr);
    assert!(refused.stdout.is_empty(), "{}", refused.stdout);
    assert!(refused.stderr.contains("--reset"), "{}", refused.stderr);
    assert!(!state.exists(), "nothing written");

    // --reset starts over from the log as served, and says that a rollback before now goes
    // unnoticed; the next run checks against what it co-signed then.
    let reset = cosign(&auditor, &key, &state, &["--reset"]).ok();
    assert!(
        reset.stderr.contains("rollback") && reset.stderr.contains("--reset"),
        "{}",
        reset.stderr
    );
    assert!(
        reset.stdout.contains("the first this key co-signs"),
        "{}",
        reset.stdout
    );
    assert!(record_of(&key).exists());
    cli(&auditor, &["audit", "log", "--limit", "1"]).ok();
    let next = cosign(&auditor, &key, &state, &[]).ok();
    assert!(next.stdout.contains("it extends size"), "{}", next.stdout);

    // Where the key's directory is read-only (a systemd credential), the record lives where
    // --record says, and is read from there.
    let elsewhere = dir.join("record").join("witness.key.cosigned");
    std::fs::create_dir(dir.join("record")).unwrap();
    std::fs::rename(record_of(&key), &elsewhere).unwrap();
    std::fs::remove_dir_all(&state).unwrap();
    let record = elsewhere.to_str().unwrap();
    cli(&auditor, &["audit", "log", "--limit", "1"]).ok();
    let moved = cosign(&auditor, &key, &state, &["--record", record]).ok();
    assert!(moved.stdout.contains("it extends size"), "{}", moved.stdout);
    assert!(!record_of(&key).exists());
}

/// A cosignature sent straight to the vault, as any auditor could.
fn add_cosignature(identity: &Path, note: String) -> Result<(), tonic::Status> {
    use vaultd::wire::pb;
    let id = vaultd::identity::Identity::load(identity, || None).unwrap();
    crate::harness::block_on(async {
        let channel = vaultd::wire::client::connect(&id, None).await.unwrap();
        pb::audit_client::AuditClient::new(channel)
            .add_cosignature(pb::AddCosignatureRequest { note })
            .await
            .map(|_| ())
    })
}

/// The vault's latest checkpoint note.
fn latest_note(identity: &Path) -> String {
    use vaultd::wire::pb;
    let id = vaultd::identity::Identity::load(identity, || None).unwrap();
    crate::harness::block_on(async {
        let channel = vaultd::wire::client::connect(&id, None).await.unwrap();
        pb::audit_client::AuditClient::new(channel)
            .checkpoint(pb::AuditCheckpointRequest {})
            .await
            .unwrap()
            .into_inner()
            .note
    })
}

/// `note` with one more signature line by `name` carrying `blob`.
fn with_line(note: &str, name: &str, blob: &[u8]) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(blob);
    format!("{note}\u{2014} {name} {b64}\n")
}

/// The reason code of a refused call.
fn reason_of(status: &tonic::Status) -> String {
    let failure = vaultd::wire::reason::Failure::from_status(status).expect("a reason");
    failure.target.unwrap_or_default()
}

/// The vault keeps a cosignature only when it verifies under a witness key it lists: a key an
/// attacker made under the real witness's name, or random bytes, are refused with a reason and
/// cannot stand in the way of the real witness's word; the list is kept by the auditor or the
/// authority, each change on record, and no other role may touch it.
#[test]
fn the_vault_keeps_only_cosignatures_that_a_listed_witness_key_verifies() {
    use vaultd::tlog::cosignature::cosign as cosign_line;
    use vaultd::tlog::note::Signer;
    let d = Daemon::dev();
    let auditor = d.identity("auditor");
    let authority = d.identity("authority");
    let dir = d.dir.path().to_owned();
    let key = dir.join("witness.key");
    let state = dir.join("witness-state");
    let name = "witness.test/w1";
    let verifier = init_witness(&auditor, &key, name);

    // Before any witness is listed, and after the real one is: a forged key under the real name,
    // and 76 random bytes, are refused with a reason.
    let forger = Signer::generate(name).unwrap();
    let forge = || {
        let note = latest_note(&auditor);
        let body = format!("{}\n", note.split_once("\n\n").unwrap().0);
        let line = cosign_line(&forger, &body, 1_900_000_000);
        format!("{note}{line}\n")
    };
    let random = || {
        let bytes: Vec<u8> = (0..76u8)
            .map(|i| i.wrapping_mul(97).wrapping_add(13))
            .collect();
        with_line(&latest_note(&auditor), name, &bytes)
    };
    let refused = add_cosignature(&auditor, forge()).unwrap_err();
    assert_eq!(reason_of(&refused), "witness_not_listed", "{refused:?}");
    let refused = add_cosignature(&auditor, random()).unwrap_err();
    assert_eq!(reason_of(&refused), "witness_not_listed", "{refused:?}");

    // `cosign` with a key the vault does not list says which command adds it.
    let unlisted = cosign(&auditor, &key, &state, &[]);
    assert_ne!(unlisted.code, 0, "{}", unlisted.stdout);
    assert!(
        unlisted
            .stderr
            .contains(&format!("vault-cli audit witness add {verifier}")),
        "{}",
        unlisted.stderr
    );

    // The auditor lists the real witness.
    let added = cli(&auditor, &["audit", "witness", "add", &verifier]).ok();
    assert!(added.stdout.contains(name), "{}", added.stdout);
    let listed = cli(&auditor, &["audit", "witness", "list"]).ok();
    assert!(listed.stdout.contains(&verifier), "{}", listed.stdout);

    let refused = add_cosignature(&auditor, forge()).unwrap_err();
    assert_eq!(reason_of(&refused), "cosignature_invalid", "{refused:?}");
    let refused = add_cosignature(&auditor, random()).unwrap_err();
    assert_eq!(reason_of(&refused), "cosignature_invalid", "{refused:?}");
    // Worded in the reader's language.
    let described = vaultd::i18n::describe_request(vaultd::i18n::Lang::Fr, "cosignature_invalid");
    assert_ne!(described, "cosignature_invalid");

    // The real witness's cosignature is kept, and an export verifies with it.
    cosign(&auditor, &key, &state, &[]).ok();
    let export = dir.join("export");
    cli(
        &auditor,
        &["audit", "export", "--out", export.to_str().unwrap()],
    )
    .ok();
    let log_key = cli(&auditor, &["audit", "key"])
        .ok()
        .stdout
        .trim()
        .to_owned();
    let out = cli(
        &auditor,
        &[
            "audit",
            "verify",
            export.to_str().unwrap(),
            "--key",
            &log_key,
            "--witness",
            &verifier,
        ],
    )
    .ok();
    assert!(
        out.stdout
            .contains(&format!("Witness {name}: co-signed this log up to size")),
        "{}",
        out.stdout
    );

    // No other role may read or change the list.
    for (who, args) in [
        ("admin", vec!["audit", "witness", "add", verifier.as_str()]),
        ("operator", vec!["audit", "witness", "remove", name]),
        ("admin2", vec!["audit", "witness", "list"]),
    ] {
        let out = cli(&d.identity(who), &args);
        assert_eq!(out.code, 4, "{who}: {}{}", out.stdout, out.stderr);
    }

    // The authority removes it; the vault then keeps none of its cosignatures.
    cli(&authority, &["audit", "witness", "remove", name]).ok();
    let listed = cli(&authority, &["audit", "witness", "list"]).ok();
    assert!(!listed.stdout.contains(&verifier), "{}", listed.stdout);
    let checkpoint = cli(&auditor, &["audit", "checkpoint"]).ok();
    assert!(!checkpoint.stdout.contains(name), "{}", checkpoint.stdout);

    // Each change is on record under its own action, with who made it.
    let log = cli(&auditor, &["--json", "audit", "log"]).ok().stdout;
    let entries: Vec<serde_json::Value> = serde_json::from_str(&log).unwrap();
    let find = |action: &str, who: &str| {
        entries
            .iter()
            .any(|e| e["action"] == action && e["principal"] == who && e["outcome"] == "allowed")
    };
    assert!(find("audit.witness.add", "auditor"), "{log}");
    assert!(find("audit.witness.remove", "authority"), "{log}");
    assert!(
        entries
            .iter()
            .any(|e| e["action"] == "audit.witness.add" && e["principal"] == "admin"),
        "the refusal is on record too: {log}"
    );
}
