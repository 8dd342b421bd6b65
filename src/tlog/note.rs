//! C2SP signed notes and tlog checkpoints (Ed25519): how the daemon signs its audit log's tree
//! heads, and how a reviewer checks them offline with nothing but the verifier key string.

use crate::tlog::merkle::Hash;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use ring::signature::{Ed25519KeyPair, KeyPair, UnparsedPublicKey, ED25519};

/// The Ed25519 signature type byte of C2SP signed notes.
const ED25519_TYPE: u8 = 0x01;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[non_exhaustive]
pub enum NoteError {
    /// The verifier key string is malformed or its key id does not match.
    #[error("malformed verifier key")]
    BadVerifierKey,
    /// The private key string is malformed or its key id does not match.
    #[error("malformed signer key")]
    BadSignerKey,
    /// The note lacks the blank line and signature lines, or its text is malformed.
    #[error("malformed signed note")]
    Malformed,
    /// No signature line by the expected key name and id.
    #[error("the note carries no signature by {0}")]
    NotSignedBy(String),
    /// The signature by the expected key does not verify.
    #[error("the note's signature does not verify")]
    BadSignature,
    /// A checkpoint whose origin, size or root line is malformed.
    #[error("malformed checkpoint: {0}")]
    BadCheckpoint(&'static str),
}

/// Key id: the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key).
pub fn key_id(name: &str, public_key: &[u8]) -> [u8; 4] {
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    ctx.update(name.as_bytes());
    ctx.update(b"\n");
    ctx.update(&[ED25519_TYPE]);
    ctx.update(public_key);
    ctx.finish().as_ref()[..4].try_into().expect("4 bytes")
}

/// A verifier: key name and Ed25519 public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verifier {
    pub name: String,
    pub public_key: Vec<u8>,
}

impl Verifier {
    pub fn id(&self) -> [u8; 4] {
        key_id(&self.name, &self.public_key)
    }

    /// `name+keyid+base64(0x01 || public key)`.
    pub fn to_key_string(&self) -> String {
        format_key(&self.name, self.id(), ED25519_TYPE, &self.public_key)
    }

    pub fn parse(text: &str) -> Result<Self, NoteError> {
        let (name, public_key) = parse_key(text, ED25519_TYPE, key_id)?;
        Ok(Verifier { name, public_key })
    }
}

/// A verifier key string, `name+keyid+base64(type || public key)`, for a key of `key_type`.
pub(super) fn format_key(name: &str, id: [u8; 4], key_type: u8, public_key: &[u8]) -> String {
    let mut typed = vec![key_type];
    typed.extend_from_slice(public_key);
    format!("{name}+{}+{}", hex::encode(id), B64.encode(typed))
}

/// Reads a verifier key string of `key_type`, checking its key id with `id_of`: the name and
/// the 32-byte Ed25519 public key.
pub(super) fn parse_key(
    text: &str,
    key_type: u8,
    id_of: fn(&str, &[u8]) -> [u8; 4],
) -> Result<(String, Vec<u8>), NoteError> {
    let mut parts = text.trim().splitn(3, '+');
    let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(NoteError::BadVerifierKey);
    };
    let typed = B64.decode(key).map_err(|_| NoteError::BadVerifierKey)?;
    let Some((&found_type, public_key)) = typed.split_first() else {
        return Err(NoteError::BadVerifierKey);
    };
    if found_type != key_type
        || name.is_empty()
        || name.contains(char::is_whitespace)
        || public_key.len() != 32
        || hex::encode(id_of(name, public_key)) != id
    {
        return Err(NoteError::BadVerifierKey);
    }
    Ok((name.to_owned(), public_key.to_vec()))
}

/// A signer: key name and Ed25519 private key, kept in the Go `note` package's private key
/// format (`PRIVATE+KEY+name+keyid+base64(0x01 || seed)`) so that stock tools read it.
pub struct Signer {
    name: String,
    seed: zeroize::Zeroizing<[u8; 32]>,
    key: Ed25519KeyPair,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

const PRIVATE_KEY_PREFIX: &str = "PRIVATE+KEY+";

impl Signer {
    /// A new random key named `name` (no whitespace, no `+`).
    pub fn generate(name: &str) -> Result<Self, NoteError> {
        use ring::rand::SecureRandom;
        let mut seed = zeroize::Zeroizing::new([0u8; 32]);
        ring::rand::SystemRandom::new()
            .fill(&mut seed[..])
            .expect("the system's random source failed");
        Self::from_seed(name, &seed[..])
    }

