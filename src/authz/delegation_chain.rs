//! The offline check of a delegated grant's chain, grant -> delegation -> the Secrétaire
//! générale's key, for `audit verify`: from the statements an export carries (verbatim bytes
//! and signatures) and what the verified log says of each grant, with nothing trusted but the
//! authority keys the reviewer accepts. The statements are indexed by id once, so checking
//! every grant costs one lookup each, never a scan of history.

use super::delegation::Delegation;
use super::grant::{self, GrantBody};
use std::collections::HashMap;

/// A statement as an export carries it: its id, exact signed bytes and signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedStatement {
    pub id: String,
    pub signed: Vec<u8>,
    pub signature: Vec<u8>,
}

/// What the (verified) log says of a grant registered under a delegation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedGrant {
    /// The registering entry's sequence number.
    pub seq: u64,
    pub grant: String,
    pub delegation: String,
    /// The entry of the delegation's revocation, when the log recorded it before this grant.
    pub revoked_at_seq: Option<u64>,
}

/// Why a grant's chain does not hold; each names the grant and its delegation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ChainError {
    /// The export carries no statement for the delegation.
    #[error("grant {grant}: delegation {delegation} is not in the export")]
    DelegationMissing { grant: String, delegation: String },
    /// The delegation names an authority key the reviewer does not accept.
    #[error("grant {grant}: delegation {delegation} names the unknown authority key {key}")]
    UnknownAuthorityKey {
        grant: String,
        delegation: String,
        key: String,
    },
    /// The delegation's bytes do not verify under the authority key, or are not a delegation
    /// with that id.
    #[error("grant {grant}: delegation {delegation} does not verify under the authority key")]
    DelegationSignature { grant: String, delegation: String },
    /// The export carries no statement for the grant.
    #[error("grant {grant}: its statement is not in the export")]
    GrantMissing { grant: String, delegation: String },
    /// The grant's bytes do not verify under the delegate's key the delegation names, or are
    /// not a grant with that id.
    #[error("grant {grant}: it does not verify under the key delegation {delegation} names")]
    GrantSignature { grant: String, delegation: String },
    /// The grant was issued outside the delegation's window.
    #[error("grant {grant}: issued at {issued_at}, outside delegation {delegation}'s window")]
    OutsideWindow {
        grant: String,
        delegation: String,
        issued_at: i64,
        not_before: i64,
        not_after: i64,
    },
    /// The grant names an account the delegation does not cover.
    #[error("grant {grant}: account {account} is outside delegation {delegation}")]
    OutsideScope {
        grant: String,
        delegation: String,
        account: String,
    },
    /// The delegation was revoked (log entry `seq`) before the grant was registered.
    #[error("grant {grant}: delegation {delegation} was revoked (entry {seq}) before it")]
    Revoked {
        grant: String,
        delegation: String,
        seq: u64,
    },
}

/// The carried statements and accepted authority keys, indexed by id.
#[derive(Debug, Default)]
pub struct ChainIndex {
    delegations: HashMap<String, CarriedStatement>,
    grants: HashMap<String, CarriedStatement>,
    /// Accepted authority public keys by key id.
    authority_keys: HashMap<String, Vec<u8>>,
}

impl ChainIndex {
    /// Indexes the statements by the ids they are carried under (a later duplicate is
    /// ignored: the check reads the id inside the signed bytes too).
    pub fn new(
        delegations: Vec<CarriedStatement>,
        grants: Vec<CarriedStatement>,
        authority_keys: Vec<Vec<u8>>,
    ) -> Self {
        let by_id = |list: Vec<CarriedStatement>| {
            let mut map = HashMap::with_capacity(list.len());
            for s in list {
                map.entry(s.id.clone()).or_insert(s);
            }
            map
        };
        Self {
            delegations: by_id(delegations),
            grants: by_id(grants),
            authority_keys: authority_keys
                .into_iter()
                .map(|k| (grant::key_id(&k), k))
                .collect(),
        }
    }

    /// An accepted authority public key, by its id.
    pub fn authority_key(&self, key_id: &str) -> Option<&[u8]> {
        self.authority_keys.get(key_id).map(Vec::as_slice)
    }

    /// A carried delegated grant, by id.
    pub fn delegated_grant(&self, id: &str) -> Option<&CarriedStatement> {
        self.grants.get(id)
    }

    /// A carried delegation verified under an accepted authority key, with the id it is
    /// carried under inside its signed bytes.
    pub fn delegation(&self, id: &str) -> Result<Delegation, DelegationProblem> {
        let d = self.delegations.get(id).ok_or(DelegationProblem::Missing)?;
        // The key id is read before the signature is checked only to pick the key.
        let claimed = Delegation::decode(&d.signed).map_err(|_| DelegationProblem::Signature)?;
        let sg_key = self
            .authority_key(&claimed.key_id)
            .ok_or_else(|| DelegationProblem::UnknownKey(claimed.key_id.clone()))?;
        grant::verify(sg_key, &d.signed, &d.signature).map_err(|_| DelegationProblem::Signature)?;
        if claimed.id != id || claimed.delegate_public_key().is_none() {
            return Err(DelegationProblem::Signature);
        }
        Ok(claimed)
    }

