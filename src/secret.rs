//! Secret values in memory: zeroized on drop, never cloned, printed or serialized by accident.

use zeroize::Zeroizing;

/// Bytes of a secret (a password, a TOTP seed, a key). No Clone, Debug, Display or Serialize.
pub struct SecretBytes(Zeroizing<Vec<u8>>);

impl SecretBytes {
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(Zeroizing::new(bytes))
    }

    /// Moves the bytes out of a buffer (e.g. a request field), leaving it empty.
    pub fn take_from(buffer: &mut Vec<u8>) -> Self {
        Self::new(std::mem::take(buffer))
    }

    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretBytes(<redacted>)")
    }
}

/// A secret UTF-8 string (a passphrase, a PEM private key).
pub struct SecretString(Zeroizing<String>);

impl SecretString {
    pub fn new(s: String) -> Self {
        Self(Zeroizing::new(s))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SecretString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretString(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_the_value() {
        let s = SecretBytes::new(b"hunter2".to_vec());
        assert!(!format!("{s:?}").contains("hunter2"));
        let p = SecretString::new("correct horse".into());
        assert!(!format!("{p:?}").contains("horse"));
    }

    #[test]
    fn take_from_empties_the_source_buffer() {
        let mut buf = b"pw".to_vec();
        let s = SecretBytes::take_from(&mut buf);
        assert!(buf.is_empty());
        assert_eq!(s.expose(), b"pw");
    }
}
