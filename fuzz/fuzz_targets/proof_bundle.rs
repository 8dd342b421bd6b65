//! C2SP tlog-proof bundles as `vault-cli audit verify-proof` reads them.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vaultd::tlog::note::Verifier;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let verifier = Verifier {
        name: "vaultd/fuzz".into(),
        public_key: vec![7; 32],
    };
    // The entry is the bundle's last line, as an attacker would pair them.
    let entry = text.lines().last().unwrap_or_default().as_bytes();
    let _ = vaultd::tlog::verify::verify_proof(text, &verifier, entry);
});
