//! The daemon's clock: the events that time rather than an act causes, each written once, in a
//! commit with its own audit entry (principal `vaultd`) so the review shows it. `request.overdue`
//! when a request is still pending `remind_after` after it was made; `rotation.recommended`
//! when a grant under which someone saw the current password ends; `rotation.due` when an
//! account's current password reaches its maximum age (rotation_due.rs); `rotation.staged_stale`
//! when a staged rotation still waits for its confirmation `staged_warn_after` after it was
//! staged. The clock sleeps until the next deadline (one row of a partial index each), and is
//! woken when a request is made, a password is released, a rotation staged or an account's
//! maximum age shortened, which may bring that deadline nearer.

use super::events::request_body;
use super::{Caller, Vault};
use crate::store::events::{self, EventKind};
use crate::store::grants::{self, Lapse, RequestRecord};
use crate::store::{now, rotation_due, staged};
use crate::tlog::action::Action;
use crate::tlog::detail::Detail;
use crate::vault::error::{Error, Result};
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

/// How long a request waits before it is overdue when the configuration does not say.
pub const DEFAULT_REMIND_AFTER: Duration = Duration::from_secs(30 * 60);

/// How long a staged rotation waits before it is stale when the configuration does not say.
pub const DEFAULT_STAGED_WARN_AFTER: Duration = Duration::from_secs(3600);
/// An account's maximum password age when neither it nor the configuration says (a year).
pub const DEFAULT_ROTATION_MAX_AGE: Duration = Duration::from_secs(365 * 86_400);

/// Longest sleep between two looks, in case the system clock was set forward meanwhile.
const MAX_SLEEP: Duration = Duration::from_secs(3600);
/// Pause after a failed look (storage unwritable): the next one retries.
const RETRY: Duration = Duration::from_secs(5);

/// What the clock needs: how long a request waits before it is overdue, and its wake-up call.
#[derive(Debug)]
pub(crate) struct Clock {
    remind_after: Duration,
    staged_warn_after: Duration,
    rotation_max_age: Duration,
    wake: tokio::sync::Notify,
    /// The deadline the clock sleeps until (Unix seconds), or `LOOKING` while it computes it:
    /// a release wakes it only for a nearer one (one wake-up per release made it look again
    /// for every release, four writes and a read each time, under load).
    next_deadline: AtomicI64,
}

/// The clock is computing its next deadline: any deadline may be nearer.
const LOOKING: i64 = i64::MIN;

impl Default for Clock {
    fn default() -> Self {
        Clock {
            remind_after: DEFAULT_REMIND_AFTER,
            staged_warn_after: DEFAULT_STAGED_WARN_AFTER,
            rotation_max_age: DEFAULT_ROTATION_MAX_AGE,
            wake: tokio::sync::Notify::new(),
            next_deadline: AtomicI64::new(LOOKING),
        }
    }
}

impl Clock {
    /// A deadline may have come nearer: look again (kept if the clock is not waiting yet).
    pub(crate) fn wake(&self) {
        self.wake.notify_one();
    }

    /// Something committed a deadline at `at` (a holding lapses when its grant ends): wakes
    /// the clock if that is nearer than the one it sleeps until. Called after the commit, so
    /// either the clock's look saw it, or the look had not stored its answer yet (`LOOKING`:
    /// woken), or stored one that missed it and is later (woken).
    pub(crate) fn wake_before(&self, at: i64) {
        if at < self.next_deadline.load(Ordering::Acquire) {
            self.wake.notify_one();
        }
    }
}

impl Vault {
    /// Sets how long a request waits before it is overdue (from the configuration).
    pub fn with_remind_after(mut self, remind_after: Duration) -> Self {
        self.clock.remind_after = remind_after.max(Duration::from_secs(1));
        self
    }

    /// Sets how long a staged rotation waits before it is stale (from the configuration).
    pub fn with_staged_warn_after(mut self, staged_warn_after: Duration) -> Self {
        self.clock.staged_warn_after = staged_warn_after.max(Duration::from_secs(1));
        self
    }

    /// How long a staged rotation waits before it is stale, in seconds (`account show` says
    /// "for too long" past it).
    pub fn staged_warn_after_secs(&self) -> i64 {
        self.clock.staged_warn_after.as_secs() as i64
    }

