//! Waiting for a grant request's decision without polling: a decision (approval or denial)
//! bumps a counter after its commit, and each waiter, woken, reads its one request again (a
//! read by id, whatever the history). Waits are bounded: in time, and in how many one principal
//! may hold at once; the stream carrying one also ends when its principal's access does.

use super::grants::view;
use super::stream_slots::{Slot, StreamSlots};
use super::{Caller, GrantView, Vault};
use crate::store::grants::{self, RequestRecord};
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;
use std::time::Duration;

/// The longest a single wait lasts, whatever the client asks.
pub const MAX_WAIT: Duration = Duration::from_secs(3600);
/// How many waits one principal may hold open at once.
pub const MAX_WAITS_PER_PRINCIPAL: usize = 4;

/// How a wait ended: the request as it stands and, once approved, the grant that answers it
/// (read by its id, so the requester learns its window without listing every grant it had).
#[derive(Debug)]
pub struct WaitOutcome {
    pub request: RequestRecord,
    pub grant: Option<GrantView>,
}

/// Decisions as they commit, and the waits open per principal.
#[derive(Debug)]
pub struct Decisions {
    committed: tokio::sync::watch::Sender<u64>,
    open: StreamSlots,
}

impl Default for Decisions {
    fn default() -> Self {
        Decisions {
            committed: tokio::sync::watch::Sender::new(0),
            open: StreamSlots::new(MAX_WAITS_PER_PRINCIPAL),
        }
    }
}

impl Decisions {
    /// Called once a decision has committed: every waiter looks again.
    pub(super) fn decided(&self) {
        self.committed.send_modify(|n| *n = n.wrapping_add(1));
    }

    fn hold(&self, principal: &str) -> Result<Slot> {
        self.open
            .hold(principal)
            .ok_or(Error::BadRequest(Unusable::TooManyWaits))
    }
}

impl Vault {
    /// The request `prefix` names (as [`Vault::get_request`] shows it) once it is decided, or as
    /// it stands when `timeout` (at most [`MAX_WAIT`]) has passed.
    pub async fn wait_for_decision(
        &self,
        caller: &Caller,
        prefix: &str,
        timeout: Duration,
    ) -> Result<WaitOutcome> {
        let _slot = self.decisions.hold(caller.name())?;
        // Subscribed before the first read, so a decision in between is not missed.
        let mut decided = self.decisions.committed.subscribe();
        let deadline = tokio::time::Instant::now() + timeout.min(MAX_WAIT);
        loop {
            let record = self.get_request(caller, prefix, false).await?;
            if record.state != "pending" {
                return self.outcome(record).await;
            }
            let pending = WaitOutcome {
                request: record,
                grant: None,
            };
            tokio::select! {
                changed = decided.changed() => {
                    if changed.is_err() {
                        return Ok(pending);
                    }
                }
                () = tokio::time::sleep_until(deadline) => return Ok(pending),
            }
        }
    }

    /// A decided request with the grant that answers it, if any.
    async fn outcome(&self, request: RequestRecord) -> Result<WaitOutcome> {
        let Some(grant_id) = request.grant_id.clone() else {
            return Ok(WaitOutcome {
                request,
                grant: None,
            });
        };
        let grant = self
            .store
            .run(move |c| {
                let current = grants::current_authority_key(c)?.map(|k| k.key_id);
                let at = crate::store::now();
                Ok(grants::get_grant(c, &grant_id)?.map(|g| view(g, at, current.as_deref())))
            })
            .await?;
        Ok(WaitOutcome { request, grant })
    }
}
