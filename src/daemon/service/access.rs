//! Who may call what: one row per RPC of `proto/vault/v1`, read by the authentication layer
//! (`authn`) before any handler runs. This is the table to hold next to DESIGN.md's role matrix;
//! a test walks every RPC of the proto against it, and a path missing here is refused.

use crate::ids::Role;
use crate::tlog::action::Action;

/// Who may make a call. Finer rules that depend on the request (a grant, the account, whose
/// request it is) stay in the domain, and the `rule` column names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Any enrolled, enabled principal holding a person's role (every role but `backup`, which
    /// a service holds and which may take backups and nothing else).
    Enrolled,
    /// A principal holding at least one of these roles. A refusal names the first.
    AnyOf(&'static [Role]),
}

impl Access {
    /// The roles a caller needs one of.
    pub fn roles(&self) -> &'static [Role] {
        match self {
            Access::Enrolled => &Role::PEOPLE,
            Access::AnyOf(roles) => roles,
        }
    }
}

/// One RPC: its gRPC path, the action its audit entries carry, who may call it, and the rule the
/// domain applies on top (empty when none).
#[derive(Debug, Clone, Copy)]
pub struct Rpc {
    pub path: &'static str,
    pub action: Action,
    pub access: Access,
    pub rule: &'static str,
}

const OPERATOR: Access = Access::AnyOf(&[Role::Operator]);
const AUTHORITY: Access = Access::AnyOf(&[Role::Authority]);
const AUDITOR: Access = Access::AnyOf(&[Role::Auditor]);
const ADMIN: Access = Access::AnyOf(&[Role::Admin]);
const NOTIFIER: Access = Access::AnyOf(&[Role::Notifier]);
/// Who sees the key changes waiting for approval: who proposes, who approves, who reviews.
const CUSTODY_READERS: Access = Access::AnyOf(&[Role::Operator, Role::Authority, Role::Auditor]);

/// Who keeps the list of witnesses whose cosignatures the vault keeps: the reviewers who run
/// witnesses, and the authority.
const WITNESS_KEEPERS: Access = Access::AnyOf(&[Role::Auditor, Role::Authority]);

