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
    out.stdout
        .lines()
        .find(|l| l.contains(&format!("{name}+")))
        .unwrap()
        .rsplit(' ')
        .next()
        .unwrap()
        .to_owned()
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
    init_witness(&auditor, &key, "witness.test/w1");
    cosign(&auditor, &key, &state, &[]).ok();
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
    assert!(reset.stdout.contains("extends size 0"), "{}", reset.stdout);
    assert!(record_of(&key).exists());
    cli(&auditor, &["audit", "log", "--limit", "1"]).ok();
    let next = cosign(&auditor, &key, &state, &[]).ok();
    assert!(!next.stdout.contains("extends size 0"), "{}", next.stdout);

    // Where the key's directory is read-only (a systemd credential), the record lives where
    // --record says, and is read from there.
    let elsewhere = dir.join("record").join("witness.key.cosigned");
    std::fs::create_dir(dir.join("record")).unwrap();
    std::fs::rename(record_of(&key), &elsewhere).unwrap();
    std::fs::remove_dir_all(&state).unwrap();
    let record = elsewhere.to_str().unwrap();
    cli(&auditor, &["audit", "log", "--limit", "1"]).ok();
    let moved = cosign(&auditor, &key, &state, &["--record", record]).ok();
    assert!(!moved.stdout.contains("extends size 0"), "{}", moved.stdout);
    assert!(!record_of(&key).exists());
}
