//! Benchmark: `audit verify` on an export of 1,000,000 entries (VAULTD_BENCH_ENTRIES to change),
//! next to `sha256sum` of the same entries.jsonl, measured in the same run. Run with
//! `cargo bench --bench audit_verify`. Prints figures; asserts nothing about speed (the machine
//! is shared and noisy), only that the export verifies.

use ring::signature::{Ed25519KeyPair, KeyPair};
use std::io::{BufWriter, Write};
use std::process::Command;
use std::time::Instant;
use vaultd::tlog::entry::{AuditDraft, Outcome};
use vaultd::tlog::merkle::{leaf_hash, Frontier};
use vaultd::tlog::note::{Checkpoint, Verifier};

fn main() {
    let n: u64 = std::env::var("VAULTD_BENCH_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let entries_path = dir.path().join("entries.jsonl");
    let key = Ed25519KeyPair::from_seed_unchecked(&[7; 32]).expect("key");
    let origin = "vaultd/bench".to_owned();

    let started = Instant::now();
    let mut frontier = Frontier::default();
    let mut out = BufWriter::new(std::fs::File::create(&entries_path).expect("create"));
    let actions = ["credential.get", "secret.set", "grant.issue", "account.add"];
    for seq in 0..n {
        let entry = AuditDraft {
            principal: format!("admin{}", seq % 7),
            action: actions[(seq % 4) as usize],
            targets: vec![format!("account-{}", seq % 50)],
            outcome: if seq % 9 == 0 {
                Outcome::Denied
            } else {
                Outcome::Allowed
            },
            reason: (seq % 9 == 0).then(|| "no_grant".to_owned()),
            grant: Some(format!("{:032x}", seq * 2_654_435_761)),
            request_id: format!("{:016x}", seq),
            peer: "10.0.0.12:51234".into(),
            detail: Some("password v3".into()),
        }
        .into_entry(seq, "2026-11-28T12:00:00.000Z".into())
        .to_bytes();
        frontier.push(leaf_hash(&entry));
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
    let verifier = Verifier {
        name: origin,
        public_key: key.public_key().as_ref().to_vec(),
    };
    let bytes = std::fs::metadata(&entries_path).expect("size").len();
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
        let t = Instant::now();
        let status = Command::new(&cli)
            .args(["audit", "verify"])
            .arg(dir.path())
            .args(["--key", &key_string])
            .env("LANG", "C")
            .stdout(std::process::Stdio::null())
            .status()
            .expect("vault-cli");
        assert!(status.success(), "vault-cli audit verify failed");
        let secs = t.elapsed().as_secs_f64();
        println!("vault-cli audit verify (process):               {secs:.3} s  (ratio to sha256sum {:.2})", secs / sha);
    }
}