    /// Sets an account's maximum password age when it has none of its own (from the
    /// configuration), within the bounds `account set --max-age` has.
    pub fn with_rotation_max_age(mut self, max_age: Duration) -> Self {
        let secs = i64::try_from(max_age.as_secs()).unwrap_or(i64::MAX);
        self.clock.rotation_max_age =
            Duration::from_secs(secs.clamp(1, crate::limits::MAX_ROTATION_AGE_SECS) as u64);
        self
    }

    /// An account's maximum password age when it has none of its own, in seconds.
    pub fn default_max_age(&self) -> i64 {
        self.clock.rotation_max_age.as_secs() as i64
    }

    /// Writes the events time causes, as they fall due, until the future is dropped. What fell
    /// due while the daemon was stopped is written at once.
    pub async fn run_clock(&self) {
        loop {
            self.clock.next_deadline.store(LOOKING, Ordering::Release);
            let looked = self.write_due_events().await;
            let next = match &looked {
                Ok(Some(next)) => *next,
                Ok(None) => i64::MAX,
                Err(_) => LOOKING,
            };
            self.clock.next_deadline.store(next, Ordering::Release);
            let pause = match looked {
                Ok(Some(next)) => {
                    Duration::from_secs(u64::try_from(next - now()).unwrap_or(0)).min(MAX_SLEEP)
                }
                Ok(None) => MAX_SLEEP,
                Err(e) => {
                    tracing::warn!(error = %e, "the clock could not write its events; it tries again");
                    RETRY
                }
            };
            if pause.is_zero() {
                // A deadline in this very second: after it, not before.
                tokio::time::sleep(Duration::from_millis(200)).await;
                continue;
            }
            tokio::select! {
                () = tokio::time::sleep(pause) => {}
                () = self.clock.wake.notified() => {}
            }
        }
    }

    /// Writes every event due by now, one commit each; answers the next deadline (Unix seconds).
    pub(crate) async fn write_due_events(&self) -> Result<Option<i64>> {
        let remind = self.clock.remind_after.as_secs() as i64;
        while self.write_overdue(now() - remind).await? {}
        while self.note_lapse(now()).await? {}
        let stale = self.staged_warn_after_secs();
        while self.note_stale(now() - stale).await? {}
        while self.note_rotation_due(now()).await? {}
        let max_age = self.default_max_age();
        let (reminder, lapse, staged, due) = self
            .store
            .run(move |c| {
                Ok((
                    grants::next_reminder(c)?,
                    grants::next_lapse(c)?,
                    staged::oldest_not_noted(c)?,
                    rotation_due::next_due(c, max_age)?,
                ))
            })
            .await?;
        Ok([
            reminder.map(|made| made + remind),
            lapse,
            staged.map(|(_, at)| at + stale),
            due,
        ]
        .into_iter()
        .flatten()
        .min())
    }

    /// request.overdue for the oldest request made by `made_by` still pending and not yet
    /// reminded of; false when there is none.
    async fn write_overdue(&self, made_by: i64) -> Result<bool> {
        let system = Caller::system("vaultd");
        let written = self
            .store
            .transact_audited(
                move |tx| {
                    let Some(id) = grants::take_overdue(tx, made_by)? else {
                        return Ok(None);
                    };
                    let request = grants::get_request(tx, &id)?.ok_or(Error::UnknownRequest(id))?;
                    let seq =
                        events::append(tx, EventKind::RequestOverdue, &request_body(&request))?;
                    Ok::<_, Error>(Some((request, seq)))
                },
                move |result: &Result<Option<(RequestRecord, u64)>>| match result {
                    Ok(Some((request, seq))) => {
                        let mut draft = system.draft(Action::RequestOverdue, &request.id);
                        draft.detail = Some(
                            Detail::default()
                                .with("event", seq)
                                .with("requester", &request.requester)
                                .with("made", crate::times::format_time(request.created_at))
                                .build(),
                        );
                        Some(draft)
                    }
                    _ => None,
                },
            )
            .await?;
        Ok(written.is_some())
    }

