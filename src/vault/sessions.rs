//! When what a principal holds open must end. Access is checked on every call, but a stream
//! (an `audit tail`, an export, a backup) or a connection outlives the call that opened it, so
//! each holds an [`Access`] taken when its principal was authenticated and waits on
//! [`Access::ended`] beside its work: a disable, a role change or a renewal ends that
//! principal's streams and connections, a seal ends every stream, and a stop ends everything.
//! A new kind of stream gets this by holding an `Access`, with no code of its own.

use std::collections::HashMap;
use tokio::sync::watch;

/// Why what a principal held open ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The principal was disabled, its roles changed or its certificate was renewed.
    AccessChanged,
    /// The vault was sealed.
    Sealed,
    /// The daemon is stopping.
    Stopping,
}

impl Ended {
    /// A short English hint for logs and stock clients.
    pub fn hint(self) -> &'static str {
        match self {
            Ended::AccessChanged => "the principal's access changed",
            Ended::Sealed => "the vault was sealed",
            Ended::Stopping => "the vault is stopping",
        }
    }
}

/// What an open stream or connection is: a connection outlives a seal (each call on it is
/// checked again), a stream does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    Stream,
    Connection,
}

#[derive(Debug, Default)]
struct State {
    /// Changes to principals so far, all principals together.
    changes: u64,
    /// For each principal whose access changed, the number of its latest change.
    changed_at: HashMap<String, u64>,
    seals: u64,
    stopping: bool,
}

/// The vault's record of changes that end what principals hold open.
#[derive(Debug)]
pub struct Sessions {
    state: watch::Sender<State>,
}

impl Default for Sessions {
    fn default() -> Self {
        Self {
            state: watch::Sender::new(State::default()),
        }
    }
}

/// Where the changes stood before a principal was looked up: a change after this point ends
/// what is opened under that lookup, even if the lookup read the principal before the change.
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    changes: u64,
    seals: u64,
}

impl Sessions {
    /// Taken before reading who a certificate belongs to.
    pub fn mark(&self) -> Mark {
        let state = self.state.borrow();
        Mark {
            changes: state.changes,
            seals: state.seals,
        }
    }

    /// What `principal`, looked up after `mark`, holds from now on.
    pub fn access(&self, mark: Mark, principal: &str) -> Access {
        Access {
            principal: principal.to_owned(),
            mark,
            changes: self.state.subscribe(),
        }
    }

    /// `principal` was disabled, re-roled, renewed or enrolled again: what it holds ends. Called
    /// after the change is committed and the known principals forgotten, so that a lookup that
    /// raced with it either saw the change or took its mark before this.
    pub fn principal_changed(&self, principal: &str) {
        self.state.send_modify(|state| {
            state.changes += 1;
            let at = state.changes;
            state.changed_at.insert(principal.to_owned(), at);
        });
    }

    /// The data key was forgotten: every stream ends.
    pub fn sealed(&self) {
        self.state.send_modify(|state| state.seals += 1);
    }

    /// The daemon is stopping: everything ends.
    pub fn stop(&self) {
        self.state.send_modify(|state| state.stopping = true);
    }

    /// Completes once [`Sessions::stop`] was called.
    pub async fn stopping(&self) {
        let mut changes = self.state.subscribe();
        let _ = changes.wait_for(|state| state.stopping).await;
    }
}

/// Whether what `principal` opened at `mark` and holds as `held` must end in `state`.
fn ended_in(principal: &str, mark: Mark, state: &State, held: Held) -> Option<Ended> {
    if state.stopping {
        return Some(Ended::Stopping);
    }
    let changed = state
        .changed_at
        .get(principal)
        .is_some_and(|at| *at > mark.changes);
    if changed {
        return Some(Ended::AccessChanged);
    }
    (held == Held::Stream && state.seals > mark.seals).then_some(Ended::Sealed)
}

/// What one authenticated principal holds open, and the means to learn when it must end.
#[derive(Debug, Clone)]
pub struct Access {
    principal: String,
    mark: Mark,
    changes: watch::Receiver<State>,
}

impl Access {
    /// The principal it is the access of.
    pub fn principal(&self) -> &str {
        &self.principal
    }

    /// Whether what was opened under this access must end now, and why.
    pub fn has_ended(&self, held: Held) -> Option<Ended> {
        ended_in(&self.principal, self.mark, &self.changes.borrow(), held)
    }

    /// Completes when what is `held` under this access must end (at once if it already must).
    pub async fn ended(self, held: Held) -> Ended {
        let Access {
            principal,
            mark,
            mut changes,
        } = self;
        let mut why = None;
        let waited = changes
            .wait_for(|state| {
                why = ended_in(&principal, mark, state, held);
                why.is_some()
            })
            .await;
        match waited {
            Ok(_) => why.unwrap_or(Ended::Stopping),
            // The vault is gone: nothing it let open stays open.
            Err(_) => Ended::Stopping,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now_or_never<F: std::future::Future>(f: F) -> Option<F::Output> {
        let waker = std::task::Waker::noop();
        let mut cx = std::task::Context::from_waker(waker);
        let mut f = std::pin::pin!(f);
        match f.as_mut().poll(&mut cx) {
            std::task::Poll::Ready(v) => Some(v),
            std::task::Poll::Pending => None,
        }
    }

    #[test]
    fn a_change_to_one_principal_ends_what_it_holds_and_nothing_else() {
        let sessions = Sessions::default();
        let mark = sessions.mark();
        let auditor = sessions.access(mark, "auditor");
        let operator = sessions.access(mark, "operator");
        sessions.principal_changed("auditor");
        assert_eq!(
            now_or_never(auditor.clone().ended(Held::Stream)),
            Some(Ended::AccessChanged)
        );
        assert_eq!(
            auditor.has_ended(Held::Connection),
            Some(Ended::AccessChanged)
        );
        assert_eq!(operator.has_ended(Held::Stream), None);
        assert_eq!(now_or_never(operator.ended(Held::Stream)), None);
        // Looked up after the change: its own access is current.
        let again = sessions.access(sessions.mark(), "auditor");
        assert_eq!(again.has_ended(Held::Stream), None);
    }

    #[test]
    fn a_lookup_that_raced_with_a_change_is_ended_by_it() {
        let sessions = Sessions::default();
        // The mark is taken, the principal read (still enabled), then it is disabled.
        let mark = sessions.mark();
        sessions.principal_changed("admin");
        let access = sessions.access(mark, "admin");
        assert_eq!(
            access.has_ended(Held::Connection),
            Some(Ended::AccessChanged)
        );
    }

    #[test]
    fn a_seal_ends_streams_not_connections_and_a_stop_ends_everything() {
        let sessions = Sessions::default();
        let access = sessions.access(sessions.mark(), "auditor");
        sessions.sealed();
        assert_eq!(access.has_ended(Held::Stream), Some(Ended::Sealed));
        assert_eq!(access.has_ended(Held::Connection), None);
        sessions.stop();
        assert_eq!(access.has_ended(Held::Connection), Some(Ended::Stopping));
        assert!(now_or_never(sessions.stopping()).is_some());
    }
}
