//! Secret values in memory: zeroized on drop, never cloned, printed or serialized by accident.
//!
//! Why not `secrecy` (already in the tree through age): its 0.10 `SecretString::from(String)`
//! and `SecretSlice::from(Vec)` go through `into_boxed_str`/`into_boxed_slice`, which reallocate
//! when the buffer has spare capacity and free the old copy unwiped. Our values arrive exactly
//! that way (prost request fields, stdin lines), so these two types keep the buffer they are
//! given, in `zeroize::Zeroizing`, and move it out of request fields without a copy.

use crate::private_file::ModeError;
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
    #[cfg(unix)] // modes; the Windows form is private_file/windows.rs's tests
    fn passphrase_files_must_exist_be_private_and_hold_a_line() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pass");
        assert!(matches!(
            read_secret_file(&path),
            Err(SecretFileError::Missing(_))
        ));
        std::fs::write(&path, "correct horse\nsecond line\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(matches!(
            read_secret_file(&path),
            Err(SecretFileError::Permissions {
                reach: crate::private_file::Reach::Mode(0o644),
                ..
            })
        ));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(read_secret_file(&path).unwrap().expose(), "correct horse");
        std::fs::write(&path, "\n").unwrap();
        assert!(matches!(
            read_secret_file(&path),
            Err(SecretFileError::Empty(_))
        ));
    }

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

/// Why a passphrase file was not read. Checked before anything uses the passphrase, so a wrong
/// path never counts as a wrong passphrase.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SecretFileError {
    #[error("{0}: no such passphrase file")]
    Missing(std::path::PathBuf),
    #[error("{path}: the passphrase file is readable by other users ({reach}); run: {}", reach.remedy(path))]
    Permissions {
        path: std::path::PathBuf,
        reach: crate::private_file::Reach,
    },
    #[error("{0}: the passphrase file's first line is empty")]
    Empty(std::path::PathBuf),
    #[error("{path}: {source}")]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// The first line of a passphrase file, which must exist and be readable by its owner only.
pub fn read_secret_file(path: &std::path::Path) -> Result<SecretString, SecretFileError> {
    crate::private_file::check_owner_only(path).map_err(|e| match e {
        ModeError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
            SecretFileError::Missing(path.to_owned())
        }
        ModeError::Io(source) => SecretFileError::Io {
            path: path.to_owned(),
            source,
        },
        ModeError::Reachable { reach } => SecretFileError::Permissions {
            path: path.to_owned(),
            reach,
        },
    })?;
    let text =
        Zeroizing::new(
            std::fs::read_to_string(path).map_err(|source| SecretFileError::Io {
                path: path.to_owned(),
                source,
            })?,
        );
    let line = text.lines().next().unwrap_or_default();
    if line.is_empty() {
        return Err(SecretFileError::Empty(path.to_owned()));
    }
    Ok(SecretString::new(line.to_owned()))
}
