//! Who each client certificate belongs to, remembered between calls so that authenticating a
//! call costs no database read. Every change to principals goes through this process (one
//! process owns a vault), and each one forgets everything here before it answers, so a disabled
//! principal or a removed role is refused from the very next call, as without the cache.

use crate::store::principals::PrincipalRecord;
use crate::store::principals_generation::PrincipalsGeneration;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Certificates remembered before starting over (a vault has tens of principals).
const MAX_ENTRIES: usize = 1024;

/// The answers are valid for one count of writes to principals (the store's, bumped by the
/// writer as it writes one and again when that batch ends, and by [`Self::forget`]): a
/// different count empties them first.
pub struct KnownPrincipals {
    generation: Arc<PrincipalsGeneration>,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// The count the answers below were read at.
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
    pub fn new(generation: Arc<PrincipalsGeneration>) -> Self {
        Self {
            generation,
            inner: Mutex::default(),
        }
    }

    /// The remembered answer with the count it is valid at, or (Err) the count to hand back to
    /// [`Self::remember`], read before the caller looks the certificate up.
    pub fn lookup(&self, fingerprint: &str) -> Result<(Option<PrincipalRecord>, u64), u64> {
        let mut inner = self.inner.lock().map_err(|_| self.generation.current())?;
        let now = self.generation.current();
        if inner.generation != now {
            inner.generation = now;
            inner.by_fingerprint.clear();
        }
        match inner.by_fingerprint.get(fingerprint) {
            Some(found) => Ok((found.clone(), now)),
            None => Err(now),
        }
    }

    /// Stores an answer read at `generation`, unless principals changed since.
    pub fn remember(&self, generation: u64, fingerprint: &str, found: Option<PrincipalRecord>) {
        if let Ok(mut inner) = self.inner.lock() {
            if self.generation.current() != generation || inner.generation != generation {
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
        self.generation.bump();
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
        let known = KnownPrincipals::new(Default::default());
        let generation = known.lookup("f").unwrap_err();
        known.remember(generation, "f", Some(record(false)));
        assert!(!known.lookup("f").unwrap().0.unwrap().disabled);
        // A lookup starts, the principal is disabled meanwhile, the old answer arrives late.
        known.forget();
        let generation = known.lookup("f").unwrap_err();
        known.forget();
        known.remember(generation, "f", Some(record(false)));
        assert!(known.lookup("f").is_err(), "the stale answer was not kept");
    }
}
