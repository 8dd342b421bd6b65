//! Generated passwords: uniform over letters, digits and common symbols accepted by the
//! platforms the Commission uses, from the OS random generator.

use crate::secret::SecretBytes;

const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#$%&*+-=?@_";

/// A random password of `length` characters (the caller checks the length limits).
pub fn generate(length: u32) -> SecretBytes {
    let mut out = Vec::with_capacity(length as usize);
    // Rejection sampling keeps every character equally likely.
    let limit = 256 - (256 % ALPHABET.len());
    while out.len() < length as usize {
        let byte = super::random_bytes::<1>()[0] as usize;
        if byte < limit {
            out.push(ALPHABET[byte % ALPHABET.len()]);
        }
    }
    SecretBytes::new(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_have_the_asked_length_and_alphabet_and_differ() {
        let a = generate(24);
        let b = generate(24);
        assert_eq!(a.len(), 24);
        assert!(a.expose().iter().all(|c| ALPHABET.contains(c)));
        assert_ne!(a.expose(), b.expose());
        assert!(crate::limits::check_password(a.expose()).is_ok());
    }
}
