//! The Secrétaire générale's delegation to an acting authority (an "intérim") while she is away:
//! a statement she signs with her authority key naming who may sign grants in her place, with
//! which key, for how long and for which accounts. A grant signed by the delegate's key is worth
//! something only through a delegation the vault pinned, so the chain grant -> delegation -> her
//! key can be checked with nothing but her public key.
//!
//! # Format (`vaultd delegation v1`)
//!
//! The signed bytes are the prefix `vaultd delegation v1\n` followed by the JSON object below,
//! keys in this order, no whitespace (serde_json's compact form); they are stored verbatim and
//! never re-encoded, and the Ed25519 signature by her key covers exactly them:
//!
//! - `id`: the delegation's id, 128 random bits as 32 lowercase hex digits;
//! - `delegate`: the acting authority's principal name;
//! - `delegate_key`: the delegate's grant-signing Ed25519 public key, 64 lowercase hex digits;
//! - `not_before`, `not_after`: the window, Unix seconds (`not_before <= t < not_after`);
//! - `accounts`: the account ids it covers, sorted without duplicates, or `null` for all;
//! - `reason`: why (leave, travel...), text a person reads;
//! - `issued_at`: when she signed, Unix seconds;
//! - `key_id`: her key's id (`grant::key_id`).
//!
//! The prefix differs from every other statement's (grants, rotations, custody approvals), so a
//! signature over one can never pass for another. Known answer: `testdata/vectors/
//! delegation-statement.json`.

use serde::{Deserialize, Serialize};

/// Prefix of every signed delegation.
pub const DELEGATION_PREFIX: &[u8] = b"vaultd delegation v1\n";

/// Longest signed statement accepted: 32 account ids and a 500-character reason fit well
/// within it, and nothing a caller sends is read past it.
pub const MAX_STATEMENT_BYTES: usize = 8 * 1024;
/// Most accounts one delegation may name (as for a grant).
pub const MAX_DELEGATION_ACCOUNTS: usize = 32;
/// Longest reason, in characters.
pub const MAX_DELEGATION_REASON: usize = 500;
/// The default longest window (the operator may configure another): 90 days.
pub const DEFAULT_MAX_DELEGATION_SECS: i64 = 90 * 86_400;

/// A delegation, as signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Delegation {
    pub id: String,
    pub delegate: String,
    /// Hex of the delegate's 32-byte Ed25519 public key.
    pub delegate_key: String,
    pub not_before: i64,
    pub not_after: i64,
    /// None: every account.
    pub accounts: Option<Vec<String>>,
    pub reason: String,
    pub issued_at: i64,
    pub key_id: String,
}

/// The bytes are not a delegation statement (wrong prefix, too long, or not its JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a delegation statement")]
pub struct NotADelegation;

impl Delegation {
    /// The exact bytes to sign and store.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = DELEGATION_PREFIX.to_vec();
        out.extend_from_slice(&serde_json::to_vec(self).expect("a delegation serializes"));
        out
    }

    /// Parses signed bytes back (no signature check: see `grant::verify`). Refuses more than
    /// [`MAX_STATEMENT_BYTES`] before parsing.
    pub fn decode(signed: &[u8]) -> Result<Self, NotADelegation> {
        if signed.len() > MAX_STATEMENT_BYTES {
            return Err(NotADelegation);
        }
        let body = signed
            .strip_prefix(DELEGATION_PREFIX)
            .ok_or(NotADelegation)?;
        serde_json::from_slice(body).map_err(|_| NotADelegation)
    }

    /// The delegate's public key, if `delegate_key` is 64 hex digits.
    pub fn delegate_public_key(&self) -> Option<Vec<u8>> {
        let key = hex::decode(&self.delegate_key).ok()?;
        (key.len() == 32 && self.delegate_key == hex::encode(&key)).then_some(key)
    }

    /// Whether the delegation covers `account` (every account when it names none).
    pub fn covers(&self, account: &str) -> bool {
        self.accounts
            .as_ref()
            .is_none_or(|list| list.iter().any(|a| a == account))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authz::grant::{self, SigningKey};

    fn statement(key_id: &str) -> Delegation {
        Delegation {
            id: "00112233445566778899aabbccddeeff".into(),
            delegate: "admin2".into(),
            delegate_key: hex::encode([7u8; 32]),
            not_before: 1_800_000_000,
            not_after: 1_800_604_800,
            accounts: Some(vec!["facebook-cest".into(), "youtube-cest".into()]),
            reason: "congé de la Secrétaire générale".into(),
            issued_at: 1_799_999_000,
            key_id: key_id.into(),
        }
    }

    #[test]
    fn the_known_answer_vector_encodes_signs_and_verifies() {
        let (v, bytes) = grant::signed_statement_vector("delegation-statement.json");
        let inputs: Delegation = serde_json::from_value(v["statement"].clone()).unwrap();
        assert_eq!(inputs.encode(), bytes, "the encoding changed");
        assert_eq!(Delegation::decode(&bytes), Ok(inputs.clone()));
        assert_eq!(
            inputs.delegate_public_key().map(hex::encode),
            Some(inputs.delegate_key)
        );
    }

    #[test]
    fn one_changed_byte_another_key_or_another_prefix_fails() {
        let key = SigningKey::generate();
        let signed = statement(&key.key_id()).encode();
        let signature = key.sign(&signed);
        assert_eq!(
            grant::verify(&key.public_key(), &signed, &signature),
            Ok(())
        );
        for i in 0..signed.len() {
            let mut t = signed.clone();
            t[i] ^= 0x01;
            assert!(
                grant::verify(&key.public_key(), &t, &signature).is_err(),
                "byte {i}"
            );
        }
        let other = SigningKey::generate();
        assert!(grant::verify(&other.public_key(), &signed, &signature).is_err());
        let as_grant = [grant::SIGNED_PREFIX, &signed[DELEGATION_PREFIX.len()..]].concat();
        assert_eq!(Delegation::decode(&as_grant), Err(NotADelegation));
        let mut long = signed.clone();
        long.resize(MAX_STATEMENT_BYTES + 1, b' ');
        assert_eq!(Delegation::decode(&long), Err(NotADelegation));
    }

    #[test]
    fn scope_and_key_read_as_stated() {
        let mut d = statement("k");
        assert!(d.covers("facebook-cest") && !d.covers("x-cest"));
        d.accounts = None;
        assert!(d.covers("x-cest"));
        assert!(d.encode().ends_with(b"\"key_id\":\"k\"}"));
        d.delegate_key = "ABCD".into();
        assert_eq!(d.delegate_public_key(), None);
        d.delegate_key = hex::encode([0xabu8; 32]).to_uppercase();
        assert_eq!(d.delegate_public_key(), None, "one spelling only");
    }
}
