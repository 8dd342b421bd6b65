//! The offline check of every grant's signatures for `audit verify`, with nothing trusted but
//! the authority keys the reviewer accepts: a grant the Secrétaire générale signed verifies
//! under her key; a delegate's, through its delegation (`delegation_chain`); a second
//! signature covers the same grant bytes, by another key that was in force when the log
//! recorded it (hers, or a delegate's whose delegation covered that time and the grant); an
//! approvals statement verifies under her key and says what the log says it set. Everything is
//! indexed by id once, so each check is a few lookups, never a scan of history.

use super::approvals::Approvals;
use super::delegation::Delegation;
use super::delegation_chain::{
    CarriedStatement, ChainError, ChainIndex, DelegationProblem, LoggedGrant,
};
use super::grant::{self, GrantBody};
use std::collections::HashMap;

/// A grant's second signature as an export carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedCosignature {
    pub grant: String,
    pub signature: Vec<u8>,
    /// The key that made it, as the vault registered it.
    pub key_id: String,
    /// The delegation its signer acted under; None for an authority key.
    pub delegation: Option<String>,
}

/// What the log's registering entry recorded of a grant, to agree with its signed bytes.
/// A field an older entry did not record is None and is not compared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recorded {
    pub grantee: Option<String>,
    /// In any order.
    pub accounts: Option<Vec<String>>,
    /// RFC 3339, as the entry wrote them.
    pub from: Option<String>,
    pub until: Option<String>,
    /// Some(None): the entry says the grant has no limit of uses.
    pub uses: Option<Option<String>>,
    pub key_id: Option<String>,
}

/// A grant the (verified) log registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredGrant {
    pub seq: u64,
    pub grant: String,
    /// The delegation its signer acted under; None for an authority key.
    pub delegation: Option<String>,
    /// That delegation's revocation entry, when the log recorded it before this grant.
    pub revoked_at_seq: Option<u64>,
    pub recorded: Recorded,
}

/// A second signature the (verified) log recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedCosignature {
    pub seq: u64,
    pub grant: String,
    /// The entry's time, Unix seconds: when the key must have been in force.
    pub at: i64,
    /// The key and delegation the entry names (`cosign_key`, `cosign_delegation`).
    pub key_id: Option<String>,
    pub delegation: Option<String>,
    /// That delegation's revocation entry, when the log recorded it before this one.
    pub revoked_at_seq: Option<u64>,
}

/// An approvals statement the (verified) log registered (`account.approvals`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedApprovals {
    pub seq: u64,
    pub statement: String,
    pub account: String,
    pub required: Option<u8>,
    pub key_id: Option<String>,
}

