//! Who may call what: one row per RPC of `proto/vault/v1`, read by the authentication layer
//! (`authn`) before any handler runs. This is the table to hold next to DESIGN.md's role matrix;
//! a test walks every RPC of the proto against it, and a path missing here is refused.

use crate::ids::Role;

/// Who may make a call. Finer rules that depend on the request (a grant, the account, whose
/// request it is) stay in the domain, and the `rule` column names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Any enrolled, enabled principal.
    Enrolled,
    /// A principal holding at least one of these roles. A refusal names the first.
    AnyOf(&'static [Role]),
}

impl Access {
    /// The roles a caller needs one of; empty for any enrolled principal.
    pub fn roles(&self) -> &'static [Role] {
        match self {
            Access::Enrolled => &[],
            Access::AnyOf(roles) => roles,
        }
    }
}

/// One RPC: its gRPC path, the action its audit entries carry, who may call it, and the rule the
/// domain applies on top (empty when none).
#[derive(Debug, Clone, Copy)]
pub struct Rpc {
    pub path: &'static str,
    pub action: &'static str,
    pub access: Access,
    pub rule: &'static str,
}

const OPERATOR: Access = Access::AnyOf(&[Role::Operator]);
const AUTHORITY: Access = Access::AnyOf(&[Role::Authority]);
const AUDITOR: Access = Access::AnyOf(&[Role::Auditor]);
const ADMIN: Access = Access::AnyOf(&[Role::Admin]);

const fn rpc(path: &'static str, action: &'static str, access: Access, rule: &'static str) -> Rpc {
    Rpc {
        path,
        action,
        access,
        rule,
    }
}

/// Every vault RPC. Reads of metadata are open to every role (none of them returns a secret);
/// writes and the log are role-bound.
#[rustfmt::skip]
pub const RPCS: &[Rpc] = &[
    rpc("/vault.v1.System/Status", "vault.status", Access::Enrolled, ""),
    rpc("/vault.v1.System/WhoAmI", "vault.whoami", Access::Enrolled, ""),
    rpc("/vault.v1.System/Unseal", "vault.unseal", OPERATOR, ""),
    rpc("/vault.v1.System/Seal", "vault.seal", OPERATOR, ""),
    rpc("/vault.v1.System/Backup", "vault.backup", OPERATOR, ""),
    rpc("/vault.v1.Keys/List", "key.list", OPERATOR, ""),
    rpc("/vault.v1.Keys/AddEscrow", "key.escrow.add", OPERATOR, ""),
    rpc("/vault.v1.Keys/RemoveEscrow", "key.escrow.remove", OPERATOR, ""),
    rpc("/vault.v1.Keys/ReplaceUnsealKey", "key.unseal.replace", OPERATOR, ""),
    rpc("/vault.v1.Keys/ChangePassphrase", "key.passphrase.change", OPERATOR, ""),
    rpc("/vault.v1.Principals/Enroll", "principal.enroll", OPERATOR, ""),
    rpc("/vault.v1.Principals/List", "principal.list", OPERATOR, ""),
    rpc("/vault.v1.Principals/Disable", "principal.disable", OPERATOR, "never the last enabled operator"),
    rpc("/vault.v1.Principals/SetRoles", "principal.roles", OPERATOR, "never the last enabled operator"),
    rpc("/vault.v1.Principals/Enable", "principal.enable", OPERATOR, ""),
    rpc("/vault.v1.Principals/Renew", "principal.renew", Access::Enrolled, "only for itself"),
    rpc("/vault.v1.Accounts/Add", "account.add", OPERATOR, ""),
    rpc("/vault.v1.Accounts/List", "account.list", Access::Enrolled, ""),
    rpc("/vault.v1.Accounts/Show", "account.show", Access::Enrolled, ""),
    rpc("/vault.v1.Accounts/Archive", "account.archive", OPERATOR, ""),
    rpc("/vault.v1.Secrets/Set", "secret.set", Access::AnyOf(&[Role::Operator, Role::Admin]),
        "an admin needs a valid grant for the account, and may not set a TOTP seed"),
    rpc("/vault.v1.Secrets/History", "secret.history", Access::Enrolled, "never a value"),
    rpc("/vault.v1.Grants/Request", "grant.request", ADMIN, ""),
    rpc("/vault.v1.Grants/Pending", "grant.pending", AUTHORITY, ""),
    rpc("/vault.v1.Grants/GetRequest", "grant.show", Access::Enrolled,
        "authority and auditor see every request, others their own"),
    rpc("/vault.v1.Grants/Deny", "grant.deny", AUTHORITY, ""),
    rpc("/vault.v1.Grants/Register", "grant.register", AUTHORITY,
        "the grant must verify under the pinned authority key"),
    rpc("/vault.v1.Grants/Revoke", "grant.revoke", AUTHORITY, ""),
    rpc("/vault.v1.Grants/List", "grant.list", Access::AnyOf(&[Role::Auditor, Role::Authority, Role::Admin]),
        "authority and auditor see every grant, an admin their own"),
    rpc("/vault.v1.Grants/AuthorityKey", "authority.key", Access::Enrolled, ""),
    rpc("/vault.v1.Grants/RotateAuthorityKey", "authority.rotate", AUTHORITY,
        "signed by the current authority key"),
    // The release decision (authz::decision) refuses every role but admin itself, so that the
    // refusal is recorded with the account asked for.
    rpc("/vault.v1.Credentials/Get", "credential.get", Access::Enrolled,
        "admin only, under a valid art. 3 grant (the release decision)"),
    rpc("/vault.v1.Audit/Query", "audit.query", AUDITOR, ""),
    rpc("/vault.v1.Audit/Tail", "audit.tail", AUDITOR, ""),
    rpc("/vault.v1.Audit/Key", "audit.key", Access::Enrolled, "a public key"),
    rpc("/vault.v1.Audit/Checkpoint", "audit.checkpoint", AUDITOR, ""),
    rpc("/vault.v1.Audit/Export", "audit.export", AUDITOR, ""),
    rpc("/vault.v1.Audit/Prove", "audit.prove", AUDITOR, ""),
    rpc("/vault.v1.Audit/Consistency", "audit.consistency", AUDITOR, ""),
    rpc("/vault.v1.Audit/AddCosignature", "audit.cosign", AUDITOR, ""),
];

