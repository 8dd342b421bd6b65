//! The vault domain: the open store plus the data key when unsealed, and every audited operation
//! (each records its outcome in the same commit as its effect). Every operation takes an
//! authenticated [`Caller`], which only [`Vault::authenticate`] makes, on every call.
//! May import: `store`, `crypto`, the pure modules, and `wire::reason` (codes); never tonic.

mod accounts;
mod acting_authority;
pub mod approvals;
pub mod audit_facts;
mod audit_log;
pub mod backup;
pub mod clock;
mod cosign;
pub mod create;
mod credentials;
pub mod data_key_wraps_and_rekey;
pub mod delegations;
pub mod error;
pub mod events;
mod grants;
pub mod key_custody;
mod known_principals;
pub mod notifications;
mod principals;
mod refusal_budget;
pub mod request_waits;
pub mod restore;
pub mod rotation;
pub mod rotation_due;
mod seal;
pub mod sealed_key_file_copies;
mod second_signers;
mod secrets;
pub mod server_cert;
mod server_side;
pub mod sessions;
mod staged_release;
mod stream_slots;
mod verified_grants;
pub mod witnesses;

pub use accounts::{AccountChange, NewAccountInput};
pub use audit_log::{AuditFilter, AuditPage, MAX_PAGE};
pub use credentials::{CredentialField, Release, Released, Selection};
pub use grants::{grant_state, GrantFilter, GrantPolicy, GrantView, MAX_PURPOSE};
pub use principals::EnrollResult;
pub(crate) use principals::CA_KEY_BINDING;
pub(crate) use seal::seal_key_check;
pub use secrets::SecretInput;
pub use server_side::{CertificateHolder, TlsMaterial};
pub use sessions::{Access, Ended, Held};
// The records the domain returns: plain data read from the store, no connection attached.
pub use crate::store::accounts::AccountRecord;
pub use crate::store::events::EventRecord;
pub use crate::store::grants::{AuthorityKey, RequestRecord};
pub use crate::store::principals::PrincipalRecord;
pub use crate::store::secrets::VersionRecord;

use crate::crypto::data_key::DataKey;
use crate::ids::Role;
use crate::store::principals_generation::PrincipalsSeen;
use crate::store::{self, Store};
use crate::tlog::action::Action;
use crate::tlog::entry::{AuditDraft, Outcome};
use crate::vault::audit_facts::{AuditFacts, Audited};
use crate::vault::error::{Error, Result};
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};

/// An authenticated principal, for the duration of one call, with where the call came from.
/// Cloned several times per call (request extensions, the writer's job, streams): shared, so
/// that a clone is a count, not five strings.
#[derive(Debug, Clone)]
pub struct Caller(Arc<CallerFacts>);

#[derive(Debug)]
struct CallerFacts {
    name: String,
    roles: Vec<Role>,
    peer: String,
    request_id: String,
    /// When the certificate it called with expires (0 for the vault's own acts).
    cert_not_after: i64,
    /// The fingerprint of the certificate it called with (empty for the vault's own acts).
    certificate: String,
    /// What it opens ends with its access (None for the vault's own acts).
    access: Option<sessions::Access>,
    /// The count of writes to principals its principal was looked up at (None for the
    /// vault's own acts).
    principals_seen: Option<PrincipalsSeen>,
}

impl crate::vault::audit_facts::AuditFacts for Caller {}

impl Caller {
    pub fn name(&self) -> &str {
        &self.0.name
    }

    pub fn roles(&self) -> &[Role] {
        &self.0.roles
    }

    pub fn cert_not_after(&self) -> i64 {
        self.0.cert_not_after
    }

    /// The fingerprint of the certificate it called with (empty for the vault's own acts).
    pub fn certificate(&self) -> &str {
        &self.0.certificate
    }

    /// No principal was written since this caller was looked up: what it was authenticated
    /// with is what the database holds (store/principals_generation.rs says why).
    pub(crate) fn principals_unchanged(&self) -> bool {
        self.0
            .principals_seen
            .as_ref()
            .is_some_and(PrincipalsSeen::unchanged)
    }

    /// What a stream this caller opens waits on to end with its access.
    pub fn access(&self) -> Option<sessions::Access> {
        self.0.access.clone()
    }