/// Why a grant's signatures, or an approvals statement, do not hold; each names the grant
/// (or statement) and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// A delegated grant's chain is broken.
    #[error(transparent)]
    Chain(#[from] ChainError),
    /// The export carries no statement for a grant an authority key signed.
    #[error("grant {grant}: its signed statement is not in the export")]
    GrantMissing { grant: String },
    /// The grant names an authority key the reviewer does not accept.
    #[error("grant {grant}: signed by the unknown authority key {key}")]
    UnknownKey { grant: String, key: String },
    /// The grant's bytes do not verify under the authority key, or are not a grant with that id.
    #[error("grant {grant}: it does not verify under the authority key")]
    GrantSignature { grant: String },
    /// The signed bytes say otherwise than the log's entry for the grant.
    #[error("grant {grant}: its signed {field} is not what the log recorded")]
    Disagrees { grant: String, field: &'static str },
    /// The log records a second signature the export does not carry.
    #[error("grant {grant}: its second signature is not in the export")]
    CosignatureMissing { grant: String },
    /// The carried second signature names another key or delegation than the log's entry.
    #[error("grant {grant}: the carried second signature is not the one the log recorded")]
    CosignatureDisagrees { grant: String },
    /// The second signature's authority key is not one the reviewer accepts.
    #[error("grant {grant}: second signature by the unknown authority key {key}")]
    CosignerUnknownKey { grant: String, key: String },
    /// The second signer's delegation is not carried or does not verify under her key.
    #[error("grant {grant}: the second signer's delegation {delegation} does not verify")]
    CosignerDelegation { grant: String, delegation: String },
    /// The second signer's delegation was not in force when the log recorded the signature,
    /// or did not cover the grant's issue time.
    #[error("grant {grant}: second signature at {at}, outside delegation {delegation}'s window")]
    CosignerOutsideWindow {
        grant: String,
        delegation: String,
        at: i64,
        not_before: i64,
        not_after: i64,
    },
    /// The second signer's delegation does not cover an account of the grant.
    #[error(
        "grant {grant}: account {account} is outside the second signer's delegation {delegation}"
    )]
    CosignerOutsideScope {
        grant: String,
        delegation: String,
        account: String,
    },
    /// The second signer's delegation was revoked (log entry `seq`) before it signed.
    #[error("grant {grant}: delegation {delegation} was revoked (entry {seq}) before the second signature")]
    CosignerRevoked {
        grant: String,
        delegation: String,
        seq: u64,
    },
    /// Both signatures are by the same key.
    #[error("grant {grant}: both signatures are by key {key}")]
    SameKey { grant: String, key: String },
    /// The second signature does not verify over the grant's bytes under its key.
    #[error("grant {grant}: the second signature does not cover its bytes under key {key}")]
    CosignatureSignature { grant: String, key: String },
    /// The export carries no approvals statement the log registered.
    #[error("approvals statement {statement} is not in the export")]
    ApprovalsMissing { statement: String },
    /// The statement names an authority key the reviewer does not accept.
    #[error("approvals statement {statement}: signed by the unknown authority key {key}")]
    ApprovalsUnknownKey { statement: String, key: String },
    /// The statement does not verify under the authority key, or says otherwise than the log
    /// (another id, account, rule or key).
    #[error("approvals statement {statement}: it does not verify under the authority key or is not what the log recorded")]
    ApprovalsSignature { statement: String },
}

/// What a grant that holds leaves for its second signature: its signer's key id and body.
#[derive(Debug, Clone)]
pub struct CheckedGrant {
    pub first_key: String,
    pub body: GrantBody,
}

/// Every carried statement and accepted authority key, indexed by id.
#[derive(Debug, Default)]
pub struct SignatureIndex {
    chain: ChainIndex,
    authority_grants: HashMap<String, CarriedStatement>,
    cosignatures: HashMap<String, CarriedCosignature>,
    approvals: HashMap<String, CarriedStatement>,
}

fn by_id<T>(list: Vec<T>, id: impl Fn(&T) -> &str) -> HashMap<String, T> {
    let mut map = HashMap::with_capacity(list.len());
    for item in list {
        // A later duplicate is ignored: the checks read the id inside the signed bytes too.
        map.entry(id(&item).to_owned()).or_insert(item);
    }
    map
}

impl SignatureIndex {
    pub fn new(
        chain: ChainIndex,
        authority_grants: Vec<CarriedStatement>,
        cosignatures: Vec<CarriedCosignature>,
        approvals: Vec<CarriedStatement>,
    ) -> Self {
        Self {
            chain,
            authority_grants: by_id(authority_grants, |s| &s.id),
            cosignatures: by_id(cosignatures, |c| &c.grant),
            approvals: by_id(approvals, |s| &s.id),
        }
    }

    /// The grant's signed bytes as carried (an authority key's or a delegate's).
    fn grant_bytes(&self, id: &str) -> Option<&CarriedStatement> {
        self.authority_grants
            .get(id)
            .or_else(|| self.chain.delegated_grant(id))
    }