    pub fn from_seed(name: &str, seed: &[u8]) -> Result<Self, NoteError> {
        if !valid_key_name(name) {
            return Err(NoteError::BadSignerKey);
        }
        let seed: zeroize::Zeroizing<[u8; 32]> =
            zeroize::Zeroizing::new(seed.try_into().map_err(|_| NoteError::BadSignerKey)?);
        let key =
            Ed25519KeyPair::from_seed_unchecked(&seed[..]).map_err(|_| NoteError::BadSignerKey)?;
        Ok(Signer {
            name: name.to_owned(),
            seed,
            key,
        })
    }

    /// Reads `PRIVATE+KEY+name+keyid+base64(0x01 || seed)`, checking the key id.
    pub fn parse(text: &str) -> Result<Self, NoteError> {
        let rest = text
            .trim()
            .strip_prefix(PRIVATE_KEY_PREFIX)
            .ok_or(NoteError::BadSignerKey)?;
        let mut parts = rest.splitn(3, '+');
        let (Some(name), Some(id), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(NoteError::BadSignerKey);
        };
        let typed = zeroize::Zeroizing::new(B64.decode(key).map_err(|_| NoteError::BadSignerKey)?);
        let Some((&ED25519_TYPE, seed)) = typed.split_first() else {
            return Err(NoteError::BadSignerKey);
        };
        let signer = Self::from_seed(name, seed)?;
        if hex::encode(signer.verifier().id()) != id {
            return Err(NoteError::BadSignerKey);
        }
        Ok(signer)
    }

    /// The private key string, with a final newline (the content of a key file).
    pub fn to_key_string(&self) -> zeroize::Zeroizing<String> {
        let mut typed = zeroize::Zeroizing::new(vec![ED25519_TYPE]);
        typed.extend_from_slice(&self.seed[..]);
        zeroize::Zeroizing::new(format!(
            "{PRIVATE_KEY_PREFIX}{}+{}+{}\n",
            self.name,
            hex::encode(self.verifier().id()),
            B64.encode(&typed[..])
        ))
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn key_pair(&self) -> &Ed25519KeyPair {
        &self.key
    }

    pub fn verifier(&self) -> Verifier {
        Verifier {
            name: self.name.clone(),
            public_key: self.key.public_key().as_ref().to_vec(),
        }
    }

    /// Signs `text` (which must end with a newline) as a note.
    pub fn sign(&self, text: &str) -> String {
        sign(text, &self.name, &self.key)
    }
}

/// A key name as the note format allows it: not empty, no whitespace, no `+`.
fn valid_key_name(name: &str) -> bool {
    !name.is_empty() && !name.contains(|c: char| c.is_whitespace() || c == '+')
}

/// Signs `text` (which must end with a newline) as a note by `name`.
pub fn sign(text: &str, name: &str, key: &Ed25519KeyPair) -> String {
    let id = key_id(name, key.public_key().as_ref());
    let mut blob = id.to_vec();
    blob.extend_from_slice(key.sign(text.as_bytes()).as_ref());
    format!("{text}\n\u{2014} {name} {}\n", B64.encode(blob))
}

/// Checks the note's signature by `verifier` and returns its text.
pub fn open<'a>(note: &'a str, verifier: &Verifier) -> Result<&'a str, NoteError> {
    let split = note.rfind("\n\n").ok_or(NoteError::Malformed)?;
    let (text, signatures) = (&note[..split + 1], &note[split + 2..]);
    if !signatures.ends_with('\n') {
        return Err(NoteError::Malformed);
    }
    let id = verifier.id();
    let mut found = false;
    for line in signatures.lines() {
        let rest = line.strip_prefix("\u{2014} ").ok_or(NoteError::Malformed)?;
        let (name, sig) = rest.split_once(' ').ok_or(NoteError::Malformed)?;
        let blob = B64.decode(sig).map_err(|_| NoteError::Malformed)?;
        if name != verifier.name || blob.len() < 4 || blob[..4] != id {
            continue;
        }
        found = true;
        if UnparsedPublicKey::new(&ED25519, &verifier.public_key)
            .verify(text.as_bytes(), &blob[4..])
            .is_ok()
        {
            return Ok(text);
        }
    }
    if found {
        Err(NoteError::BadSignature)
    } else {
        Err(NoteError::NotSignedBy(verifier.name.clone()))
    }
}

