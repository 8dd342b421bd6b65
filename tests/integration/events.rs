//! The vault's events (`vault.v1.Events`) with the real daemon: a follower (the notifier's
//! identity, over mTLS with the generated client) sees each act's event as it commits, resumes
//! without gaps or repeats, gets the clock's reminders once; the notifier records what it did in
//! the audit log, and may call nothing else.

use crate::harness::*;
use std::path::Path;
use std::time::{Duration, Instant};
use vaultd::identity::Identity;
use vaultd::wire::pb;
use vaultd::wire::pb::events_client::EventsClient;

/// A stream of events on a runtime of its own, read with a timeout.
pub(crate) struct Follower {
    runtime: tokio::runtime::Runtime,
    stream: tonic::Streaming<pb::VaultEvent>,
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap()
}

fn client(
    runtime: &tokio::runtime::Runtime,
    identity: &Path,
) -> EventsClient<tonic::transport::Channel> {
    let identity = Identity::load(identity, || None).unwrap();
    runtime.block_on(async {
        EventsClient::new(
            vaultd::wire::client::connect(&identity, None)
                .await
                .unwrap(),
        )
    })
}

impl Follower {
    pub(crate) fn open(identity: &Path, after_seq: u64) -> Result<Follower, tonic::Status> {
        let runtime = runtime();
        let mut events = client(&runtime, identity);
        let stream = runtime.block_on(async {
            events
                .follow(pb::FollowEventsRequest { after_seq })
                .await
                .map(|r| r.into_inner())
        })?;
        Ok(Follower { runtime, stream })
    }

    /// The next event, or None when none comes within `within`.
    pub(crate) fn next(&mut self, within: Duration) -> Option<pb::VaultEvent> {
        let stream = &mut self.stream;
        self.runtime
            .block_on(async { tokio::time::timeout(within, stream.message()).await })
            .ok()
            .map(|m| m.expect("the stream fails").expect("the stream ends"))
    }

    /// The next event of `kind`, skipping others, within `within` in all.
    fn next_of(&mut self, kind: &str, within: Duration) -> pb::VaultEvent {
        let deadline = Instant::now() + within;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let event = self
                .next(left)
                .unwrap_or_else(|| panic!("no {kind} within {within:?}"));
            if event.kind == kind {
                return event;
            }
        }
    }

    /// Every event already committed (none more for a short while).
    fn drain(&mut self) -> Vec<pb::VaultEvent> {
        std::iter::from_fn(|| self.next(Duration::from_millis(700))).collect()
    }

    /// How the stream ended, if it ends within `within`.
    fn end(&mut self, within: Duration) -> Option<tonic::Status> {
        let stream = &mut self.stream;
        self.runtime.block_on(async {
            tokio::time::timeout(within, async {
                loop {
                    match stream.message().await {
                        Ok(Some(_)) => continue,
                        Ok(None) => return tonic::Status::ok(""),
                        Err(status) => return status,
                    }
                }
            })
            .await
            .ok()
        })
    }
}

fn request(d: &Daemon, account: &str, purpose: &str) -> String {
    let out = cli(
        &d.identity("admin"),
        &[
            "grant",
            "request",
            account,
            "--purpose",
            purpose,
            "--for",
            "8h",
        ],
    )
    .ok();
    out.stdout.trim().to_owned()
}

fn audit_log(d: &Daemon, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["--json", "audit", "log"];
    all.extend_from_slice(args);
    let out = cli(&d.identity("auditor"), &all).ok();
    serde_json::from_str(&out.stdout).unwrap()
}