const fn rpc(path: &'static str, action: Action, access: Access, rule: &'static str) -> Rpc {
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
    rpc("/vault.v1.System/Status", Action::VaultStatus, Access::Enrolled, ""),
    rpc("/vault.v1.System/WhoAmI", Action::VaultWhoami, Access::Enrolled, ""),
    rpc("/vault.v1.System/Unseal", Action::VaultUnseal, OPERATOR, ""),
    rpc("/vault.v1.System/Seal", Action::VaultSeal, OPERATOR, ""),
    rpc("/vault.v1.System/Backup", Action::VaultBackup, Access::AnyOf(&[Role::Operator, Role::Backup]),
        "encrypted to the vault's recipients: whoever takes it cannot read it"),
    rpc("/vault.v1.Keys/List", Action::KeyList, OPERATOR, ""),
    rpc("/vault.v1.Keys/AddEscrow", Action::KeyEscrowPropose, OPERATOR,
        "proposes only: takes effect when the authority approves"),
    rpc("/vault.v1.Keys/RemoveEscrow", Action::KeyEscrowRemove, OPERATOR, ""),
    rpc("/vault.v1.Keys/ReplaceUnsealKey", Action::KeyUnsealPropose, OPERATOR,
        "proposes only: takes effect when the authority approves"),
    rpc("/vault.v1.Keys/PendingChanges", Action::KeyChangeList, CUSTODY_READERS, ""),
    rpc("/vault.v1.Keys/ApproveChange", Action::KeyChangeApprove, AUTHORITY,
        "a statement signed by the pinned authority key, naming this vault and the pending change"),
    rpc("/vault.v1.Keys/ChangePassphrase", Action::KeyPassphraseChange, OPERATOR, ""),
    rpc("/vault.v1.Principals/Enroll", Action::PrincipalEnroll, OPERATOR, ""),
    rpc("/vault.v1.Principals/List", Action::PrincipalList, OPERATOR, ""),
    rpc("/vault.v1.Principals/Disable", Action::PrincipalDisable, OPERATOR, "never the last enabled operator"),
    rpc("/vault.v1.Principals/SetRoles", Action::PrincipalRoles, OPERATOR, "never the last enabled operator"),
    rpc("/vault.v1.Principals/Enable", Action::PrincipalEnable, OPERATOR, ""),
    // A service renews its own certificate too, or its identity would lapse.
    rpc("/vault.v1.Principals/Renew", Action::PrincipalRenew, Access::AnyOf(&Role::ALL), "only for itself"),
    rpc("/vault.v1.Accounts/Add", Action::AccountAdd, OPERATOR, ""),
    rpc("/vault.v1.Accounts/List", Action::AccountList, Access::Enrolled, ""),
    rpc("/vault.v1.Accounts/Show", Action::AccountShow, Access::Enrolled, ""),
    rpc("/vault.v1.Accounts/Archive", Action::AccountArchive, OPERATOR, ""),
    rpc("/vault.v1.Accounts/Set", Action::AccountSet, OPERATOR, ""),
    rpc("/vault.v1.Accounts/SetApprovals", Action::AccountApprovals, AUTHORITY,
        "signed by the current authority key; never by an authority acting under a delegation"),
    rpc("/vault.v1.Secrets/Set", Action::SecretSet, Access::AnyOf(&[Role::Operator, Role::Admin]),
        "an admin needs a valid grant for the account, and may not set a TOTP seed"),
    rpc("/vault.v1.Secrets/History", Action::SecretHistory, Access::Enrolled, "never a value"),
    rpc("/vault.v1.Secrets/Rotate", Action::SecretRotate, Access::AnyOf(&[Role::Admin]),
        "a grant for the account that allows a release now (it discloses both passwords)"),
    rpc("/vault.v1.Secrets/ConfirmRotation", Action::SecretRotateConfirm,
        Access::AnyOf(&[Role::Admin, Role::Operator]),
        "the person who staged it, an operator, or an admin a grant for the account allows"),
    rpc("/vault.v1.Secrets/AbortRotation", Action::SecretRotateAbort,
        Access::AnyOf(&[Role::Admin, Role::Operator]),
        "the person who staged it, an operator, or an admin a grant for the account allows"),
    rpc("/vault.v1.Grants/Request", Action::GrantRequest, ADMIN, ""),
    rpc("/vault.v1.Grants/Pending", Action::GrantPending, AUTHORITY, ""),
    rpc("/vault.v1.Grants/GetRequest", Action::GrantShow, Access::Enrolled,
        "authority and auditor see every request, others their own"),
    rpc("/vault.v1.Grants/Deny", Action::GrantDeny, AUTHORITY, ""),
    rpc("/vault.v1.Grants/Wait", Action::GrantWait, Access::Enrolled,
        "authority and auditor wait on any request, others their own; a few at once, an hour at most"),
    rpc("/vault.v1.Grants/Register", Action::GrantRegister, AUTHORITY,
        "the grant must verify under the pinned authority key"),
    rpc("/vault.v1.Grants/Revoke", Action::GrantRevoke, AUTHORITY, ""),
    rpc("/vault.v1.Grants/Cosign", Action::GrantCosign, AUTHORITY,
        "another key in force than the first signer's, over the grant's stored bytes"),
    rpc("/vault.v1.Grants/Get", Action::GrantGet, Access::AnyOf(&[Role::Auditor, Role::Authority, Role::Admin]),
        "authority and auditor see every grant, an admin their own"),
    rpc("/vault.v1.Grants/List", Action::GrantList, Access::AnyOf(&[Role::Auditor, Role::Authority, Role::Admin]),
        "authority and auditor see every grant, an admin their own"),
    rpc("/vault.v1.Grants/AuthorityKey", Action::AuthorityKey, Access::Enrolled, ""),
    rpc("/vault.v1.Grants/RotateAuthorityKey", Action::AuthorityRotate, AUTHORITY,
        "signed by the current authority key"),
    rpc("/vault.v1.Grants/Delegate", Action::AuthorityDelegate, AUTHORITY,
        "signed by the current authority key; never by an authority acting under a delegation"),
    rpc("/vault.v1.Grants/ListDelegations", Action::AuthorityDelegationList,
        Access::AnyOf(&[Role::Auditor, Role::Authority]), ""),
    rpc("/vault.v1.Grants/RevokeDelegation", Action::AuthorityDelegationRevoke, AUTHORITY,
        "never by an authority acting under a delegation"),
    // The release decision (authz::decision) refuses every role but admin itself, so that the
    // refusal is recorded with the account asked for.
    rpc("/vault.v1.Credentials/Get", Action::CredentialGet, Access::Enrolled,
        "admin only, under a valid art. 3 grant (the release decision)"),
    rpc("/vault.v1.Audit/Query", Action::AuditQuery, Access::AnyOf(&[Role::Auditor, Role::Authority]),
        "an auditor reads every entry; the authority only credential.get entries (her console's releases and refusals)"),
    rpc("/vault.v1.Audit/Tail", Action::AuditTail, AUDITOR, ""),
    rpc("/vault.v1.Audit/Key", Action::AuditKey, Access::Enrolled, "a public key"),
    rpc("/vault.v1.Audit/Checkpoint", Action::AuditCheckpoint, AUDITOR, ""),
    rpc("/vault.v1.Audit/Export", Action::AuditExport, AUDITOR, ""),
    rpc("/vault.v1.Audit/Prove", Action::AuditProve, AUDITOR, ""),
    rpc("/vault.v1.Audit/Consistency", Action::AuditConsistency, AUDITOR, ""),
    rpc("/vault.v1.Audit/AddCosignature", Action::AuditCosign, AUDITOR,
        "kept only when the witness's line verifies under the key listed for its name"),
    rpc("/vault.v1.Audit/AddWitness", Action::AuditWitnessAdd, WITNESS_KEEPERS, ""),
    rpc("/vault.v1.Audit/ListWitnesses", Action::AuditWitnessList, WITNESS_KEEPERS, ""),
    rpc("/vault.v1.Audit/RemoveWitness", Action::AuditWitnessRemove, WITNESS_KEEPERS, ""),
    rpc("/vault.v1.Events/Follow", Action::EventsFollow, Access::AnyOf(&[Role::Notifier, Role::Authority]),
        "a few streams per principal"),
    rpc("/vault.v1.Events/Record", Action::NotificationRecord, NOTIFIER,
        "recorded as notification.sent, .failed or .skipped about an existing event"),
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
    fn every_action_is_an_rpc_s_or_recorded_outside_them_and_reads_in_french_and_english() {
        use crate::i18n::{action_label, Lang};
        // Recorded by the domain or the server rather than as an RPC's own action: a grant
        // registered is recorded as issued or approved; refusals before any RPC; the server's
        // offline commands (restore, pinning the authority key) and the unseal key's side effects.
        let outside = [
            Action::GrantIssue,
            Action::GrantApprove,
            Action::CallsRefused,
            Action::ConnectionRefused,
            Action::RpcMalformed,
            Action::RpcUnknown,
            Action::VaultRestore,
            Action::VaultRekey,
            Action::VaultServerCert,
            Action::AuthorityPin,
            // vaultd keys, on the server with the unseal key (daemon stopped).
            Action::KeyEscrowAdd,
            Action::KeyUnsealReplace,
            // Events.Record's entries, by what the notifier did; and the daemon's clock.
            Action::NotificationSent,
            Action::NotificationFailed,
            Action::NotificationSkipped,
            Action::RequestOverdue,
            Action::RotationRecommended,
            Action::RotationStagedStale,
            Action::RotationDue,
        ];
        for action in Action::ALL {
            let rows = RPCS.iter().filter(|rpc| rpc.action == *action).count();
            let listed = outside.contains(action);
            assert!(
                rows + usize::from(listed) == 1,
                "{action}: {rows} RPC rows, listed outside: {listed}"
            );
            for lang in [Lang::Fr, Lang::En] {
                let label = action_label(lang, action.wire());
                assert_ne!(label, action.wire(), "{action} has no label");
                assert!(!label.contains("inconnue") && !label.contains("unknown action"));
            }
        }
        assert_eq!(
            action_label(Lang::Fr, "new.action"),
            "new.action (action inconnue)"
        );
        assert_eq!(
            action_label(Lang::En, "new.action"),
            "new.action (unknown action)"
        );
    }

    #[test]
    fn the_role_matrix_of_design_md() {
        // DESIGN.md: only the operator writes principals, accounts and the seal; only the
        // authority decides grants; only the auditor reads the log (the authority reads its
        // releases and refusals).
        let who = |path: &str| lookup(path).unwrap().access;
        assert_eq!(who("/vault.v1.Principals/Enroll"), OPERATOR);
        assert_eq!(who("/vault.v1.System/Seal"), OPERATOR);
        assert_eq!(who("/vault.v1.Accounts/Add"), OPERATOR);
        assert_eq!(who("/vault.v1.Grants/Register"), AUTHORITY);
        assert_eq!(who("/vault.v1.Grants/Revoke"), AUTHORITY);
        assert_eq!(who("/vault.v1.Grants/Request"), ADMIN);
        assert_eq!(who("/vault.v1.Audit/Export"), AUDITOR);
        // The authority queries too, for her console, and reads releases only (audit.rs).
        assert_eq!(
            who("/vault.v1.Audit/Query"),
            Access::AnyOf(&[Role::Auditor, Role::Authority])
        );
        assert_eq!(who("/vault.v1.Events/Record"), NOTIFIER);
        // The notifier, a service, calls nothing else but renewing its own certificate.
        for rpc in RPCS {
            let notifier = rpc.access.roles().contains(&Role::Notifier);
            let its_own = [
                "/vault.v1.Events/Follow",
                "/vault.v1.Events/Record",
                "/vault.v1.Principals/Renew",
            ];
            assert_eq!(notifier, its_own.contains(&rpc.path), "{}", rpc.path);
        }
        assert!(lookup("/vault.v1.Credentials/Nope").is_none());
        assert!(is_public("/grpc.health.v1.Health/Check"));
        assert!(!is_public("/vault.v1.System/Status"));
    }
}
