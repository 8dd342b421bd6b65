//! Secret values in memory: zeroized on drop, never cloned, printed or serialized by accident.
//!
//! Why not `secrecy` (already in the tree through age): its 0.10 `SecretString::from(String)`
//! and `SecretSlice::from(Vec)` go through `into_boxed_str`/`into_boxed_slice`, which reallocate
//! when the buffer has spare capacity and free the old copy unwiped. Our values arrive exactly
//! that way (prost request fields, stdin lines), so these two types keep the buffer they are
//! given, in `zeroize::Zeroizing`, and move it out of request fields without a copy.

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

/// Test helper: fails when `debug` shows `secret` in any form a Debug impl could print it: the text
/// itself, hex in either case, or the bytes as a list in decimal or hex (`{:?}`, `{:#?}`, `{:x?}`).
#[cfg(test)]
pub(crate) fn assert_debug_hides(debug: &str, secret: &[u8]) {
    let compact: String = debug
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let list = |f: fn(&u8) -> String| secret.iter().map(f).collect::<Vec<_>>().join(",");
    for (form, shown) in [
        ("hex", hex::encode(secret)),
        ("a decimal list", list(|b| b.to_string())),
        ("a hex list", list(|b| format!("{b:x}"))),
    ] {
        assert!(
            !compact.contains(&shown),
            "{debug:?} shows the secret as {form}"
        );
    }
    if let Ok(text) = std::str::from_utf8(secret) {
        assert!(!debug.contains(text), "{debug:?} shows the secret's text");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_the_value() {
        for value in [b"hunter2".to_vec(), vec![12, 255, 0, 7, 200, 31]] {
            let s = SecretBytes::new(value.clone());
            assert_eq!(format!("{s:?}"), "SecretBytes(<redacted>)");
            assert_debug_hides(&format!("{s:?}"), &value);
            assert_debug_hides(&format!("{s:#?}"), &value);
        }
        let p = SecretString::new("correct horse".into());
        assert_eq!(format!("{p:?}"), "SecretString(<redacted>)");
        assert_debug_hides(&format!("{p:?}"), b"correct horse");
        assert_debug_hides(&format!("{p:#?}"), b"correct horse");
    }

    #[test]
    fn take_from_empties_the_source_buffer() {
        let mut buf = b"pw".to_vec();
        let s = SecretBytes::take_from(&mut buf);
        assert!(buf.is_empty());
        assert_eq!(s.expose(), b"pw");
    }
}
