//! C2SP tlog-cosignature (`cosignature/v1`, Ed25519): a witness's signature over a checkpoint
//! body and the time it saw it, added to the checkpoint as one more signature line. A witness
//! co-signs a checkpoint only when it extends the one it co-signed before, so a log that was
//! forked, rolled back or rewritten cannot gather its cosignature.

use super::note::{NoteError, Signer};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use ring::signature::{KeyPair, UnparsedPublicKey, ED25519};

/// The signature type byte of cosignature/v1 keys (in key ids and verifier keys).
const COSIGNATURE_TYPE: u8 = 0x04;

/// Key id: the first 4 bytes of SHA-256(name || 0x0A || 0x04 || public key).
pub fn key_id(name: &str, public_key: &[u8]) -> [u8; 4] {
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    ctx.update(name.as_bytes());
    ctx.update(b"\n");
    ctx.update(&[COSIGNATURE_TYPE]);
    ctx.update(public_key);
    ctx.finish().as_ref()[..4].try_into().expect("4 bytes")
}

/// The bytes a cosignature signs.
fn signed_message(checkpoint_body: &str, timestamp: u64) -> String {
    format!("cosignature/v1\ntime {timestamp}\n{checkpoint_body}")
}

/// A witness's verifier: name and Ed25519 public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WitnessVerifier {
    pub name: String,
    pub public_key: Vec<u8>,
}

impl WitnessVerifier {
    pub fn of(signer: &Signer) -> Self {
        WitnessVerifier {
            name: signer.name().to_owned(),
            public_key: signer.key_pair().public_key().as_ref().to_vec(),
        }
    }

    pub fn id(&self) -> [u8; 4] {
        key_id(&self.name, &self.public_key)
    }

    /// `name+keyid+base64(0x04 || public key)`.
    pub fn to_key_string(&self) -> String {
        super::note::format_key(&self.name, self.id(), COSIGNATURE_TYPE, &self.public_key)
    }

    pub fn parse(text: &str) -> Result<Self, NoteError> {
        let (name, public_key) = super::note::parse_key(text, COSIGNATURE_TYPE, key_id)?;
        Ok(WitnessVerifier { name, public_key })
    }

    /// Checks a signature line over `checkpoint_body`: Ok(Some(timestamp)) when it is this
    /// witness's and verifies, Ok(None) when the line is another key's, Err when it is this
    /// witness's and does not verify.
    pub fn check_line(&self, line: &str, checkpoint_body: &str) -> Result<Option<u64>, NoteError> {
        let rest = line.strip_prefix("\u{2014} ").ok_or(NoteError::Malformed)?;
        let (name, blob) = rest.split_once(' ').ok_or(NoteError::Malformed)?;
        let blob = B64.decode(blob).map_err(|_| NoteError::Malformed)?;
        if name != self.name || blob.len() != 4 + 8 + 64 || blob[..4] != self.id() {
            return Ok(None);
        }
        let timestamp = u64::from_be_bytes(blob[4..12].try_into().expect("8 bytes"));
        UnparsedPublicKey::new(&ED25519, &self.public_key)
            .verify(
                signed_message(checkpoint_body, timestamp).as_bytes(),
                &blob[12..],
            )
            .map_err(|_| NoteError::BadSignature)?;
        Ok(Some(timestamp))
    }
}

/// The witness's signature line over `checkpoint_body` (the checkpoint's text, ending with a
/// newline) at `timestamp` (Unix seconds).
pub fn cosign(witness: &Signer, checkpoint_body: &str, timestamp: u64) -> String {
    let verifier = WitnessVerifier::of(witness);
    let signature = witness
        .key_pair()
        .sign(signed_message(checkpoint_body, timestamp).as_bytes());
    let mut blob = verifier.id().to_vec();
    blob.extend_from_slice(&timestamp.to_be_bytes());
    blob.extend_from_slice(signature.as_ref());
    format!("\u{2014} {} {}", witness.name(), B64.encode(blob))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vector() -> serde_json::Value {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/testdata/vectors/c2sp-cosignature.json"
        );
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn witness(v: &serde_json::Value) -> Signer {
        let seed = hex::decode(v["ed25519_seed_hex"].as_str().unwrap()).unwrap();
        Signer::from_seed(v["cosigner_name"].as_str().unwrap(), &seed).unwrap()
    }

    #[test]
    fn cosignatures_match_the_known_answer() {
        let v = vector();
        let w = witness(&v);
        let verifier = WitnessVerifier::of(&w);
        assert_eq!(
            hex::encode(&verifier.public_key),
            v["public_key_hex"].as_str().unwrap()
        );
        assert_eq!(
            hex::encode(verifier.id()),
            v["key_id_hex"].as_str().unwrap()
        );
        assert_eq!(
            verifier.to_key_string(),
            v["verifier_key"].as_str().unwrap()
        );
        assert_eq!(
            WitnessVerifier::parse(v["verifier_key"].as_str().unwrap()).unwrap(),
            verifier
        );
        let body = v["checkpoint_body"].as_str().unwrap();
        let ts = v["timestamp"].as_u64().unwrap();
        assert_eq!(
            signed_message(body, ts),
            v["signed_message"].as_str().unwrap()
        );
        let line = cosign(&w, body, ts);
        assert_eq!(line, v["signature_line"].as_str().unwrap());
        assert_eq!(verifier.check_line(&line, body).unwrap(), Some(ts));
    }

    #[test]
    fn a_changed_body_or_time_fails_and_another_name_is_not_this_witness() {
        let v = vector();
        let w = witness(&v);
        let verifier = WitnessVerifier::of(&w);
        let body = v["checkpoint_body"].as_str().unwrap();
        let ts = v["timestamp"].as_u64().unwrap();
        let line = cosign(&w, body, ts);
        let other_root = body.replace("CsUY", "DsUY");
        assert_eq!(
            verifier.check_line(&line, &other_root),
            Err(NoteError::BadSignature)
        );
        // The timestamp is part of the blob: another time does not verify.
        let mut blob = B64.decode(line.rsplit(' ').next().unwrap()).unwrap();
        blob[11] ^= 1;
        let retimed = format!("\u{2014} {} {}", w.name(), B64.encode(&blob));
        assert_eq!(
            verifier.check_line(&retimed, body),
            Err(NoteError::BadSignature)
        );
        let renamed = line.replace("witness.example/w1", "witness.example/w2");
        assert_eq!(verifier.check_line(&renamed, body), Ok(None));
        // A signed-note verifier key (type 0x01) is not a witness key.
        assert!(WitnessVerifier::parse(&w.verifier().to_key_string()).is_err());
    }
}