    /// Checks one grant's chain: its delegation is carried, verifies under an accepted
    /// authority key and names the key the grant verifies under; its window held the grant's
    /// issue time, its scope every account of the grant, and it was not revoked before it.
    /// Returns the grant as signed and the delegation.
    pub fn check(&self, g: &LoggedGrant) -> Result<(GrantBody, Delegation), ChainError> {
        let (grant, delegation) = (g.grant.clone(), g.delegation.clone());
        let claimed = self.delegation(&g.delegation).map_err(|p| match p {
            DelegationProblem::Missing => ChainError::DelegationMissing {
                grant: grant.clone(),
                delegation: delegation.clone(),
            },
            DelegationProblem::UnknownKey(key) => ChainError::UnknownAuthorityKey {
                grant: grant.clone(),
                delegation: delegation.clone(),
                key,
            },
            DelegationProblem::Signature => ChainError::DelegationSignature {
                grant: grant.clone(),
                delegation: delegation.clone(),
            },
        })?;
        let delegate_key = claimed
            .delegate_public_key()
            .expect("checked by delegation()");
        let carried = self
            .grants
            .get(&g.grant)
            .ok_or_else(|| ChainError::GrantMissing {
                grant: grant.clone(),
                delegation: delegation.clone(),
            })?;
        let bad_grant = || ChainError::GrantSignature {
            grant: grant.clone(),
            delegation: delegation.clone(),
        };
        let body = grant::open(&delegate_key, &carried.signed, &carried.signature)
            .map_err(|_| bad_grant())?;
        if body.id != g.grant || body.key_id != grant::key_id(&delegate_key) {
            return Err(bad_grant());
        }
        if !(claimed.not_before <= body.issued_at && body.issued_at < claimed.not_after) {
            return Err(ChainError::OutsideWindow {
                grant,
                delegation,
                issued_at: body.issued_at,
                not_before: claimed.not_before,
                not_after: claimed.not_after,
            });
        }
        if let Some(account) = body.accounts.iter().find(|a| !claimed.covers(a)) {
            return Err(ChainError::OutsideScope {
                grant,
                delegation,
                account: account.clone(),
            });
        }
        if let Some(seq) = g.revoked_at_seq {
            return Err(ChainError::Revoked {
                grant,
                delegation,
                seq,
            });
        }
        Ok((body, claimed))
    }
}

