//! Every action an audit entry can name, as a type: its wire string (what the entry's `action`
//! field holds, forever) and whether the review report lists it among administrative events,
//! each stated once in the table below; its label in each language is `label-action-<wire>` in
//! the language files (see `i18n::labels`). Code names an
//! [`Action`], never a string, so a typo does not compile. An entry read from an export may name
//! an action this build does not know (an older or newer vault): [`ActionName`] keeps it as text.

/// Declares the actions: `Variant = "wire", admin|read;`.
macro_rules! actions {
    ($( $(#[$doc:meta])* $variant:ident = $wire:literal, $kind:ident; )*) => {
        /// An audited action.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Action {
            $( $(#[$doc])* $variant, )*
        }

        impl Action {
            /// Every action, in the table's order.
            pub const ALL: &'static [Action] = &[$(Action::$variant),*];

            /// The string an audit entry holds.
            pub const fn wire(self) -> &'static str {
                match self {
                    $(Action::$variant => $wire,)*
                }
            }

            /// The action an entry's string names, if this build knows it.
            pub fn from_wire(wire: &str) -> Option<Action> {
                match wire {
                    $($wire => Some(Action::$variant),)*
                    _ => None,
                }
            }

            /// Whether the review report lists it among administrative events (what changes
            /// who may do what, the accounts, the secrets or the vault's keys).
            pub const fn is_administrative(self) -> bool {
                match self {
                    $(Action::$variant => actions!(@admin $kind),)*
                }
            }
        }
    };
    (@admin admin) => { true };
    (@admin read) => { false };
}

#[rustfmt::skip]
actions! {
    /// A credential released (or refused) under an art. 3 grant.
    CredentialGet = "credential.get", read;
    GrantIssue = "grant.issue", read;
    GrantRegister = "grant.register", read;
    GrantApprove = "grant.approve", read;
    GrantDeny = "grant.deny", read;
    GrantRevoke = "grant.revoke", read;
    GrantRequest = "grant.request", read;
    GrantList = "grant.list", read;
    GrantPending = "grant.pending", read;
    GrantShow = "grant.show", read;
    /// A requester (or the authority, an auditor) waited on a request's decision.
    GrantWait = "grant.wait", read;
    AccountAdd = "account.add", admin;
    AccountArchive = "account.archive", admin;
    /// An account's change-password page or maximum password age changed (what changed in the
    /// detail).
    AccountSet = "account.set", admin;
    AccountList = "account.list", read;
    AccountShow = "account.show", read;
    SecretSet = "secret.set", admin;
    SecretHistory = "secret.history", read;
    /// A new password (or TOTP seed) staged beside the current one, released with it: listed
    /// with releases, not administrative events (its confirmation is one).
    SecretRotate = "secret.rotate", read;
    /// A staged change made the current version.
    SecretRotateConfirm = "secret.rotate.confirm", admin;
    /// A staged change discarded.
    SecretRotateAbort = "secret.rotate.abort", admin;
    PrincipalEnroll = "principal.enroll", admin;
    PrincipalRenew = "principal.renew", admin;
    PrincipalDisable = "principal.disable", admin;
    PrincipalEnable = "principal.enable", admin;
    PrincipalRoles = "principal.roles", admin;
    PrincipalList = "principal.list", read;
    VaultSeal = "vault.seal", admin;
    VaultUnseal = "vault.unseal", admin;
    VaultStatus = "vault.status", read;
    VaultWhoami = "vault.whoami", read;
    VaultBackup = "vault.backup", admin;
    VaultRestore = "vault.restore", admin;
    VaultRekey = "vault.rekey", admin;
    VaultServerCert = "vault.server_cert", admin;
    KeyList = "key.list", read;
    KeyEscrowAdd = "key.escrow.add", admin;
    KeyEscrowRemove = "key.escrow.remove", admin;
    KeyPassphraseChange = "key.passphrase.change", admin;
    KeyUnsealReplace = "key.unseal.replace", admin;
    /// An operator proposed a new escrow recipient; nothing changes until approved.
    KeyEscrowPropose = "key.escrow.propose", admin;
    /// An operator proposed a new unseal key; nothing changes until approved.
    KeyUnsealPropose = "key.unseal.propose", admin;
    /// The authority approved a proposed key change, which took effect in the same commit.
    KeyChangeApprove = "key.change.approve", admin;
    KeyChangeList = "key.change.list", read;
    AuthorityPin = "authority.pin", admin;
    AuthorityRotate = "authority.rotate", admin;
    AuthorityKey = "authority.key", read;
    /// The authority delegated to an acting authority (a signed statement, pinned).
    AuthorityDelegate = "authority.delegate", admin;
    /// The authority ended a delegation before its term.
    AuthorityDelegationRevoke = "authority.delegation.revoke", admin;
    AuthorityDelegationList = "authority.delegation.list", read;
    AuditQuery = "audit.query", read;
    AuditTail = "audit.tail", read;
    AuditExport = "audit.export", read;
    AuditCheckpoint = "audit.checkpoint", read;
    AuditConsistency = "audit.consistency", read;
    AuditProve = "audit.prove", read;
    AuditKey = "audit.key", read;
    AuditCosign = "audit.cosign", admin;
    /// A witness's verifier key listed: the vault keeps its cosignatures from now on.
    AuditWitnessAdd = "audit.witness.add", admin;
    /// A witness removed from the list, with the cosignature kept for it.
    AuditWitnessRemove = "audit.witness.remove", admin;
    AuditWitnessList = "audit.witness.list", read;
    /// Calls refused while the writer was overloaded, counted into one entry.
    CallsRefused = "calls.refused", read;
    /// A TLS connection refused at the handshake (under the principal whose disabled or
    /// replaced certificate it was, else `anonymous`).
    ConnectionRefused = "connection.refused", read;
    /// A call whose message did not decode (the entry's target is the RPC's action).
    RpcMalformed = "rpc.malformed", read;
    /// A call to a path no RPC has.
    RpcUnknown = "rpc.unknown", read;
    /// The notifier or the authority opened a stream of the vault's events (one entry per
    /// stream, not per event).
    EventsFollow = "events.follow", read;
    /// A call to record a notification (a refused one: recorded ones are sent, failed, skipped).
    NotificationRecord = "notification.record", read;
    /// The notifier told people of an event (channel, recipients, attempt in the detail).
    NotificationSent = "notification.sent", read;
    /// The notifier tried to tell people of an event and could not.
    NotificationFailed = "notification.failed", read;
    /// The notifier chose not to tell anyone of an event (no address, for one).
    NotificationSkipped = "notification.skipped", read;
    /// The daemon's clock: a grant request still pending long after it was made.
    RequestOverdue = "request.overdue", read;
    /// The daemon's clock: a grant under which someone saw the current password ended, so the
    /// password should be changed.
    RotationRecommended = "rotation.recommended", read;
    /// The daemon's clock: a staged rotation still waiting for its confirmation or abort
    /// `staged_warn_after` after it was staged.
    RotationStagedStale = "rotation.staged_stale", read;
    /// The daemon's clock: an account's current password reached its maximum age.
    RotationDue = "rotation.due", read;
    /// The authority set how many signatures an account's grants need (her signed statement).
    AccountApprovals = "account.approvals", admin;
    /// A second signer added her signature to a grant an account needing two requires.
    GrantCosign = "grant.cosign", read;
    /// One grant read by id (`grant show`, and `grant cosign` before it signs).
    GrantGet = "grant.get", read;
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.wire())
    }
}

