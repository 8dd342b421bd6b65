//! How many long-lived streams of one kind (waits on a decision, event follows) each principal
//! holds open: a slot is taken when one opens and given back when it is dropped, so a principal
//! cannot hold the daemon's tasks and memory without bound.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// The open streams of one kind, per principal, up to `max` each.
#[derive(Debug)]
pub(crate) struct StreamSlots {
    max: usize,
    open: Arc<Mutex<HashMap<String, usize>>>,
}

/// One open stream, counted against its principal until dropped.
#[derive(Debug)]
pub(crate) struct Slot {
    open: Arc<Mutex<HashMap<String, usize>>>,
    principal: String,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = open.get_mut(&self.principal) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.principal);
            }
        }
    }
}

impl StreamSlots {
    pub(crate) fn new(max: usize) -> Self {
        StreamSlots {
            max,
            open: Arc::default(),
        }
    }

    /// A slot for `principal`, or None when it holds `max` already.
    pub(crate) fn hold(&self, principal: &str) -> Option<Slot> {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        let held = open.entry(principal.to_owned()).or_insert(0);
        if *held >= self.max {
            return None;
        }
        *held += 1;
        Some(Slot {
            open: self.open.clone(),
            principal: principal.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_principal_holds_at_most_max_slots_and_gets_them_back_when_dropped() {
        let slots = StreamSlots::new(2);
        let a = slots.hold("a").unwrap();
        let _b = slots.hold("a").unwrap();
        assert!(slots.hold("a").is_none());
        assert!(slots.hold("b").is_some(), "another principal has its own");
        drop(a);
        assert!(slots.hold("a").is_some());
    }
}
