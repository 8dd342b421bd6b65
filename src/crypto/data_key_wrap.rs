//! Wrapping the data key with age to keep it at rest, and unwrapping it: it is stored only
//! wrapped, once per way to unseal (an X25519 identity file for automatic unseal, a passphrase
//! through scrypt, escrow recipients for break-glass). age allows a passphrase stanza only alone
//! in a file, so each wrapping is its own small age file.

use super::data_key::DataKey;
use crate::secret::SecretString;
use std::io::{Read, Write};
use zeroize::Zeroizing;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WrapError {
    /// The identity or passphrase does not open this wrapping.
    #[error("the key or passphrase does not unwrap the data key")]
    WrongKey,
    /// The wrapped blob is not an age file.
    #[error("the wrapped data key is damaged: {0}")]
    Damaged(String),
    /// A recipient or identity string could not be parsed.
    #[error("not an age {0}")]
    BadKeyString(&'static str),
    /// age failed to encrypt.
    #[error("wrapping failed: {0}")]
    Encrypt(String),
}

fn encrypt(encryptor: age::Encryptor, key: &DataKey) -> Result<Vec<u8>, WrapError> {
    let mut out = Vec::new();
    let mut writer = encryptor
        .wrap_output(&mut out)
        .map_err(|e| WrapError::Encrypt(e.to_string()))?;
    writer
        .write_all(key.expose())
        .and_then(|_| writer.finish())
        .map_err(|e| WrapError::Encrypt(e.to_string()))?;
    Ok(out)
}

fn decrypt(wrapped: &[u8], identity: &dyn age::Identity) -> Result<DataKey, WrapError> {
    let decryptor = age::Decryptor::new(wrapped).map_err(|e| WrapError::Damaged(e.to_string()))?;
    let mut reader = decryptor
        .decrypt(std::iter::once(identity))
        .map_err(|_| WrapError::WrongKey)?;
    let mut bytes = Zeroizing::new(Vec::with_capacity(32));
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| WrapError::Damaged(e.to_string()))?;
    DataKey::from_bytes(&bytes).map_err(|e| WrapError::Damaged(e.to_string()))
}

/// Wraps the data key to an age X25519 recipient (`age1...`).
pub fn wrap_to_recipient(key: &DataKey, recipient: &str) -> Result<Vec<u8>, WrapError> {
    let recipient: age::x25519::Recipient = recipient
        .trim()
        .parse()
        .map_err(|_| WrapError::BadKeyString("recipient (age1...)"))?;
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|e| WrapError::Encrypt(e.to_string()))?;
    encrypt(encryptor, key)
}

/// Wraps the data key with a passphrase (age scrypt).
pub fn wrap_to_passphrase(key: &DataKey, passphrase: &SecretString) -> Result<Vec<u8>, WrapError> {
    let encryptor = age::Encryptor::with_user_passphrase(age::secrecy::SecretString::from(
        passphrase.expose().to_owned(),
    ));
    encrypt(encryptor, key)
}

/// Unwraps with an age identity file's contents (`AGE-SECRET-KEY-1...`, comments allowed).
pub fn unwrap_with_identity(
    wrapped: &[u8],
    identity_file: &SecretString,
) -> Result<DataKey, WrapError> {
    let identity = parse_identity(identity_file)?;
    decrypt(wrapped, &identity)
}

/// Unwraps with a passphrase.
pub fn unwrap_with_passphrase(
    wrapped: &[u8],
    passphrase: &SecretString,
) -> Result<DataKey, WrapError> {
    let identity = age::scrypt::Identity::new(age::secrecy::SecretString::from(
        passphrase.expose().to_owned(),
    ));
    decrypt(wrapped, &identity)
}

/// The X25519 identity in an age identity file's contents.
pub fn parse_identity(identity_file: &SecretString) -> Result<age::x25519::Identity, WrapError> {
    identity_file
        .expose()
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .and_then(|l| l.parse().ok())
        .ok_or(WrapError::BadKeyString("identity (AGE-SECRET-KEY-1...)"))
}

/// A new X25519 identity: the file text to keep, and its public recipient.
pub fn new_identity() -> (SecretString, String) {
    use age::secrecy::ExposeSecret;
    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public().to_string();
    let text = format!(
        "# vaultd unseal key; recipient: {recipient}\n{}\n",
        identity.to_string().expose_secret()
    );
    (SecretString::new(text), recipient)
}

/// The recipient of an identity file, to tell which wrapping it opens.
pub fn recipient_of(identity_file: &SecretString) -> Result<String, WrapError> {
    Ok(parse_identity(identity_file)?.to_public().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_wrapping_round_trips_and_refuses_other_identities() {
        let key = DataKey::generate();
        let (identity, recipient) = new_identity();
        let wrapped = wrap_to_recipient(&key, &recipient).unwrap();
        let back = unwrap_with_identity(&wrapped, &identity).unwrap();
        assert_eq!(back.expose(), key.expose());
        assert_eq!(recipient_of(&identity).unwrap(), recipient);
        let (other, _) = new_identity();
        assert!(matches!(
            unwrap_with_identity(&wrapped, &other),
            Err(WrapError::WrongKey)
        ));
        assert!(!wrapped.windows(32).any(|w| w == key.expose()));
    }

    #[test]
    fn passphrase_wrapping_round_trips_and_refuses_a_wrong_passphrase() {
        let key = DataKey::generate();
        let pass = SecretString::new("une phrase de passe".into());
        let wrapped = wrap_to_passphrase(&key, &pass).unwrap();
        let back = unwrap_with_passphrase(&wrapped, &pass).unwrap();
        assert_eq!(back.expose(), key.expose());
        let wrong = SecretString::new("autre".into());
        assert!(matches!(
            unwrap_with_passphrase(&wrapped, &wrong),
            Err(WrapError::WrongKey)
        ));
    }

    #[test]
    fn bad_key_strings_are_named() {
        let key = DataKey::generate();
        assert!(matches!(
            wrap_to_recipient(&key, "age1nope"),
            Err(WrapError::BadKeyString(_))
        ));
        let garbage = SecretString::new("hello".into());
        assert!(matches!(
            unwrap_with_identity(b"x", &garbage),
            Err(WrapError::BadKeyString(_))
        ));
    }
}
