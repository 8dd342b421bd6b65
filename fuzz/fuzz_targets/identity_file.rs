//! Identity and enrollment files (JSON), as vault-cli reads them.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(identity) = vaultd::identity::Identity::parse(data) {
        let _ = identity.signing_key();
        let _ = identity.is_enrolled();
    }
    let _ = serde_json::from_slice::<vaultd::identity::Enrollment>(data);
});
