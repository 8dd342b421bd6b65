//! The stored Merkle frontier (audit_state), read at every start-up.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vaultd::tlog::merkle::Frontier;

fuzz_target!(|data: &[u8]| {
    if let Some(frontier) = Frontier::from_bytes(data) {
        let _ = frontier.root();
        assert_eq!(Frontier::from_bytes(&frontier.to_bytes()), Some(frontier));
    }
});