    /// Checks one registered grant: signed by an accepted authority key, or by a delegate
    /// through her delegation; its bytes are the grant with that id and say what the log
    /// recorded of it.
    pub fn check_grant(&self, g: &RegisteredGrant) -> Result<CheckedGrant, SignatureError> {
        let grant = || g.grant.clone();
        let body = match &g.delegation {
            Some(delegation) => {
                let logged = LoggedGrant {
                    seq: g.seq,
                    grant: grant(),
                    delegation: delegation.clone(),
                    revoked_at_seq: g.revoked_at_seq,
                };
                self.chain.check(&logged)?.0
            }
            None => {
                let carried = self
                    .authority_grants
                    .get(&g.grant)
                    .ok_or_else(|| SignatureError::GrantMissing { grant: grant() })?;
                let bad = || SignatureError::GrantSignature { grant: grant() };
                // The key id is read before the signature is checked only to pick the key.
                let claimed = GrantBody::decode(&carried.signed).map_err(|_| bad())?;
                let key = self.chain.authority_key(&claimed.key_id).ok_or_else(|| {
                    SignatureError::UnknownKey {
                        grant: grant(),
                        key: claimed.key_id.clone(),
                    }
                })?;
                grant::verify(key, &carried.signed, &carried.signature).map_err(|_| bad())?;
                if claimed.id != g.grant {
                    return Err(bad());
                }
                claimed
            }
        };
        if let Some(field) = disagreement(&g.recorded, &body) {
            return Err(SignatureError::Disagrees {
                grant: grant(),
                field,
            });
        }
        Ok(CheckedGrant {
            first_key: body.key_id.clone(),
            body,
        })
    }

    /// Checks a second signature the log recorded for `first`, a grant that held: carried as
    /// the log says, by another key than the first signer's, in force at the entry's time
    /// (an accepted authority key, or a delegate's whose delegation covered that time, the
    /// grant's issue time and its accounts, not revoked before), over the grant's own bytes.
    pub fn check_cosignature(
        &self,
        c: &LoggedCosignature,
        first: &CheckedGrant,
    ) -> Result<(), SignatureError> {
        let grant = || c.grant.clone();
        let carried = self
            .cosignatures
            .get(&c.grant)
            .ok_or_else(|| SignatureError::CosignatureMissing { grant: grant() })?;
        let agrees = c.key_id.as_ref().is_none_or(|k| *k == carried.key_id)
            && c.delegation == carried.delegation;
        if !agrees {
            return Err(SignatureError::CosignatureDisagrees { grant: grant() });
        }
        let key = match &carried.delegation {
            None => self
                .chain
                .authority_key(&carried.key_id)
                .map(<[u8]>::to_vec)
                .ok_or_else(|| SignatureError::CosignerUnknownKey {
                    grant: grant(),
                    key: carried.key_id.clone(),
                })?,
            Some(id) => self.cosigner_delegate_key(c, id, &first.body)?,
        };
        let key_id = grant::key_id(&key);
        if key_id != carried.key_id {
            return Err(SignatureError::CosignatureDisagrees { grant: grant() });
        }
        if key_id == first.first_key {
            return Err(SignatureError::SameKey {
                grant: grant(),
                key: key_id,
            });
        }
        let bytes = self
            .grant_bytes(&c.grant)
            .ok_or_else(|| SignatureError::GrantMissing { grant: grant() })?;
        grant::verify(&key, &bytes.signed, &carried.signature).map_err(|_| {
            SignatureError::CosignatureSignature {
                grant: grant(),
                key: key_id,
            }
        })
    }

    /// The delegate's key a second signature rests on, if delegation `id` verifies under an
    /// accepted authority key and was in force for it.
    fn cosigner_delegate_key(
        &self,
        c: &LoggedCosignature,
        id: &str,
        body: &GrantBody,
    ) -> Result<Vec<u8>, SignatureError> {
        let (grant, delegation) = (c.grant.clone(), id.to_owned());
        let d: Delegation = self.chain.delegation(id).map_err(|p| match p {
            DelegationProblem::UnknownKey(key) => SignatureError::CosignerUnknownKey {
                grant: grant.clone(),
                key,
            },
            DelegationProblem::Missing | DelegationProblem::Signature => {
                SignatureError::CosignerDelegation {
                    grant: grant.clone(),
                    delegation: delegation.clone(),
                }
            }
        })?;
        let within = |t: i64| d.not_before <= t && t < d.not_after;
        if !within(c.at) || !within(body.issued_at) {
            return Err(SignatureError::CosignerOutsideWindow {
                grant,
                delegation,
                at: if within(c.at) { body.issued_at } else { c.at },
                not_before: d.not_before,
                not_after: d.not_after,
            });
        }
        if let Some(account) = body.accounts.iter().find(|a| !d.covers(a)) {
            return Err(SignatureError::CosignerOutsideScope {
                grant,
                delegation,
                account: account.clone(),
            });
        }
        if let Some(seq) = c.revoked_at_seq {
            return Err(SignatureError::CosignerRevoked {
                grant,
                delegation,
                seq,
            });
        }
        Ok(d.delegate_public_key().expect("checked by delegation()"))
    }

