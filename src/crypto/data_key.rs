//! The data key (DEK): 256 random bits that seal every secret with AES-256-GCM. Each sealed value
//! carries a fresh random nonce and is bound by its associated data to where it belongs (account,
//! version, field), so a ciphertext copied to another row fails to open instead of yielding the
//! wrong secret.

use crate::secret::SecretBytes;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use zeroize::Zeroizing;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum CryptoError {
    /// The value was altered, moved, or sealed under another key.
    #[error("a sealed value failed authentication (altered, moved, or from another vault)")]
    Authentication,
    /// The stored blob is too short to hold a nonce and a tag.
    #[error("a sealed value is truncated")]
    Truncated,
    /// The key bytes are not 32 bytes long.
    #[error("a data key must be 32 bytes")]
    KeyLength,
}

/// Where a sealed value belongs; it is the AEAD's associated data.
pub struct Binding(Vec<u8>);

impl Binding {
    const SECRET: &'static [u8] = b"vaultd/secret/v1";
    const VAULT_KEY: &'static [u8] = b"vaultd/vault-key/v1";
    const STAGED: &'static [u8] = b"vaultd/staged/v1";

    /// A field of one secret version of one account.
    pub fn secret(account: &str, version: u64, field: &str) -> Self {
        let mut aad = Vec::with_capacity(64);
        for part in [Self::SECRET, account.as_bytes(), field.as_bytes()] {
            aad.extend_from_slice(&(part.len() as u32).to_be_bytes());
            aad.extend_from_slice(part);
        }
        aad.extend_from_slice(&version.to_be_bytes());
        Self(aad)
    }

    /// A staged change of one account (a rotation waiting for its confirmation), by its stage
    /// id: another domain than a version's, so neither passes for the other.
    pub fn staged(account: &str, stage_id: &str, field: &str) -> Self {
        let mut aad = Vec::with_capacity(96);
        for part in [
            Self::STAGED,
            account.as_bytes(),
            stage_id.as_bytes(),
            field.as_bytes(),
        ] {
            aad.extend_from_slice(&(part.len() as u32).to_be_bytes());
            aad.extend_from_slice(part);
        }
        Self(aad)
    }

    /// One of the vault's own keys sealed under the data key (its CA key), by name.
    pub fn vault_key(name: &str) -> Self {
        let mut aad = Self::VAULT_KEY.to_vec();
        aad.push(0);
        aad.extend_from_slice(name.as_bytes());
        Self(aad)
    }
}

/// The data key. No Clone, Debug or Display; dropped, its bytes are zeroed.
pub struct DataKey {
    bytes: Zeroizing<[u8; 32]>,
    key: LessSafeKey,
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DataKey").finish_non_exhaustive()
    }
}

