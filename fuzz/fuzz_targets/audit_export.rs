//! Audit entries and whole exports (entries.jsonl) as `audit verify` reads them.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vaultd::tlog::note::Verifier;

fuzz_target!(|data: &[u8]| {
    if let Some(entry) = vaultd::tlog::entry::AuditEntry::parse(data) {
        let _ = entry.unix_time();
        let _ = entry.to_bytes();
    }
    let verifier = Verifier {
        name: "vaultd/fuzz".into(),
        public_key: vec![7; 32],
    };
    let note =
        "vaultd/fuzz\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— vaultd/fuzz AAAA\n";
    let _ = vaultd::tlog::verify::verify_export(data, note, &verifier, None);
});
