//! The release decision: one pure function, `decide`, that says whether a caller may receive an
//! account's credential now, and under which grant, or why not. No I/O: the caller of `decide`
//! loads the facts (verifying each grant's signature) and counts the use atomically.

use crate::authz::grant::GrantBody;
use crate::ids::Role;

/// Why a release is refused. The codes are part of the wire and audit contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DenyReason {
    NoGrant,
    Expired,
    NotYetValid,
    Revoked,
    Exhausted,
    UnknownAccount,
    Archived,
    Sealed,
    ForbiddenRole,
    BadSignature,
    /// Signed by an acting authority whose delegation did not cover the grant's issue time
    /// (it had ended, been revoked, or not begun).
    DelegationExpired,
    /// Signed by an acting authority for an account her delegation does not cover.
    OutsideDelegation,
    /// The account needs two signatures on its grants and this one carries one (or two by the
    /// same key, or a second whose delegation did not cover it): `vault-cli grant cosign`.
    SecondSignatureMissing,
}

impl DenyReason {
    pub const ALL: [DenyReason; 13] = [
        DenyReason::NoGrant,
        DenyReason::Expired,
        DenyReason::NotYetValid,
        DenyReason::Revoked,
        DenyReason::Exhausted,
        DenyReason::UnknownAccount,
        DenyReason::Archived,
        DenyReason::Sealed,
        DenyReason::ForbiddenRole,
        DenyReason::BadSignature,
        DenyReason::DelegationExpired,
        DenyReason::OutsideDelegation,
        DenyReason::SecondSignatureMissing,
    ];

    pub fn code(&self) -> &'static str {
        match self {
            DenyReason::NoGrant => "no_grant",
            DenyReason::Expired => "expired",
            DenyReason::NotYetValid => "not_yet_valid",
            DenyReason::Revoked => "revoked",
            DenyReason::Exhausted => "exhausted",
            DenyReason::UnknownAccount => "unknown_account",
            DenyReason::Archived => "archived",
            DenyReason::Sealed => "sealed",
            DenyReason::ForbiddenRole => "forbidden_role",
            DenyReason::BadSignature => "bad_signature",
            DenyReason::DelegationExpired => "delegation_expired",
            DenyReason::OutsideDelegation => "outside_delegation",
            DenyReason::SecondSignatureMissing => "second_signature_missing",
        }
    }
}

/// A stored grant as `decide` sees it: its body when the signature verified, and its state.
#[derive(Debug, Clone)]
pub struct GrantFacts {
    pub id: String,
    /// None when the signature did not verify under the pinned key (or the bytes are damaged).
    pub body: Option<GrantBody>,
    /// Who the row says it is for (used only to report bad_signature to the right caller).
    pub stored_grantee: String,
    pub revoked: bool,
    pub uses: u64,
    /// When an acting authority signed it: the pinned delegation it was registered under.
    /// None for a grant signed by the Secrétaire générale's own key.
    pub delegation: Option<DelegationFacts>,
    /// A second signature over the same signed bytes, verified by the caller of `decide` under
    /// a key in force; None when there is none (or it did not verify).
    pub cosignature: Option<CosignFacts>,
}

/// A grant's second signature as `decide` sees it: which key made it and, for an acting
/// authority's key, the delegation it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CosignFacts {
    pub key_id: String,
    /// None for the Secrétaire générale's own key.
    pub delegation: Option<DelegationFacts>,
}

impl GrantFacts {
    /// Whether the grant carries two signatures that count: a second one by another key than
    /// the first, whose delegation (if any) covered the grant's issue time and accounts.
    fn has_second_signature(&self, body: &GrantBody) -> bool {
        self.cosignature.as_ref().is_some_and(|c| {
            c.key_id != body.key_id
                && c.delegation
                    .as_ref()
                    .is_none_or(|d| d.refusal(body.issued_at, &body.accounts).is_none())
        })
    }
}