    /// rotation.staged_stale for the oldest staged change made by `staged_by` not yet said to be
    /// stale, noted so that it is said once; false when there is none.
    async fn note_stale(&self, staged_by: i64) -> Result<bool> {
        let system = Caller::system("vaultd");
        let noted = self
            .store
            .transact_audited(
                move |tx| {
                    let Some((account, at)) = staged::oldest_not_noted(tx)? else {
                        return Ok(None);
                    };
                    if at > staged_by {
                        return Ok(None);
                    }
                    let change = staged::get(tx, &account)?
                        .ok_or_else(|| Error::Internal("staged change vanished".into()))?;
                    staged::note_stale(tx, &account, now())?;
                    let seq = events::rotation_staged_stale(tx, &account, &change.staged_by, at)?;
                    Ok::<_, Error>(Some((change, seq)))
                },
                move |result: &Result<Option<(staged::Staged, u64)>>| match result {
                    Ok(Some((change, seq))) => {
                        let mut draft =
                            system.draft(Action::RotationStagedStale, &change.account_id);
                        draft.grant = change.grant_id.clone();
                        draft.detail = Some(
                            Detail::default()
                                .with("event", seq)
                                .with("stage", &change.stage_id)
                                .with("staged_by", &change.staged_by)
                                .with("staged", crate::times::format_time(change.staged_at))
                                .build(),
                        );
                        Some(draft)
                    }
                    _ => None,
                },
            )
            .await?;
        Ok(noted.is_some())
    }