    /// The vault acting on its own behalf (`vaultd init`, `vaultd dev` seeding), under a name
    /// no principal may be enrolled with.
    pub(crate) fn system(name: &str) -> Self {
        debug_assert!(
            crate::limits::is_reserved_name(name),
            "{name} is not reserved: a principal could be enrolled under it"
        );
        Self(Arc::new(CallerFacts {
            name: name.to_owned(),
            roles: Role::ALL.to_vec(),
            peer: "local".into(),
            request_id: crate::ids::new_request_id(),
            cert_not_after: 0,
            certificate: String::new(),
            access: None,
            principals_seen: None,
        }))
    }

    /// An audit entry for `action` on several targets (the accounts of a grant request).
    pub fn draft_many(&self, action: Action, targets: &[String]) -> AuditDraft {
        AuditDraft {
            targets: targets.to_vec(),
            ..self.draft(action, "")
        }
    }

    /// An audit entry for `action` on `target` by this caller, before its outcome.
    pub fn draft(&self, action: Action, target: impl Into<String>) -> AuditDraft {
        AuditDraft {
            principal: self.0.name.clone(),
            action,
            targets: vec![target.into()],
            outcome: Outcome::Allowed,
            reason: None,
            grant: None,
            request_id: self.0.request_id.clone(),
            peer: self.0.peer.clone(),
            detail: None,
        }
    }
}

/// Where a call comes from, for the audit log.
#[derive(Debug, Clone)]
pub struct Origin {
    pub peer: String,
    pub request_id: String,
}

/// The open vault.
pub struct Vault {
    store: Store,
    data_key: RwLock<Option<Arc<DataKey>>>,
    unseal_attempts: Mutex<seal::Throttle>,
    /// One passphrase attempt at a time, so the throttle counts each before the next starts.
    unseal_gate: tokio::sync::Mutex<()>,
    /// One backup at a time, held until its stream ends: each keeps an encrypted copy of the
    /// database on disk meanwhile.
    backup_gate: Arc<tokio::sync::Mutex<()>>,
    grant_policy: GrantPolicy,
    /// Grant bodies whose signatures were verified, so releases do not verify them again.
    verified_grants: Arc<verified_grants::VerifiedGrants>,
    /// Certificate fingerprints already resolved to principals (forgotten on every change).
    known_principals: known_principals::KnownPrincipals,
    /// Refusals per principal that reach the audit log (the rest are counted).
    refusals: Arc<refusal_budget::RefusalBudget>,
    /// Certificates of disabled principals, refused at the TLS handshake.
    revoked_certificates: Arc<RwLock<std::collections::HashSet<String>>>,
    /// Changes that end the streams and connections principals hold open.
    sessions: sessions::Sessions,
    /// Grant requests' decisions, for those waiting on them.
    decisions: request_waits::Decisions,
    /// The event streams open per principal.
    follows: stream_slots::StreamSlots,
    /// When the events time causes fall due.
    clock: clock::Clock,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("store", &self.store)
            .field("sealed", &self.is_sealed())
            .finish()
    }
}

/// Counts shown by `vault-cli status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusReport {
    pub sealed: bool,
    pub accounts: u64,
    pub archived_accounts: u64,
    pub principals: u64,
    pub secret_versions: u64,
    pub schema_version: u32,
}

impl crate::vault::audit_facts::AuditFacts for StatusReport {}

impl Vault {
    /// Opens the vault in `data_dir`, sealed.
    pub fn open(data_dir: &Path) -> Result<Self> {
        Ok(Self::from_store(Store::open(data_dir)?))
    }

    pub(crate) fn from_store(store: Store) -> Self {
        Self {
            known_principals: known_principals::KnownPrincipals::new(store.principals_generation()),
            store,
            data_key: RwLock::new(None),
            unseal_attempts: Mutex::new(seal::Throttle::default()),
            unseal_gate: tokio::sync::Mutex::new(()),
            backup_gate: Arc::new(tokio::sync::Mutex::new(())),
            grant_policy: GrantPolicy::default(),
            verified_grants: Arc::default(),
            refusals: Arc::default(),
            revoked_certificates: Arc::default(),
            sessions: Default::default(),
            decisions: Default::default(),
            follows: stream_slots::StreamSlots::new(events::MAX_FOLLOWS_PER_PRINCIPAL),
            clock: Default::default(),
        }
    }

    /// Sets the grant rules (from the configuration).
    pub fn with_grant_policy(mut self, policy: GrantPolicy) -> Self {
        self.grant_policy = policy;
        self
    }

