//! `vault.v1.Events`: the vault's events for the notifier and the authority's console (Follow),
//! and what the notifier did about them (Record).

use super::authn::caller;
use super::{async_stream_from, audited_read, finish, Streamed};
use crate::tlog::action::Action;
use crate::vault::events::FOLLOW_PAGE;
use crate::vault::notifications::NotificationInput;
use crate::vault::EventRecord;
use crate::vault::Vault;
use crate::wire::pb;
use std::sync::Arc;
use tonic::{Request, Response, Status};

pub struct EventsService {
    vault: Arc<Vault>,
}

impl EventsService {
    pub fn new(vault: Arc<Vault>) -> Self {
        Self { vault }
    }
}

impl From<EventRecord> for pb::VaultEvent {
    fn from(e: EventRecord) -> Self {
        let b = e.body;
        pb::VaultEvent {
            seq: e.seq,
            at: e.at,
            kind: e.kind,
            request_id: b.request_id,
            requester: b.requester,
            accounts: b.accounts,
            purpose: b.purpose,
            duration_secs: b.duration_secs,
            created_at: b.created_at,
            decided_by: b.decided_by,
            decided_at: b.decided_at,
            reason: b.reason,
            grant_id: b.grant_id,
            not_before: b.not_before,
            not_after: b.not_after,
            max_uses: b.max_uses,
            delegation_id: b.delegation_id,
            acting_for: b.acting_for,
            decision: b.decision,
            cosigners: b.cosigners,
            awaiting_second_signature: b.awaiting_second_signature,
        }
    }
}

#[tonic::async_trait]
impl pb::events_server::Events for EventsService {
    type FollowStream = Streamed<pb::VaultEvent>;

    async fn follow(
        &self,
        request: Request<pb::FollowEventsRequest>,
    ) -> Result<Response<Self::FollowStream>, Status> {
        let caller = caller(&request)?;
        let after_seq = request.into_inner().after_seq;
        // One entry per stream, not per event.
        let opened = self.vault.open_follow(&caller, after_seq);
        let following =
            audited_read(&self.vault, &caller, Action::EventsFollow, "events", opened).await?;
        let vault = self.vault.clone();
        let stream = async_stream_from(
            &caller,
            move |tx: tokio::sync::mpsc::Sender<Result<pb::VaultEvent, Status>>| async move {
                let _following = following;
                let mut committed = vault.events_committed();
                let mut after = after_seq;
                loop {
                    // Seen before the read: an event committed during it wakes the next wait.
                    committed.borrow_and_update();
                    let page = match vault.events_after(after).await {
                        Ok(page) => page,
                        Err(e) => {
                            let _ = tx.send(Err(Status::from(e))).await;
                            return;
                        }
                    };
                    let caught_up = page.len() < FOLLOW_PAGE as usize;
                    for event in page {
                        after = event.seq;
                        if tx.send(Ok(event.into())).await.is_err() {
                            return;
                        }
                    }
                    if caught_up {
                        // A follower that went away gives its slot back now, not at the next
                        // event.
                        tokio::select! {
                            changed = committed.changed() => {
                                if changed.is_err() {
                                    return;
                                }
                            }
                            () = tx.closed() => return,
                        }
                    }
                }
            },
        );
        Ok(Response::new(stream))
    }

    async fn record(
        &self,
        request: Request<pb::NotificationRecord>,
    ) -> Result<Response<pb::NotificationRecorded>, Status> {
        let caller = caller(&request)?;
        let r = request.into_inner();
        let target = format!("event {}", r.event_seq);
        let input = NotificationInput {
            event_seq: r.event_seq,
            outcome: r.outcome,
            channel: r.channel,
            recipients: r.recipients,
            reason: r.reason,
            message_id: r.message_id,
            attempt: r.attempt,
        };
        let recorded = self.vault.record_notification(&caller, input).await;
        let audit_seq = finish(&caller, Action::NotificationRecord, &target, recorded)?;
        Ok(Response::new(pb::NotificationRecorded { audit_seq }))
    }
}
