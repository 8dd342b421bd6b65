//! The vault's events in the domain: what each act's event says (written by the act, in its own
//! commit), and following them: a bounded backlog read by sequence number, then each new one as
//! it commits, on a few streams per principal.

use super::stream_slots::Slot;
use super::{Caller, Vault};
use crate::ids::Role;
use crate::store::events::{self, EventBody, EventRecord};
use crate::store::grants::{GrantRecord, RequestRecord};
use crate::vault::error::{Error, Result};
use crate::wire::reason::Unusable;

/// How many event streams one principal may hold open at once.
pub const MAX_FOLLOWS_PER_PRINCIPAL: usize = 4;
/// Most events read at once for a follower catching up.
pub const FOLLOW_PAGE: u32 = 256;

/// A request's fields, as every request.* event carries them.
pub(super) fn request_body(r: &RequestRecord) -> EventBody {
    EventBody {
        request_id: r.id.clone(),
        requester: r.requester.clone(),
        accounts: r.accounts.clone(),
        purpose: r.purpose.clone(),
        duration_secs: r.duration_secs,
        created_at: r.created_at,
        decided_by: r.decided_by.clone().unwrap_or_default(),
        decided_at: r.decided_at.unwrap_or_default(),
        reason: r.deny_reason.clone().unwrap_or_default(),
        ..Default::default()
    }
}

/// request.approved: the request as decided, and the grant that answers it.
pub(super) fn approved_body(r: &RequestRecord, g: &GrantRecord) -> EventBody {
    EventBody {
        grant_id: g.id.clone(),
        not_before: g.not_before,
        not_after: g.not_after,
        max_uses: g.max_uses.unwrap_or(0),
        awaiting_second_signature: g.needs_two_signatures && g.cosignature.is_none(),
        ..request_body(r)
    }
}

/// A grant's fields for an event about it (its grantee as `requester`), decided by `by` at `at`.
pub(super) fn grant_body(g: &GrantRecord, by: &str, at: i64) -> EventBody {
    EventBody {
        grant_id: g.id.clone(),
        request_id: g.request_id.clone().unwrap_or_default(),
        requester: g.grantee.clone(),
        accounts: g.accounts.clone(),
        purpose: g.purpose.clone(),
        decided_by: by.to_owned(),
        decided_at: at,
        not_before: g.not_before,
        not_after: g.not_after,
        max_uses: g.max_uses.unwrap_or(0),
        ..Default::default()
    }
}

/// An open follow, counted against its principal until dropped.
pub struct Following {
    _slot: Slot,
    /// The event it resumes after.
    pub after_seq: u64,
}

impl std::fmt::Debug for Following {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Following")
    }
}

impl crate::vault::audit_facts::AuditFacts for Following {
    fn audit_detail(&self) -> Option<String> {
        Some(
            crate::tlog::detail::Detail::default()
                .with("after", self.after_seq)
                .build(),
        )
    }
}

impl Vault {
    /// Opens one of the caller's few event streams (the notifier's and the authority's).
    pub fn open_follow(&self, caller: &Caller, after_seq: u64) -> Result<Following> {
        if !caller
            .roles()
            .iter()
            .any(|r| matches!(r, Role::Notifier | Role::Authority))
        {
            return Err(Error::Forbidden(Role::Notifier));
        }
        let slot = self
            .follows
            .hold(caller.name())
            .ok_or(Error::BadRequest(Unusable::TooManyFollows))?;
        Ok(Following {
            _slot: slot,
            after_seq,
        })
    }

    /// Up to [`FOLLOW_PAGE`] events after `after_seq`, in order.
    pub async fn events_after(&self, after_seq: u64) -> Result<Vec<EventRecord>> {
        Ok(self
            .store
            .run(move |c| events::after(c, after_seq, FOLLOW_PAGE))
            .await?)
    }

    /// The last committed event's number, changed after each commit that adds events.
    pub fn events_committed(&self) -> tokio::sync::watch::Receiver<u64> {
        self.store.events_committed()
    }
}
