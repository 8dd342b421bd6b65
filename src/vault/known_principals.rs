//! Who each client certificate belongs to, remembered between calls so that authenticating a
//! call costs no database read. Every change to principals goes through this process (one
//! process owns a vault), and each one forgets everything here before it answers, so a disabled
//! principal or a removed role is refused from the very next call, as without the cache.

use crate::store::principals::PrincipalRecord;
use std::collections::HashMap;
use std::sync::Mutex;

/// Certificates remembered before starting over (a vault has tens of principals).
const MAX_ENTRIES: usize = 1024;

#[derive(Default)]
pub struct KnownPrincipals {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// Bumped by every change, so a lookup that raced with one does not store a stale answer.
    generation: u64,
    /// Fingerprint to principal (None: the certificate belongs to nobody).
    by_fingerprint: HashMap<String, Option<PrincipalRecord>>,
}

impl std::fmt::Debug for KnownPrincipals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KnownPrincipals").finish_non_exhaustive()
    }
}

impl KnownPrincipals {
    /// The remembered answer, or the generation to hand back to [`Self::remember`].
    pub fn lookup(&self, fingerprint: &str) -> Result<Option<PrincipalRecord>, u64> {
        let inner = self.inner.lock().map_err(|_| 0u64)?;
        match inner.by_fingerprint.get(fingerprint) {
            Some(found) => Ok(found.clone()),
            None => Err(inner.generation),
        }
    }

    /// Stores an answer read at `generation`, unless principals changed since.
    pub fn remember(&self, generation: u64, fingerprint: &str, found: Option<PrincipalRecord>) {
        if let Ok(mut inner) = self.inner.lock() {
            if inner.generation != generation {
                return;
            }
            if inner.by_fingerprint.len() >= MAX_ENTRIES {
                inner.by_fingerprint.clear();
            }
            inner.by_fingerprint.insert(fingerprint.to_owned(), found);
        }
    }

    /// Forgets everything: principals changed (or may have).
    pub fn forget(&self) {
        if let Ok(mut inner) = self.inner.lock() {
            inner.generation += 1;
            inner.by_fingerprint.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::Role;

    fn record(disabled: bool) -> PrincipalRecord {
        PrincipalRecord {
            name: "admin".into(),
            roles: vec![Role::Admin],
            disabled,
            created_at: 0,
            created_by: "op".into(),
            cert_fingerprint: "f".into(),
            cert_not_after: 0,
        }
    }

    #[test]
    fn a_change_forgets_and_a_lookup_that_raced_with_it_is_not_stored() {
        let known = KnownPrincipals::default();
        let generation = known.lookup("f").unwrap_err();
        known.remember(generation, "f", Some(record(false)));
        assert!(!known.lookup("f").unwrap().unwrap().disabled);
        // A lookup starts, the principal is disabled meanwhile, the old answer arrives late.
        known.forget();
        let generation = known.lookup("f").unwrap_err();
        known.forget();
        known.remember(generation, "f", Some(record(false)));
        assert!(known.lookup("f").is_err(), "the stale answer was not kept");
    }
}