    /// Notes the lapsed holdings of one account, with rotation.recommended when that makes its
    /// password one to change; false when no holding lapsed unnoted by `at`.
    async fn note_lapse(&self, at: i64) -> Result<bool> {
        let system = Caller::system("vaultd");
        let noted = self
            .store
            .transact_audited(
                move |tx| Ok::<_, Error>(grants::note_next_lapse(tx, at)?),
                move |result: &Result<Option<Lapse>>| match result {
                    Ok(Some(Lapse {
                        account,
                        recommended: Some((seq, grant)),
                    })) => {
                        let mut draft = system.draft(Action::RotationRecommended, account);
                        draft.grant = Some(grant.clone());
                        draft.detail = Some(
                            Detail::default()
                                .with("event", seq)
                                .text("reason", events::RotationReason::GrantEnded.as_str()),
                        );
                        Some(draft)
                    }
                    _ => None,
                },
            )
            .await?;
        Ok(noted.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{audit, Store};
    use crate::tlog::entry::AuditEntry;
    use std::sync::Arc;

    /// A vault with a principal `admin`, an account `a`, and a request `r1` made `age` seconds
    /// ago; requests overdue after a second.
    async fn vault(age: i64) -> (tempfile::TempDir, Arc<Vault>) {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
        let signer = crate::tlog::note::Signer::generate("vaultd/test").unwrap();
        let store = Store::create(dir.path(), signer).unwrap();
        let vault = Vault::from_store(store).with_remind_after(Duration::from_secs(1));
        add_request(&vault, "r1", now() - age).await;
        (dir, Arc::new(vault))
    }

    async fn add_request(vault: &Vault, id: &str, made: i64) {
        let sql = format!(
            "INSERT OR IGNORE INTO principals (name, cert_fingerprint, created_at, created_by)
               VALUES ('admin', 'f1', 0, 'op');
             INSERT OR IGNORE INTO accounts (id, platform, login, created_at, created_by)
               VALUES ('a', 'x', 'l', 0, 'op');
             INSERT INTO grant_requests (id, requester, purpose, duration_secs, created_at)
               VALUES ('{id}', 'admin', 'p', 60, {made});
             INSERT INTO grant_request_accounts (request_id, account_id) VALUES ('{id}', 'a');"
        );
        vault
            .store
            .write(move |tx| Ok(tx.execute_batch(&sql)?))
            .await
            .unwrap();
    }

    async fn overdue_entries(vault: &Vault) -> Vec<AuditEntry> {
        vault
            .store
            .run(|c| {
                audit::query(
                    c,
                    &audit::EntryQuery {
                        below_seq: u64::MAX >> 1,
                        action: Some("request.overdue".into()),
                        limit: 10,
                        ..Default::default()
                    },
                )
            })
            .await
            .unwrap()
            .into_iter()
            .map(|(_, bytes)| AuditEntry::parse(&bytes).unwrap())
            .collect()
    }

    #[tokio::test]
    async fn what_fell_due_is_written_once_with_its_entry_and_the_next_deadline_follows() {
        let (_dir, vault) = vault(10).await;
        let r2_made = now() + 60;
        add_request(&vault, "r2", r2_made).await;
        let next = vault.write_due_events().await.unwrap();
        // r2's reminder, a second after it was made.
        assert_eq!(next, Some(r2_made + 1));
        let events = vault.events_after(0).await.unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].kind, "request.overdue");
        assert_eq!(events[0].body.request_id, "r1");
        assert_eq!(events[0].body.accounts, ["a"]);
        let entries = overdue_entries(&vault).await;
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].principal, "vaultd");
        assert_eq!(entries[0].target, "r1");
        assert_eq!(
            crate::tlog::detail::field(entries[0].detail.as_deref().unwrap(), "event"),
            Some("1")
        );
        // Looking again writes nothing more.
        vault.write_due_events().await.unwrap();
        assert_eq!(vault.events_after(0).await.unwrap().len(), 1);
        assert_eq!(overdue_entries(&vault).await.len(), 1);
    }

    #[tokio::test]
    async fn a_staged_rotation_waiting_too_long_is_said_once_and_a_fresh_one_sets_the_deadline() {
        let (_dir, vault) = vault(10).await;
        let vault = Arc::try_unwrap(vault)
            .ok()
            .unwrap()
            .with_staged_warn_after(Duration::from_secs(60));
        let (old, fresh) = (now() - 120, now() + 30);
        let sql = format!(
            "INSERT INTO accounts (id, platform, login, created_at, created_by)
               VALUES ('b', 'x', 'l', 0, 'op');
             INSERT INTO staged_secrets
               (account_id, stage_id, field, sealed, generated, staged_at, staged_by, grant_id, reason)
             VALUES ('a', 's1', 'password', x'00', 1, {old}, 'admin', 'g1', 'annuelle'),
                    ('b', 's2', 'password', x'00', 1, {fresh}, 'admin', 'g1', 'annuelle');"
        );
        vault
            .store
            .write(move |tx| Ok(tx.execute_batch(&sql)?))
            .await
            .unwrap();
        let next = vault.write_due_events().await.unwrap();
        // The fresh one's deadline is the next (r1's reminder was written).
        assert_eq!(next, Some(fresh + 60));
        let stale: Vec<_> = vault
            .events_after(0)
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.kind == "rotation.staged_stale")
            .collect();
        assert_eq!(stale.len(), 1);
        assert_eq!(stale[0].body.accounts, ["a"]);
        assert_eq!(stale[0].body.requester, "admin");
        assert_eq!(stale[0].body.created_at, old);
        let entries = vault
            .store
            .run(|c| {
                audit::query(
                    c,
                    &audit::EntryQuery {
                        below_seq: u64::MAX >> 1,
                        action: Some("rotation.staged_stale".into()),
                        limit: 10,
                        ..Default::default()
                    },
                )
            })
            .await
            .unwrap();
        assert_eq!(entries.len(), 1);
        let entry = AuditEntry::parse(&entries[0].1).unwrap();
        assert_eq!(entry.principal, "vaultd");
        assert_eq!(entry.target, "a");
        // Looking again says nothing more.
        vault.write_due_events().await.unwrap();
        let all = vault.events_after(0).await.unwrap();
        assert_eq!(
            all.iter()
                .filter(|e| e.kind == "rotation.staged_stale")
                .count(),
            1
        );
    }

    #[tokio::test]
    async fn the_running_clock_writes_a_new_request_s_reminder_when_woken() {
        let (_dir, vault) = vault(10).await;
        let mut committed = vault.events_committed();
        let clock = tokio::spawn({
            let vault = vault.clone();
            async move { vault.run_clock().await }
        });
        // What was due at start.
        tokio::time::timeout(Duration::from_secs(5), committed.wait_for(|seq| *seq >= 1))
            .await
            .expect("r1's reminder at start")
            .unwrap();
        // A request made long ago as far as the clock knows, without a deadline it had seen:
        // only the wake-up brings it in before the clock's longest sleep.
        add_request(&vault, "r3", now() - 10).await;
        vault.clock.wake();
        tokio::time::timeout(Duration::from_secs(5), committed.wait_for(|seq| *seq >= 2))
            .await
            .expect("r3's reminder once woken")
            .unwrap();
        clock.abort();
        let events = vault.events_after(0).await.unwrap();
        let ids: Vec<&str> = events.iter().map(|e| e.body.request_id.as_str()).collect();
        assert_eq!(ids, ["r1", "r3"]);
    }
}