#[test]
fn a_follower_sees_each_decision_as_it_commits_with_its_fields() {
    let d = Daemon::dev();
    let mut follower = Follower::open(&d.identity("notifier"), 0).unwrap();
    let sg = d.identity("authority");

    let id = request(&d, "facebook-cest", "Campagne d'hiver");
    let asked = Instant::now();
    let created = follower.next_of("request.created", Duration::from_secs(5));
    assert!(
        asked.elapsed() < Duration::from_secs(1),
        "pushed, not polled: {:?}",
        asked.elapsed()
    );
    assert_eq!(created.request_id, id);
    assert_eq!(created.requester, "admin");
    assert_eq!(created.accounts, ["facebook-cest"]);
    assert_eq!(created.purpose, "Campagne d'hiver");
    assert_eq!(created.duration_secs, 8 * 3600);
    assert!(created.created_at > 0 && created.at >= created.created_at);

    let grant = cli(&sg, &["grant", "approve", "--yes", &id])
        .ok()
        .stdout
        .trim()
        .to_owned();
    let approved = follower.next_of("request.approved", Duration::from_secs(5));
    assert!(approved.seq > created.seq);
    assert_eq!(approved.request_id, id);
    assert_eq!(approved.grant_id, grant);
    assert_eq!(approved.decided_by, "authority");
    assert!(approved.decided_at > 0);
    assert_eq!(approved.not_after - approved.not_before, 8 * 3600);
    assert_eq!(approved.max_uses, 0, "unlimited");
    assert_eq!(approved.purpose, "Campagne d'hiver");

    // The grantee saw the current password: its revocation makes rotation due, in one commit.
    cli(
        &d.identity("admin"),
        &["credential", "get", "facebook-cest"],
    )
    .ok();
    cli(
        &sg,
        &["grant", "revoke", &grant, "--reason", "fin de la campagne"],
    )
    .ok();
    let revoked = follower.next_of("grant.revoked", Duration::from_secs(5));
    assert_eq!(revoked.grant_id, grant);
    assert_eq!(revoked.requester, "admin");
    assert_eq!(revoked.accounts, ["facebook-cest"]);
    assert_eq!(revoked.decided_by, "authority");
    assert_eq!(revoked.reason, "fin de la campagne");
    let rotation = follower.next_of("rotation.recommended", Duration::from_secs(5));
    assert_eq!(rotation.accounts, ["facebook-cest"]);
    assert_eq!(rotation.reason, "grant_ended");
    assert_eq!(rotation.seq, revoked.seq + 1, "written by the same act");

    let second = request(&d, "youtube-cest", "vidéo");
    cli(
        &sg,
        &["grant", "deny", &second, "--reason", "pas nécessaire"],
    )
    .ok();
    let denied = follower.next_of("request.denied", Duration::from_secs(5));
    assert_eq!(denied.request_id, second);
    assert_eq!(denied.reason, "pas nécessaire");
    assert_eq!(denied.decided_by, "authority");
    assert_eq!(denied.accounts, ["youtube-cest"]);

    // The authority follows too; one entry per stream on record, not one per event.
    let mut console = Follower::open(&sg, 0).unwrap();
    assert_eq!(console.drain().len() as u64, denied.seq);
    let follows = audit_log(&d, &["--action", "events.follow"]);
    let who: Vec<&str> = follows
        .iter()
        .filter_map(|e| e["principal"].as_str())
        .collect();
    assert_eq!(who.len(), 2, "{follows:?}");
    assert!(who.contains(&"notifier") && who.contains(&"authority"));
}

#[test]
fn a_follower_resuming_after_its_last_seq_misses_nothing_and_repeats_nothing() {
    let d = Daemon::dev();
    let notifier = d.identity("notifier");
    let first: Vec<String> = (0..3)
        .map(|i| request(&d, "x-cest", &format!("lot {i}")))
        .collect();
    let mut follower = Follower::open(&notifier, 0).unwrap();
    let seen = follower.drain();
    assert_eq!(
        seen.iter()
            .map(|e| e.request_id.clone())
            .collect::<Vec<_>>(),
        first
    );
    let last = seen.last().unwrap().seq;
    drop(follower);
    // While nobody follows.
    let later: Vec<String> = (3..5)
        .map(|i| request(&d, "x-cest", &format!("lot {i}")))
        .collect();
    let mut resumed = Follower::open(&notifier, last).unwrap();
    let next = resumed.drain();
    assert_eq!(
        next.iter()
            .map(|e| e.request_id.clone())
            .collect::<Vec<_>>(),
        later
    );
    let seqs: Vec<u64> = seen.iter().chain(&next).map(|e| e.seq).collect();
    assert_eq!(
        seqs,
        (1..=5).collect::<Vec<u64>>(),
        "in order, none twice, none missing"
    );
    // Live again after the backlog.
    let live = request(&d, "x-cest", "lot 5");
    assert_eq!(
        resumed
            .next_of("request.created", Duration::from_secs(5))
            .request_id,
        live
    );
    // Past the end: nothing, until something comes.
    let mut ahead = Follower::open(&notifier, 1_000).unwrap();
    assert!(ahead.next(Duration::from_millis(500)).is_none());
}

