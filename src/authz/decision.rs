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
}

impl DenyReason {
    pub const ALL: [DenyReason; 10] = [
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
}

/// Whether `caller` (with `roles`) may receive `account`'s credential at `now`.
///
/// Order of checks: a sealed vault, the caller's role, the account, then the grants that name
/// this caller and account. When several grants apply, the one that expires first is used (so
/// longer ones last). When none is valid, the reason reported is the most useful to the caller:
/// not_yet_valid, then exhausted, revoked, expired, bad_signature, and no_grant when none names
/// them at all.
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
    match account {
        AccountState::Unknown => return Decision::Deny(DenyReason::UnknownAccount),
        AccountState::Archived => return Decision::Deny(DenyReason::Archived),
        AccountState::Active => {}
    }
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
        let refusal = if grant.revoked {
            Some(DenyReason::Revoked)
        } else if now < body.not_before {
            Some(DenyReason::NotYetValid)
        } else if now >= body.not_after {
            Some(DenyReason::Expired)
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
    const PRIORITY: [DenyReason; 5] = [
        DenyReason::NotYetValid,
        DenyReason::Exhausted,
        DenyReason::Revoked,
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
}
