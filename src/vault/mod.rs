//! The vault domain: the open store plus the data key when unsealed. Every operation takes an
//! authenticated [`Caller`], which only [`Vault::authenticate`] makes, after checking that the
//! principal is enabled and holds the role the call needs, on every call.

mod accounts;
mod credentials;
mod grants;
mod principals;
mod seal;
mod secrets;

pub use accounts::NewAccountInput;
pub use credentials::{CredentialField, Release};
pub use grants::{grant_state, GrantFilter, GrantPolicy, GrantView, MAX_PURPOSE};
pub use principals::EnrollResult;
pub(crate) use principals::CA_KEY_BINDING;
pub(crate) use seal::seal_key_check;
pub use secrets::SecretInput;

use crate::crypto::data_key::DataKey;
use crate::error::{Error, Result};
use crate::ids::Role;
use crate::store::{self, Store};
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};

/// An authenticated principal, for the duration of one call.
#[derive(Debug, Clone)]
pub struct Caller {
    name: String,
    roles: Vec<Role>,
}

impl Caller {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    /// The vault acting on its own behalf (`vaultd init`, `vaultd dev` seeding).
    pub(crate) fn system(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            roles: Role::ALL.to_vec(),
        }
    }
}

/// The open vault.
pub struct Vault {
    store: Store,
    data_key: RwLock<Option<Arc<DataKey>>>,
    unseal_attempts: Mutex<seal::Throttle>,
    grant_policy: GrantPolicy,
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

impl Vault {
    /// Opens the vault in `data_dir`, sealed.
    pub fn open(data_dir: &Path) -> Result<Self> {
        Ok(Self::from_store(Store::open(data_dir)?))
    }

    pub(crate) fn from_store(store: Store) -> Self {
        Self {
            store,
            data_key: RwLock::new(None),
            unseal_attempts: Mutex::new(seal::Throttle::default()),
            grant_policy: GrantPolicy::default(),
        }
    }

    /// Sets the grant rules (from the configuration).
    pub fn with_grant_policy(mut self, policy: GrantPolicy) -> Self {
        self.grant_policy = policy;
        self
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Resolves a client certificate fingerprint to an enabled principal holding `needs` (any
    /// enrolled, enabled principal when `needs` is None).
    pub async fn authenticate(&self, fingerprint: &str, needs: Option<Role>) -> Result<Caller> {
        let fingerprint = fingerprint.to_owned();
        let record = self
            .store
            .run(move |c| store::principals::by_fingerprint(c, &fingerprint))
            .await?
            .ok_or(Error::NotEnrolled)?;
        if record.disabled {
            return Err(Error::Disabled(record.name));
        }
        if let Some(role) = needs {
            if !record.roles.contains(&role) {
                return Err(Error::Forbidden(role));
            }
        }
        Ok(Caller {
            name: record.name,
            roles: record.roles,
        })
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