#[test]
fn a_request_still_pending_after_remind_after_is_overdue_once() {
    let d = Daemon::dev();
    let early = request(&d, "linkedin-cest", "avant le redémarrage");
    // Again as `vaultd serve` with a one-second reminder: what is pending is scheduled at start.
    let served = d.served_with("[requests]\nremind_after = \"1s\"\n");

    let mut follower = Follower::open(&served.identity("notifier"), 0).unwrap();
    let overdue = follower.next_of("request.overdue", Duration::from_secs(10));
    assert_eq!(overdue.request_id, early);
    assert_eq!(overdue.purpose, "avant le redémarrage");

    let late = request(&served, "flickr-cest", "pendant");
    let made = Instant::now();
    let overdue = follower.next_of("request.overdue", Duration::from_secs(10));
    assert_eq!(overdue.request_id, late);
    assert!(
        made.elapsed() < Duration::from_secs(4),
        "{:?}",
        made.elapsed()
    );
    // A request decided in time is never overdue, and none is twice.
    let decided = request(&served, "x-cest", "décidée");
    cli(
        &served.identity("authority"),
        &["grant", "deny", &decided, "--reason", "non"],
    )
    .ok();
    std::thread::sleep(Duration::from_secs(3));
    let all = Follower::open(&served.identity("notifier"), 0)
        .unwrap()
        .drain();
    let overdue: Vec<&str> = all
        .iter()
        .filter(|e| e.kind == "request.overdue")
        .map(|e| e.request_id.as_str())
        .collect();
    assert_eq!(overdue, [early.as_str(), late.as_str()]);
    // Each on record as the vault's own act.
    let entries = audit_log(&served, &["--action", "request.overdue"]);
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert!(entries.iter().all(|e| e["principal"] == "vaultd"));
}

#[test]
fn a_grant_whose_holder_saw_the_password_ending_makes_rotation_recommended_once() {
    let d = Daemon::dev();
    let mut follower = Follower::open(&d.identity("notifier"), 0).unwrap();
    let out = cli(
        &d.identity("authority"),
        &[
            "grant",
            "issue",
            "--to",
            "admin",
            "--account",
            "x-cest",
            "--purpose",
            "court",
            "--for",
            "3s",
        ],
    )
    .ok();
    let grant = out.stdout.trim().to_owned();
    cli(&d.identity("admin"), &["credential", "get", "x-cest"]).ok();
    let rotation = follower.next_of("rotation.recommended", Duration::from_secs(15));
    assert_eq!(rotation.accounts, ["x-cest"]);
    assert_eq!(rotation.reason, "grant_ended");
    assert_eq!(rotation.grant_id, grant);
    assert!(follower.next(Duration::from_secs(2)).is_none(), "once");
    let entries = audit_log(&d, &["--action", "rotation.recommended"]);
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["principal"], "vaultd");
    assert_eq!(entries[0]["grant"], grant.as_str());
}

fn record(identity: &Path, record: pb::NotificationRecord) -> Result<u64, tonic::Status> {
    let runtime = runtime();
    let mut events = client(&runtime, identity);
    runtime.block_on(async {
        events
            .record(record)
            .await
            .map(|r| r.into_inner().audit_seq)
    })
}

fn sent(event_seq: u64) -> pb::NotificationRecord {
    pb::NotificationRecord {
        event_seq,
        outcome: "sent".into(),
        channel: "mail".into(),
        recipients: vec!["authority".into(), "role:authority".into()],
        reason: String::new(),
        message_id: format!("<event-{event_seq}.vault@cest.example>"),
        attempt: 1,
    }
}

