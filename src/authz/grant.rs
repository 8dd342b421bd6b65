//! Art. 3 grant documents: what the Secrétaire générale signs with her own Ed25519 key, and how
//! anyone checks it. The signed bytes are a fixed domain-separation prefix followed by the JSON
//! body; they are stored verbatim and never re-encoded, so verification is over exactly what she
//! signed. Shared by the daemon (verification) and `vault-cli` (signing).

use crate::secret::SecretBytes;
use ring::signature::{Ed25519KeyPair, KeyPair, UnparsedPublicKey, ED25519};
use serde::{Deserialize, Serialize};

/// Prefix of every signed grant: a signature over it can never be mistaken for another document.
pub const SIGNED_PREFIX: &[u8] = b"vaultd art.3 grant v1\n";
/// Prefix of a statement that moves the vault's trust to a new authority key.
pub const ROTATION_PREFIX: &[u8] = b"vaultd authority key rotation v2\n";

/// The body of a grant, as signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantBody {
    /// 128 random bits, lowercase hex.
    pub id: String,
    pub grantee: String,
    pub accounts: Vec<String>,
    pub purpose: String,
    /// Unix seconds; valid when not_before <= now < not_after.
    pub not_before: i64,
    pub not_after: i64,
    #[serde(default)]
    pub max_uses: Option<u64>,
    pub issued_at: i64,
    /// The signing key's id (see [`key_id`]).
    pub key_id: String,
    /// The request this grant answers, if any.
    #[serde(default)]
    pub request: Option<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum GrantError {
    /// The bytes do not start with the grant prefix or the body is not a grant.
    #[error("not a grant document")]
    Malformed,
    /// The signature does not verify under the key.
    #[error("the grant's signature does not verify")]
    BadSignature,
    /// A signing key could not be read.
    #[error("not an Ed25519 signing key")]
    BadKey,
}

impl GrantBody {
    /// The exact bytes to sign and store.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = SIGNED_PREFIX.to_vec();
        out.extend_from_slice(&serde_json::to_vec(self).expect("a grant body serializes"));
        out
    }

    /// Parses signed bytes back into a body (no signature check: see [`verify`]).
    pub fn decode(signed: &[u8]) -> Result<Self, GrantError> {
        let body = signed
            .strip_prefix(SIGNED_PREFIX)
            .ok_or(GrantError::Malformed)?;
        serde_json::from_slice(body).map_err(|_| GrantError::Malformed)
    }
}

/// The id of an authority public key: the first 8 bytes of SHA-256 over a label and the key.
pub fn key_id(public_key: &[u8]) -> String {
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    ctx.update(b"vaultd authority key\n");
    ctx.update(public_key);
    hex::encode(&ctx.finish().as_ref()[..8])
}

/// Checks an Ed25519 signature over `signed` under `public_key`.
pub fn verify(public_key: &[u8], signed: &[u8], signature: &[u8]) -> Result<(), GrantError> {
    UnparsedPublicKey::new(&ED25519, public_key)
        .verify(signed, signature)
        .map_err(|_| GrantError::BadSignature)
}

/// Verifies and decodes a stored grant.
pub fn open(public_key: &[u8], signed: &[u8], signature: &[u8]) -> Result<GrantBody, GrantError> {
    verify(public_key, signed, signature)?;
    GrantBody::decode(signed)
}

/// The authority's signing key (PKCS#8 in zeroizing memory). No Clone, Debug or Display.
pub struct SigningKey {
    pkcs8: SecretBytes,
    pair: Ed25519KeyPair,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("key_id", &self.key_id())
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    pub fn generate() -> Self {
        let rng = ring::rand::SystemRandom::new();
        let doc = Ed25519KeyPair::generate_pkcs8(&rng).expect("Ed25519 key generation");
        Self::from_pkcs8(SecretBytes::new(doc.as_ref().to_vec())).expect("a fresh key parses")
    }

    pub fn from_pkcs8(pkcs8: SecretBytes) -> Result<Self, GrantError> {
        let pair = Ed25519KeyPair::from_pkcs8(pkcs8.expose()).map_err(|_| GrantError::BadKey)?;
        Ok(Self { pkcs8, pair })
    }

    pub fn pkcs8(&self) -> &SecretBytes {
        &self.pkcs8
    }

    pub fn public_key(&self) -> Vec<u8> {
        self.pair.public_key().as_ref().to_vec()
    }