    /// Checks an approvals statement the log registered: carried, signed by an accepted
    /// authority key, and saying what the entry says (id, account, rule, key).
    pub fn check_approvals(&self, a: &LoggedApprovals) -> Result<Approvals, SignatureError> {
        let statement = || a.statement.clone();
        let carried =
            self.approvals
                .get(&a.statement)
                .ok_or_else(|| SignatureError::ApprovalsMissing {
                    statement: statement(),
                })?;
        let bad = || SignatureError::ApprovalsSignature {
            statement: statement(),
        };
        let claimed = Approvals::decode(&carried.signed).map_err(|_| bad())?;
        let key = self.chain.authority_key(&claimed.key_id).ok_or_else(|| {
            SignatureError::ApprovalsUnknownKey {
                statement: statement(),
                key: claimed.key_id.clone(),
            }
        })?;
        grant::verify(key, &carried.signed, &carried.signature).map_err(|_| bad())?;
        let agrees = claimed.id == a.statement
            && claimed.account == a.account
            && a.required.is_none_or(|r| r == claimed.required)
            && a.key_id.as_ref().is_none_or(|k| *k == claimed.key_id);
        if !agrees {
            return Err(bad());
        }
        Ok(claimed)
    }
}

/// The first field the signed grant and the log's entry disagree on, if any.
fn disagreement(recorded: &Recorded, body: &GrantBody) -> Option<&'static str> {
    let differs =
        |logged: &Option<String>, signed: String| logged.as_ref().is_some_and(|l| *l != signed);
    let time = crate::times::format_time;
    if differs(&recorded.grantee, body.grantee.clone()) {
        return Some("grantee");
    }
    if let Some(accounts) = &recorded.accounts {
        let mut signed = body.accounts.clone();
        signed.sort();
        let mut logged = accounts.clone();
        logged.sort();
        if logged != signed {
            return Some("accounts");
        }
    }
    if differs(&recorded.from, time(body.not_before)) {
        return Some("from");
    }
    if differs(&recorded.until, time(body.not_after)) {
        return Some("until");
    }
    if recorded
        .uses
        .as_ref()
        .is_some_and(|uses| *uses != body.max_uses.map(|n| n.to_string()))
    {
        return Some("uses");
    }
    if differs(&recorded.key_id, body.key_id.clone()) {
        return Some("key");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authz::grant::SigningKey;

    const GRANT: &str = "a0112233445566778899aabbccddeeff";
    const DELEGATION: &str = "d0112233445566778899aabbccddeeff";

    /// Her key, a delegate's for a window [1_000, 2_000) on two accounts, and a grant
    /// for facebook-cest issued at 1_500.
    struct World {
        sg: SigningKey,
        delegate: SigningKey,
        delegation: CarriedStatement,
    }

    fn world() -> World {
        let (sg, delegate) = (SigningKey::generate(), SigningKey::generate());
        let d = Delegation {
            id: DELEGATION.into(),
            delegate: "admin2".into(),
            delegate_key: hex::encode(delegate.public_key()),
            not_before: 1_000,
            not_after: 2_000,
            accounts: Some(vec!["facebook-cest".into(), "youtube-cest".into()]),
            reason: "congé".into(),
            issued_at: 990,
            key_id: sg.key_id(),
        };
        let signed = d.encode();
        World {
            delegation: CarriedStatement {
                id: DELEGATION.into(),
                signature: sg.sign(&signed),
                signed,
            },
            sg,
            delegate,
        }
    }

    fn body(signer: &SigningKey, accounts: &[&str]) -> GrantBody {
        GrantBody {
            id: GRANT.into(),
            grantee: "admin".into(),
            accounts: accounts.iter().map(|a| a.to_string()).collect(),
            purpose: "double".into(),
            not_before: 1_500,
            not_after: 5_100,
            max_uses: Some(3),
            issued_at: 1_500,
            key_id: signer.key_id(),
            request: None,
        }
    }

    fn signed(body: &GrantBody, key: &SigningKey) -> CarriedStatement {
        let signed = body.encode();
        CarriedStatement {
            id: body.id.clone(),
            signature: key.sign(&signed),
            signed,
        }
    }

    /// What the log records of `body` when it registers it.
    fn recorded(body: &GrantBody) -> Recorded {
        Recorded {
            grantee: Some(body.grantee.clone()),
            accounts: Some(body.accounts.clone()),
            from: Some(crate::times::format_time(body.not_before)),
            until: Some(crate::times::format_time(body.not_after)),
            uses: Some(body.max_uses.map(|n| n.to_string())),
            key_id: Some(body.key_id.clone()),
        }
    }

    fn registered(body: &GrantBody, delegation: Option<&str>) -> RegisteredGrant {
        RegisteredGrant {
            seq: 5,
            grant: body.id.clone(),
            delegation: delegation.map(str::to_owned),
            revoked_at_seq: None,
            recorded: recorded(body),
        }
    }

    /// An index of her grant (or the delegate's, by `delegated`), its second signature and
    /// the delegation, accepting her key only.
    fn index_of(
        w: &World,
        grant: &CarriedStatement,
        delegated: bool,
        cosignature: Option<CarriedCosignature>,
    ) -> SignatureIndex {
        let (own, theirs) = if delegated {
            (vec![], vec![grant.clone()])
        } else {
            (vec![grant.clone()], vec![])
        };
        let chain = ChainIndex::new(vec![w.delegation.clone()], theirs, vec![w.sg.public_key()]);
        SignatureIndex::new(chain, own, cosignature.into_iter().collect(), vec![])
    }

    fn cosigned_by(key: &SigningKey, bytes: &[u8], delegation: Option<&str>) -> CarriedCosignature {
        CarriedCosignature {
            grant: GRANT.into(),
            signature: key.sign(bytes),
            key_id: key.key_id(),
            delegation: delegation.map(str::to_owned),
        }
    }

    fn logged_cosign(c: &CarriedCosignature, at: i64) -> LoggedCosignature {
        LoggedCosignature {
            seq: 8,
            grant: GRANT.into(),
            at,
            key_id: Some(c.key_id.clone()),
            delegation: c.delegation.clone(),
            revoked_at_seq: None,
        }
    }

    #[test]
    fn her_grant_cosigned_by_her_delegate_holds_and_so_does_the_reverse() {
        let w = world();
        // Hers first, the delegate's second, within the delegation.
        let b = body(&w.sg, &["facebook-cest"]);
        let g = signed(&b, &w.sg);
        let c = cosigned_by(&w.delegate, &g.signed, Some(DELEGATION));
        let index = index_of(&w, &g, false, Some(c.clone()));
        let first = index.check_grant(&registered(&b, None)).unwrap();
        assert_eq!(first.first_key, w.sg.key_id());
        index
            .check_cosignature(&logged_cosign(&c, 1_600), &first)
            .unwrap();
        // The delegate's first (through the chain), hers second.
        let b = body(&w.delegate, &["facebook-cest"]);
        let g = signed(&b, &w.delegate);
        let c = cosigned_by(&w.sg, &g.signed, None);
        let reverse = index_of(&w, &g, true, Some(c.clone()));
        let first = reverse
            .check_grant(&registered(&b, Some(DELEGATION)))
            .unwrap();
        reverse
            .check_cosignature(&logged_cosign(&c, 9_000), &first)
            .unwrap();
    }

    #[test]
    fn her_grant_edited_by_one_byte_or_under_another_key_is_refused() {
        let w = world();
        let b = body(&w.sg, &["facebook-cest"]);
        let g = signed(&b, &w.sg);
        for i in 0..g.signed.len() {
            let mut edited = g.clone();
            edited.signed[i] ^= 0x01;
            let e = index_of(&w, &edited, false, None)
                .check_grant(&registered(&b, None))
                .unwrap_err();
            assert!(
                matches!(
                    e,
                    SignatureError::GrantSignature { .. } | SignatureError::UnknownKey { .. }
                ),
                "byte {i}: {e:?}"
            );
            assert!(e.to_string().contains(GRANT), "{e}");
        }
        // Signed by another key than hers, naming that key: not one she accepts.
        let stranger = SigningKey::generate();
        let forged = signed(&body(&stranger, &["facebook-cest"]), &stranger);
        let e = index_of(&w, &forged, false, None)
            .check_grant(&registered(&b, None))
            .unwrap_err();
        assert_eq!(
            e,
            SignatureError::UnknownKey {
                grant: GRANT.into(),
                key: stranger.key_id()
            }
        );
        // Naming her key but signed by another.
        let forged = CarriedStatement {
            signature: stranger.sign(&g.signed),
            ..g.clone()
        };
        let e = index_of(&w, &forged, false, None)
            .check_grant(&registered(&b, None))
            .unwrap_err();
        assert!(matches!(e, SignatureError::GrantSignature { .. }), "{e:?}");
        // Not carried at all.
        let chain = ChainIndex::new(vec![], vec![], vec![w.sg.public_key()]);
        let e = SignatureIndex::new(chain, vec![], vec![], vec![])
            .check_grant(&registered(&b, None))
            .unwrap_err();
        assert!(matches!(e, SignatureError::GrantMissing { .. }), "{e:?}");
    }

    #[test]
    fn signed_bytes_that_say_otherwise_than_the_log_are_refused_naming_the_field() {
        let w = world();
        let b = body(&w.sg, &["facebook-cest"]);
        let g = signed(&b, &w.sg);
        let index = index_of(&w, &g, false, None);
        let with = |change: fn(&mut Recorded)| {
            let mut r = registered(&b, None);
            change(&mut r.recorded);
            index.check_grant(&r)
        };
        let field = |r: Result<CheckedGrant, SignatureError>| match r {
            Err(SignatureError::Disagrees { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field(with(|r| r.grantee = Some("admin2".into()))),
            "grantee"
        );
        assert_eq!(
            field(with(|r| r.accounts = Some(vec!["x-cest".into()]))),
            "accounts"
        );
        assert_eq!(
            field(with(|r| r.until = Some("2030-01-01T00:00:00Z".into()))),
            "until"
        );
        assert_eq!(field(with(|r| r.uses = Some(None))), "uses");
        assert_eq!(field(with(|r| r.key_id = Some("0011".into()))), "key");
        // What an older entry did not record is not compared.
        assert!(with(|r| *r = Recorded::default()).is_ok());
    }

    #[test]
    fn a_second_signature_by_the_same_key_over_other_bytes_or_edited_is_refused() {
        let w = world();
        let b = body(&w.sg, &["facebook-cest"]);
        let g = signed(&b, &w.sg);
        let check = |c: CarriedCosignature| {
            let index = index_of(&w, &g, false, Some(c.clone()));
            let first = index.check_grant(&registered(&b, None)).unwrap();
            index.check_cosignature(&logged_cosign(&c, 1_600), &first)
        };
        // Her key twice.
        let e = check(cosigned_by(&w.sg, &g.signed, None)).unwrap_err();
        assert_eq!(
            e,
            SignatureError::SameKey {
                grant: GRANT.into(),
                key: w.sg.key_id()
            }
        );
        // The delegate's signature over other bytes (another grant's).
        let mut other = b.clone();
        other.grantee = "admin2".into();
        let e = check(cosigned_by(&w.delegate, &other.encode(), Some(DELEGATION))).unwrap_err();
        assert_eq!(
            e,
            SignatureError::CosignatureSignature {
                grant: GRANT.into(),
                key: w.delegate.key_id()
            }
        );
        // One bit of a good one flipped.
        let good = cosigned_by(&w.delegate, &g.signed, Some(DELEGATION));
        for i in [0, 31, 63] {
            let mut edited = good.clone();
            edited.signature[i] ^= 0x01;
            let e = check(edited).unwrap_err();
            assert!(
                matches!(e, SignatureError::CosignatureSignature { .. }),
                "{i}: {e:?}"
            );
        }
        // Not carried, or carried naming another key than the log.
        let without = index_of(&w, &g, false, None);
        let first = without.check_grant(&registered(&b, None)).unwrap();
        let e = without
            .check_cosignature(&logged_cosign(&good, 1_600), &first)
            .unwrap_err();
        assert!(matches!(e, SignatureError::CosignatureMissing { .. }));
        let mut logged = logged_cosign(&good, 1_600);
        logged.key_id = Some(w.sg.key_id());
        let e = index_of(&w, &g, false, Some(good))
            .check_cosignature(&logged, &first)
            .unwrap_err();
        assert!(matches!(e, SignatureError::CosignatureDisagrees { .. }));
    }

    #[test]
    fn a_second_signer_whose_delegation_lapsed_revoked_or_did_not_cover_the_grant_is_refused() {
        let w = world();
        let check = |accounts: &[&str], at: i64, revoked: Option<u64>| {
            let b = body(&w.sg, accounts);
            let g = signed(&b, &w.sg);
            let c = cosigned_by(&w.delegate, &g.signed, Some(DELEGATION));
            let index = index_of(&w, &g, false, Some(c.clone()));
            let first = index.check_grant(&registered(&b, None)).unwrap();
            let logged = LoggedCosignature {
                revoked_at_seq: revoked,
                ..logged_cosign(&c, at)
            };
            index.check_cosignature(&logged, &first)
        };
        assert!(check(&["facebook-cest"], 1_999, None).is_ok());
        // Signed after the delegation's end (lapsed), or before its start.
        for at in [2_000, 999] {
            assert_eq!(
                check(&["facebook-cest"], at, None).unwrap_err(),
                SignatureError::CosignerOutsideWindow {
                    grant: GRANT.into(),
                    delegation: DELEGATION.into(),
                    at,
                    not_before: 1_000,
                    not_after: 2_000,
                }
            );
        }
        let e = check(&["facebook-cest", "x-cest"], 1_600, None).unwrap_err();
        assert!(
            matches!(&e, SignatureError::CosignerOutsideScope { account, .. } if account == "x-cest"),
            "{e:?}"
        );
        let e = check(&["facebook-cest"], 1_600, Some(7)).unwrap_err();
        assert!(
            matches!(e, SignatureError::CosignerRevoked { seq: 7, .. }),
            "{e:?}"
        );
    }

    #[test]
    fn an_approvals_statement_verifies_under_her_key_and_says_what_the_log_says() {
        let w = world();
        let statement = Approvals {
            id: "5011223344556677889900aabbccddee".into(),
            account: "facebook-cest".into(),
            required: 2,
            key_id: w.sg.key_id(),
            at: 1_200,
        };
        let bytes = statement.encode();
        let carried = CarriedStatement {
            id: statement.id.clone(),
            signature: w.sg.sign(&bytes),
            signed: bytes.clone(),
        };
        let logged = LoggedApprovals {
            seq: 3,
            statement: statement.id.clone(),
            account: "facebook-cest".into(),
            required: Some(2),
            key_id: Some(w.sg.key_id()),
        };
        let with = |c: CarriedStatement, l: &LoggedApprovals| {
            let chain = ChainIndex::new(vec![], vec![], vec![w.sg.public_key()]);
            SignatureIndex::new(chain, vec![], vec![], vec![c]).check_approvals(l)
        };
        assert_eq!(with(carried.clone(), &logged), Ok(statement.clone()));
        let mut edited = carried.clone();
        edited.signed[bytes.len() - 3] ^= 0x01;
        assert!(matches!(
            with(edited, &logged),
            Err(SignatureError::ApprovalsSignature { .. })
        ));
        let by_delegate = CarriedStatement {
            signature: w.delegate.sign(&bytes),
            ..carried.clone()
        };
        assert!(matches!(
            with(by_delegate, &logged),
            Err(SignatureError::ApprovalsSignature { .. })
        ));
        let says_one = LoggedApprovals {
            required: Some(1),
            ..logged.clone()
        };
        assert!(matches!(
            with(carried.clone(), &says_one),
            Err(SignatureError::ApprovalsSignature { .. })
        ));
        let chain = ChainIndex::new(vec![], vec![], vec![w.sg.public_key()]);
        let e = SignatureIndex::new(chain, vec![], vec![], vec![])
            .check_approvals(&logged)
            .unwrap_err();
        assert!(matches!(e, SignatureError::ApprovalsMissing { .. }));
    }
}