impl DataKey {
    pub fn generate() -> Self {
        Self::from_array(Zeroizing::new(super::random_bytes::<32>()))
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, CryptoError> {
        let array: [u8; 32] = bytes.try_into().map_err(|_| CryptoError::KeyLength)?;
        Ok(Self::from_array(Zeroizing::new(array)))
    }

    fn from_array(bytes: Zeroizing<[u8; 32]>) -> Self {
        let key = LessSafeKey::new(
            UnboundKey::new(&AES_256_GCM, &bytes[..]).expect("32 bytes is an AES-256 key"),
        );
        Self { bytes, key }
    }

    /// The raw key, for wrapping only.
    pub fn expose(&self) -> &[u8] {
        &self.bytes[..]
    }

    /// Seals `plaintext`: returns nonce || ciphertext || tag.
    pub fn seal(&self, binding: &Binding, plaintext: &[u8]) -> Vec<u8> {
        let nonce_bytes = super::random_bytes::<NONCE_LEN>();
        // Sealed in place in the output, which has room for the tag from the start: the
        // plaintext is never copied into a buffer that could be reallocated and freed unwiped.
        let mut out = Vec::with_capacity(NONCE_LEN + plaintext.len() + AES_256_GCM.tag_len());
        out.extend_from_slice(&nonce_bytes);
        out.extend_from_slice(plaintext);
        let tag = self
            .key
            .seal_in_place_separate_tag(
                Nonce::assume_unique_for_key(nonce_bytes),
                Aad::from(&binding.0),
                &mut out[NONCE_LEN..],
            )
            .expect("AES-GCM sealing of a bounded value cannot fail");
        debug_assert!(out.capacity() - out.len() >= tag.as_ref().len());
        out.extend_from_slice(tag.as_ref());
        out
    }

    /// Opens a sealed value; any change to it or to its binding is an error, never garbage.
    pub fn open(&self, binding: &Binding, sealed: &[u8]) -> Result<SecretBytes, CryptoError> {
        if sealed.len() < NONCE_LEN + AES_256_GCM.tag_len() {
            return Err(CryptoError::Truncated);
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).map_err(|_| CryptoError::Truncated)?;
        let mut buffer = Zeroizing::new(body.to_vec());
        let plain_len = self
            .key
            .open_in_place(nonce, Aad::from(&binding.0), &mut buffer)
            .map_err(|_| CryptoError::Authentication)?
            .len();
        buffer.truncate(plain_len);
        Ok(SecretBytes::new(std::mem::take(&mut *buffer)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_under_their_own_binding_only() {
        let key = DataKey::generate();
        let here = Binding::secret("facebook-cest", 1, "password");
        let sealed = key.seal(&here, b"hunter2");
        assert_eq!(key.open(&here, &sealed).unwrap().expose(), b"hunter2");
        for elsewhere in [
            Binding::secret("youtube-cest", 1, "password"),
            Binding::secret("facebook-cest", 2, "password"),
            Binding::secret("facebook-cest", 1, "totp"),
        ] {
            assert_eq!(
                key.open(&elsewhere, &sealed).unwrap_err(),
                CryptoError::Authentication
            );
        }
    }

    #[test]
    fn a_staged_value_and_a_version_value_never_pass_for_each_other() {
        let key = DataKey::generate();
        let staged = Binding::staged("facebook-cest", "s1", "password");
        let sealed = key.seal(&staged, b"new one");
        assert_eq!(key.open(&staged, &sealed).unwrap().expose(), b"new one");
        for elsewhere in [
            Binding::staged("facebook-cest", "s2", "password"),
            Binding::staged("youtube-cest", "s1", "password"),
            Binding::staged("facebook-cest", "s1", "totp"),
            Binding::secret("facebook-cest", 1, "password"),
        ] {
            assert!(key.open(&elsewhere, &sealed).is_err());
        }
        let version = key.seal(&Binding::secret("facebook-cest", 1, "password"), b"old");
        assert!(key.open(&staged, &version).is_err());
    }

    #[test]
    fn any_flipped_byte_is_an_error_not_garbage() {
        let key = DataKey::generate();
        let binding = Binding::secret("x-cest", 3, "password");
        let sealed = key.seal(&binding, b"a password of some length");
        for i in 0..sealed.len() {
            for bit in [0x01u8, 0x80] {
                let mut tampered = sealed.clone();
                tampered[i] ^= bit;
                assert!(key.open(&binding, &tampered).is_err(), "byte {i}");
            }
        }
        assert_eq!(
            key.open(&binding, &sealed[..20]).unwrap_err(),
            CryptoError::Truncated
        );
    }

    #[test]
    fn another_key_cannot_open_and_nonces_are_fresh() {
        let (a, b) = (DataKey::generate(), DataKey::generate());
        let binding = Binding::vault_key("ca");
        let one = a.seal(&binding, b"same");
        let two = a.seal(&binding, b"same");
        assert_ne!(one, two, "a fresh nonce per write");
        assert!(b.open(&binding, &one).is_err());
        let copy = DataKey::from_bytes(a.expose()).unwrap();
        assert_eq!(copy.open(&binding, &two).unwrap().expose(), b"same");
    }

    #[test]
    fn random_plaintexts_round_trip() {
        let key = DataKey::generate();
        for len in [0usize, 1, 15, 16, 17, 255, 1024] {
            let plain: Vec<u8> = (0..len).map(|i| (i * 7 + len) as u8).collect();
            let binding = Binding::secret("blog-cest", len as u64, "password");
            let sealed = key.seal(&binding, &plain);
            assert_eq!(key.open(&binding, &sealed).unwrap().expose(), &plain[..]);
        }
    }
}