    /// Resolves a client certificate fingerprint to an enabled principal holding one of
    /// `needs` (any enrolled, enabled principal when empty). A refusal is recorded as `action`.
    pub async fn authenticate(
        &self,
        fingerprint: &str,
        needs: &[Role],
        action: Action,
        origin: Origin,
    ) -> Result<Caller> {
        // Before the lookup: a change that the lookup missed still ends what this call opens.
        let mark = self.sessions.mark();
        let (record, generation) = match self.known_principals.lookup(fingerprint) {
            Ok(known) => known,
            Err(generation) => {
                let key = fingerprint.to_owned();
                let record = self
                    .store
                    .run(move |c| store::principals::by_fingerprint(c, &key))
                    .await?;
                self.known_principals
                    .remember(generation, fingerprint, record.clone());
                (record, generation)
            }
        };
        let draft = |principal: String| AuditDraft {
            principal,
            action,
            targets: Vec::new(),
            outcome: Outcome::Denied,
            reason: None,
            grant: None,
            request_id: origin.request_id.clone(),
            peer: origin.peer.clone(),
            detail: None,
        };
        let refusal = match &record {
            // Recorded under the certificate's fingerprint: it belongs to no principal.
            None => Some((format!("cert:{fingerprint}"), Error::NotEnrolled)),
            Some(r) if r.disabled => Some((r.name.clone(), Error::Disabled(r.name.clone()))),
            Some(r) if !needs.is_empty() && !needs.iter().any(|role| r.roles.contains(role)) => {
                Some((r.name.clone(), Error::Forbidden(needs[0])))
            }
            Some(_) => None,
        };
        if let Some((principal, error)) = refusal {
            let refused: Result<Caller> = Err(error);
            if let Some(entry) = self.refusals.admit(draft(principal).with(&refused)) {
                self.store.audit(entry).await?;
            }
            return refused;
        }
        let Some(record) = record else {
            return Err(Error::NotEnrolled);
        };
        Ok(Caller(Arc::new(CallerFacts {
            access: Some(self.sessions.access(mark, &record.name)),
            name: record.name,
            roles: record.roles,
            peer: origin.peer,
            request_id: origin.request_id,
            cert_not_after: record.cert_not_after,
            certificate: fingerprint.to_owned(),
            principals_seen: Some(PrincipalsSeen::new(
                self.store.principals_generation(),
                generation,
            )),
        })))
    }

    /// A principal's access changed (disabled, roles, certificate): the next call looks it up
    /// again, and what it holds open ends. In this order, so that no call can look up the old
    /// answer after its streams were told to end.
    fn principal_changed(&self, name: &str) {
        self.known_principals.forget();
        self.sessions.principal_changed(name);
    }

    /// Runs `f` in a write transaction and records its outcome in the audit log in the same
    /// commit: allowed, or denied/error with the reason code. Checks belong inside `f` so that
    /// every refusal is on record too.
    pub(crate) async fn audited<T, F>(&self, draft: AuditDraft, f: F) -> Result<T>
    where
        T: AuditFacts + Send + 'static,
        F: FnOnce(&rusqlite::Transaction<'_>) -> Result<T> + Send + 'static,
    {
        let refusals = self.refusals.clone();
        self.store
            .transact_audited(f, move |result: &Result<T>| {
                refusals.admit(draft.with(result))
            })
            .await
    }

    /// Records an outcome that needed no write of its own (seal, unseal, reads of the log).
    pub async fn record<T: AuditFacts>(&self, draft: AuditDraft, result: Result<T>) -> Result<T> {
        if let Some(entry) = self.refusals.admit(draft.with(&result)) {
            self.store.audit(entry).await?;
        }
        result
    }

    /// The data key, or `Sealed`.
    fn key(&self) -> Result<Arc<DataKey>> {
        self.data_key
            .read()
            .map_err(|_| Error::Internal("data key lock poisoned".into()))?
            .clone()
            .ok_or(Error::Sealed)
    }

    pub fn is_sealed(&self) -> bool {
        self.data_key.read().map(|k| k.is_none()).unwrap_or(true)
    }

    pub async fn status(&self) -> Result<StatusReport> {
        let sealed = self.is_sealed();
        Ok(self
            .store
            .run(move |c| {
                let (accounts, archived_accounts) = store::accounts::counts(c)?;
                Ok(StatusReport {
                    sealed,
                    accounts,
                    archived_accounts,
                    principals: store::principals::count(c)?,
                    secret_versions: store::secrets::count_versions(c)?,
                    schema_version: store::migrations::schema_version(c)?,
                })
            })
            .await?)
    }
}
