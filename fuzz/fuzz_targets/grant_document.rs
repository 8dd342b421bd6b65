//! Grant documents: the signed bytes the vault decodes after (and, for display, before)
//! verifying them. (The Ed25519 check itself is ring's, fuzzed upstream.)
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(body) = vaultd::authz::grant::GrantBody::decode(data) {
        // What decodes re-encodes to something that decodes to the same body.
        let again = vaultd::authz::grant::GrantBody::decode(&body.encode()).expect("re-decodes");
        assert_eq!(again, body);
    }
});
