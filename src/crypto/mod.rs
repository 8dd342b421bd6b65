//! The vault's cryptography: the data key that seals every secret (AES-256-GCM, ring), the age
//! wrapping that keeps the data key at rest, and password generation.
//! May import: `secret`, `ids`, `limits` and crates; no SQL, no tonic.

pub mod data_key;
pub mod data_key_wrap;
pub mod password;

/// Random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    use ring::rand::SecureRandom;
    let mut out = [0u8; N];
    ring::rand::SystemRandom::new()
        .fill(&mut out)
        .expect("the operating system's random generator failed");
    out
}