/// Why a carried delegation is not one to rely on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DelegationProblem {
    /// The export does not carry it.
    Missing,
    /// It names an authority key the reviewer does not accept.
    UnknownKey(String),
    /// It does not verify under that key, or is not a delegation with that id.
    Signature,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authz::grant::SigningKey;

    struct World {
        sg: SigningKey,
        delegate: SigningKey,
        delegation: CarriedStatement,
        grant: CarriedStatement,
    }

    fn delegation(sg: &SigningKey, delegate: &SigningKey, accounts: &[&str]) -> Delegation {
        Delegation {
            id: "d0112233445566778899aabbccddeeff".into(),
            delegate: "admin2".into(),
            delegate_key: hex::encode(delegate.public_key()),
            not_before: 1_000,
            not_after: 2_000,
            accounts: Some(accounts.iter().map(|a| a.to_string()).collect()),
            reason: "congé".into(),
            issued_at: 990,
            key_id: sg.key_id(),
        }
    }

    fn grant_body(delegate: &SigningKey, issued_at: i64, accounts: &[&str]) -> GrantBody {
        GrantBody {
            id: "a0112233445566778899aabbccddeeff".into(),
            grantee: "admin".into(),
            accounts: accounts.iter().map(|a| a.to_string()).collect(),
            purpose: "intérim".into(),
            not_before: issued_at,
            not_after: issued_at + 3_600,
            max_uses: None,
            issued_at,
            key_id: delegate.key_id(),
            request: None,
        }
    }

    fn carried(id: &str, signed: Vec<u8>, key: &SigningKey) -> CarriedStatement {
        CarriedStatement {
            id: id.into(),
            signature: key.sign(&signed),
            signed,
        }
    }

    fn world(issued_at: i64, grant_accounts: &[&str]) -> World {
        let (sg, delegate) = (SigningKey::generate(), SigningKey::generate());
        let d = delegation(&sg, &delegate, &["facebook-cest", "youtube-cest"]);
        let g = grant_body(&delegate, issued_at, grant_accounts);
        World {
            delegation: carried(&d.id, d.encode(), &sg),
            grant: carried(&g.id, g.encode(), &delegate),
            sg,
            delegate,
        }
    }

    fn logged(w: &World) -> LoggedGrant {
        LoggedGrant {
            seq: 9,
            grant: w.grant.id.clone(),
            delegation: w.delegation.id.clone(),
            revoked_at_seq: None,
        }
    }

    fn index(w: &World) -> ChainIndex {
        ChainIndex::new(
            vec![w.delegation.clone()],
            vec![w.grant.clone()],
            vec![w.sg.public_key()],
        )
    }

    #[test]
    fn a_grant_inside_its_delegation_holds() {
        let w = world(1_500, &["facebook-cest"]);
        let (body, d) = index(&w).check(&logged(&w)).unwrap();
        assert_eq!((body.issued_at, d.delegate.as_str()), (1_500, "admin2"));
        assert_eq!(body.key_id, w.delegate.key_id());
    }

    #[test]
    fn every_broken_link_names_the_grant_and_why() {
        let w = world(1_500, &["facebook-cest"]);
        let g = logged(&w);
        let names = |e: &ChainError| {
            let text = e.to_string();
            assert!(text.contains(&g.grant), "{text}");
        };
        // One byte of the delegation changed: its signature fails.
        for i in 0..w.delegation.signed.len() {
            let mut edited = w.delegation.clone();
            edited.signed[i] ^= 0x01;
            let index =
                ChainIndex::new(vec![edited], vec![w.grant.clone()], vec![w.sg.public_key()]);
            let e = index.check(&g).unwrap_err();
            names(&e);
            assert!(
                matches!(
                    e,
                    ChainError::DelegationSignature { .. } | ChainError::UnknownAuthorityKey { .. }
                ),
                "byte {i}: {e:?}"
            );
        }
        // One byte of the grant changed.
        let mut edited = w.grant.clone();
        edited.signed[30] ^= 0x01;
        let e = ChainIndex::new(
            vec![w.delegation.clone()],
            vec![edited],
            vec![w.sg.public_key()],
        )
        .check(&g)
        .unwrap_err();
        assert!(matches!(e, ChainError::GrantSignature { .. }), "{e:?}");
        // Missing statements, another authority key.
        let e = ChainIndex::new(vec![], vec![w.grant.clone()], vec![w.sg.public_key()])
            .check(&g)
            .unwrap_err();
        assert!(matches!(e, ChainError::DelegationMissing { .. }));
        let e = ChainIndex::new(vec![w.delegation.clone()], vec![], vec![w.sg.public_key()])
            .check(&g)
            .unwrap_err();
        assert!(matches!(e, ChainError::GrantMissing { .. }));
        let other = SigningKey::generate().public_key();
        let e = ChainIndex::new(
            vec![w.delegation.clone()],
            vec![w.grant.clone()],
            vec![other],
        )
        .check(&g)
        .unwrap_err();
        assert!(matches!(e, ChainError::UnknownAuthorityKey { .. }));
        names(&e);
        // Revoked before the grant.
        let revoked = LoggedGrant {
            revoked_at_seq: Some(7),
            ..g.clone()
        };
        let e = index(&w).check(&revoked).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "grant {}: delegation {} was revoked (entry 7) before it",
                g.grant, g.delegation
            )
        );
    }

    #[test]
    fn the_window_and_the_scope_bound_the_grant() {
        let early = world(999, &["facebook-cest"]);
        let e = index(&early).check(&logged(&early)).unwrap_err();
        assert!(matches!(
            e,
            ChainError::OutsideWindow { issued_at: 999, .. }
        ));
        let at_end = world(2_000, &["facebook-cest"]);
        let e = index(&at_end).check(&logged(&at_end)).unwrap_err();
        assert!(
            matches!(e, ChainError::OutsideWindow { .. }),
            "the end is excluded"
        );
        let wide = world(1_500, &["facebook-cest", "x-cest"]);
        let e = index(&wide).check(&logged(&wide)).unwrap_err();
        assert_eq!(
            e,
            ChainError::OutsideScope {
                grant: wide.grant.id.clone(),
                delegation: wide.delegation.id.clone(),
                account: "x-cest".into()
            }
        );
    }

    #[test]
    fn a_grant_signed_by_another_key_than_the_delegated_one_fails() {
        let w = world(1_500, &["facebook-cest"]);
        let stranger = SigningKey::generate();
        let mut g = grant_body(&stranger, 1_500, &["facebook-cest"]);
        g.id = w.grant.id.clone();
        let forged = carried(&g.id, g.encode(), &stranger);
        let e = ChainIndex::new(
            vec![w.delegation.clone()],
            vec![forged],
            vec![w.sg.public_key()],
        )
        .check(&logged(&w))
        .unwrap_err();
        assert!(matches!(e, ChainError::GrantSignature { .. }), "{e:?}");
    }
}
