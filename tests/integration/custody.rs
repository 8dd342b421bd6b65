//! Art. 14 and key custody, with the real daemon: a new way to open the data key (an escrow
//! recipient, a replacement unseal key) is only proposed by an operator and opens nothing until
//! the Secrétaire générale approves it with her signing key; a forged, mismatched or replayed
//! approval is refused; the proposal and the approval are on the record; the server-side
//! `vaultd keys` does it with the unseal key, daemon stopped.

use crate::harness::*;
use std::path::Path;
use std::process::Command;
use vaultd::authz::grant::SigningKey;
use vaultd::authz::key_custody::{CustodyAction, CustodyApproval};
use vaultd::identity::Identity;
use vaultd::wire::pb;
use vaultd::wire::pb::keys_client::KeysClient;

fn json(run: CliRun) -> serde_json::Value {
    serde_json::from_str(&run.ok().stdout).unwrap()
}

fn wrap_kinds(op: &Path) -> Vec<String> {
    json(cli(op, &["--json", "keys", "list"]))
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap().to_owned())
        .collect()
}

/// Whether stock `age -d -i KEY BACKUP` opens the backup.
fn age_opens(backup: &Path, key: &Path) -> bool {
    Command::new("age")
        .args(["-d", "-i"])
        .arg(key)
        .arg(backup)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("stock age (scripts/test installs it)")
        .success()
}

fn entries(auditor: &Path, action: &str) -> Vec<serde_json::Value> {
    json(cli(
        auditor,
        &["--json", "audit", "log", "--action", action],
    ))
    .as_array()
    .unwrap()
    .clone()
}

/// Sends an approval signed by `key` as the identity in `identity_file`, straight over gRPC.
fn send_approval(
    identity_file: &Path,
    key: &SigningKey,
    statement: CustodyApproval,
) -> Result<pb::KeyList, tonic::Status> {
    let identity = Identity::load(identity_file, || None).unwrap();
    let signed = statement.encode();
    let signature = key.sign(&signed);
    block_on(async {
        let channel = vaultd::wire::client::connect(&identity, None)
            .await
            .unwrap();
        KeysClient::new(channel)
            .approve_change(pb::ApproveKeyChangeRequest { signed, signature })
            .await
            .map(tonic::Response::into_inner)
    })
}

