//! Benchmark: `audit verify` on an export of 1,000,000 entries (VAULTD_BENCH_ENTRIES to change),
//! next to `sha256sum` of the same entries.jsonl, measured in the same run; then, with the
//! release `vault-cli` beside it, `audit report` of the same export in each format, as a ratio
//! to `audit verify` (the target is at most 2). Run with
//! `cargo bench --bench audit_verify`. Prints figures; asserts nothing about speed (the machine
//! is shared and noisy), only that the export verifies.

use ring::signature::{Ed25519KeyPair, KeyPair};
use std::io::{BufWriter, Write};
use std::process::Command;
use std::time::Instant;
use vaultd::tlog::cosignature::{cosign, WitnessVerifier};
use vaultd::tlog::detail::Detail;
use vaultd::tlog::entry::{AuditDraft, Outcome};
use vaultd::tlog::merkle::{leaf_hash, Frontier};
use vaultd::tlog::note::{Checkpoint, Signer, Verifier};

fn main() {
    let n: u64 = std::env::var("VAULTD_BENCH_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    // VAULTD_BENCH_KEEP=1 keeps the export (its path and key are printed), for profiling.
    let dir = tempfile::tempdir().expect("temp dir");
    let keep = std::env::var_os("VAULTD_BENCH_KEEP").is_some();
    let entries_path = dir.path().join("entries.jsonl");
    let key = Ed25519KeyPair::from_seed_unchecked(&[7; 32]).expect("key");
    let origin = "vaultd/bench".to_owned();

    let started = Instant::now();
    let mut frontier = Frontier::default();
    // The root halfway, for a witness's cosignature of an earlier checkpoint.
    let mut halfway_root = vaultd::tlog::merkle::empty_root();
    let mut out = BufWriter::new(std::fs::File::create(&entries_path).expect("create"));
    // A year of a busy vault, compressed: mostly releases under live grants, a denial in nine,
    // grants issued with the details the report reads back, secret versions, reads of the log.
    let start = 1_767_225_600i64; // 2026-01-01T00:00:00Z
    let mut grants: Vec<(String, String, String)> = Vec::new(); // (id, grantee, account)
    for seq in 0..n {
        let t = time::OffsetDateTime::from_unix_timestamp(start + (seq as i64) * 30).expect("time");
        let admin = format!("admin{}", seq % 7);
        let account = format!("account-{}", seq % 50);
        let mut draft = AuditDraft {
            principal: admin.clone(),
            action: vaultd::tlog::action::Action::CredentialGet,
            targets: vec![account.clone()],
            outcome: Outcome::Allowed,
            reason: None,
            grant: None,
            request_id: format!("{:016x}", seq),
            peer: "10.0.0.12:51234".into(),
            detail: Some("password v3".into()),
        };
        match seq % 100 {
            0..=4 => {
                // The authority issues a grant (admin, account) for a day.
                let id = format!("{:032x}", seq * 2_654_435_761);
                draft.principal = "sg".into();
                draft.action = vaultd::tlog::action::Action::GrantIssue;
                draft.grant = Some(id.clone());
                draft.detail = Some(
                    Detail::default()
                        .with("grantee", &admin)
                        .with("from", vaultd::times::format_time(t.unix_timestamp()))
                        .with(
                            "until",
                            vaultd::times::format_time(t.unix_timestamp() + 86_400),
                        )
                        .with("key", "k1")
                        .text("purpose", "Publication de la campagne"),
                );
                grants.push((id, admin, account));
            }
            5..=15 => {
                draft.outcome = Outcome::Denied;
                draft.reason = Some("no_grant".into());
            }
            16 | 17 => {
                draft.principal = "operator".into();
                draft.action = vaultd::tlog::action::Action::SecretSet;
                draft.detail = Some(format!("v{} fields=password", seq / 100));
            }
            18..=24 => {
                draft.principal = "auditor".into();
                draft.action = vaultd::tlog::action::Action::AuditQuery;
                draft.targets = vec!["audit-log".into()];
                draft.detail = None;
            }
            k => {
                // A release under one of the latest grants, by its grantee.
                if let Some((id, grantee, account)) = grants.iter().rev().nth(k as usize % 8) {
                    draft.principal = grantee.clone();
                    draft.targets = vec![account.clone()];
                    draft.grant = Some(id.clone());
                    if k % 3 == 0 {
                        draft.detail = Some("totp".into());
                    }
                }
            }
        }
        let entry = draft
            .into_entry(seq, vaultd::tlog::entry::entry_time(t))
            .to_bytes();
        frontier.push(leaf_hash(&entry));
        if seq + 1 == n / 2 {
            halfway_root = frontier.root();
        }
        out.write_all(&entry)
            .and_then(|_| out.write_all(b"\n"))
            .expect("write");
    }
    out.flush().expect("flush");
    drop(out);
    let checkpoint = Checkpoint {
        origin: origin.clone(),
        size: n,
        root: frontier.root(),
    }
    .sign(&origin, &key);
    std::fs::write(dir.path().join("checkpoint"), &checkpoint).expect("checkpoint");
    // A witness co-signed the log when it was half as long, as the vault keeps it (`cosigned/`):
    // `--witness` must find that the export extends it.
    let witness = Signer::from_seed("witness/bench", &[9; 32]).expect("witness");
    let halfway = Checkpoint {
        origin: origin.clone(),
        size: n / 2,
        root: halfway_root,
    };
    let line = cosign(&witness, &halfway.text(), 1_767_225_600);
    std::fs::create_dir(dir.path().join("cosigned")).expect("cosigned dir");
    std::fs::write(
        dir.path().join("cosigned/0"),
        format!("{}{line}\n", halfway.sign(&origin, &key)),
    )
    .expect("cosigned");
    let witness_key = WitnessVerifier::of(&witness).to_key_string();
    let verifier = Verifier {
        name: origin,
        public_key: key.public_key().as_ref().to_vec(),
    };
    let bytes = std::fs::metadata(&entries_path).expect("size").len();
    if keep {
        println!(
            "kept: {} --key {}",
            dir.path().display(),
            verifier.to_key_string()
        );
    }
    println!(
        "export: {n} entries, {:.1} MiB, generated in {:.2} s",
        bytes as f64 / 1048576.0,
        started.elapsed().as_secs_f64()
    );

    // Warm the page cache once so both tools read from memory.
    let _ = std::fs::read(&entries_path);

    let mut verify_secs = Vec::new();
    let mut sha_secs = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let reader = std::io::BufReader::with_capacity(
            1 << 20,
            std::fs::File::open(&entries_path).expect("open"),
        );
        let verified = vaultd::tlog::verify::verify_export(reader, &checkpoint, &verifier, None)
            .expect("the export verifies");
        assert_eq!(verified.size, n);
        verify_secs.push(t.elapsed().as_secs_f64());

        let t = Instant::now();
        let status = Command::new("sha256sum")
            .arg(&entries_path)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("sha256sum");
        assert!(status.success());
        sha_secs.push(t.elapsed().as_secs_f64());
    }
    let best = |v: &[f64]| v.iter().cloned().fold(f64::INFINITY, f64::min);
    let (verify, sha) = (best(&verify_secs), best(&sha_secs));
    println!("audit verify (library, same code as vault-cli): best of 3 = {verify:.3} s  ({:.0} entries/s)", n as f64 / verify);
    println!("sha256sum entries.jsonl:                        best of 3 = {sha:.3} s");
    println!("ratio verify / sha256sum = {:.2}", verify / sha);

    // The real CLI too, when it sits beside this benchmark (cargo build --release --workspace).
    let cli = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent()?.parent().map(|d| d.join("vault-cli")));
    if let Some(cli) = cli.filter(|p| p.exists()) {
        let key_string = verifier.to_key_string();
        // Each process run three times, the best kept (the machine is shared).
        let best_of_3 = |args: &[&str], out: Option<&std::path::Path>| {
            (0..3)
                .map(|_| {
                    let mut command = Command::new(&cli);
                    command
                        .args(&args[..2])
                        .arg(dir.path())
                        .args(&args[2..])
                        .env("LANG", "C")
                        .stdout(std::process::Stdio::null())
                        .stderr(std::process::Stdio::null());
                    if let Some(out) = out {
                        // A new file each time: replacing the last run's would time its removal.
                        let _ = std::fs::remove_file(out);
                        command.arg("--out").arg(out);
                    }
                    let t = Instant::now();
                    let status = command.status().expect("vault-cli");
                    assert!(status.success(), "vault-cli {args:?} failed");
                    t.elapsed().as_secs_f64()
                })
                .fold(f64::INFINITY, f64::min)
        };
        let verify_cli = best_of_3(&["audit", "verify", "--key", &key_string], None);
        println!("vault-cli audit verify (process): best of 3 = {verify_cli:.3} s  (ratio to sha256sum {:.2})", verify_cli / sha);
        // The review report verifies the same export and reads every entry in that pass.
        for format in ["text", "json", "csv", "html"] {
            let out = dir.path().join(format!("report.{format}"));
            let secs = best_of_3(
                &["audit", "report", "--key", &key_string, "--format", format],
                Some(&out),
            );
            let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
            println!(
                "vault-cli audit report --format {format:5} (process): best of 3 = {secs:.3} s  (ratio to vault-cli audit verify {:.2}; {:.1} MiB)",
                secs / verify_cli,
                size as f64 / 1048576.0
            );
        }
        // With the witness: its vouch is checked from the same pass over the entries.
        let secs = best_of_3(
            &[
                "audit",
                "report",
                "--key",
                &key_string,
                "--witness",
                &witness_key,
            ],
            Some(&dir.path().join("report-witness.txt")),
        );
        println!(
            "vault-cli audit report --witness W      (process): best of 3 = {secs:.3} s  (ratio to vault-cli audit verify {:.2})",
            secs / verify_cli
        );
        let secs = best_of_3(
            &[
                "audit",
                "verify",
                "--key",
                &key_string,
                "--witness",
                &witness_key,
            ],
            None,
        );
        println!(
            "vault-cli audit verify --witness W      (process): best of 3 = {secs:.3} s  (ratio to vault-cli audit verify {:.2})",
            secs / verify_cli
        );
    }
    if keep {
        let _ = dir.keep();
    }
}
