//! Every action an audit entry can name, as a type: its wire string (what the entry's `action`
//! field holds, forever), its label in French and English, and whether the review report lists
//! it among administrative events, each stated once in the table below. Code names an
//! [`Action`], never a string, so a typo does not compile. An entry read from an export may name
//! an action this build does not know (an older or newer vault): [`ActionName`] keeps it as text.

/// Declares the actions: `Variant = "wire", admin|-, fr, en;`.
macro_rules! actions {
    ($( $(#[$doc:meta])* $variant:ident = $wire:literal, $kind:ident, $fr:literal, $en:literal; )*) => {
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

            /// A short label for tables: (French, English).
            pub const fn labels(self) -> (&'static str, &'static str) {
                match self {
                    $(Action::$variant => ($fr, $en),)*
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
    CredentialGet = "credential.get", read, "remettre un identifiant", "release a credential";
    GrantIssue = "grant.issue", read, "émettre une autorisation", "issue a grant";
    GrantRegister = "grant.register", read, "enregistrer une autorisation", "register a grant";
    GrantApprove = "grant.approve", read, "approuver une demande", "approve a request";
    GrantDeny = "grant.deny", read, "refuser une demande", "deny a request";
    GrantRevoke = "grant.revoke", read, "révoquer une autorisation", "revoke a grant";
    GrantRequest = "grant.request", read, "demander une autorisation", "request a grant";
    GrantList = "grant.list", read, "lister les autorisations", "list grants";
    GrantPending = "grant.pending", read, "lister les demandes en attente", "list pending requests";
    GrantShow = "grant.show", read, "afficher une demande", "show a request";
    AccountAdd = "account.add", admin, "ajouter un compte", "add an account";
    AccountArchive = "account.archive", admin, "archiver un compte", "archive an account";
    AccountList = "account.list", read, "lister les comptes", "list accounts";
    AccountShow = "account.show", read, "afficher un compte", "show an account";
    SecretSet = "secret.set", admin, "enregistrer un secret", "set a secret";
    SecretHistory = "secret.history", read, "historique d'un secret", "secret history";
    PrincipalEnroll = "principal.enroll", admin, "inscrire une personne", "enrol a principal";
    PrincipalRenew = "principal.renew", admin, "renouveler un certificat", "renew a certificate";
    PrincipalDisable = "principal.disable", admin, "désactiver une personne", "disable a principal";
    PrincipalEnable = "principal.enable", admin, "réactiver une personne", "enable a principal";
    PrincipalRoles = "principal.roles", admin, "changer des rôles", "change roles";
    PrincipalList = "principal.list", read, "lister les personnes", "list principals";
    VaultSeal = "vault.seal", admin, "sceller le coffre", "seal the vault";
    VaultUnseal = "vault.unseal", admin, "desceller le coffre", "unseal the vault";
    VaultStatus = "vault.status", read, "état du coffre", "vault status";
    VaultWhoami = "vault.whoami", read, "qui suis-je", "who am I";
    VaultBackup = "vault.backup", admin, "sauvegarder le coffre", "back up the vault";
    VaultRestore = "vault.restore", admin, "restaurer le coffre", "restore the vault";
    VaultRekey = "vault.rekey", admin, "changer la clé de données", "rekey the vault";
    VaultServerCert = "vault.server_cert", admin, "certificat du serveur", "server certificate";
    KeyList = "key.list", read, "lister les clés", "list keys";
    KeyEscrowAdd = "key.escrow.add", admin, "ajouter une clé de séquestre", "add an escrow key";
    KeyEscrowRemove = "key.escrow.remove", admin, "retirer une clé de séquestre", "remove an escrow key";
    KeyPassphraseChange = "key.passphrase.change", admin, "changer la phrase de passe", "change the passphrase";
    KeyUnsealReplace = "key.unseal.replace", admin, "remplacer la clé de descellement", "replace the unseal key";
    AuthorityPin = "authority.pin", admin, "épingler la clé de l'autorité", "pin the authority key";
    AuthorityRotate = "authority.rotate", admin, "remplacer la clé de l'autorité", "rotate the authority key";
    AuthorityKey = "authority.key", read, "clé de l'autorité", "authority key";
    AuditQuery = "audit.query", read, "consulter le journal", "query the log";
    AuditTail = "audit.tail", read, "suivre le journal", "tail the log";
    AuditExport = "audit.export", read, "exporter le journal", "export the log";
    AuditCheckpoint = "audit.checkpoint", read, "point de contrôle du journal", "log checkpoint";
    AuditConsistency = "audit.consistency", read, "preuve de cohérence", "consistency proof";
    AuditProve = "audit.prove", read, "preuve d'inclusion", "inclusion proof";
    AuditKey = "audit.key", read, "clé du journal", "log key";
    AuditCosign = "audit.cosign", admin, "cosignature d'un témoin", "witness cosignature";
    /// Calls refused while the writer was overloaded, counted into one entry.
    CallsRefused = "calls.refused", read, "appels refusés", "calls refused";
    /// A TLS connection refused before any principal was known.
    ConnectionRefused = "connection.refused", read, "connexion refusée", "connection refused";
    /// A call whose message did not decode (the entry's target is the RPC's action).
    RpcMalformed = "rpc.malformed", read, "appel mal formé", "malformed call";
    /// A call to a path no RPC has.
    RpcUnknown = "rpc.unknown", read, "appel inconnu", "unknown call";
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
            let (fr, en) = action.labels();
            assert!(!fr.is_empty() && !en.is_empty(), "{action}");
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
        // The review's former rule: these, and every key.* but key.list.
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
                "secret.set",
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
                "authority.pin",
                "authority.rotate",
                "audit.cosign",
            ]
        );
    }
}