#[test]
fn an_escrow_recipient_opens_nothing_until_the_authority_approves_it() {
    let daemon = Daemon::dev();
    let (op, sg, auditor) = (
        daemon.identity("operator"),
        daemon.identity("authority"),
        daemon.identity("auditor"),
    );
    let dir = daemon.dir.path();
    let (escrow_key, escrow) = age_key(dir, "escrow.key");

    // The red-team path: add an escrow recipient of one's own, take a backup, open it.
    let change = json(cli(&op, &["--json", "keys", "add-escrow", &escrow]));
    let id = change["id"].as_str().unwrap().to_owned();
    assert_eq!(change["action"], "escrow.add");
    assert_eq!(change["proposed_by"], "operator");
    assert_eq!(wrap_kinds(&op), ["identity"], "nothing wrapped yet");
    let before = dir.join("before.age");
    cli(&op, &["backup", "--out", before.to_str().unwrap()]).ok();
    assert!(!age_opens(&before, &escrow_key), "a proposal opens nothing");
    // Proposed twice: the second waits too, and neither opens anything.
    cli(&op, &["keys", "pending"]).ok();
    let pending = json(cli(&sg, &["--json", "keys", "pending"]));
    assert_eq!(pending.as_array().unwrap().len(), 1, "{pending}");

    // Nobody but the authority approves, and only with her pinned key.
    let statement = CustodyApproval {
        vault: change["vault_id"].as_str().unwrap().into(),
        change: id.clone(),
        action: CustodyAction::EscrowAdd,
        recipient: escrow.clone(),
        approved_at: time::OffsetDateTime::now_utc().unix_timestamp(),
        key_id: String::new(),
    };
    let forger = SigningKey::generate();
    let forged = CustodyApproval {
        key_id: forger.key_id(),
        ..statement.clone()
    };
    let refused = send_approval(&sg, &forger, forged.clone()).unwrap_err();
    assert_eq!(refused.code(), tonic::Code::PermissionDenied, "{refused:?}");
    let refused = send_approval(&op, &forger, forged).unwrap_err();
    assert_eq!(refused.code(), tonic::Code::PermissionDenied, "{refused:?}");
    cli(&op, &["keys", "approve", &id]).refused("signing key");
    assert_eq!(wrap_kinds(&op), ["identity"]);

    // Her approval, by the first digits of the id: in effect at once.
    let approved = cli(&sg, &["keys", "approve", &id[..8]]).ok();
    assert!(approved.stderr.contains(&escrow), "{}", approved.stderr);
    assert!(
        approved.stdout.contains(&format!("Change {id} approved")),
        "{}",
        approved.stdout
    );
    assert_eq!(wrap_kinds(&op), ["identity", "escrow"]);
    let after = dir.join("after.age");
    cli(&op, &["backup", "--out", after.to_str().unwrap()]).ok();
    assert!(
        age_opens(&after, &escrow_key),
        "approved, it opens the next backup"
    );
    // Once only.
    cli(&sg, &["keys", "approve", &id]).refused("no pending key change");

    // On the record: who proposed, who approved, what and to whom.
    let proposals = entries(&auditor, "key.escrow.propose");
    assert!(proposals.iter().any(|e| e["principal"] == "operator"
        && e["target"] == escrow.as_str()
        && e["outcome"] == "allowed"));
    let approvals = entries(&auditor, "key.change.approve");
    assert!(
        approvals.iter().any(|e| e["principal"] == "authority"
            && e["outcome"] == "allowed"
            && e["detail"].as_str().unwrap().contains(&escrow)),
        "{approvals:?}"
    );
    assert!(
        approvals
            .iter()
            .filter(|e| e["outcome"] == "denied")
            .count()
            >= 2,
        "the forged approvals are on record too: {approvals:?}"
    );
}

#[test]
fn an_approval_must_name_the_pending_change_exactly() {
    let daemon = Daemon::dev();
    let (op, sg) = (daemon.identity("operator"), daemon.identity("authority"));
    let dir = daemon.dir.path();
    let (_, escrow) = age_key(dir, "escrow.key");
    let (_, other) = age_key(dir, "other.key");
    let change = json(cli(&op, &["--json", "keys", "add-escrow", &escrow]));
    let sg_key = Identity::load(&sg, || None)
        .unwrap()
        .signing_key()
        .expect("the dev authority signs");
    let good = CustodyApproval {
        vault: change["vault_id"].as_str().unwrap().into(),
        change: change["id"].as_str().unwrap().into(),
        action: CustodyAction::EscrowAdd,
        recipient: escrow.clone(),
        approved_at: time::OffsetDateTime::now_utc().unix_timestamp(),
        key_id: sg_key.key_id(),
    };
    for (what, statement) in [
        (
            "another recipient",
            CustodyApproval {
                recipient: other,
                ..good.clone()
            },
        ),
        (
            "another action",
            CustodyApproval {
                action: CustodyAction::UnsealReplace,
                ..good.clone()
            },
        ),
        (
            "another vault",
            CustodyApproval {
                vault: "0000000000000000".into(),
                ..good.clone()
            },
        ),
        (
            "a time long past",
            CustodyApproval {
                approved_at: 1_000_000_000,
                ..good.clone()
            },
        ),
    ] {
        let refused = send_approval(&sg, &sg_key, statement).unwrap_err();
        assert_eq!(
            refused.code(),
            tonic::Code::InvalidArgument,
            "{what}: {refused:?}"
        );
    }
    assert_eq!(wrap_kinds(&op), ["identity"]);
    send_approval(&sg, &sg_key, good.clone()).expect("the exact statement");
    // Replayed: the change is no longer pending.
    let replayed = send_approval(&sg, &sg_key, good).unwrap_err();
    assert_eq!(
        replayed.code(),
        tonic::Code::InvalidArgument,
        "{replayed:?}"
    );
    assert_eq!(wrap_kinds(&op), ["identity", "escrow"]);
}

