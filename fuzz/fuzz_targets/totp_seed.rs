//! Base32 TOTP seeds as operators paste them from the platforms' set-up pages.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(seed) = vaultd::limits::decode_totp_seed(data) {
        let _ = vaultd::authz::totp::current(seed.expose(), 1_700_000_000);
    }
});
