//! C2SP signed notes and checkpoints: verifier and signer key strings (the audit and witness
//! key files), and a note opened under a key.
#![no_main]
use libfuzzer_sys::fuzz_target;
use vaultd::tlog::cosignature::WitnessVerifier;
use vaultd::tlog::note::{Checkpoint, Signer, Verifier};

const KEY: &str = "vaultd/fuzz+9b2c1e4d+AZ2qvGJ6Q3c7o0T4Xy0S0bZz2kq5a0H1v3m2n4p6r8t0";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = Verifier::parse(text);
    let _ = Checkpoint::parse(text);
    let _ = WitnessVerifier::parse(text);
    // A witness key (the C2SP cosignature vector's) checking any line against any body.
    if let Ok(witness) =
        WitnessVerifier::parse("witness.example/w1+e75f6532+BAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4")
    {
        if let Some((line, body)) = text.split_once('\n') {
            let _ = witness.check_line(line, body);
        }
    }
    if let Ok(signer) = Signer::parse(text) {
        let again = Signer::parse(&signer.to_key_string()).expect("a written key reads back");
        assert_eq!(again.verifier(), signer.verifier());
    }
    if let Ok(verifier) = Verifier::parse(KEY) {
        let _ = Checkpoint::open(text, &verifier);
    }
});
