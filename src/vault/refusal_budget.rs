//! How many refusals of one principal reach the audit log: a caller with a valid certificate
//! could otherwise write to the permanent log as fast as it can send refused calls. Each
//! principal has a budget per minute; past it, refusals are counted rather than written, and
//! the count goes on record with that principal's next recorded refusal. Allowed calls are
//! always recorded (they are bounded by what they do).

use crate::tlog::entry::{AuditDraft, Outcome};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Refusals of one principal recorded per minute.
pub const PER_MINUTE: u32 = 30;
/// Principals tracked before the table starts over (certificate fingerprints count too).
const MAX_TRACKED: usize = 4096;

#[derive(Default)]
pub struct RefusalBudget {
    by_principal: Mutex<HashMap<String, Window>>,
}

struct Window {
    started: Instant,
    recorded: u32,
    suppressed: u64,
}

impl std::fmt::Debug for RefusalBudget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RefusalBudget").finish_non_exhaustive()
    }
}

impl RefusalBudget {
    /// The entry to write for this outcome, or None when it is a refusal past the budget.
    pub fn admit(&self, mut draft: AuditDraft) -> Option<AuditDraft> {
        if draft.outcome == Outcome::Allowed {
            return Some(draft);
        }
        self.admit_at(&mut draft, Instant::now()).then_some(draft)
    }

    fn admit_at(&self, draft: &mut AuditDraft, now: Instant) -> bool {
        let Ok(mut table) = self.by_principal.lock() else {
            return true; // never lose a record to a poisoned lock
        };
        if table.len() >= MAX_TRACKED && !table.contains_key(&draft.principal) {
            table.clear();
        }
        let window = table.entry(draft.principal.clone()).or_insert(Window {
            started: now,
            recorded: 0,
            suppressed: 0,
        });
        if now.duration_since(window.started) >= Duration::from_secs(60) {
            window.started = now;
            window.recorded = 0;
        }
        if window.recorded >= PER_MINUTE {
            window.suppressed += 1;
            return false;
        }
        window.recorded += 1;
        let suppressed = std::mem::take(&mut window.suppressed);
        if suppressed > 0 {
            let note = format!("{suppressed} earlier refusals of this principal not recorded");
            draft.detail = Some(match draft.detail.take() {
                Some(d) => format!("{d}; {note}"),
                None => note,
            });
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tlog::action::Action;

    fn refusal(principal: &str) -> AuditDraft {
        AuditDraft {
            principal: principal.into(),
            action: Action::SecretHistory,
            targets: vec!["x".into()],
            outcome: Outcome::Denied,
            reason: Some("invalid_input".into()),
            grant: None,
            request_id: "r".into(),
            peer: "p".into(),
            detail: None,
        }
    }

    #[test]
    fn past_the_budget_refusals_are_counted_and_the_count_is_recorded_next_time() {
        let budget = RefusalBudget::default();
        let t0 = Instant::now();
        for _ in 0..PER_MINUTE {
            assert!(budget.admit_at(&mut refusal("auditor"), t0));
        }
        for _ in 0..5 {
            assert!(!budget.admit_at(&mut refusal("auditor"), t0));
        }
        // Another principal has a budget of its own; allowed calls are never held back.
        assert!(budget.admit_at(&mut refusal("admin"), t0));
        let mut allowed = refusal("auditor");
        allowed.outcome = Outcome::Allowed;
        assert!(budget.admit(allowed).is_some());
        let mut next = refusal("auditor");
        assert!(budget.admit_at(&mut next, t0 + Duration::from_secs(61)));
        assert_eq!(
            next.detail.as_deref(),
            Some("5 earlier refusals of this principal not recorded")
        );
    }
}
