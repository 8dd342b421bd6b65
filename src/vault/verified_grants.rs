//! Grant bodies already verified, remembered by exactly what was verified (the authority key,
//! the signed bytes and the signature), so a release does not redo an Ed25519 verification for
//! a grant it has seen. A changed byte anywhere is a different key here, and is verified afresh.
//! A grant's second signature (`grant cosign`) is remembered the same way, by grant id's row.

use crate::authz::grant::{self, GrantBody};
use crate::store::grants::{AuthorityKey, GrantRecord};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

/// Entries kept before the cache starts over (a few hundred bytes each).
const MAX_ENTRIES: usize = 4096;

#[derive(Default)]
pub struct VerifiedGrants {
    bodies: Mutex<HashMap<[u8; 32], GrantBody>>,
    /// Second signatures that verified, by the digest of key, bytes and signature.
    cosignatures: Mutex<HashSet<[u8; 32]>>,
}

impl std::fmt::Debug for VerifiedGrants {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifiedGrants").finish_non_exhaustive()
    }
}

/// What a verification depends on, length-prefixed so no two inputs share a digest.
fn digest(key: &AuthorityKey, record: &GrantRecord) -> [u8; 32] {
    digest_of(key, &record.signed, &record.signature)
}

fn digest_of(key: &AuthorityKey, signed: &[u8], signature: &[u8]) -> [u8; 32] {
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    for part in [
        key.public_key.as_slice(),
        key.key_id.as_bytes(),
        signed,
        signature,
    ] {
        ctx.update(&(part.len() as u64).to_be_bytes());
        ctx.update(part);
    }
    let mut out = [0u8; 32];
    out.copy_from_slice(ctx.finish().as_ref());
    out
}

impl VerifiedGrants {
    /// The grant's body if its signature verifies under `key` and names that key; None otherwise
    /// (refusals are not remembered: they are rare and must stay visible).
    pub fn open(&self, key: &AuthorityKey, record: &GrantRecord) -> Option<GrantBody> {
        let digest = digest(key, record);
        if let Some(body) = self.bodies.lock().ok()?.get(&digest) {
            return Some(body.clone());
        }
        let body = grant::open(&key.public_key, &record.signed, &record.signature)
            .ok()
            .filter(|b| b.key_id == key.key_id)?;
        if let Ok(mut bodies) = self.bodies.lock() {
            if bodies.len() >= MAX_ENTRIES {
                bodies.clear();
            }
            bodies.insert(digest, body.clone());
        }
        Some(body)
    }

    /// Whether `signature` (a grant's second signature) verifies over the grant's `signed`
    /// bytes under `key`; a failure is not remembered.
    pub fn cosigned(&self, key: &AuthorityKey, signed: &[u8], signature: &[u8]) -> bool {
        let digest = digest_of(key, signed, signature);
        if self
            .cosignatures
            .lock()
            .is_ok_and(|known| known.contains(&digest))
        {
            return true;
        }
        if grant::verify(&key.public_key, signed, signature).is_err() {
            return false;
        }
        if let Ok(mut known) = self.cosignatures.lock() {
            if known.len() >= MAX_ENTRIES {
                known.clear();
            }
            known.insert(digest);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authz::grant::SigningKey;

    fn pinned(k: &SigningKey) -> AuthorityKey {
        AuthorityKey {
            key_id: k.key_id(),
            public_key: k.public_key(),
            pinned_at: 0,
            pinned_by: "test".into(),
            sequence: 1,
        }
    }

    #[test]
    fn a_second_signature_counts_over_its_own_bytes_and_key_only_even_once_remembered() {
        let first = SigningKey::generate();
        let second = SigningKey::generate();
        let signed = b"vaultd art.3 grant v1\n{\"id\":\"g\"}".to_vec();
        let signature = second.sign(&signed);
        let cache = VerifiedGrants::default();
        assert!(cache.cosigned(&pinned(&second), &signed, &signature));
        assert!(
            cache.cosigned(&pinned(&second), &signed, &signature),
            "remembered"
        );
        let mut other = signed.clone();
        other[30] ^= 1;
        assert!(!cache.cosigned(&pinned(&second), &other, &signature));
        assert!(!cache.cosigned(&pinned(&first), &signed, &signature));
        assert!(!cache.cosigned(&pinned(&second), &signed, &first.sign(&signed)));
    }
}
