//! A count of the writes to principals and their roles, kept by the writer, so that a release
//! need not read its caller's principal again when nothing about any principal changed since
//! the call was authenticated.
//!
//! The count goes up twice for a change: as the writer's statement writes the row (SQLite's
//! update hook on the writer connection, whatever code path wrote it), and again once that
//! batch has committed or failed, before anyone is answered and before the next batch runs. A
//! call remembers the count it read before it looked its principal up. When the writer finds
//! the same count, no principal row was written after that read (or it would have counted),
//! and none committed after it (the second count): what the call was authenticated with is
//! still what the database holds. Any other count, and the writer reads the principal again.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

#[derive(Debug, Default)]
pub struct PrincipalsGeneration {
    count: AtomicU64,
    /// A principal row was written in the batch now running.
    touched: AtomicBool,
}

impl PrincipalsGeneration {
    pub fn current(&self) -> u64 {
        self.count.load(Ordering::SeqCst)
    }

    /// Principals may have changed (said by code outside the writer, e.g. after a commit).
    pub fn bump(&self) {
        self.count.fetch_add(1, Ordering::SeqCst);
    }

    /// The writer's update hook: `table` has a row inserted, updated or deleted.
    pub(crate) fn row_written(&self, table: &str) {
        if matches!(table, "principals" | "principal_roles") {
            self.touched.store(true, Ordering::SeqCst);
            self.bump();
        }
    }

    /// The writer's batch ended, committed or not; called before its jobs are answered.
    pub(crate) fn batch_ended(&self) {
        if self.touched.swap(false, Ordering::SeqCst) {
            self.bump();
        }
    }
}

/// The count a call's principal was looked up at.
#[derive(Debug, Clone)]
pub struct PrincipalsSeen {
    generation: std::sync::Arc<PrincipalsGeneration>,
    at: u64,
}

impl PrincipalsSeen {
    pub fn new(generation: std::sync::Arc<PrincipalsGeneration>, at: u64) -> Self {
        Self { generation, at }
    }

    /// No principal was written since (see the module's comment for why this is enough).
    pub fn unchanged(&self) -> bool {
        self.generation.current() == self.at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_principal_write_counts_as_it_runs_and_again_when_its_batch_ends() {
        let generation = std::sync::Arc::new(PrincipalsGeneration::default());
        let before = PrincipalsSeen::new(generation.clone(), generation.current());
        generation.row_written("audit_log");
        generation.batch_ended();
        assert!(before.unchanged(), "other tables do not count");
        generation.row_written("principal_roles");
        assert!(!before.unchanged());
        // Read between the write and the commit: the row it read may be the old one.
        let during = PrincipalsSeen::new(generation.clone(), generation.current());
        generation.batch_ended();
        assert!(!during.unchanged());
        let after = PrincipalsSeen::new(generation.clone(), generation.current());
        generation.batch_ended();
        assert!(
            after.unchanged(),
            "a batch without principal writes does not count"
        );
        generation.bump();
        assert!(!after.unchanged());
    }
}