#[test]
fn a_new_unseal_key_is_used_only_once_approved() {
    let daemon = Daemon::dev();
    let (op, sg) = (daemon.identity("operator"), daemon.identity("authority"));
    let old_key = daemon.vault_dir().join("unseal.key");
    let new_key = daemon.dir.path().join("new-unseal.key");
    let proposed = cli(
        &op,
        &["keys", "new-unseal-key", "--out", new_key.to_str().unwrap()],
    )
    .ok();
    assert!(proposed
        .stdout
        .contains("waits for the Secrétaire générale's approval"));
    let pending = json(cli(&sg, &["--json", "keys", "pending"]));
    let change = &pending.as_array().unwrap()[0];
    assert_eq!(change["action"], "unseal.replace");
    assert!(std::fs::read_to_string(&new_key)
        .unwrap()
        .contains(change["recipient"].as_str().unwrap()));
    // Until approved, the old key unseals and the new one does not.
    cli(&op, &["seal"]).ok();
    cli(&op, &["unseal", "--key-file", new_key.to_str().unwrap()])
        .refused("does not unseal this vault");
    cli(&op, &["unseal", "--key-file", old_key.to_str().unwrap()]).ok();
    cli(&sg, &["keys", "approve", change["id"].as_str().unwrap()]).ok();
    cli(&op, &["seal"]).ok();
    cli(&op, &["unseal", "--key-file", old_key.to_str().unwrap()])
        .refused("does not unseal this vault");
    cli(&op, &["unseal", "--key-file", new_key.to_str().unwrap()]).ok();
}

#[test]
fn the_proposal_and_approval_speak_french() {
    let daemon = Daemon::dev();
    let (op, sg) = (daemon.identity("operator"), daemon.identity("authority"));
    let (_, escrow) = age_key(daemon.dir.path(), "escrow.key");
    let fr = [("LANG", "fr_CA.UTF-8")];
    let proposed = cli_with(&op, &["keys", "add-escrow", &escrow], None, &fr).ok();
    assert!(
        proposed
            .stdout
            .contains("Il ne prend effet qu'une fois approuvé par la Secrétaire générale"),
        "{}",
        proposed.stdout
    );
    let listed = cli_with(&sg, &["keys", "pending"], None, &fr).ok();
    assert!(listed.stdout.contains("PROPOSÉ PAR"), "{}", listed.stdout);
    assert!(
        listed.stdout.contains("ajouter le séquestre"),
        "{}",
        listed.stdout
    );
    let id = proposed
        .stdout
        .split_whitespace()
        .nth(1)
        .unwrap()
        .to_owned();
    let approved = cli_with(&sg, &["keys", "approve", &id], None, &fr).ok();
    assert!(
        approved
            .stderr
            .contains("Vous approuvez : ajouter le séquestre"),
        "{}",
        approved.stderr
    );
    assert!(
        approved.stdout.contains("approuvé et en vigueur"),
        "{}",
        approved.stdout
    );
}

#[test]
fn the_backup_identity_takes_backups_and_reads_nothing_else() {
    let daemon = Daemon::dev();
    let backup = daemon.identity("backup");
    let out = daemon.dir.path().join("nightly.age");
    cli(&backup, &["backup", "--out", out.to_str().unwrap()]).ok();
    assert!(
        age_opens(&out, &daemon.vault_dir().join("unseal.key")),
        "the backup is the vault's, encrypted to its unseal key"
    );
    for args in [
        &["status"][..],
        &["whoami"],
        &["account", "list"],
        &["principal", "list"],
        &["grant", "list"],
        &["keys", "list"],
        &["audit", "log"],
        &["secret", "history", "facebook-cest"],
    ] {
        cli(&backup, args).refused("lacks the role");
    }
    let refusals = entries(&daemon.identity("auditor"), "account.list");
    assert!(
        refusals
            .iter()
            .any(|e| e["principal"] == "backup" && e["reason"] == "forbidden_role"),
        "{refusals:?}"
    );
}