/// The action an entry read back names: one this build knows, or the entry's text as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionName<'a> {
    Known(Action),
    Unknown(&'a str),
}

impl<'a> ActionName<'a> {
    pub fn parse(wire: &'a str) -> Self {
        Action::from_wire(wire).map_or(ActionName::Unknown(wire), ActionName::Known)
    }

    /// Whether the review lists it among administrative events (an unknown action is not).
    pub fn is_administrative(self) -> bool {
        matches!(self, ActionName::Known(action) if action.is_administrative())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_back_from_its_wire_string_and_the_strings_are_distinct() {
        for (i, action) in Action::ALL.iter().enumerate() {
            assert_eq!(Action::from_wire(action.wire()), Some(*action));
            assert_eq!(action.to_string(), action.wire());
            for other in &Action::ALL[i + 1..] {
                assert_ne!(action.wire(), other.wire());
            }
        }
    }

    #[test]
    fn an_unknown_action_stays_text_and_is_not_administrative() {
        let name = ActionName::parse("key.escrow.approve");
        assert_eq!(name, ActionName::Unknown("key.escrow.approve"));
        assert!(!name.is_administrative());
        assert_eq!(
            ActionName::parse("account.add"),
            ActionName::Known(Action::AccountAdd)
        );
        assert!(ActionName::parse("account.add").is_administrative());
    }

    #[test]
    fn administrative_events_are_the_ones_that_change_the_vault() {
        // The review's former rule: these, and every key.* but the lists.
        let admin: Vec<&str> = Action::ALL
            .iter()
            .filter(|a| a.is_administrative())
            .map(|a| a.wire())
            .collect();
        assert_eq!(
            admin,
            [
                "account.add",
                "account.archive",
                "account.set",
                "secret.set",
                "secret.rotate.confirm",
                "secret.rotate.abort",
                "principal.enroll",
                "principal.renew",
                "principal.disable",
                "principal.enable",
                "principal.roles",
                "vault.seal",
                "vault.unseal",
                "vault.backup",
                "vault.restore",
                "vault.rekey",
                "vault.server_cert",
                "key.escrow.add",
                "key.escrow.remove",
                "key.passphrase.change",
                "key.unseal.replace",
                "key.escrow.propose",
                "key.unseal.propose",
                "key.change.approve",
                "authority.pin",
                "authority.rotate",
                "authority.delegate",
                "authority.delegation.revoke",
                "audit.cosign",
                "audit.witness.add",
                "audit.witness.remove",
                "account.approvals",
            ]
        );
    }
}
