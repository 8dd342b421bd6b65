//! RFC 6238 time-based one-time passwords, computed inside the vault so the seed never leaves it.
//! The HMAC and the RFC 4226 truncation are totp-rs's; this module fixes the vault's parameters
//! and keeps the small API the rest of the vault calls.

/// The parameters the platforms use (authenticator apps' defaults).
pub const STEP_SECONDS: u64 = 30;
pub const DIGITS: u32 = 6;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    Sha1,
    Sha256,
    Sha512,
}

/// The code for `seed` at Unix time `unix`, zero-padded to `digits`.
///
/// # Panics
///
/// When `digits` is over 9 (the code would not fit in 31 bits) or `step` is 0.
pub fn code(seed: &[u8], unix: u64, algorithm: Algorithm, digits: u32, step: u64) -> String {
    let algorithm = match algorithm {
        Algorithm::Sha1 => totp_rs::Algorithm::SHA1,
        Algorithm::Sha256 => totp_rs::Algorithm::SHA256,
        Algorithm::Sha512 => totp_rs::Algorithm::SHA512,
    };
    let digits = u8::try_from(digits).expect("a TOTP code has at most 9 digits");
    // Not `build()`: it refuses seeds under 128 bits, and the vault accepts the 80-bit seeds some
    // platforms still hand out (limits::MIN_TOTP_SEED). The seed length is checked where the seed
    // comes in; digits and step are the callers' constants.
    totp_rs::Builder::new()
        .with_algorithm(algorithm)
        .with_digits(digits)
        .with_step_duration(step)
        .with_secret(seed)
        .build_noncompliant()
        .generate(unix)
        .to_string()
}

/// The code an authenticator app shows now, and how many seconds it stays valid.
pub fn current(seed: &[u8], unix: u64) -> (String, u64) {
    (
        code(seed, unix, Algorithm::Sha1, DIGITS, STEP_SECONDS),
        STEP_SECONDS - unix % STEP_SECONDS,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6238_vectors_from_the_shared_file() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/testdata/vectors/rfc6238-totp.json"
        );
        let text = std::fs::read_to_string(path)
            .expect("testdata/vectors/rfc6238-totp.json (a copy of ../shared/vectors)");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let seeds = &v["seeds_ascii"];
        let cases = v["cases"].as_array().unwrap();
        assert!(!cases.is_empty());
        for case in cases {
            let t = case["unix_time"].as_u64().unwrap();
            for (name, alg) in [
                ("sha1", Algorithm::Sha1),
                ("sha256", Algorithm::Sha256),
                ("sha512", Algorithm::Sha512),
            ] {
                let seed = seeds[name].as_str().unwrap().as_bytes();
                assert_eq!(
                    code(seed, t, alg, 8, 30),
                    case[name].as_str().unwrap(),
                    "{name} at {t}"
                );
            }
            let seed = seeds["sha1"].as_str().unwrap().as_bytes();
            assert_eq!(current(seed, t).0, case["sha1_6"].as_str().unwrap());
        }
    }

    #[test]
    fn an_80_bit_seed_still_gets_its_code() {
        // Below totp-rs's 128-bit minimum but within limits::MIN_TOTP_SEED; values computed
        // independently (Python's hmac module) for the 10-byte seed "1234567890".
        let seed = b"1234567890";
        assert_eq!(seed.len(), crate::limits::MIN_TOTP_SEED);
        assert_eq!(current(seed, 59).0, "263420");
        assert_eq!(current(seed, 1111111109).0, "343526");
        assert_eq!(code(seed, 1111111109, Algorithm::Sha1, 8, 30), "93343526");
    }

    #[test]
    fn the_validity_window_counts_down_to_the_next_step() {
        assert_eq!(current(b"12345678901234567890", 59).1, 1);
        assert_eq!(current(b"12345678901234567890", 60).1, 30);
    }
}