/// Services every client may reach without a vault identity check: the standard health and
/// reflection protocols (they reveal no vault data).
pub const PUBLIC_SERVICES: &[&str] = &[
    "/grpc.health.v1.Health/",
    "/grpc.reflection.v1.ServerReflection/",
    "/grpc.reflection.v1alpha.ServerReflection/",
];

/// The row for a gRPC path.
pub fn lookup(path: &str) -> Option<&'static Rpc> {
    RPCS.iter().find(|rpc| rpc.path == path)
}

/// Whether a path belongs to one of the public services.
pub fn is_public(path: &str) -> bool {
    PUBLIC_SERVICES
        .iter()
        .any(|prefix| path.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::Message;

    /// Every method of every service in the compiled proto, as a gRPC path.
    fn proto_paths() -> Vec<String> {
        let set = prost_types::FileDescriptorSet::decode(crate::wire::pb::FILE_DESCRIPTOR_SET)
            .expect("the descriptor set decodes");
        let mut paths = Vec::new();
        for file in set.file {
            for service in file.service {
                for method in service.method {
                    paths.push(format!(
                        "/{}.{}/{}",
                        file.package.as_deref().unwrap_or_default(),
                        service.name.as_deref().unwrap_or_default(),
                        method.name.as_deref().unwrap_or_default()
                    ));
                }
            }
        }
        paths
    }

    #[test]
    fn every_rpc_of_the_proto_has_exactly_one_row_and_no_row_is_stale() {
        let paths = proto_paths();
        assert!(paths.len() >= 30, "{paths:?}");
        for path in &paths {
            let rows = RPCS.iter().filter(|r| r.path == path).count();
            assert_eq!(rows, 1, "{path} must have exactly one row in RPCS");
        }
        for row in RPCS {
            assert!(
                paths.contains(&row.path.to_owned()),
                "{} is not in the proto",
                row.path
            );
        }
    }

    #[test]
    fn actions_are_distinct_and_rows_with_a_rule_are_the_role_bound_ones_or_say_why() {
        for (i, a) in RPCS.iter().enumerate() {
            for b in &RPCS[i + 1..] {
                assert_ne!(a.action, b.action, "{} and {}", a.path, b.path);
            }
        }
        // The release and secret writes are where a role alone is not enough: they must say so.
        for path in ["/vault.v1.Credentials/Get", "/vault.v1.Secrets/Set"] {
            assert!(!lookup(path).unwrap().rule.is_empty(), "{path}");
        }
    }

    #[test]
    fn every_action_the_log_records_reads_in_french_and_english() {
        use crate::i18n::{action_label, Lang};
        // Each RPC's action, and those recorded outside the RPC table.
        let others = [
            "grant.issue",
            "grant.approve",
            "calls.refused",
            "connection.refused",
            "rpc.malformed",
            "rpc.unknown",
        ];
        for action in RPCS.iter().map(|rpc| rpc.action).chain(others) {
            let (fr, en) = (
                action_label(Lang::Fr, action),
                action_label(Lang::En, action),
            );
            assert_ne!(fr, action, "{action} has no label");
            assert_ne!(en, action, "{action} has no label");
        }
        assert_eq!(action_label(Lang::Fr, "new.action"), "new.action");
    }

    #[test]
    fn the_role_matrix_of_design_md() {
        // DESIGN.md: only the operator writes principals, accounts and the seal; only the
        // authority decides grants; only the auditor reads the log.
        let who = |path: &str| lookup(path).unwrap().access;
        assert_eq!(who("/vault.v1.Principals/Enroll"), OPERATOR);
        assert_eq!(who("/vault.v1.System/Seal"), OPERATOR);
        assert_eq!(who("/vault.v1.Accounts/Add"), OPERATOR);
        assert_eq!(who("/vault.v1.Grants/Register"), AUTHORITY);
        assert_eq!(who("/vault.v1.Grants/Revoke"), AUTHORITY);
        assert_eq!(who("/vault.v1.Grants/Request"), ADMIN);
        assert_eq!(who("/vault.v1.Audit/Export"), AUDITOR);
        assert_eq!(who("/vault.v1.Audit/Query"), AUDITOR);
        assert!(lookup("/vault.v1.Credentials/Nope").is_none());
        assert!(is_public("/grpc.health.v1.Health/Check"));
        assert!(!is_public("/vault.v1.System/Status"));
    }
}
