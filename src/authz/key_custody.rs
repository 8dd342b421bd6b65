//! The Secrétaire générale's approval of a new way to open the data key (an escrow recipient,
//! a replacement unseal key). Whoever holds such a key can read every secret of every backup, so
//! art. 14 wants her authorization as for a grant: the operator proposes the change, she signs
//! this statement with her authority key, and only then does the vault wrap its key to it.
//!
//! The signed bytes are a domain-separation prefix followed by the JSON statement, stored
//! verbatim; the statement names the vault, the pending change, what it does and to which
//! recipient, when it was approved and by which key. Shared by the daemon (verification) and
//! `vault-cli keys approve` (signing).

use serde::{Deserialize, Serialize};

/// Prefix of every approval: a signature over it is never a grant or a key rotation.
pub const APPROVAL_PREFIX: &[u8] = b"vaultd key custody approval v1\n";

/// What a custody change does to the data key's wrappings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CustodyAction {
    /// Wrap the data key to one more escrow recipient.
    #[serde(rename = "escrow.add")]
    EscrowAdd,
    /// Replace the unseal key's recipient.
    #[serde(rename = "unseal.replace")]
    UnsealReplace,
}

impl CustodyAction {
    pub const ALL: [CustodyAction; 2] = [CustodyAction::EscrowAdd, CustodyAction::UnsealReplace];

    /// The code stored and shown (`escrow.add`, `unseal.replace`).
    pub fn code(self) -> &'static str {
        match self {
            CustodyAction::EscrowAdd => "escrow.add",
            CustodyAction::UnsealReplace => "unseal.replace",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// What the authority signs to approve one pending change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustodyApproval {
    /// The vault's id: a statement for one vault is worth nothing to another.
    pub vault: String,
    /// The pending change's id (128 random bits, hex): each is approved at most once.
    pub change: String,
    pub action: CustodyAction,
    /// The age recipient the data key will be wrapped to.
    pub recipient: String,
    /// Unix seconds.
    pub approved_at: i64,
    /// The signing key's id (`grant::key_id`).
    pub key_id: String,
}

/// The bytes are not an approval statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a key custody approval")]
pub struct NotAnApproval;

impl CustodyApproval {
    /// The exact bytes to sign and store.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = APPROVAL_PREFIX.to_vec();
        out.extend_from_slice(&serde_json::to_vec(self).expect("an approval serializes"));
        out
    }

    /// Parses signed bytes back (no signature check: see `grant::verify`).
    pub fn decode(signed: &[u8]) -> Result<Self, NotAnApproval> {
        let body = signed.strip_prefix(APPROVAL_PREFIX).ok_or(NotAnApproval)?;
        serde_json::from_slice(body).map_err(|_| NotAnApproval)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authz::grant::{self, SigningKey};

    fn approval(key: &SigningKey) -> CustodyApproval {
        CustodyApproval {
            vault: "0123456789abcdef".into(),
            change: "00112233445566778899aabbccddeeff".into(),
            action: CustodyAction::EscrowAdd,
            recipient: "age1recipient".into(),
            approved_at: 1_800_000_000,
            key_id: key.key_id(),
        }
    }

    #[test]
    fn an_approval_round_trips_and_verifies_only_under_its_key() {
        let key = SigningKey::generate();
        let signed = approval(&key).encode();
        let signature = key.sign(&signed);
        assert_eq!(CustodyApproval::decode(&signed), Ok(approval(&key)));
        assert_eq!(
            grant::verify(&key.public_key(), &signed, &signature),
            Ok(())
        );
        let other = SigningKey::generate();
        assert_eq!(
            grant::verify(&other.public_key(), &signed, &signature),
            Err(grant::GrantError::BadSignature)
        );
    }

    #[test]
    fn a_grant_or_unknown_field_is_not_an_approval() {
        let key = SigningKey::generate();
        let signed = approval(&key).encode();
        let as_grant = [grant::SIGNED_PREFIX, &signed[APPROVAL_PREFIX.len()..]].concat();
        assert_eq!(CustodyApproval::decode(&as_grant), Err(NotAnApproval));
        let mut extra = String::from_utf8(signed[APPROVAL_PREFIX.len()..].to_vec()).unwrap();
        extra.insert_str(1, "\"more\":1,");
        let extra = [APPROVAL_PREFIX, extra.as_bytes()].concat();
        assert_eq!(CustodyApproval::decode(&extra), Err(NotAnApproval));
        for action in CustodyAction::ALL {
            assert_eq!(CustodyAction::from_code(action.code()), Some(action));
        }
    }
}
