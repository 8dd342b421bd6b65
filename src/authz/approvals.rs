//! How many signatures an account's grants need: a statement the Secrétaire générale signs
//! with her authority key (`vault-cli account approvals ACCOUNT --set 2|1`), since it changes
//! what art. 3 asks for that account. Only her key may sign it, never a delegate's: the rule
//! binds her delegates too. The vault stores it verbatim, so the rule in force can be checked
//! offline with her public key alone.
//!
//! # Format (`vaultd approvals v1`)
//!
//! The signed bytes are the prefix `vaultd approvals v1\n` followed by the JSON object below,
//! keys in this order, no whitespace (serde_json's compact form); they are stored verbatim and
//! never re-encoded, and the Ed25519 signature by her key covers exactly them:
//!
//! - `id`: the statement's id, 128 random bits as 32 lowercase hex digits (a replayed
//!   statement is refused by it);
//! - `account`: the account id;
//! - `required`: the signatures each grant for it needs, 1 or 2;
//! - `key_id`: her key's id (`grant::key_id`);
//! - `at`: when she signed, Unix seconds.
//!
//! The prefix differs from every other statement's (grants, rotations, delegations, custody
//! approvals), so a signature over one can never pass for another. Known answer:
//! `testdata/vectors/approvals-statement.json`.

use serde::{Deserialize, Serialize};

/// Prefix of every signed approvals statement.
pub const APPROVALS_PREFIX: &[u8] = b"vaultd approvals v1\n";

/// Longest signed statement accepted (an account id and a few numbers fit many times over);
/// nothing a caller sends is parsed past it.
pub const MAX_STATEMENT_BYTES: usize = 1024;

/// The only rules: one signature (the default) or two by distinct keys.
pub const MIN_SIGNATURES: u8 = 1;
pub const MAX_SIGNATURES: u8 = 2;

/// An approvals statement, as signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approvals {
    pub id: String,
    pub account: String,
    pub required: u8,
    pub key_id: String,
    pub at: i64,
}

/// The bytes are not an approvals statement (wrong prefix, too long, not its JSON, or a rule
/// other than 1 or 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not an approvals statement")]
pub struct NotApprovals;

impl Approvals {
    /// The exact bytes to sign and store.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = APPROVALS_PREFIX.to_vec();
        out.extend_from_slice(&serde_json::to_vec(self).expect("a statement serializes"));
        out
    }

    /// Parses signed bytes back (no signature check: see `grant::verify`). Refuses more than
    /// [`MAX_STATEMENT_BYTES`] before parsing, and any rule but 1 or 2.
    pub fn decode(signed: &[u8]) -> Result<Self, NotApprovals> {
        if signed.len() > MAX_STATEMENT_BYTES {
            return Err(NotApprovals);
        }
        let body = signed.strip_prefix(APPROVALS_PREFIX).ok_or(NotApprovals)?;
        let statement: Self = serde_json::from_slice(body).map_err(|_| NotApprovals)?;
        if !(MIN_SIGNATURES..=MAX_SIGNATURES).contains(&statement.required) {
            return Err(NotApprovals);
        }
        Ok(statement)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authz::grant::{self, SigningKey};

    fn statement(key_id: &str, required: u8) -> Approvals {
        Approvals {
            id: "00112233445566778899aabbccddeeff".into(),
            account: "facebook-cest".into(),
            required,
            key_id: key_id.into(),
            at: 1_800_000_000,
        }
    }

    #[test]
    fn the_known_answer_vector_encodes_signs_and_verifies() {
        let (v, bytes) = grant::signed_statement_vector("approvals-statement.json");
        let inputs: Approvals = serde_json::from_value(v["statement"].clone()).unwrap();
        assert_eq!(inputs.encode(), bytes, "the encoding changed");
        assert_eq!(Approvals::decode(&bytes), Ok(inputs));
    }

    #[test]
    fn one_changed_byte_another_key_or_another_prefix_fails() {
        let key = SigningKey::generate();
        let signed = statement(&key.key_id(), 2).encode();
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
        let as_delegation = [
            crate::authz::delegation::DELEGATION_PREFIX,
            &signed[APPROVALS_PREFIX.len()..],
        ]
        .concat();
        assert_eq!(Approvals::decode(&as_delegation), Err(NotApprovals));
        let mut long = signed.clone();
        long.resize(MAX_STATEMENT_BYTES + 1, b' ');
        assert_eq!(Approvals::decode(&long), Err(NotApprovals));
    }

    #[test]
    fn only_one_or_two_signatures_is_a_rule() {
        for required in [1, 2] {
            let bytes = statement("k", required).encode();
            assert_eq!(Approvals::decode(&bytes).map(|a| a.required), Ok(required));
        }
        for required in [0, 3, 255] {
            let bytes = statement("k", required).encode();
            assert_eq!(Approvals::decode(&bytes), Err(NotApprovals), "{required}");
        }
        let extra = [
            APPROVALS_PREFIX,
            br#"{"id":"a","account":"b","required":2,"key_id":"k","at":1,"more":1}"#,
        ]
        .concat();
        assert_eq!(Approvals::decode(&extra), Err(NotApprovals));
    }
}
