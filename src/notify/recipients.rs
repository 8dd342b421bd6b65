//! Who is told of what: a new or overdue request goes to the authority's addresses, a decision
//! to the requester, a revocation to the grantee, a recommended rotation to the operators, a
//! rotation staged for too long to the person who staged it and to the operators, a grant
//! awaiting its second signature to the other signers the vault names. The
//! names go on the record (principal names, or `role:authority`), never the addresses.

use super::config::Addresses;
use super::event::Kind;
use crate::wire::pb::VaultEvent;
use lettre::Address;

/// Most signers one mail goes to: the vault names at most 17 (her and the delegations it
/// reads); the record takes 32 names.
pub const MAX_COSIGNERS: usize = 24;

/// The people one event's mail is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audience {
    /// Who, as the record names them: principal names or `role:NAME`.
    pub names: Vec<String>,
    /// Their addresses; empty when the configuration has none (the mail is skipped).
    pub addresses: Vec<Address>,
}

/// One principal, by name, with her address if the configuration has one.
pub fn principal(name: &str, to: &Addresses) -> Audience {
    Audience {
        names: vec![name.to_owned()],
        addresses: to.principals.get(name).cloned().into_iter().collect(),
    }
}

pub fn audience(kind: Kind, event: &VaultEvent, to: &Addresses) -> Audience {
    let role = |name: &str, addresses: &[Address]| Audience {
        names: vec![format!("role:{name}")],
        addresses: addresses.to_vec(),
    };
    let principal = |name: &str| principal(name, to);
    match kind {
        Kind::RequestCreated | Kind::RequestOverdue => role("authority", &to.authority),
        // The requester of a decided request, the grantee of a revoked grant.
        Kind::RequestApproved | Kind::RequestDenied | Kind::GrantRevoked => {
            principal(&event.requester)
        }
        Kind::RotationRecommended | Kind::RotationDue => role("operator", &to.operator),
        // The digest's: whom the delegate acts for, as the event names her.
        Kind::DelegationDecision => principal(&event.acting_for),
        // The signers the vault named as able to add the second signature (never the first
        // signer), each by her own address: not a role's list, which would reach her too.
        Kind::GrantAwaitingSecondSignature => {
            let signers = event
                .cosigners
                .iter()
                .filter(|name| **name != event.decided_by)
                .take(MAX_COSIGNERS)
                .map(|name| principal(name));
            let mut told = Audience {
                names: Vec::new(),
                addresses: Vec::new(),
            };
            for one in signers {
                told.names.extend(one.names);
                told.addresses.extend(one.addresses);
            }
            told
        }
        // The stager can finish it; the operators can abort a change left behind.
        Kind::RotationStagedStale => {
            let (stager, operators) = (principal(&event.requester), role("operator", &to.operator));
            Audience {
                names: [stager.names, operators.names].concat(),
                addresses: [stager.addresses, operators.addresses].concat(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addresses() -> Addresses {
        let a = |s: &str| s.parse::<Address>().unwrap();
        Addresses {
            authority: vec![a("sg@x.org"), a("sg2@x.org")],
            operator: vec![a("ti@x.org")],
            principals: [("alice".to_owned(), a("alice@x.org"))].into(),
        }
    }

    #[test]
    fn each_kind_goes_to_its_people() {
        let to = addresses();
        let event = VaultEvent {
            requester: "alice".into(),
            decided_by: "sg".into(),
            ..Default::default()
        };
        let created = audience(Kind::RequestCreated, &event, &to);
        assert_eq!(created.names, ["role:authority"]);
        assert_eq!(created.addresses.len(), 2);
        assert_eq!(audience(Kind::RequestOverdue, &event, &to), created);
        for kind in [
            Kind::RequestApproved,
            Kind::RequestDenied,
            Kind::GrantRevoked,
        ] {
            let a = audience(kind, &event, &to);
            assert_eq!(a.names, ["alice"]);
            assert_eq!(a.addresses[0].to_string(), "alice@x.org");
        }
        let rotation = audience(Kind::RotationRecommended, &event, &to);
        assert_eq!(rotation.names, ["role:operator"]);
        assert_eq!(rotation.addresses[0].to_string(), "ti@x.org");
        let stale = audience(Kind::RotationStagedStale, &event, &to);
        assert_eq!(stale.names, ["alice", "role:operator"]);
        let addresses: Vec<String> = stale.addresses.iter().map(|a| a.to_string()).collect();
        assert_eq!(addresses, ["alice@x.org", "ti@x.org"]);
    }

    #[test]
    fn a_grant_awaiting_its_second_signature_goes_to_the_other_signers_by_name_only() {
        let a = |s: &str| s.parse::<Address>().unwrap();
        let mut to = addresses();
        to.principals.insert("sg".into(), a("sg-perso@x.org"));
        to.principals.insert("admin2".into(), a("admin2@x.org"));
        let event = VaultEvent {
            decided_by: "admin2".into(),
            // The vault never names the first signer; were it to, she is still left out.
            cosigners: vec!["sg".into(), "admin2".into(), "admin3".into()],
            ..Default::default()
        };
        let told = audience(Kind::GrantAwaitingSecondSignature, &event, &to);
        assert_eq!(told.names, ["sg", "admin3"]);
        let addresses: Vec<String> = told.addresses.iter().map(|a| a.to_string()).collect();
        assert_eq!(
            addresses,
            ["sg-perso@x.org"],
            "not the authority role's list"
        );
        let nobody = VaultEvent::default();
        let none = audience(Kind::GrantAwaitingSecondSignature, &nobody, &to);
        assert!(none.names.is_empty() && none.addresses.is_empty());
    }

    #[test]
    fn someone_without_an_address_gets_no_mail_but_is_named() {
        let event = VaultEvent {
            requester: "bob".into(),
            ..Default::default()
        };
        let a = audience(Kind::RequestApproved, &event, &addresses());
        assert_eq!(a.names, ["bob"]);
        assert!(a.addresses.is_empty());
        let none = audience(Kind::RequestCreated, &event, &Addresses::default());
        assert!(none.addresses.is_empty());
    }
}
