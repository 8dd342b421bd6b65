//! How each request of the period was answered, read from the log: when it was asked, when the
//! authority was told (and reminded), when and how she decided, when the requester was told.
//! The notifier records every message it sent, failed or skipped (`notification.*`, about the
//! request's id), so "the Secrétaire générale was told at 14:02 and decided at 14:05" is a fact
//! of the log, not of a mail server's.

use super::model::RequestLoop;
use super::names::{Interner, Name};
use crate::tlog::action::Action;
use crate::tlog::detail;
use crate::tlog::entry::EntryRef;
use foldhash::{HashMap, HashMapExt};

/// The requests asked in the period, by id.
pub(super) struct RequestLoops {
    pub(super) list: Vec<RequestLoop>,
    index: HashMap<Name, usize>,
}

impl RequestLoops {
    pub(super) fn new() -> Self {
        Self {
            list: Vec::new(),
            index: HashMap::new(),
        }
    }

    /// A request asked (`grant.request`, in the period): its id is in the detail.
    pub(super) fn asked(&mut self, e: &EntryRef<'_>, names: &mut Interner) {
        let Some(id) = detail::field(e.detail.unwrap_or_default(), "request") else {
            return;
        };
        let request = names.get(id);
        self.index.insert(request.clone(), self.list.len());
        self.list.push(RequestLoop {
            seq: e.seq,
            request,
            requester: names.get(e.principal),
            asked: e.time.to_owned(),
            authority_told: None,
            reminded: None,
            decided: None,
            decision: None,
            decided_by: None,
            requester_told: None,
            failed_notifications: 0,
        });
    }

    /// A decision: a grant registered answering the request, or its denial.
    pub(super) fn decided(&mut self, e: &EntryRef<'_>, approved: bool, names: &mut Interner) {
        let Some(id) = detail::field(e.detail.unwrap_or_default(), "request") else {
            return;
        };
        let Some(&i) = self.index.get(id) else {
            return;
        };
        let request = &mut self.list[i];
        if request.decided.is_none() {
            request.decided = Some(e.time.to_owned());
            request.decision = Some(names.get(if approved { "approved" } else { "denied" }));
            request.decided_by = Some(names.get(e.principal));
        }
    }

    /// What the notifier recorded about a request (the entry's target is the request's id).
    pub(super) fn told(&mut self, e: &EntryRef<'_>, action: Action) {
        let Some(&i) = self.index.get(e.target) else {
            return;
        };
        let request = &mut self.list[i];
        if action != Action::NotificationSent {
            request.failed_notifications += 1;
            return;
        }
        let slot = match detail::field(e.detail.unwrap_or_default(), "kind") {
            Some("request.created") => &mut request.authority_told,
            Some("request.overdue") => &mut request.reminded,
            Some("request.approved" | "request.denied") => &mut request.requester_told,
            _ => return,
        };
        // The first message that reached them: a retry or a hook after it says nothing new.
        slot.get_or_insert_with(|| e.time.to_owned());
    }
}
