//! Certificate requests the operator enrolls (PEM), and certificates matched against keys.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = vaultd::identity::pki::verify_request(text);
    let _ = vaultd::identity::pki::first_cert_der(text);
});