/// A tlog checkpoint: origin, tree size, root hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub origin: String,
    pub size: u64,
    pub root: Hash,
}

impl Checkpoint {
    pub fn text(&self) -> String {
        format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            B64.encode(self.root)
        )
    }

    pub fn parse(text: &str) -> Result<Self, NoteError> {
        let mut lines = text.split('\n');
        let origin = lines
            .next()
            .filter(|o| !o.is_empty())
            .ok_or(NoteError::BadCheckpoint("origin"))?;
        let size_line = lines.next().ok_or(NoteError::BadCheckpoint("size"))?;
        if size_line.is_empty()
            || !size_line.bytes().all(|b| b.is_ascii_digit())
            || (size_line.len() > 1 && size_line.starts_with('0'))
        {
            return Err(NoteError::BadCheckpoint("size"));
        }
        let size = size_line
            .parse()
            .map_err(|_| NoteError::BadCheckpoint("size"))?;
        let root = B64
            .decode(lines.next().ok_or(NoteError::BadCheckpoint("root"))?)
            .ok()
            .and_then(|r| Hash::try_from(r).ok())
            .ok_or(NoteError::BadCheckpoint("root"))?;
        Ok(Checkpoint {
            origin: origin.to_owned(),
            size,
            root,
        })
    }

    /// Signs this checkpoint as a note.
    pub fn sign(&self, name: &str, key: &Ed25519KeyPair) -> String {
        sign(&self.text(), name, key)
    }

    /// Opens a signed checkpoint note, checking the signature and that the origin is the key's.
    pub fn open(note: &str, verifier: &Verifier) -> Result<Self, NoteError> {
        let text = open(note, verifier)?;
        let checkpoint = Self::parse(text)?;
        if checkpoint.origin != verifier.name {
            return Err(NoteError::BadCheckpoint("origin"));
        }
        Ok(checkpoint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signer_key_strings_match_the_known_answer() {
        let v = vector();
        let signer = Signer::parse(v["private_key_string"].as_str().unwrap()).unwrap();
        assert_eq!(signer.name(), "PeterNeumann");
        assert_eq!(
            signer.verifier().to_key_string(),
            v["verifier_key_string"].as_str().unwrap()
        );
        assert_eq!(
            signer.to_key_string().trim_end(),
            v["private_key_string"].as_str().unwrap()
        );
        let text = v["text"].as_str().unwrap();
        assert_eq!(signer.sign(text), v["note"].as_str().unwrap());
        // A wrong key id, a verifier string or a bad name is refused.
        let wrong_id = v["private_key_string"]
            .as_str()
            .unwrap()
            .replace("c74f20a3", "c74f20a4");
        assert_eq!(
            Signer::parse(&wrong_id).unwrap_err(),
            NoteError::BadSignerKey
        );
        assert_eq!(
            Signer::parse(v["verifier_key_string"].as_str().unwrap()).err(),
            Some(NoteError::BadSignerKey)
        );
        assert_eq!(
            Signer::generate("two words").err(),
            Some(NoteError::BadSignerKey)
        );
        assert_eq!(Signer::generate("a+b").err(), Some(NoteError::BadSignerKey));
        let fresh = Signer::generate("vaultd/0123").unwrap();
        let back = Signer::parse(&fresh.to_key_string()).unwrap();
        assert_eq!(back.verifier(), fresh.verifier());
    }

    fn vector() -> serde_json::Value {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/testdata/vectors/c2sp-signed-note.json"
        );
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn vector_key(v: &serde_json::Value) -> Ed25519KeyPair {
        let seed = hex::decode(v["ed25519_seed_hex"].as_str().unwrap()).unwrap();
        Ed25519KeyPair::from_seed_unchecked(&seed).unwrap()
    }

    #[test]
    fn known_answer_key_id_verifier_string_and_signature_line() {
        let v = vector();
        let key = vector_key(&v);
        let name = v["key_name"].as_str().unwrap();
        assert_eq!(
            hex::encode(key.public_key().as_ref()),
            v["ed25519_public_hex"].as_str().unwrap()
        );
        assert_eq!(
            hex::encode(key_id(name, key.public_key().as_ref())),
            v["key_id_hex"].as_str().unwrap()
        );
        let verifier = Verifier {
            name: name.into(),
            public_key: key.public_key().as_ref().to_vec(),
        };
        assert_eq!(
            verifier.to_key_string(),
            v["verifier_key_string"].as_str().unwrap()
        );
        assert_eq!(
            Verifier::parse(v["verifier_key_string"].as_str().unwrap()).unwrap(),
            verifier
        );
        let note = sign(v["text"].as_str().unwrap(), name, &key);
        assert_eq!(note, v["note"].as_str().unwrap());
        assert!(note.contains(v["signature_line"].as_str().unwrap()));
        assert_eq!(open(&note, &verifier).unwrap(), v["text"].as_str().unwrap());
    }

    #[test]
    fn any_changed_byte_of_a_signed_checkpoint_fails() {
        let key = vector_key(&vector());
        let verifier = Verifier {
            name: "vaultd/test".into(),
            public_key: key.public_key().as_ref().to_vec(),
        };
        let cp = Checkpoint {
            origin: "vaultd/test".into(),
            size: 42,
            root: Hash::from_bytes([7; 32]),
        };
        let note = cp.sign("vaultd/test", &key);
        assert_eq!(Checkpoint::open(&note, &verifier).unwrap(), cp);
        let bytes = note.as_bytes();
        for i in 0..bytes.len() {
            let mut t = bytes.to_vec();
            t[i] ^= 0x01;
            if let Ok(text) = String::from_utf8(t) {
                assert!(
                    Checkpoint::open(&text, &verifier).is_err(),
                    "byte {i} of {note:?}"
                );
            }
        }
    }

    #[test]
    fn another_key_or_origin_is_refused() {
        let key = vector_key(&vector());
        let other = Ed25519KeyPair::from_seed_unchecked(&[9; 32]).unwrap();
        let cp = Checkpoint {
            origin: "vaultd/a".into(),
            size: 1,
            root: Hash::from_bytes([1; 32]),
        };
        let verifier = Verifier {
            name: "vaultd/a".into(),
            public_key: key.public_key().as_ref().to_vec(),
        };
        let forged = cp.sign("vaultd/a", &other);
        // Another key has another key id: no signature line is by the expected key.
        assert!(matches!(
            Checkpoint::open(&forged, &verifier),
            Err(NoteError::NotSignedBy(_))
        ));
        // Same key id, bytes of another signature: the signature fails.
        let good = cp.sign("vaultd/a", &key);
        let (head, sig_line) = good.rsplit_once("\u{2014} vaultd/a ").unwrap();
        let mut blob = B64.decode(sig_line.trim_end()).unwrap();
        blob[10] ^= 1;
        let tampered = format!("{head}\u{2014} vaultd/a {}\n", B64.encode(blob));
        assert_eq!(
            Checkpoint::open(&tampered, &verifier),
            Err(NoteError::BadSignature)
        );
        let wrong_origin = Checkpoint {
            origin: "vaultd/b".into(),
            ..cp.clone()
        }
        .sign("vaultd/a", &key);
        assert_eq!(
            Checkpoint::open(&wrong_origin, &verifier),
            Err(NoteError::BadCheckpoint("origin"))
        );
        let by_other_name = cp.sign("vaultd/z", &key);
        assert!(matches!(
            Checkpoint::open(&by_other_name, &verifier),
            Err(NoteError::NotSignedBy(_))
        ));
        assert_eq!(
            Verifier::parse("name+00000000+AQ==").err(),
            Some(NoteError::BadVerifierKey)
        );
        assert!(matches!(
            Checkpoint::parse("o\n01\nAAAA\n"),
            Err(NoteError::BadCheckpoint(_))
        ));
    }
}
