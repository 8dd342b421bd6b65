//! RFC 6238 time-based one-time passwords, computed inside the vault so the seed never leaves it.

use ring::hmac;

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
pub fn code(seed: &[u8], unix: u64, algorithm: Algorithm, digits: u32, step: u64) -> String {
    let alg = match algorithm {
        Algorithm::Sha1 => hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
        Algorithm::Sha256 => hmac::HMAC_SHA256,
        Algorithm::Sha512 => hmac::HMAC_SHA512,
    };
    let counter = unix / step;
    let tag = hmac::sign(&hmac::Key::new(alg, seed), &counter.to_be_bytes());
    let mac = tag.as_ref();
    // RFC 4226 dynamic truncation.
    let offset = (mac[mac.len() - 1] & 0x0f) as usize;
    let binary = u32::from_be_bytes([
        mac[offset] & 0x7f,
        mac[offset + 1],
        mac[offset + 2],
        mac[offset + 3],
    ]);
    let value = binary % 10u32.pow(digits);
    format!("{value:0width$}", width = digits as usize)
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
    fn the_validity_window_counts_down_to_the_next_step() {
        assert_eq!(current(b"12345678901234567890", 59).1, 1);
        assert_eq!(current(b"12345678901234567890", 60).1, 30);
    }
}