/// A pinned delegation (by the current authority key) as `decide` sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DelegationFacts {
    pub not_before: i64,
    /// The delegation's end: its `not_after`, or its revocation if earlier.
    pub ends: i64,
    /// None: every account.
    pub accounts: Option<Vec<String>>,
}

impl DelegationFacts {
    /// Why a grant issued at `issued_at` for `accounts` is not covered, if it is not.
    pub fn refusal(&self, issued_at: i64, accounts: &[String]) -> Option<DenyReason> {
        if issued_at < self.not_before || issued_at >= self.ends {
            Some(DenyReason::DelegationExpired)
        } else if !accounts
            .iter()
            .all(|a| self.accounts.as_ref().is_none_or(|s| s.contains(a)))
        {
            Some(DenyReason::OutsideDelegation)
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Release under this grant (its id); the caller must count the use.
    Allow(String),
    Deny(DenyReason),
}

/// The facts about the account asked for.
#[derive(Debug, Clone, Copy)]
pub enum AccountState {
    Unknown,
    Archived,
    Active,
    /// Active, and the Secrétaire générale ruled that its grants need two signatures.
    ActiveTwoSignatures,
}

/// Whether `caller` (with `roles`) may receive `account`'s credential at `now`.
///
/// Order of checks: a sealed vault, the caller's role, the account, then the grants that name
/// this caller and account. When several grants apply, the one that expires first is used (so
/// longer ones last). When none is valid, the reason reported is the most useful to the caller:
/// not_yet_valid, then exhausted, revoked, delegation_expired, outside_delegation, expired,
/// bad_signature, and no_grant when none names them at all. A grant an acting authority signed
/// counts only if her delegation covered its issue time and every account it names. For an
/// account that needs two signatures, a grant counts only with a second signature by another
/// key in force (second_signature_missing, said after the delegation reasons and before
/// expired: a cosign is what would cure it).
pub fn decide(
    caller: &str,
    roles: &[Role],
    account_id: &str,
    account: AccountState,
    sealed: bool,
    grants: &[GrantFacts],
    now: i64,
) -> Decision {
    if sealed {
        return Decision::Deny(DenyReason::Sealed);
    }
    if !roles.contains(&Role::Admin) {
        return Decision::Deny(DenyReason::ForbiddenRole);
    }
    let two_signatures = match account {
        AccountState::Unknown => return Decision::Deny(DenyReason::UnknownAccount),
        AccountState::Archived => return Decision::Deny(DenyReason::Archived),
        AccountState::Active => false,
        AccountState::ActiveTwoSignatures => true,
    };
    let mut best: Option<(i64, &str)> = None;
    let mut reasons = Vec::new();
    for grant in grants {
        let Some(body) = &grant.body else {
            if grant.stored_grantee == caller {
                reasons.push(DenyReason::BadSignature);
            }
            continue;
        };
        if body.grantee != caller
            || !body.accounts.iter().any(|a| a == account_id)
            || body.id != grant.id
        {
            continue;
        }
        let outside = grant
            .delegation
            .as_ref()
            .and_then(|d| d.refusal(body.issued_at, &body.accounts));
        let refusal = if grant.revoked {
            Some(DenyReason::Revoked)
        } else if outside.is_some() {
            outside
        } else if now >= body.not_after {
            Some(DenyReason::Expired)
        } else if two_signatures && !grant.has_second_signature(body) {
            Some(DenyReason::SecondSignatureMissing)
        } else if now < body.not_before {
            Some(DenyReason::NotYetValid)
        } else if body.max_uses.is_some_and(|max| grant.uses >= max) {
            Some(DenyReason::Exhausted)
        } else {
            None
        };
        match refusal {
            Some(reason) => reasons.push(reason),
            None => {
                if best.is_none_or(|(until, _)| body.not_after < until) {
                    best = Some((body.not_after, &grant.id));
                }
            }
        }
    }
    if let Some((_, id)) = best {
        return Decision::Allow(id.to_owned());
    }
    const PRIORITY: [DenyReason; 8] = [
        DenyReason::NotYetValid,
        DenyReason::Exhausted,
        DenyReason::Revoked,
        DenyReason::DelegationExpired,
        DenyReason::OutsideDelegation,
        DenyReason::SecondSignatureMissing,
        DenyReason::Expired,
        DenyReason::BadSignature,
    ];
    Decision::Deny(
        PRIORITY
            .into_iter()
            .find(|r| reasons.contains(r))
            .unwrap_or(DenyReason::NoGrant),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 10_000;

    fn grant(
        id: &str,
        grantee: &str,
        accounts: &[&str],
        from: i64,
        until: i64,
        max: Option<u64>,
    ) -> GrantFacts {
        GrantFacts {
            id: id.into(),
            body: Some(GrantBody {
                id: id.into(),
                grantee: grantee.into(),
                accounts: accounts.iter().map(|a| a.to_string()).collect(),
                purpose: "p".into(),
                not_before: from,
                not_after: until,
                max_uses: max,
                issued_at: from,
                key_id: "k".into(),
                request: None,
            }),
            stored_grantee: grantee.into(),
            revoked: false,
            uses: 0,
            delegation: None,
            cosignature: None,
        }
    }

    fn valid() -> GrantFacts {
        grant(
            "g1",
            "admin",
            &["facebook-cest"],
            NOW - 100,
            NOW + 100,
            None,
        )
    }

    fn run(
        roles: &[Role],
        account: AccountState,
        sealed: bool,
        grants: &[GrantFacts],
        now: i64,
    ) -> Decision {
        decide(
            "admin",
            roles,
            "facebook-cest",
            account,
            sealed,
            grants,
            now,
        )
    }

    use AccountState::{Active, Unknown};
    use DenyReason::*;

    #[test]
    fn the_table_of_every_reason_and_edge() {
        let admin = &[Role::Admin][..];
        let revoked = GrantFacts {
            revoked: true,
            ..valid()
        };
        let exhausted = GrantFacts {
            uses: 2,
            ..grant(
                "g1",
                "admin",
                &["facebook-cest"],
                NOW - 100,
                NOW + 100,
                Some(2),
            )
        };
        let one_left = GrantFacts {
            uses: 1,
            ..grant(
                "g1",
                "admin",
                &["facebook-cest"],
                NOW - 100,
                NOW + 100,
                Some(2),
            )
        };
        let bad = GrantFacts {
            body: None,
            ..valid()
        };
        let cases: Vec<(&str, Decision)> = vec![
            ("valid", run(admin, Active, false, &[valid()], NOW)),
            (
                "sealed wins over all",
                run(admin, Active, true, &[valid()], NOW),
            ),
            (
                "operator",
                run(&[Role::Operator], Active, false, &[valid()], NOW),
            ),
            (
                "authority",
                run(&[Role::Authority], Active, false, &[valid()], NOW),
            ),
            (
                "auditor",
                run(&[Role::Auditor], Active, false, &[valid()], NOW),
            ),
            (
                "unknown account",
                run(admin, Unknown, false, &[valid()], NOW),
            ),
            (
                "archived account",
                run(admin, AccountState::Archived, false, &[valid()], NOW),
            ),
            ("no grant", run(admin, Active, false, &[], NOW)),
            (
                "exactly at not_before",
                run(admin, Active, false, &[valid()], NOW - 100),
            ),
            (
                "one second before not_before",
                run(admin, Active, false, &[valid()], NOW - 101),
            ),
            (
                "one second before not_after",
                run(admin, Active, false, &[valid()], NOW + 99),
            ),
            (
                "exactly at not_after",
                run(admin, Active, false, &[valid()], NOW + 100),
            ),
            ("revoked", run(admin, Active, false, &[revoked], NOW)),
            ("exhausted", run(admin, Active, false, &[exhausted], NOW)),
            ("one use left", run(admin, Active, false, &[one_left], NOW)),
            ("bad signature", run(admin, Active, false, &[bad], NOW)),
            (
                "another grantee's grant",
                run(
                    admin,
                    Active,
                    false,
                    &[grant(
                        "g1",
                        "admin2",
                        &["facebook-cest"],
                        0,
                        NOW + 100,
                        None,
                    )],
                    NOW,
                ),
            ),
            (
                "another account's grant",
                run(
                    admin,
                    Active,
                    false,
                    &[grant("g1", "admin", &["youtube-cest"], 0, NOW + 100, None)],
                    NOW,
                ),
            ),
        ];
        let expected = [
            Decision::Allow("g1".into()),
            Decision::Deny(Sealed),
            Decision::Deny(ForbiddenRole),
            Decision::Deny(ForbiddenRole),
            Decision::Deny(ForbiddenRole),
            Decision::Deny(UnknownAccount),
            Decision::Deny(Archived),
            Decision::Deny(NoGrant),
            Decision::Allow("g1".into()),
            Decision::Deny(NotYetValid),
            Decision::Allow("g1".into()),
            Decision::Deny(Expired),
            Decision::Deny(Revoked),
            Decision::Deny(Exhausted),
            Decision::Allow("g1".into()),
            Decision::Deny(BadSignature),
            Decision::Deny(NoGrant),
            Decision::Deny(NoGrant),
        ];
        assert_eq!(cases.len(), expected.len());
        for ((name, got), want) in cases.into_iter().zip(expected) {
            assert_eq!(got, want, "{name}");
        }
    }

    #[test]
    fn a_valid_grant_wins_over_invalid_ones_and_the_first_to_expire_is_used() {
        let admin = &[Role::Admin][..];
        let expired = grant("old", "admin", &["facebook-cest"], 0, NOW - 1, None);
        let long = grant("long", "admin", &["facebook-cest"], 0, NOW + 1_000, None);
        let short = grant(
            "short",
            "admin",
            &["facebook-cest", "x-cest"],
            0,
            NOW + 10,
            None,
        );
        assert_eq!(
            run(
                admin,
                Active,
                false,
                &[expired.clone(), long.clone(), short],
                NOW
            ),
            Decision::Allow("short".into())
        );
        assert_eq!(
            run(admin, Active, false, &[expired, long], NOW),
            Decision::Allow("long".into())
        );
    }

    #[test]
    fn the_most_useful_reason_is_reported() {
        let admin = &[Role::Admin][..];
        let expired = grant("a", "admin", &["facebook-cest"], 0, NOW - 1, None);
        let future = grant("b", "admin", &["facebook-cest"], NOW + 5, NOW + 50, None);
        let revoked = GrantFacts {
            revoked: true,
            ..grant("c", "admin", &["facebook-cest"], 0, NOW + 50, None)
        };
        assert_eq!(
            run(admin, Active, false, &[expired.clone(), future], NOW),
            Decision::Deny(NotYetValid)
        );
        assert_eq!(
            run(admin, Active, false, &[expired, revoked], NOW),
            Decision::Deny(Revoked)
        );
    }

    #[test]
    fn a_body_whose_id_differs_from_its_row_is_ignored() {
        let admin = &[Role::Admin][..];
        let mut moved = valid();
        moved.id = "other-row".into();
        assert_eq!(
            run(admin, Active, false, &[moved], NOW),
            Decision::Deny(NoGrant)
        );
    }

    /// A grant the acting authority signed at `issued_at` for `accounts`, under a delegation
    /// from NOW - 1000 to `ends` covering `scope`.
    fn delegated(
        issued_at: i64,
        accounts: &[&str],
        ends: i64,
        scope: Option<&[&str]>,
    ) -> GrantFacts {
        let mut g = grant("g1", "admin", accounts, NOW - 100, NOW + 100, None);
        if let Some(body) = &mut g.body {
            body.issued_at = issued_at;
        }
        g.delegation = Some(DelegationFacts {
            not_before: NOW - 1_000,
            ends,
            accounts: scope.map(|s| s.iter().map(|a| a.to_string()).collect()),
        });
        g
    }

    #[test]
    fn a_delegated_grant_counts_only_inside_its_delegation() {
        let admin = &[Role::Admin][..];
        let two = Some(&["facebook-cest", "youtube-cest"][..]);
        let fb = &["facebook-cest"][..];
        let cases: Vec<(&str, GrantFacts, Decision)> = vec![
            (
                "issued inside the window, account in scope",
                delegated(NOW - 100, fb, NOW + 500, two),
                Decision::Allow("g1".into()),
            ),
            (
                "the delegation ended since: the grant still counts",
                delegated(NOW - 100, fb, NOW - 50, two),
                Decision::Allow("g1".into()),
            ),
            (
                "every account (no scope)",
                delegated(NOW - 100, &["x-cest", "facebook-cest"], NOW + 500, None),
                Decision::Allow("g1".into()),
            ),
            (
                "issued exactly at the delegation's start",
                delegated(NOW - 1_000, fb, NOW + 500, two),
                Decision::Allow("g1".into()),
            ),
            (
                "issued before the delegation began",
                delegated(NOW - 1_001, fb, NOW + 500, two),
                Decision::Deny(DelegationExpired),
            ),
            (
                "issued exactly at its end (or revocation)",
                delegated(NOW - 100, fb, NOW - 100, two),
                Decision::Deny(DelegationExpired),
            ),
            (
                "one account outside the scope",
                delegated(NOW - 100, &["facebook-cest", "x-cest"], NOW + 500, two),
                Decision::Deny(OutsideDelegation),
            ),
            (
                "revoked wins over the delegation",
                GrantFacts {
                    revoked: true,
                    ..delegated(NOW - 100, &["x-cest", "facebook-cest"], NOW + 500, two)
                },
                Decision::Deny(Revoked),
            ),
        ];
        for (name, grant, want) in cases {
            assert_eq!(run(admin, Active, false, &[grant], NOW), want, "{name}");
        }
        // A valid grant of the authority's own still serves beside a refused delegated one.
        assert_eq!(
            run(
                admin,
                Active,
                false,
                &[delegated(NOW - 2_000, fb, NOW + 500, two), valid()],
                NOW
            ),
            Decision::Allow("g1".into())
        );
        // Between the two delegation reasons and an expired grant, the delegation's is said.
        let expired = grant("e", "admin", fb, 0, NOW - 1, None);
        assert_eq!(
            run(
                admin,
                Active,
                false,
                &[
                    expired,
                    delegated(NOW - 100, &["facebook-cest", "x-cest"], NOW + 500, two)
                ],
                NOW
            ),
            Decision::Deny(OutsideDelegation)
        );
    }

    /// Cosigned by `key_id`, under a delegation from NOW - 1000 to `ends` when given.
    fn cosigned(mut g: GrantFacts, key_id: &str, ends: Option<i64>) -> GrantFacts {
        g.cosignature = Some(CosignFacts {
            key_id: key_id.into(),
            delegation: ends.map(|ends| DelegationFacts {
                not_before: NOW - 1_000,
                ends,
                accounts: None,
            }),
        });
        g
    }

    #[test]
    fn an_account_needing_two_signatures_releases_only_under_two_distinct_keys_in_force() {
        let admin = &[Role::Admin][..];
        let two = AccountState::ActiveTwoSignatures;
        // valid() is signed by key "k" (the first signer), issued at NOW - 100.
        let cases: Vec<(&str, GrantFacts, Decision)> = vec![
            (
                "one signature",
                valid(),
                Decision::Deny(SecondSignatureMissing),
            ),
            (
                "two by the same key",
                cosigned(valid(), "k", None),
                Decision::Deny(SecondSignatureMissing),
            ),
            (
                "two, the second key's delegation ended before the grant's issue time",
                cosigned(valid(), "d", Some(NOW - 100)),
                Decision::Deny(SecondSignatureMissing),
            ),
            (
                "two, the first key's delegation ended before the grant's issue time",
                cosigned(
                    delegated(NOW - 100, &["facebook-cest"], NOW - 100, None),
                    "sg",
                    None,
                ),
                Decision::Deny(DelegationExpired),
            ),
            (
                "two valid: the authority's and a delegate's",
                cosigned(valid(), "d", Some(NOW + 500)),
                Decision::Allow("g1".into()),
            ),
            (
                "two valid: a delegate's ended since the grant was issued",
                cosigned(valid(), "d", Some(NOW - 50)),
                Decision::Allow("g1".into()),
            ),
            (
                "two valid: two delegates'",
                cosigned(
                    delegated(NOW - 100, &["facebook-cest"], NOW + 500, None),
                    "d2",
                    Some(NOW + 500),
                ),
                Decision::Allow("g1".into()),
            ),
            (
                "two valid but revoked",
                GrantFacts {
                    revoked: true,
                    ..cosigned(valid(), "d", None)
                },
                Decision::Deny(Revoked),
            ),
            (
                "one signature and expired: the expiry is said (a cosign cannot cure it)",
                grant("g1", "admin", &["facebook-cest"], 0, NOW - 1, None),
                Decision::Deny(Expired),
            ),
            (
                "one signature, not yet valid: the missing signature is said",
                grant("g1", "admin", &["facebook-cest"], NOW + 5, NOW + 50, None),
                Decision::Deny(SecondSignatureMissing),
            ),
            (
                "two valid, not yet valid",
                cosigned(
                    grant("g1", "admin", &["facebook-cest"], NOW + 5, NOW + 50, None),
                    "sg",
                    None,
                ),
                Decision::Deny(NotYetValid),
            ),
            (
                "two valid, exhausted",
                GrantFacts {
                    uses: 1,
                    ..cosigned(
                        grant("g1", "admin", &["facebook-cest"], 0, NOW + 50, Some(1)),
                        "sg",
                        None,
                    )
                },
                Decision::Deny(Exhausted),
            ),
        ];
        for (name, grant, want) in cases {
            assert_eq!(
                run(admin, two, false, std::slice::from_ref(&grant), NOW),
                want,
                "{name}"
            );
            // An account needing one signature ignores the second: only the first counts.
            let one = run(admin, Active, false, &[grant], NOW);
            if want == Decision::Allow("g1".into())
                || want == Decision::Deny(SecondSignatureMissing)
            {
                assert_ne!(one, Decision::Deny(SecondSignatureMissing), "{name}");
            }
        }
        // A cosigned grant serves beside one still waiting; waiting beats an expired one.
        let waiting = grant("w", "admin", &["facebook-cest"], 0, NOW + 10, None);
        assert_eq!(
            run(
                admin,
                two,
                false,
                &[waiting.clone(), cosigned(valid(), "d", None)],
                NOW
            ),
            Decision::Allow("g1".into())
        );
        let expired = grant("e", "admin", &["facebook-cest"], 0, NOW - 1, None);
        assert_eq!(
            run(admin, two, false, &[expired, waiting], NOW),
            Decision::Deny(SecondSignatureMissing)
        );
        // The rule comes after the vault's own refusals.
        assert_eq!(
            run(admin, two, true, &[valid()], NOW),
            Decision::Deny(Sealed)
        );
        assert_eq!(
            run(&[Role::Operator], two, false, &[valid()], NOW),
            Decision::Deny(ForbiddenRole)
        );
    }

    #[test]
    fn every_reason_has_its_own_code() {
        let codes: std::collections::HashSet<&str> =
            DenyReason::ALL.iter().map(|r| r.code()).collect();
        assert_eq!(codes.len(), DenyReason::ALL.len());
        assert!(codes.contains("delegation_expired") && codes.contains("outside_delegation"));
        assert!(codes.contains("second_signature_missing"));
    }
}