#[test]
fn the_notifier_records_what_it_did_and_bad_records_are_refused() {
    let d = Daemon::dev();
    let notifier = d.identity("notifier");
    let id = request(&d, "facebook-cest", "Campagne");
    let event = Follower::open(&notifier, 0)
        .unwrap()
        .next_of("request.created", Duration::from_secs(5));

    let seq = record(&notifier, sent(event.seq)).unwrap();
    let failed = pb::NotificationRecord {
        outcome: "failed".into(),
        reason: "smtp_unreachable".into(),
        attempt: 2,
        ..sent(event.seq)
    };
    let failed_seq = record(&notifier, failed).unwrap();
    assert!(failed_seq > seq);

    let entries = audit_log(&d, &["--action", "notification.sent"]);
    assert_eq!(entries.len(), 1, "{entries:?}");
    let entry = &entries[0];
    assert_eq!(entry["seq"], seq);
    assert_eq!(entry["principal"], "notifier");
    assert_eq!(entry["target"], id.as_str());
    assert_eq!(entry["outcome"], "allowed");
    let detail = entry["detail"].as_str().unwrap();
    for fact in [
        format!("event={}", event.seq),
        "kind=request.created".into(),
        "channel=mail".into(),
        "recipients=authority,role:authority".into(),
        format!("message_id=<event-{}.vault@cest.example>", event.seq),
        "attempt=1".into(),
    ] {
        assert!(detail.contains(&fact), "{fact} not in {detail}");
    }
    let entries = audit_log(&d, &["--action", "notification.failed"]);
    assert_eq!(entries[0]["seq"], failed_seq);
    assert!(
        entries[0]["detail"]
            .as_str()
            .unwrap()
            .ends_with("reason=smtp_unreachable"),
        "{entries:?}"
    );

    // Refused, each with its reason, and on record as notification.record.
    let field_of = |status: tonic::Status| {
        assert_eq!(status.code(), tonic::Code::InvalidArgument, "{status:?}");
        vaultd::wire::reason::Failure::from_status(&status)
            .and_then(|f| f.field)
            .map(|f| f.field.to_owned())
    };
    let cases = [
        (
            pb::NotificationRecord {
                outcome: "done".into(),
                ..sent(event.seq)
            },
            "outcome",
        ),
        (
            pb::NotificationRecord {
                channel: "sms".into(),
                ..sent(event.seq)
            },
            "channel",
        ),
        (
            pb::NotificationRecord {
                recipients: vec!["sg@cest.example".into()],
                ..sent(event.seq)
            },
            "recipients",
        ),
        (
            pb::NotificationRecord {
                recipients: vec!["a".into(); 33],
                ..sent(event.seq)
            },
            "recipients",
        ),
        (
            pb::NotificationRecord {
                outcome: "skipped".into(),
                ..sent(event.seq)
            },
            "reason",
        ),
        (
            pb::NotificationRecord {
                outcome: "failed".into(),
                reason: "parce que".into(),
                ..sent(event.seq)
            },
            "reason",
        ),
        (
            pb::NotificationRecord {
                message_id: "x".repeat(201),
                ..sent(event.seq)
            },
            "message_id",
        ),
        (
            pb::NotificationRecord {
                message_id: "<a\nb>".into(),
                ..sent(event.seq)
            },
            "message_id",
        ),
        (
            pb::NotificationRecord {
                attempt: 0,
                ..sent(event.seq)
            },
            "attempt",
        ),
    ];
    for (bad, field) in cases {
        let status = record(&notifier, bad).unwrap_err();
        assert_eq!(field_of(status).as_deref(), Some(field));
    }
    let unknown = record(&notifier, sent(event.seq + 1_000)).unwrap_err();
    let failure = vaultd::wire::reason::Failure::from_status(&unknown).unwrap();
    assert_eq!(
        failure.target.as_deref(),
        Some("unknown_event"),
        "{unknown:?}"
    );
    // The authority follows but records nothing.
    let status = record(&d.identity("authority"), sent(event.seq)).unwrap_err();
    assert_eq!(status.code(), tonic::Code::PermissionDenied);

    let refused = audit_log(&d, &["--action", "notification.record"]);
    assert_eq!(refused.len(), 11, "{refused:?}");
    assert!(refused.iter().all(|e| e["outcome"] == "denied"));
    assert_eq!(audit_log(&d, &["--action", "notification.sent"]).len(), 1);
}

#[test]
fn the_notifier_follows_records_and_renews_and_is_refused_everything_else() {
    let d = Daemon::dev();
    let notifier = d.identity("notifier");
    // Through vault-cli: one call of every other service, each refused for its role.
    for args in [
        &["whoami"][..],
        &["status"],
        &["account", "list"],
        &["secret", "history", "x-cest"],
        &["grant", "list"],
        &["grant", "pending"],
        &["credential", "get", "x-cest"],
        &["principal", "list"],
        &["keys", "list"],
        &["audit", "log"],
    ] {
        cli(&notifier, args).refused("lacks the role");
    }
    let refusals = audit_log(&d, &["--principal", "notifier", "--outcome", "denied"]);
    assert!(
        refusals.len() >= 10,
        "each refusal is on record: {refusals:?}"
    );
    assert!(refusals.iter().all(|e| e["reason"] == "forbidden_role"));
    // Its own certificate it renews, as the backup identity does.
    cli(&notifier, &["identity", "renew"]).ok();

    // A few streams at once, not more; the stream ends with its access.
    let mut open: Vec<Follower> = (0..4)
        .map(|_| Follower::open(&notifier, 0).unwrap())
        .collect();
    let fifth = Follower::open(&notifier, 0)
        .err()
        .expect("a fifth stream is refused");
    let failure = vaultd::wire::reason::Failure::from_status(&fifth).unwrap();
    assert_eq!(
        failure.target.as_deref(),
        Some("too_many_follows"),
        "{fifth:?}"
    );
    open.pop();
    // The daemon sees the closed stream and gives its slot back.
    let mut again = None;
    wait_until("a slot given back", Duration::from_secs(10), || {
        again = Follower::open(&notifier, 0).ok();
        again.is_some()
    });
    let mut again = again.unwrap();
    cli(
        &d.identity("operator"),
        &["principal", "disable", "notifier"],
    )
    .ok();
    let ended = again.end(Duration::from_secs(10)).expect("the stream ends");
    assert_ne!(ended.code(), tonic::Code::Ok, "{ended:?}");
}