    pub fn key_id(&self) -> String {
        key_id(self.pair.public_key().as_ref())
    }

    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        self.pair.sign(message).as_ref().to_vec()
    }

    /// Signs a statement that the vault should trust `new_public_key` from now on, in place of
    /// this key, which is the vault's `sequence`-th authority key.
    pub fn sign_rotation(&self, sequence: u64, new_public_key: &[u8]) -> Vec<u8> {
        self.sign(&rotation_statement(
            &self.key_id(),
            sequence,
            new_public_key,
        ))
    }
}

/// The bytes a rotation signature covers: the prefix, the current key's id and sequence number,
/// the new key. The sequence ties a statement to one step of the key's history, so it cannot
/// be replayed at another.
pub fn rotation_statement(current_key_id: &str, sequence: u64, new_public_key: &[u8]) -> Vec<u8> {
    let mut out = ROTATION_PREFIX.to_vec();
    out.extend_from_slice(current_key_id.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(sequence.to_string().as_bytes());
    out.push(b'\n');
    out.extend_from_slice(new_public_key);
    out
}

/// For the known-answer tests of signed statements (`testdata/vectors/NAME`): checks the
/// vector's key, key id and signature over its signed bytes, and returns the vector and those
/// bytes for the statement's own encode/decode checks.
#[cfg(test)]
pub(crate) fn signed_statement_vector(name: &str) -> (serde_json::Value, Vec<u8>) {
    let path = format!("{}/testdata/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("the vector");
    let v: serde_json::Value = serde_json::from_str(&text).expect("the vector's JSON");
    let s = |k: &str| v[k].as_str().expect(k).to_owned();
    let seed = hex::decode(s("ed25519_seed_hex")).unwrap();
    let pair = Ed25519KeyPair::from_seed_unchecked(&seed).unwrap();
    let public = pair.public_key().as_ref().to_vec();
    assert_eq!(hex::encode(&public), s("public_key_hex"));
    assert_eq!(key_id(&public), s("key_id"));
    let bytes = hex::decode(s("signed_hex")).unwrap();
    let signature = pair.sign(&bytes).as_ref().to_vec();
    assert_eq!(hex::encode(&signature), s("signature_hex"));
    assert_eq!(verify(&public, &bytes, &signature), Ok(()));
    (v, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(key: &SigningKey) -> GrantBody {
        GrantBody {
            id: crate::ids::new_id(),
            grantee: "admin".into(),
            accounts: vec!["facebook-cest".into()],
            purpose: "campagne d'automne".into(),
            not_before: 1_000,
            not_after: 2_000,
            max_uses: Some(2),
            issued_at: 1_000,
            key_id: key.key_id(),
            request: None,
        }
    }

    #[test]
    fn a_signed_grant_verifies_and_decodes_to_what_was_signed() {
        let key = SigningKey::generate();
        let b = body(&key);
        let signed = b.encode();
        assert!(signed.starts_with(SIGNED_PREFIX));
        let sig = key.sign(&signed);
        assert_eq!(open(&key.public_key(), &signed, &sig).unwrap(), b);
        assert_eq!(b.id.len(), 32);
    }

    #[test]
    fn any_changed_byte_or_another_key_fails() {
        let key = SigningKey::generate();
        let signed = body(&key).encode();
        let sig = key.sign(&signed);
        for i in 0..signed.len() {
            let mut t = signed.clone();
            t[i] ^= 0x01;
            assert!(open(&key.public_key(), &t, &sig).is_err(), "byte {i}");
        }
        for i in 0..sig.len() {
            let mut s = sig.clone();
            s[i] ^= 0x80;
            assert_eq!(
                verify(&key.public_key(), &signed, &s),
                Err(GrantError::BadSignature)
            );
        }
        let other = SigningKey::generate();
        assert_eq!(
            open(&other.public_key(), &signed, &sig).err(),
            Some(GrantError::BadSignature)
        );
        // A signature over another kind of statement is not a grant signature.
        let rotation = key.sign_rotation(1, &other.public_key());
        assert_eq!(
            verify(&key.public_key(), &signed, &rotation),
            Err(GrantError::BadSignature)
        );
    }

    #[test]
    fn a_key_survives_its_pkcs8_round_trip() {
        let key = SigningKey::generate();
        let again =
            SigningKey::from_pkcs8(SecretBytes::new(key.pkcs8().expose().to_vec())).unwrap();
        assert_eq!(again.public_key(), key.public_key());
        assert_eq!(again.key_id().len(), 16);
        let expected = format!("SigningKey {{ key_id: {:?}, .. }}", key.key_id());
        assert_eq!(format!("{again:?}"), expected);
        let pkcs8 = key.pkcs8().expose();
        crate::secret::assert_debug_hides(&format!("{again:?}"), pkcs8);
        crate::secret::assert_debug_hides(&format!("{again:#?}"), pkcs8);
    }
}
